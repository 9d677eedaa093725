/**
 * `npm run cli -- <command>`: operator commands. Each opens the same database as the server
 * (DATABASE_URL, or the embedded one in ./data: stop `npm start` first, PGlite is one process).
 */
import { Command } from 'commander';
import cliProgress from 'cli-progress';
import { loadConfig, ConfigError } from '../config.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { generateOrgTree } from '../org/seed-data.ts';
import { loadOrgTree } from '../org/load.ts';
import { adapterCommands } from '../../adapters/commands.ts';
import { registerNluCommands } from '../nlu/cli.ts';
import { registerLegalCommands } from '../legal/cli.ts';
import { registerBenefitCommands } from '../benefits/cli.ts';
import { registerSurveyCommands } from '../surveys/cli.ts';
import { registerQuizCommands } from '../quiz/cli.ts';
import { registerOfficerCommands } from '../officers/cli.ts';
import { registerScaleCommands } from '../scale/cli.ts';
import { registerBroadcastCommands } from '../broadcasts/cli.ts';
import { registerPrivacyCommands } from '../privacy/cli.ts';

async function withDb<T>(fn: (db: Database) => Promise<T>): Promise<T> {
  const config = loadConfig();
  const db = await openDatabase({
    url: config.DATABASE_URL,
    schema: config.DATABASE_SCHEMA,
    poolMax: 4,
    dataDir: config.dataDir,
  });
  try {
    await db.migrate();
    return await fn(db);
  } finally {
    await db.close();
  }
}

const program = new Command('union-assistant').description('Trợ lý Công đoàn: operator commands');

program
  .command('migrate')
  .description('apply pending database migrations')
  .action(async () => {
    await withDb(async () => console.log('database is up to date'));
  });

program
  .command('seed-org')
  .description('load the org tree: Tổng Liên đoàn, 34 provincial federations, central sector unions and grassroots unions')
  .option('--size <size>', 'demo (≈40 grassroots unions) or full (400 by default)', 'full')
  .option('--grassroots <n>', 'number of grassroots unions to generate', (v) => Number.parseInt(v, 10))
  .option('--seed <n>', 'random seed of the generator (same seed, same tree)', (v) => Number.parseInt(v, 10))
  .action(async (opts: { size: string; grassroots?: number; seed?: number }) => {
    if (opts.size !== 'demo' && opts.size !== 'full') throw new ConfigError('--size must be demo or full');
    if (opts.grassroots !== undefined && !(opts.grassroots >= 0)) throw new ConfigError('--grassroots must be a number ≥ 0');
    await withDb(async (db) => {
      const bar = new cliProgress.SingleBar(
        { format: 'org units {bar} {value} loaded | {duration}s', hideCursor: true },
        cliProgress.Presets.shades_classic,
      );
      bar.start(0, 0);
      const started = Date.now();
      const result = await loadOrgTree(
        db.prisma,
        generateOrgTree({ size: opts.size as 'demo' | 'full', grassroots: opts.grassroots, seed: opts.seed }),
        {
          onProgress: (done) => {
            bar.setTotal(done);
            bar.update(done);
          },
        },
      );
      bar.stop();
      console.log(
        `inserted ${result.inserted}, updated ${result.updated}, already present ${result.existing} in ${((Date.now() - started) / 1000).toFixed(1)} s`,
      );
    });
  });

registerNluCommands(program);
registerLegalCommands(program);
registerBenefitCommands(program);
registerSurveyCommands(program);
registerQuizCommands(program);
registerOfficerCommands(program);
registerScaleCommands(program);
registerBroadcastCommands(program);
registerPrivacyCommands(program);

// Channel commands validate only their own channel's variables (adapters/<ch>/config.ts).
for (const c of adapterCommands) {
  const cmd = program.command(c.name).description(c.description);
  for (const o of c.options ?? []) cmd.option(o.flags, o.description, o.default);
  cmd.action((opts: Record<string, unknown>) =>
    c.run(Object.fromEntries(Object.entries(process.env).filter(([, v]) => v)) as Record<string, string>, opts),
  );
}

program.parseAsync(process.argv).catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(err instanceof ConfigError ? 78 : 1);
});
