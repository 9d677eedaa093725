/**
 * Writes bench/results/scale-out.md: one table row per process layout (uncapped and under a CPU
 * budget per process), the scaling factors, and whether the budget was really enforced.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { projectRoot } from '../src/paths.ts';
import type { CpuCaps } from './cgroup.ts';

export interface ScaleRow {
  apis: number;
  workers: number;
  cap?: number;
  users: number;
  seconds: number;
  sent: number;
  processed: number;
  rate: number;
  registrations: number;
  turnP50: number;
  turnP99: number;
  ackP50: number;
  ackP99: number;
  lost: number;
  duplicates: number;
  late: number;
  /** CPU seconds per process over the measured load */
  apiCpu: number[];
  workerCpu: number[];
  loadGenCpu: number;
  postgresCpu: number;
  redisCpu: number;
  machineBusy: number;
  /** per capped process: share of scheduler periods in which it hit its quota */
  throttledShare: number[];
  /** index + sequential scans per processed message, by table of the run's schema, most first */
  scansPerMessage: Array<[string, number]>;
  errors: string[];
}

interface Report {
  rows: ScaleRow[];
  caps: CpuCaps;
  cpuCap: number;
  users: number;
  messagesPerUser: number;
  warmupUsers: number;
  quick: boolean;
  loadBefore: number;
  loadAfter: number;
  versions: { postgres: string; redis: string };
}

const layout = (r: ScaleRow) => `${r.apis} API + ${r.workers} worker`;
const pct = (x: number) => `${(x * 100).toFixed(0)}%`;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

/** CPUs used per process (seconds / wall time), and for a capped one the share of its budget */
function cpuCell(r: ScaleRow, perProcess: number[]): string {
  const used = perProcess.map((s) => s / r.seconds);
  const text = used.map((u) => u.toFixed(2)).join(' + ');
  return r.cap ? `${text} (${used.map((u) => pct(u / r.cap!)).join(', ')} of budget)` : text;
}

function find(rows: ScaleRow[], apis: number, workers: number, capped: boolean) {
  return rows.find((r) => r.apis === apis && r.workers === workers && Boolean(r.cap) === capped);
}

export function writeScaleOutReport(rep: Report): string {
  const { rows, caps } = rep;
  const cores = cpus().length;
  const machine =
    `${cores} × ${cpus()[0]?.model.trim() ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}, ` +
    `PostgreSQL ${rep.versions.postgres}, Redis ${rep.versions.redis}`;
  const table = [
    '| processes | CPU budget per app process | msg/s | turn p50 / p99 (ms) | webhook ack p50 / p99 (ms) | lost / duplicated | late replies | registrations | API CPUs used | worker CPUs used | load generator CPUs | PostgreSQL / Redis CPUs | CPU ms per message: API / worker / PostgreSQL / Redis / load generator | machine busy |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
    ...rows.map((r) =>
      [
        layout(r),
        r.cap ? `${r.cap} CPU (${caps.kind})` : 'none (shared cores)',
        r.rate.toFixed(1),
        `${r.turnP50.toFixed(0)} / ${r.turnP99.toFixed(0)}`,
        `${r.ackP50.toFixed(1)} / ${r.ackP99.toFixed(1)}`,
        `${r.lost} / ${r.duplicates}`,
        r.late,
        `${r.registrations} of ${r.users}`,
        cpuCell(r, r.apiCpu),
        cpuCell(r, r.workerCpu),
        (r.loadGenCpu / r.seconds).toFixed(2),
        `${(r.postgresCpu / r.seconds).toFixed(2)} / ${(r.redisCpu / r.seconds).toFixed(2)}`,
        [sum(r.apiCpu), sum(r.workerCpu), r.postgresCpu, r.redisCpu, r.loadGenCpu].map((s) => ((1000 * s) / r.processed).toFixed(1)).join(' / '),
        // /proc/stat ticks and the wall clock are read a moment apart: never show more than 100%
        pct(Math.min(1, r.machineBusy / (r.seconds * cores))),
      ].join(' | '),
    ).map((l) => `| ${l} |`),
  ];

  const factor = (apis: number, workers: number, capped: boolean) => {
    const base = find(rows, 1, 1, capped);
    const other = find(rows, apis, workers, capped);
    return base && other ? `${(other.rate / base.rate).toFixed(2)}×` : 'not run';
  };
  const capped = rows.filter((r) => r.cap);
  const factors = [
    '| scaling factor vs 1 API + 1 worker | uncapped | capped |',
    '|---|---|---|',
    ...[
      [2, 2],
      [2, 1],
      [1, 2],
    ].map(([a, w]) => `| ${a} API + ${w} worker | ${factor(a!, w!, false)} | ${factor(a!, w!, true)} |`),
  ];

  const notes: string[] = [];
  const two = find(rows, 2, 2, true);
  if (capped.length === 0) {
    notes.push(
      rep.cpuCap > 0
        ? `**No CPU cap could be set (${caps.why}); only the uncapped rows were run.** Run as root on Linux with a writable cgroup cpu controller (v1 cpu.cfs_quota_us or v2 cpu.max) to get the capped rows.`
        : 'Capped rows not run (BENCH_CPU_CAP=0).',
    );
  } else {
    // enforcement: a capped process can never use more than its budget over the run
    // A cap is enforced when no process ever used more than budget × wall time, and the ones the
    // scheduler throttled most of the time (saturated) used close to all of it.
    const procs = capped.flatMap((r) =>
      [...r.apiCpu, ...r.workerCpu].map((s, i) => ({ share: s / (r.cap! * r.seconds), throttled: r.throttledShare[i] ?? 0 })),
    );
    const most = Math.max(...procs.map((p) => p.share));
    const saturated = procs.filter((p) => p.throttled >= 0.5).map((p) => p.share);
    notes.push(
      `Budget check (${caps.kind}, quota ${rep.cpuCap} CPU per 100 ms period): the most any capped app process used was ${pct(most)} of budget × wall time` +
        (most <= 1.02 ? ' (the cap held)' : ' (**above the budget: the cap was not enforced**)') +
        (saturated.length
          ? `; the ${saturated.length} processes throttled in at least half of their periods (saturated by the cap) used ${pct(Math.min(...saturated))}–${pct(Math.max(...saturated))} of it.`
          : '; no process was throttled in half of its periods, so none was limited by its cap (the load or the shared machine was).') +
        ' A process well below 100% was waiting on something else: its partner process, PostgreSQL, or a machine too busy to give it its budget.',
    );
    const reserved = 4 * rep.cpuCap;
    if (two) {
      const rest = (two.loadGenCpu + two.postgresCpu + two.redisCpu) / two.seconds;
      const busy = Math.min(1, two.machineBusy / (two.seconds * cores));
      const ours = (sum(two.apiCpu) + sum(two.workerCpu)) / two.seconds + rest;
      notes.push(
        `Headroom: 2 + 2 capped processes reserve ${reserved.toFixed(2)} of the ${cores} cores, leaving ${(cores - reserved).toFixed(2)} for PostgreSQL, Redis and the load generator; in the capped 2 + 2 run those used ${rest.toFixed(2)} CPUs, the whole benchmark ${ours.toFixed(2)}, and the machine was ${pct(busy)} busy. ` +
          (rest >= cores - reserved
            ? 'They did not fit: the shared services competed with the app processes for CPU, so the capped gain understates what separate machines would give.'
            : busy > 0.9
              ? `They fit, but the machine was saturated${busy * cores - ours > 0.2 ? ` (${(busy * cores - ours).toFixed(2)} CPUs of other work)` : ''}: PostgreSQL, Redis and the load generator shared the rest with it and may have waited for CPU, so take the final figure on an idle machine.`
              : 'They fit, with idle CPU left: the capped app processes, not the shared services, set the throughput.'),
      );
    }
  }
  const base = find(rows, 1, 1, false);
  if (base) {
    const perMessage = [sum(base.apiCpu), sum(base.workerCpu), base.postgresCpu, base.redisCpu, base.loadGenCpu].map((s) => (1000 * s) / base.processed);
    const total = sum(perMessage);
    notes.push(
      `Where the uncapped ceiling comes from: in the uncapped 1 + 1 run one message cost ${total.toFixed(1)} ms of CPU in all (API ${perMessage[0]!.toFixed(1)}, worker ${perMessage[1]!.toFixed(1)}, PostgreSQL ${perMessage[2]!.toFixed(1)}, Redis ${perMessage[3]!.toFixed(1)}, load generator ${perMessage[4]!.toFixed(1)}), ` +
        `so ${cores} fully used cores cannot carry more than about ${((cores * 1000) / total).toFixed(0)} msg/s, however the processes are laid out. ` +
        'Figures from another run (another machine, or the in-process bench/results/pipeline.md) are only comparable with the same machine line and an idle machine.',
    );
  }
  notes.push(
    `What the cap stands for: each API or worker process gets a fixed CPU budget through a cgroup, as if it ran on its own small machine (a ${rep.cpuCap}-CPU container), while PostgreSQL, Redis and the load generator keep the rest of the machine. The group also gets a high scheduling weight, so other work on the machine cannot take its budget away (a machine of its own would not let it); the quota still bounds it. ` +
      'Then adding a process pair adds CPU, which is what scaling out onto more machines does, and the factor shows whether the design lets the extra processes be used: stateless API processes behind any balancer, BullMQ queues in Redis that any worker takes from, turn ordering by a row lock per conversation and outbox delivery in order, so no process owns a conversation.',
    `Why the uncapped 2 + 2 cannot gain here: on ${cores} cores the load generator, all app processes, PostgreSQL and Redis already share every core; a second pair adds no CPU, only more processes, connections and scheduling to share it. On a machine busy with other work, more processes can also win a larger share of the CPU from that work: an uncapped gain there is not scale-out either. The uncapped rows are the honest "same ${cores} cores" figure; the capped rows show the scale-out.`,
    `Load: ${rep.users} simulated workers${rep.quick ? ' (BENCH_QUICK=1)' : ''}, each running the whole registration (${rep.messagesPerUser} messages) over Direct Line, spread round-robin over the API processes; the same load for every row, after ${rep.warmupUsers} warm-up registrations that are not counted. msg/s = inbound messages processed / wall time of the load. Latencies are per message under this closed-loop load, so they mostly measure waiting in line (≈ users ÷ throughput).`,
    ...rows
      .filter((r) => r.scansPerMessage.length)
      .slice(0, 1)
      .map(
        (r) =>
          `Database work per inbound message (${layout(r)}${r.cap ? ', capped' : ''}, index + sequential scans by table of the run's own schema): ` +
          r.scansPerMessage.map(([t, n]) => `${t} ${n.toFixed(1)}`).join(', ') +
          '.',
      ),
    'CPUs used = CPU seconds over the measured load ÷ its wall time, read from /proc (the process and any child of it); PostgreSQL and Redis are all their processes on the machine, so they include any other work using them at the time.',
    'Lost = posted but never processed; duplicated = an activity seen twice, more deliveries than outbox rows, or more inbox rows than posts. A reply later than 30 s makes the simulated worker stop (bench/pipeline.ts): a late reply is counted, not lost.',
    `Machine load (1-minute load average) when the run started: ${rep.loadBefore.toFixed(1)}${
      rep.loadBefore > cores ? ` (above ${cores} on ${cores} cores: other work was competing for the CPU, these are trial figures)` : ' (the machine was otherwise idle)'
    }; after: ${rep.loadAfter.toFixed(1)} (the benchmark's own load).`,
    'Command: `npm run bench -- scale-out` (as root for the capped rows); `BENCH_QUICK=1` for a short run, `BENCH_USERS=<n>` and `BENCH_CPU_CAP=<CPUs per process>` to size it, `BENCH_CPU_CAP=0` for the uncapped rows only.',
    ...rows.flatMap((r) => r.errors.slice(0, 2).map((e) => `error (${layout(r)}${r.cap ? ', capped' : ''}): ${e}`)).slice(0, 6),
  );

  const text = [
    '# Scale-out: API and worker processes against one PostgreSQL and one Redis',
    '',
    `Run ${new Date().toISOString()} on ${machine}.`,
    '',
    ...table,
    '',
    ...factors,
    '',
    ...notes.map((n) => `- ${n}`),
    '',
  ].join('\n');
  mkdirSync(join(projectRoot, 'bench/results'), { recursive: true });
  writeFileSync(join(projectRoot, 'bench/results', 'scale-out.md'), text);
  return text;
}
