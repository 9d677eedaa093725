import type { Command } from 'commander';
import cliProgress from 'cli-progress';
import { loadConfig } from '../config.ts';
import { createApp, type App } from '../app/app.ts';
import { broadcastDeps, type BroadcastDeps } from './deps.ts';
import { planBroadcast } from './plan.ts';
import { control } from './control.ts';
import { channelCounts } from './sender.ts';
import { runBroadcast } from './runner.ts';
import { getBroadcast } from './store.ts';

function depsOf(app: App): BroadcastDeps {
  return broadcastDeps({ sql: app.db.sql, queue: app.queue, keyring: app.services.keyring, notifier: app.notifier, adapters: app.adapters, clock: app.services.clock, log: app.log, config: app.config });
}

async function withApp<T>(fn: (app: App) => Promise<T>): Promise<T> {
  // the whole app without HTTP: the same adapters (rates) and, for send, the delivery workers
  const app = await createApp(loadConfig(), { http: false });
  try {
    return await fn(app);
  } finally {
    await app.close();
  }
}

/** `broadcast:plan <id>` and `broadcast:send <id>` (live progress bar). */
export function registerBroadcastCommands(program: Command): void {
  program
    .command('broadcast:plan <id>')
    .description('plan a broadcast: per channel who is reached now, later (when), never (why), duration and quota')
    .option('--json', 'print the plan as JSON')
    .action(async (id: string, opts: { json?: boolean }) => {
      await withApp(async (app) => {
        const plan = await planBroadcast(depsOf(app), id);
        if (opts.json) return console.log(JSON.stringify(plan, null, 2));
        console.log(`${plan.total} recipients: ${plan.reachableNow} now, ${plan.later} later, ${plan.never} not at all`);
        for (const c of plan.channels) {
          const reasons = Object.entries(c.never.reasons).map(([k, v]) => `${k} ${v}`).join(', ');
          console.log(
            `  ${c.channel.padEnd(9)} now ${c.now}  later ${c.later.count}${c.later.from ? ` (from ${c.later.from})` : ''}  never ${c.never.count}${reasons ? ` (${reasons})` : ''}` +
              `  ~${Math.ceil(c.estimatedSeconds / 60)} min${c.quota.proactive ? `  Zalo proactive quota ${c.quota.proactive}` : ''}`,
          );
        }
        console.log(`estimated finish (quiet hours 22:00-08:00 kept): ${plan.estimatedFinish ?? '—'}`);
      });
    });

  program
    .command('broadcast:send <id>')
    .description('start (if planned) and send a broadcast here, with a live progress bar; Ctrl-C stops this loop safely')
    .action(async (id: string) => {
      await withApp(async (app) => {
        const deps = depsOf(app);
        const b = await getBroadcast(deps.sql, id);
        if (!b) throw new Error(`no broadcast ${id}`);
        if (b.status === 'draft') await planBroadcast(deps, id);
        if (b.status === 'draft' || b.status === 'planned') await control(deps, id, 'start');
        app.startWorkers();
        const bar = new cliProgress.SingleBar(
          { format: 'broadcast {bar} {percentage}% | {value}/{total} | {channels} | {state}', hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        const counts = await channelCounts(deps, id);
        bar.start(counts.reduce((n, c) => n + c.total, 0), 0, { channels: '', state: 'starting' });
        const abort = new AbortController();
        process.once('SIGINT', () => abort.abort());
        const r = await runBroadcast(deps, id, {
          signal: abort.signal,
          onTick: (t) => {
            void channelCounts(deps, id).then((cs) => {
              const done = cs.reduce((n, c) => n + c.sent + c.failed + c.skipped, 0);
              const channels = cs.map((c) => `${c.channel} ${c.sent}✓ ${c.failed}✗ ${c.skipped}–`).join('  ');
              bar.update(done, { channels, state: t.state === 'quiet' ? `quiet hours until ${t.wakeAt.toISOString()}` : t.state });
            });
          },
        });
        bar.stop();
        console.log(`broadcast ${id}: ${r.state}`);
      });
    });
}
