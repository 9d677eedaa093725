import { ConfigError, loadConfig } from './config.ts';
import { createApp } from './app/app.ts';

/**
 * `npm start`: API + in-process workers (the embedded default runs everything in one process).
 * `npm run worker`: queue workers only (production scale-out, needs DATABASE_URL + REDIS_URL).
 */
async function main() {
  const workerOnly = process.argv.includes('--worker');
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(78); // EX_CONFIG
    }
    throw err;
  }
  if (workerOnly && !config.DATABASE_URL) {
    console.error('Invalid configuration:\n  DATABASE_URL: a separate worker process needs PostgreSQL (the embedded database is one process)');
    process.exit(78);
  }
  const app = await createApp(config, { http: !workerOnly });
  if (workerOnly || config.INLINE_WORKERS) app.startWorkers();
  if (!workerOnly) {
    const address = await app.http.listen({ host: config.HOST, port: config.PORT });
    app.log.info({ address, database: app.db.kind, queue: app.queue.kind }, 'union-assistant listening');
    const shown = config.PUBLIC_URL ?? `http://localhost:${(app.http.server.address() as { port: number }).port}`;
    console.log(`Trợ lý Công đoàn: web chat on ${shown}`);
  } else {
    app.log.info({ queue: app.queue.kind }, 'union-assistant worker started');
    console.log('Trợ lý Công đoàn: worker started');
  }

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    const force = setTimeout(() => process.exit(1), 15_000);
    force.unref();
    await app.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
