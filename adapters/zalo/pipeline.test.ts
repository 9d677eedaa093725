import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/client.ts';
import { acceptInbound } from '../../src/pipeline/accept.ts';
import { openEvent, type StoredEvent } from '../../src/pipeline/seal.ts';
import { MemoryQueue } from '../../src/queue/memory.ts';
import { createZaloAdapter } from './index.ts';
import { startFakeZalo, type FakeZalo } from './testing/fake-zalo.ts';
import { fixture, signed, TEST_APP_ID, TEST_APP_SECRET, TEST_OA_ID, TEST_USER_ID, withTimestamp } from './testing/sign.ts';
import { openTestDatabase, silentLog, testConfig, testKeyring } from './testing/setup.ts';

// The webhook feeding the real accept step (inbox + conversation), as the app wires it.
let db: Database;
let fake: FakeZalo;
let app: FastifyInstance;
const queue = new MemoryQueue();
const NOW = Date.now();

beforeAll(async () => {
  db = await openTestDatabase();
  fake = await startFakeZalo({ appId: TEST_APP_ID, appSecret: TEST_APP_SECRET });
  const adapter = createZaloAdapter({
    config: testConfig(fake),
    sql: db.sql,
    sink: { accept: (e) => acceptInbound(db.sql, queue, testKeyring, e) },
    keyring: testKeyring,
    log: silentLog,
    now: () => NOW,
  });
  app = Fastify();
  await adapter.routes!(app);
});
afterAll(async () => {
  await app?.close();
  await queue.close();
  await fake?.close();
  await db?.close();
});

const post = (name: string) => {
  const r = signed(withTimestamp(fixture(name), NOW));
  return app.inject({ method: 'POST', url: r.url, headers: r.headers, payload: r.body! });
};

describe('Zalo webhook → inbox', () => {
  it('stores each event once under its key, in the worker’s conversation with the OA', async () => {
    for (const name of ['user_send_text', 'user_send_text', 'oa_send_text', 'user_submit_info', 'user_seen_message']) {
      expect((await post(name)).statusCode).toBe(200);
    }
    const rows = await db.sql.query<{ dedupe_key: string; event: StoredEvent; channel: string; account_id: string; external_id: string }>(
      `SELECT i.dedupe_key, i.event, c.channel, c.account_id, c.external_id
         FROM inbox_message i JOIN conversation c ON c.id = i.conversation_id ORDER BY i.id`,
    );
    expect(rows.map((r) => r.event.kind)).toEqual(['text', 'echo', 'contact', 'read', 'read']);
    expect(new Set(rows.map((r) => `${r.channel}|${r.account_id}|${r.external_id}`))).toEqual(new Set([`zalo|${TEST_OA_ID}|${TEST_USER_ID}`]));
    expect(rows[0]!.dedupe_key).toBe(`zalo:${TEST_OA_ID}:5f1c0a3e9b2d4c7a8e6f1b2c3d4e5f60`);
    // the phone is sealed at rest and comes back for the registration step
    expect(JSON.stringify(rows[2]!.event)).not.toContain('84901234567');
    expect(openEvent(testKeyring, rows[2]!.event).contact).toEqual({ phone: '+84901234567' });
    // delivery reads the replied-to msg_id from the stored event: it must stay readable
    const id = await db.sql.query<{ id: string }>(`SELECT event->>'platformMessageId' AS id FROM inbox_message ORDER BY id LIMIT 1`);
    expect(id[0]!.id).toBe('5f1c0a3e9b2d4c7a8e6f1b2c3d4e5f60');
  });
});
