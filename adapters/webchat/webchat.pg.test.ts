import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { createLogger } from '../../src/logger.ts';
import { acceptInbound } from '../../src/pipeline/accept.ts';
import { RedisNotifier } from '../../src/queue/notifier.ts';
import type { JobQueue } from '../../src/queue/types.ts';
import { createKeyring } from '../../src/security/crypto.ts';
import { freshRedisPrefix, freshSchema, servicesAvailable, REDIS_URL, type TestRedis, type TestSchema } from '../../test/env.ts';
import { createWebchatAdapter } from './index.ts';
import { ActivityStore } from './store.ts';
import { startDirectLine } from './testing/directline-client.ts';
import { TEST_SITE, startWebchatHarness } from './testing/harness.ts';

// What PGlite cannot show: concurrent writers on a real PostgreSQL, and two instances that only
// share the database and Redis (the production shape).
const available = await servicesAvailable();
const keyring = createKeyring('webchat-pg-test-secret-0123456789abcdef');
const noQueue: JobQueue = { kind: 'memory', enqueue: async () => {}, work: () => {}, close: async () => {} };

describe.skipIf(!available)('web chat on PostgreSQL + Redis', () => {
  let schema: TestSchema;
  let redis: TestRedis;
  let db: Database;

  beforeAll(async () => {
    schema = await freshSchema('webchat');
    redis = freshRedisPrefix('webchat');
    db = await openDatabase({ url: schema.url, schema: schema.schema, poolMax: 12, dataDir: '' });
    await db.migrate();
  });
  afterAll(async () => {
    await db?.close();
    await schema?.drop();
    await redis?.cleanup();
  });

  async function conversation(externalId: string): Promise<string> {
    const accepted = await acceptInbound(db.sql, noQueue, keyring, {
      channel: 'webchat',
      accountId: TEST_SITE,
      platformUserId: `dl_${externalId}`,
      conversationExternalId: externalId,
      dedupeKey: `webchat:${TEST_SITE}:${externalId}:first`,
      kind: 'start',
      occurredAt: Date.now(),
    });
    return accepted.conversationId;
  }

  it('a reader following the watermark never skips a row while many writers append', async () => {
    const store = new ActivityStore(db.sql, TEST_SITE, keyring);
    const conv = await conversation('concurrent');
    const WRITERS = 8;
    const EACH = 40;
    let writing = true;
    const writers = Promise.all(
      Array.from({ length: WRITERS }, async (_, w) => {
        for (let i = 0; i < EACH; i++) await store.append(conv, `out:w${w}-${i}`, { n: `w${w}-${i}` });
      }),
    ).finally(() => (writing = false));

    const seen: string[] = [];
    let watermark = 0n;
    while (writing || seen.length < WRITERS * EACH) {
      // Read the flag BEFORE the query: a query whose snapshot predates the last commit may come
      // back empty after the writers finished, and must not end the loop.
      const writersDoneBeforeRead = !writing;
      const rows = await store.after(conv, watermark, 7);
      for (const r of rows) {
        expect(r.seq).toBeGreaterThan(watermark);
        watermark = r.seq;
        seen.push(String(r.activity.n));
      }
      if (writersDoneBeforeRead && rows.length === 0) break;
    }
    await writers;
    expect(seen.length).toBe(WRITERS * EACH);
    expect(new Set(seen).size).toBe(WRITERS * EACH);
  });

  it('a stream on one instance hears, through Redis, what another instance sends', async () => {
    const notifierA = new RedisNotifier(REDIS_URL, redis.prefix);
    const notifierB = new RedisNotifier(REDIS_URL, redis.prefix);
    // The safety-net poll is pushed out of the test's reach: only pub/sub can deliver in time.
    const a = await startWebchatHarness({ listen: true, db, notifier: notifierA, streamPollMs: 60_000 });
    const b = createWebchatAdapter({
      sql: db.sql,
      notifier: notifierB,
      sink: a.sink,
      keyring: a.keyring,
      log: createLogger('silent'),
      siteId: TEST_SITE,
      tokenTtlSeconds: 600,
    });
    const s = await startDirectLine(a.baseUrl, { webSocket: true });
    try {
      await s.send('xin chào', 'pg-1');
      await s.waitFor((x) => x.type === 'message' && x.from.role === 'user');
      await new Promise((r) => setTimeout(r, 300)); // the Redis SUBSCRIBE of the conversation topic
      const uuid = (await db.sql.query<{ id: string }>(`SELECT id::text AS id FROM conversation WHERE external_id = $1`, [s.conversationId]))[0]!.id;

      const sentAt = Date.now();
      const res = await b.send({
        outboxId: 'pg-out-1',
        conversationId: uuid,
        externalId: s.conversationId,
        accountId: TEST_SITE,
        locale: 'vi',
        message: { kind: 'text', text: 'từ phiên bản khác' },
        attempt: 1,
        replyTo: { dedupeKey: `webchat:${TEST_SITE}:${s.conversationId}:pg-1` },
      });
      expect(res.ok).toBe(true);
      expect(await s.nextBotTexts(1, 5_000)).toEqual(['từ phiên bản khác']);
      expect(Date.now() - sentAt).toBeLessThan(5_000);
      expect(a.serverErrors).toEqual([]);
    } finally {
      s.end();
      await a.close();
      await b.close?.();
      await notifierA.close();
      await notifierB.close();
    }
  });
});
