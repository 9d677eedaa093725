/**
 * Issue 8 benchmark: end-to-end message throughput with 2 API processes + 2 worker processes
 * against one PostgreSQL and one Redis, versus 1 + 1. The load is bench/pipeline.ts's: simulated
 * workers each run the whole registration over Direct Line (POST a message, wait on the WebSocket
 * for the reply to it, send the next), spread round-robin over the API processes. Webhook
 * acknowledgement happens on the API process; turns and deliveries on the workers (BullMQ).
 *
 * On a machine with fewer cores than processes, a second pair only shares the same CPU, so the
 * benchmark also runs every app process under a fixed CPU budget (bench/cgroup.ts), standing in for
 * "one small machine per process": the app processes become the bottleneck and a second pair
 * brings its own budget. Both the capped and the uncapped (honest "same cores") rows are written.
 *
 * Size: BENCH_USERS (default 100 simulated workers; BENCH_QUICK=1: 40), BENCH_CPU_CAP (CPUs per app
 * process, default 0.25; 0 = uncapped rows only).
 */
import { loadavg } from 'node:os';
import pg from 'pg';
import { startProcess, type Proc } from '../test/processes.ts';
import { noCpuCaps, openCpuCaps, type CpuCap, type CpuCaps } from './cgroup.ts';
import { commandCpuSeconds, machineCpu, treeCpuSeconds } from './proc-cpu.ts';
import { benchApp, registrationScript, runUserExport as runUser } from './pipeline.ts';
import { percentile } from './table.ts';
import { writeScaleOutReport, type ScaleRow } from './scale-out-report.ts';

const QUICK = process.env.BENCH_QUICK === '1';
const USERS = Number(process.env.BENCH_USERS ?? (QUICK ? 40 : 100));
const CPU_CAP = Number(process.env.BENCH_CPU_CAP ?? 0.25);
/** a few users before the measured load: lazy module loads and JIT warm-up are not in the figures */
/**
 * Registrations run (and not counted) before each measured load, once the processes are in their
 * groups: enough that V8 has compiled the hot paths of every process, so a layout with more
 * processes is not charged for warming up more of them inside the measured window.
 */
const WARMUP_USERS = Number(process.env.BENCH_WARMUP_USERS ?? (QUICK ? 6 : 20));
/** a loaded 2-core machine can take more than a minute to start a process (migrations, demo seed) */
const START_TIMEOUT_MS = 300_000;

interface RunSpec {
  apis: number;
  workers: number;
  /** CPUs per app process; undefined = uncapped */
  cap?: number;
}

interface Snapshot {
  at: number;
  procs: number[];
  loadGen: number;
  postgres: number;
  redis: number;
  machineBusy: number;
  throttling: Array<{ periods: number; throttled: number; throttledSeconds: number }>;
}

function snapshot(procs: Proc[], caps: CpuCap[]): Snapshot {
  const own = process.cpuUsage();
  return {
    at: performance.now(),
    procs: procs.map((p) => treeCpuSeconds(p.child.pid!)),
    loadGen: (own.user + own.system) / 1e6,
    postgres: commandCpuSeconds('postgres'),
    redis: commandCpuSeconds('redis-server'),
    machineBusy: machineCpu().busy,
    throttling: caps.map((c) => c.throttling()),
  };
}

async function scaleRun(spec: RunSpec, caps: CpuCaps, users = USERS): Promise<ScaleRow> {
  const { schema, redis, env } = await benchApp(false);
  const procs: Proc[] = [];
  const groups: CpuCap[] = [];
  try {
    // the first process applies the migrations and the demo seed; the others find them done
    procs.push(await startProcess('api', env, START_TIMEOUT_MS));
    const more = await Promise.all([
      ...Array.from({ length: spec.apis - 1 }, () => startProcess('api', env, START_TIMEOUT_MS)),
      ...Array.from({ length: spec.workers }, () => startProcess('worker', env, START_TIMEOUT_MS)),
    ]);
    procs.push(...more);
    const kinds = procs.map((p) => (p.url ? 'api' : 'worker'));
    // Processes start uncapped (start-up compiles TypeScript and migrates: minutes at 0.25 CPU)
    // and move into their group once ready (with any child process of theirs).
    if (spec.cap) {
      for (const [i, p] of procs.entries()) {
        const g = caps.create(`${kinds[i]}${i}`, spec.cap);
        groups.push(g);
        g.add(p.child.pid!);
      }
    }
    const urls = procs.filter((p) => p.url).map((p) => p.url!);
    const warm = await Promise.all(
      Array.from({ length: WARMUP_USERS }, (_, k) => runUser(urls[k % urls.length]!, users + k, registrationScript(users + k))),
    );

    const db = new pg.Client({ connectionString: schema.url, options: `-c search_path=${schema.schema}` });
    await db.connect();
    const q = async (sql: string) => Number((await db.query(sql)).rows[0].n);
    const doneBefore = await q(`SELECT count(*) n FROM inbox_message WHERE status = 'done'`);
    const registrationsBefore = await q(`SELECT count(*) n FROM registration`);

    const scansBefore = await tableScans(db, schema.schema);
    const before = snapshot(procs, groups);
    const results = await Promise.all(Array.from({ length: users }, (_, i) => runUser(urls[i % urls.length]!, i, registrationScript(i))));
    const after = snapshot(procs, groups);
    const seconds = (after.at - before.at) / 1000;

    for (let i = 0; i < 100 && (await q(`SELECT count(*) n FROM outbox_message WHERE status <> 'sent'`)) > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const inboxDone = (await q(`SELECT count(*) n FROM inbox_message WHERE status = 'done'`)) - doneBefore;
    const inboxAll = await q(`SELECT count(*) n FROM inbox_message`);
    const outbox = await q(`SELECT count(*) n FROM outbox_message`);
    const delivered = await q(`SELECT count(*) n FROM webchat_activity WHERE key LIKE 'out:%'`);
    const registrations = await q(`SELECT count(*) n FROM registration`);
    const scansAfter = await tableScans(db, schema.schema);
    await db.end();

    const all = [...warm, ...results];
    const sent = results.reduce((s, r) => s + r.sent, 0);
    const sentAll = all.reduce((s, r) => s + r.sent, 0);
    const turns = results.flatMap((r) => r.turns).sort((a, b) => a - b);
    const acks = results.flatMap((r) => r.acks).sort((a, b) => a - b);
    const duplicates = all.reduce((s, r) => s + r.duplicates, 0) + Math.max(0, delivered - outbox) + Math.max(0, inboxAll - sentAll);
    const cpu = (kind: 'api' | 'worker') => procs.map((_, i) => after.procs[i]! - before.procs[i]!).filter((_, i) => kinds[i] === kind);
    const throttled = groups.map((_, i) => {
      const periods = after.throttling[i]!.periods - before.throttling[i]!.periods;
      return periods ? (after.throttling[i]!.throttled - before.throttling[i]!.throttled) / periods : 0;
    });
    return {
      ...spec,
      users,
      seconds,
      sent,
      processed: inboxDone,
      rate: inboxDone / seconds,
      registrations: registrations - registrationsBefore,
      turnP50: percentile(turns, 50),
      turnP99: percentile(turns, 99),
      ackP50: percentile(acks, 50),
      ackP99: percentile(acks, 99),
      // posted but never processed: a real loss
      lost: sent - inboxDone,
      duplicates,
      // processed, but the reply came after the load driver's 30 s wait (the simulated worker then stops)
      late: sent - results.reduce((s, r) => s + r.replied, 0),
      apiCpu: cpu('api'),
      workerCpu: cpu('worker'),
      loadGenCpu: after.loadGen - before.loadGen,
      postgresCpu: after.postgres - before.postgres,
      redisCpu: after.redis - before.redis,
      machineBusy: after.machineBusy - before.machineBusy,
      throttledShare: throttled,
      scansPerMessage: [...scansAfter]
        .map(([table, n]) => [table, (n - (scansBefore.get(table) ?? 0)) / inboxDone] as [string, number])
        .filter(([, n]) => n >= 0.5)
        .sort((a, b) => b[1] - a[1]),
      errors: all.flatMap((r) => r.errors),
    };
  } finally {
    for (const p of procs.reverse()) await p.kill();
    for (const g of groups) g.remove();
    await redis.cleanup();
    await schema.drop();
  }
}

/**
 * Index and sequential scans per table of this run's schema: where the database work per message
 * goes, untouched by other work on the same server (statistics are per schema's tables).
 * PostgreSQL publishes a backend's counters within about a second, so the reading lags a little.
 */
async function tableScans(db: pg.Client, schema: string): Promise<Map<string, number>> {
  const { rows } = await db.query<{ relname: string; n: string }>(
    'SELECT relname, seq_scan + coalesce(idx_scan, 0) AS n FROM pg_stat_user_tables WHERE schemaname = $1',
    [schema],
  );
  return new Map(rows.map((r) => [r.relname, Number(r.n)]));
}

async function versions(): Promise<{ postgres: string; redis: string }> {
  const { DATABASE_URL, REDIS_URL } = await import('../test/env.ts');
  const db = new pg.Client({ connectionString: DATABASE_URL });
  await db.connect();
  const postgres = String((await db.query('SHOW server_version')).rows[0].server_version).split(' ')[0]!;
  await db.end();
  const { Redis } = await import('ioredis');
  const r = new Redis(REDIS_URL, { maxRetriesPerRequest: 2 });
  const info = await r.info('server');
  r.disconnect();
  return { postgres, redis: info.match(/redis_version:(\S+)/)?.[1] ?? '?' };
}

export async function benchScaleOut(): Promise<string> {
  const loadBefore = loadavg()[0]!;
  const caps: CpuCaps = CPU_CAP > 0 ? openCpuCaps() : noCpuCaps('BENCH_CPU_CAP=0');
  const specs: RunSpec[] = [
    { apis: 1, workers: 1 },
    { apis: 2, workers: 2 },
    ...(caps.kind === 'none'
      ? []
      : [
          { apis: 1, workers: 1, cap: CPU_CAP },
          { apis: 2, workers: 1, cap: CPU_CAP },
          { apis: 1, workers: 2, cap: CPU_CAP },
          { apis: 2, workers: 2, cap: CPU_CAP },
        ]),
  ];
  const rows: ScaleRow[] = [];
  try {
    for (const spec of specs) {
      const row = await scaleRun(spec, caps);
      console.error(`scale-out ${spec.apis}+${spec.workers}${spec.cap ? ` @${spec.cap} CPU` : ''}: ${row.rate.toFixed(1)} msg/s`);
      rows.push(row);
    }
  } finally {
    caps.removeAll();
  }
  return writeScaleOutReport({ rows, caps, cpuCap: CPU_CAP, users: USERS, messagesPerUser: registrationScript(0).length, warmupUsers: WARMUP_USERS, quick: QUICK, loadBefore, loadAfter: loadavg()[0]!, versions: await versions() });
}
