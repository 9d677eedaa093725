/**
 * Issue 2 benchmark: N simulated workers register through the web chat API (Direct Line over
 * HTTP + WebSocket stream) against PostgreSQL + Redis, and in the same run the ceiling of a bare
 * fastify route on this machine. Reports messages/s, turn latency (POST → first reply with
 * replyToId = that message), webhook acknowledgement latency, lost and duplicated messages.
 */
import { spawn } from 'node:child_process';
import autocannon from 'autocannon';
import pg from 'pg';
import { WebSocket } from 'ws';
import { request } from 'undici';
import { freshRedisPrefix, freshSchema } from '../test/env.ts';
import { startProcess, type Proc } from '../test/processes.ts';
import { projectRoot } from '../src/paths.ts';
import { percentile, writeTable } from './table.ts';

const USERS = Number(process.env.BENCH_USERS ?? 200);
const TIMEOUT_MS = 30_000;

export function registrationScript(i: number): string[] {
  const n = String(i).padStart(6, '0');
  return [
    'dang ky',
    'dong y',
    'Nguyen Van An',
    '15/03/1995',
    'nam',
    `001095${n}`,
    `0912${n}`,
    'Cong ty TNHH May Song Hong Viet',
    'KCN Que Vo, phuong Que Vo, Bac Ninh',
    'bac ninh',
    '1',
    'dung roi',
  ];
}

async function ceiling(): Promise<number> {
  const child = spawn(process.execPath, [`${projectRoot}/node_modules/tsx/dist/cli.mjs`, 'bench/bare-server.ts'], {
    cwd: projectRoot,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const url = await new Promise<string>((resolve) => {
    child.stdout!.on('data', (d: Buffer) => {
      const m = String(d).match(/listening (\S+)/);
      if (m) resolve(m[1]!);
    });
  });
  const result = await autocannon({
    url: `${url}/echo`,
    method: 'POST',
    connections: 50,
    duration: 5,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ text: 'toi muon dang ky cong doan' }),
  });
  child.kill();
  return result.requests.average;
}

interface UserResult {
  acks: number[];
  turns: number[];
  sent: number;
  replied: number;
  duplicates: number;
  errors: string[];
}

export { runUser as runUserExport };
async function runUser(base: string, i: number, script: string[]): Promise<UserResult> {
  const r: UserResult = { acks: [], turns: [], sent: 0, replied: 0, duplicates: 0, errors: [] };
  const gen = (await (await request(`${base}/directline/tokens/generate`, { method: 'POST' })).body.json()) as { token: string };
  const conv = (await (
    await request(`${base}/directline/conversations`, { method: 'POST', headers: { authorization: `Bearer ${gen.token}` } })
  ).body.json()) as { conversationId: string; token?: string; streamUrl: string };
  const token = conv.token ?? gen.token;
  const seen = new Set<string>();
  const waiters = new Map<string, () => void>();
  const early = new Set<string>();
  const ws = new WebSocket(conv.streamUrl);
  ws.on('message', (data) => {
    const text = String(data);
    if (!text) return;
    const set = JSON.parse(text) as { activities?: Array<{ id: string; replyToId?: string; from: { role?: string } }> };
    for (const a of set.activities ?? []) {
      if (a.from.role !== 'bot') continue;
      if (seen.has(a.id)) r.duplicates++;
      seen.add(a.id);
      if (a.replyToId) {
        const w = waiters.get(a.replyToId);
        if (w) w();
        else early.add(a.replyToId);
      }
    }
  });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  for (const [k, text] of script.entries()) {
    const t0 = performance.now();
    const res = await request(`${base}/directline/conversations/${conv.conversationId}/activities`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', from: { id: 'u' }, text, channelData: { clientActivityID: `b${i}-${k}` } }),
    });
    const body = (await res.body.json()) as { id?: string };
    r.acks.push(performance.now() - t0);
    if (res.statusCode !== 200 || !body.id) {
      r.errors.push(`post ${res.statusCode}`);
      continue;
    }
    r.sent++;
    const id = body.id;
    const replied = early.has(id)
      ? true
      : await new Promise<boolean>((resolve) => {
          const timer = setTimeout(() => resolve(false), TIMEOUT_MS);
          waiters.set(id, () => {
            clearTimeout(timer);
            resolve(true);
          });
        });
    waiters.delete(id);
    if (!replied) {
      r.errors.push(`no reply to message ${k}`);
      break;
    }
    r.replied++;
    r.turns.push(performance.now() - t0);
  }
  ws.close();
  return r;
}

/**
 * The app's settings for a benchmark run on a fresh schema and key prefix: the same for the
 * pipeline and the scale-out benches, so their figures compare like for like.
 */
export async function benchApp(inlineWorkers: boolean) {
  const schema = await freshSchema('bench');
  const redis = freshRedisPrefix('bench');
  const env = {
    ...schema.env,
    ...redis.env,
    APP_SECRET: 'bench-secret-0123456789abcdefghijklmnop',
    WORKER_CONCURRENCY: '24',
    DELIVERY_CONCURRENCY: '24',
    DATABASE_POOL_MAX: '20',
    INLINE_WORKERS: inlineWorkers ? 'true' : 'false',
  };
  return { schema, redis, env };
}

async function pipelineRun(label: string, processes: 'single' | 'split', users = USERS) {
  const { schema, redis, env } = await benchApp(processes === 'single');
  const procs: Proc[] = [];
  try {
    const api = await startProcess('api', env);
    procs.push(api);
    if (processes === 'split') procs.push(await startProcess('worker', env));
    const started = performance.now();
    const results = await Promise.all(Array.from({ length: users }, (_, i) => runUser(api.url!, i, registrationScript(i))));
    const seconds = (performance.now() - started) / 1000;

    const db = new pg.Client({ connectionString: schema.url, options: `-c search_path=${schema.schema}` });
    await db.connect();
    const q = async (sql: string) => Number((await db.query(sql)).rows[0].n);
    // Let the last deliveries finish before counting.
    for (let i = 0; i < 100 && (await q(`SELECT count(*) n FROM outbox_message WHERE status <> 'sent'`)) > 0; i++) {
      await new Promise((r) => setTimeout(r, 100));
    }
    const sent = results.reduce((s, r) => s + r.sent, 0);
    const inboxDone = await q(`SELECT count(*) n FROM inbox_message WHERE status = 'done'`);
    const inboxAll = await q(`SELECT count(*) n FROM inbox_message`);
    const outbox = await q(`SELECT count(*) n FROM outbox_message`);
    const delivered = await q(`SELECT count(*) n FROM webchat_activity WHERE key LIKE 'out:%'`);
    const registrations = await q(`SELECT count(*) n FROM registration`);
    await db.end();

    const turns = results.flatMap((r) => r.turns).sort((a, b) => a - b);
    const acks = results.flatMap((r) => r.acks).sort((a, b) => a - b);
    const errors = results.flatMap((r) => r.errors);
    const duplicates = results.reduce((s, r) => s + r.duplicates, 0) + Math.max(0, delivered - outbox) + Math.max(0, inboxAll - sent);
    return {
      label,
      rows: [
        [`${label}: simulated workers (concurrent)`, users],
        [`${label}: messages posted / processed`, `${sent} / ${inboxDone}`],
        [`${label}: messages/s end to end`, (inboxDone / seconds).toFixed(0)],
        [`${label}: replies delivered (outbox rows)`, `${delivered} (${outbox})`],
        [`${label}: registrations completed`, registrations],
        [`${label}: turn latency p50 / p99 (ms)`, `${percentile(turns, 50).toFixed(1)} / ${percentile(turns, 99).toFixed(1)}`],
        [`${label}: webhook ack p50 / p99 (ms)`, `${percentile(acks, 50).toFixed(1)} / ${percentile(acks, 99).toFixed(1)}`],
        [`${label}: lost messages`, sent - inboxDone + (sent - results.reduce((s, r) => s + r.replied, 0))],
        [`${label}: duplicated messages`, duplicates],
      ] as Array<[string, string | number]>,
      errors,
    };
  } finally {
    for (const p of procs.reverse()) await p.kill();
    await redis.cleanup();
    await schema.drop();
  }
}

export async function benchPipeline(): Promise<string> {
  const bare = await ceiling();
  const light = await pipelineRun('light load, 1 process', 'single', 10);
  const single = await pipelineRun('1 process (API + workers)', 'single');
  const split = await pipelineRun('API process + worker process', 'split');
  const notes = [
    `Each simulated worker runs the whole registration (${registrationScript(0).length} messages) over Direct Line: POST the message, wait on the WebSocket stream for the first reply whose replyToId is that message, send the next.`,
    'Turn latency = POST sent → first reply received; webhook ack = POST round trip (inbox insert + enqueue).',
    'PostgreSQL 15 and Redis 7 on the same machine, fresh schema and key prefix; client, server and database share the 2 cores.',
    'Lost = posted but not processed or not answered; duplicated = an activity seen twice, more deliveries than outbox rows, or more inbox rows than posts.',
    'Light load shows the latency of one turn when nothing queues; the 200-worker runs show the capacity (latency there is mostly waiting in line).',
    ...[...light.errors, ...single.errors, ...split.errors].slice(0, 5).map((e) => `error: ${e}`),
  ];
  return writeTable(
    'pipeline',
    'Pipeline: registration over web chat, PostgreSQL + Redis',
    [['bare fastify JSON route, req/s (ceiling)', bare.toFixed(0)], ...light.rows, ...single.rows, ...split.rows],
    notes,
  );
}
