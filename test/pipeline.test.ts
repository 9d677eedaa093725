/**
 * The pipeline on PostgreSQL + Redis (the production shape), through the app's own sink:
 * dedupe of platform retries, one transaction per turn, message bodies sealed at rest.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { randomUUID } from 'node:crypto';
import { openTranscript, type Transcript } from './transcript.ts';
import { freshRedisPrefix, freshSchema, servicesAvailable, type TestRedis, type TestSchema } from './env.ts';
import type { InboundEvent } from '../src/core/model.ts';

const available = await servicesAvailable();

describe.skipIf(!available)('pipeline on PostgreSQL + Redis', () => {
  let schema: TestSchema;
  let redis: TestRedis;
  let chat: Transcript;

  beforeAll(async () => {
    schema = await freshSchema('pipe');
    redis = freshRedisPrefix('pipe');
    chat = await openTranscript({ env: { ...schema.env, ...redis.env } });
  });
  afterAll(async () => {
    await chat?.close();
    await redis?.cleanup();
    await schema?.drop();
  });

  const event = (over: Partial<InboundEvent>): InboundEvent => ({
    channel: 'webchat',
    accountId: 'test',
    platformUserId: 'dup-user',
    conversationExternalId: 'dup-user',
    dedupeKey: `webchat:test:${randomUUID()}`,
    kind: 'text',
    text: 'xin chào',
    occurredAt: Date.now(),
    ...over,
  });

  it('processes a platform retry of the same message once', async () => {
    const e = event({});
    const first = await chat.app.sink.accept(e);
    const again = await chat.app.sink.accept({ ...e });
    expect(first.status).toBe('accepted');
    expect(again).toEqual({ ...first, status: 'duplicate' });
    await chat.app.drain(first.conversationId);
    await chat.app.sink.accept({ ...e });
    await chat.app.drain(first.conversationId);
    const conv = await chat.app.db.prisma.conversation.findUniqueOrThrow({ where: { id: first.conversationId } });
    expect(conv.turnCount).toBe(1);
    expect(await chat.app.db.prisma.inboxMessage.count({ where: { conversationId: first.conversationId } })).toBe(1);
  });

  it('accepts 50 concurrent retries of one message as one row', async () => {
    const e = event({ platformUserId: 'burst', conversationExternalId: 'burst' });
    const results = await Promise.all(Array.from({ length: 50 }, () => chat.app.sink.accept({ ...e })));
    expect(results.filter((r) => r.status === 'accepted')).toHaveLength(1);
    expect(new Set(results.map((r) => r.inboxId)).size).toBe(1);
  });

  it('keeps what the worker typed and what the bot answered sealed at rest', async () => {
    const w = chat.worker('sealed-user');
    await w.says('dang ky');
    await w.says('dong y');
    await w.says('Trần Thị Bích Ngọc');
    await w.says('02/09/1996');
    await w.says('nữ');
    await w.says('079196001234');
    const rows = await chat.app.db.sql.query<{ t: string }>(
      `SELECT event::text AS t FROM inbox_message UNION ALL SELECT message::text FROM outbox_message`,
    );
    const all = rows.map((r) => r.t).join('\n');
    expect(all).not.toContain('079196001234');
    expect(all).not.toContain('Bích Ngọc');
    expect(all).not.toContain('02/09/1996');
    expect(all).toContain('"sealed"');
  });

  it('exposes Prometheus metrics of the pipeline', async () => {
    const { registry } = await import('../src/metrics.ts');
    const text = await registry.metrics();
    expect(text).toMatch(/ua_inbound_total\{channel="webchat",status="accepted"\} [1-9]/);
    expect(text).toMatch(/ua_inbound_total\{channel="webchat",status="duplicate"\} [1-9]/);
    expect(text).toMatch(/ua_turns_total\{outcome="done"\} [1-9]/);
    expect(text).toContain('ua_turn_duration_seconds_bucket');
  });
});
