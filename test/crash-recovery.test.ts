/**
 * DESIGN.md invariant 4: a kill -9 loses nothing and processes nothing twice. An API process and
 * a worker process run on PostgreSQL + Redis; 20 web chat conversations post 10 messages each
 * (200 in a burst); the worker is killed with SIGKILL in the middle and started again. Every
 * message must be processed exactly once and every conversation's replies must be exactly the
 * replies of the same conversation run alone, in the same order.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import pg from 'pg';
import { freshRedisPrefix, freshSchema, servicesAvailable, type TestRedis, type TestSchema } from './env.ts';
import { startProcess, type Proc } from './processes.ts';
import { DlConversation } from './dl-http.ts';
import { openTranscript } from './transcript.ts';
import { createKeyring } from '../src/security/crypto.ts';
import { degrade } from '../src/channels/render.ts';
import { webchatCapabilities } from '../adapters/webchat/capabilities.ts';

const SCRIPT = ['xin chào', 'đăng ký', 'đồng ý', 'Nguyễn Văn An', '15/03/1995', 'nam', '123', 'quay lại', 'nữ', 'menu'];
const CONVERSATIONS = 20;
const TOTAL = SCRIPT.length * CONVERSATIONS;
const SECRET = 'crash-test-secret-0123456789abcdefghijkl';

const available = await servicesAvailable();

describe.skipIf(!available)('crash recovery (PostgreSQL + Redis, SIGKILL of a worker)', () => {
  let schema: TestSchema;
  let redis: TestRedis;
  let api: Proc | undefined;
  let worker: Proc | undefined;
  let db: pg.Client;

  beforeAll(async () => {
    schema = await freshSchema('crash');
    redis = freshRedisPrefix('crash');
    db = new pg.Client({ connectionString: schema.url, options: `-c search_path=${schema.schema}` });
    await db.connect();
  });

  afterAll(async () => {
    await worker?.kill('SIGKILL');
    await api?.kill();
    await db?.end();
    await redis?.cleanup();
    await schema?.drop();
  });

  const count = async (sql: string) => Number((await db.query(sql)).rows[0].n);

  it('processes each of 200 messages exactly once, replies in order, after a kill -9', async () => {
    const env = {
      ...schema.env,
      ...redis.env,
      INLINE_WORKERS: 'false',
      APP_SECRET: SECRET,
      WORKER_CONCURRENCY: '8',
      RECOVERY_INTERVAL_MS: '1000',
    };
    api = await startProcess('api', env);
    worker = await startProcess('worker', env);

    const conversations = await Promise.all(Array.from({ length: CONVERSATIONS }, () => DlConversation.start(api!.url!)));
    // Each conversation posts its script in order without waiting for replies: a burst.
    const posting = Promise.all(
      conversations.map(async (c) => {
        for (const text of SCRIPT) expect((await c.send(text)).status).toBe(200);
      }),
    );

    // Kill the worker while roughly a third of the turns are done.
    const until = Date.now() + 30_000;
    while ((await count(`SELECT count(*) AS n FROM inbox_message WHERE status = 'done'`)) < TOTAL / 3) {
      if (Date.now() > until) throw new Error(`worker made no progress:\n${worker.output()}`);
      await new Promise((r) => setTimeout(r, 20));
    }
    await worker.kill('SIGKILL');
    const doneAtKill = await count(`SELECT count(*) AS n FROM inbox_message WHERE status = 'done'`);
    await posting;
    expect(doneAtKill).toBeLessThan(TOTAL);

    worker = await startProcess('worker', env);
    const deadline = Date.now() + 60_000;
    for (;;) {
      const pendingIn = await count(`SELECT count(*) AS n FROM inbox_message WHERE status <> 'done'`);
      const pendingOut = await count(`SELECT count(*) AS n FROM outbox_message WHERE status <> 'sent'`);
      const accepted = await count(`SELECT count(*) AS n FROM inbox_message`);
      if (accepted === TOTAL && pendingIn === 0 && pendingOut === 0) break;
      if (Date.now() > deadline) throw new Error(`not drained: ${pendingIn} inbox, ${pendingOut} outbox left`);
      await new Promise((r) => setTimeout(r, 100));
    }

    // Exactly once: one turn per message, one delivered activity per outbox row.
    expect(await count(`SELECT count(*) AS n FROM inbox_message WHERE status = 'done'`)).toBe(TOTAL);
    const turns = await db.query(`SELECT turn_count FROM conversation WHERE channel = 'webchat'`);
    expect(turns.rows.map((r) => r.turn_count)).toEqual(Array(CONVERSATIONS).fill(SCRIPT.length));
    const outbox = await count(`SELECT count(*) AS n FROM outbox_message`);
    const delivered = await count(`SELECT count(*) AS n FROM webchat_activity WHERE key LIKE 'out:%'`);
    expect(delivered).toBe(outbox);

    // In order: each conversation's replies equal a calm, sequential run of the same script.
    const reference = await openTranscript();
    const w = reference.worker('reference');
    const expected: string[] = [];
    for (const text of SCRIPT) {
      const reply = await w.says(text);
      // as web chat shows them (a long menu becomes a numbered list there)
      for (const m of reply.messages.flatMap((m) => degrade(m, webchatCapabilities))) if ('text' in m && m.text) expected.push(m.text);
    }
    await reference.close();
    for (const c of conversations) {
      const rows = await db.query(
        `SELECT a.activity FROM webchat_activity a JOIN conversation v ON v.id = a.conversation_id
          WHERE v.external_id = $1 AND a.key LIKE 'out:%' ORDER BY a.seq`,
        [c.conversationId],
      );
      // The transcript is sealed at rest: read it with the deployment's key.
      const keyring = createKeyring(SECRET);
      const texts = rows.rows.map((r) => JSON.parse(keyring.open(r.activity.sealed)).text);
      expect(texts).toEqual(expected);
    }
  }, 180_000);
});
