import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CONTRACT_MESSAGES, type ContractHarness, type PlatformFailure, type WebhookRequest } from '../../src/channels/contract.ts';
import type { Database } from '../../src/db/client.ts';
import { MemoryNotifier } from '../../src/queue/notifier.ts';
import { EXPECTED, zaloContract } from './contract.ts';
import { openTestDatabase, recordingSink, sendRequest, silentLog, testKeyring, type RecordingSink } from './testing/setup.ts';

// The shared suite (test/contract.test.ts) runs over adapters/contracts.ts; until it exists, this
// drives the Zalo harness the same way so the harness itself is known to work.
let db: Database;
let h: ContractHarness;
let app: FastifyInstance;
let sink: RecordingSink;
const clock = { now: 1_780_000_000_000 };

beforeAll(async () => {
  db = await openTestDatabase();
  sink = recordingSink();
  h = await zaloContract.start({ sql: db.sql, sink, keyring: testKeyring, notifier: new MemoryNotifier(), log: silentLog, now: () => clock.now });
  app = Fastify();
  await h.adapter.routes!(app);
});
afterAll(async () => {
  await app?.close();
  await h?.stop();
  await db?.close();
});
beforeEach(() => {
  sink.events.length = 0;
  h.reset();
});

const inject = (r: WebhookRequest) => app.inject({ method: r.method, url: r.url, headers: r.headers, ...(r.body !== undefined ? { payload: r.body } : {}) });
const to = (userId: string) => sendRequest({ kind: 'text', text: '' }, { externalId: h.externalIdOf(userId) });

describe('Zalo contract harness', () => {
  it('declares valid capabilities with rate limits', () => {
    expect(h.adapter.channel).toBe('zalo');
    expect(h.adapter.capabilities.rateLimits?.perAccount).toBeDefined();
  });

  it('every documented sample is accepted and yields its events', async () => {
    for (const sample of h.inbound) {
      sink.events.length = 0;
      const res = await inject(sample.request);
      expect(res.statusCode, sample.name).toBe(200);
      expect(sink.events, sample.name).toHaveLength(sample.events.length);
      sample.events.forEach((e, i) => expect(sink.events[i], sample.name).toMatchObject(e));
    }
  });

  it('every rejected request gets a 4xx and reaches the sink never', async () => {
    for (const r of h.rejected) {
      const res = await inject(r.request);
      expect(res.statusCode, r.name).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, r.name).toBeLessThan(500);
    }
    expect(sink.events).toEqual([]);
  });

  it('userMessage: typed text and a shared phone; the same seq is the same message', async () => {
    expect((await inject(h.userMessage('1234567890123456789', { text: 'toi muon dang ky' }, 1))).statusCode).toBe(200);
    expect((await inject(h.userMessage('1234567890123456789', { text: 'toi muon dang ky' }, 1))).statusCode).toBe(200);
    expect((await inject(h.userMessage('1234567890123456789', { phone: '0912345678' }, 2))).statusCode).toBe(200);
    expect(sink.events.map((e) => [e.kind, e.text ?? e.contact?.phone, e.conversationExternalId])).toEqual([
      ['text', 'toi muon dang ky', h.externalIdOf('1234567890123456789')],
      ['text', 'toi muon dang ky', h.externalIdOf('1234567890123456789')],
      ['contact', '+84912345678', h.externalIdOf('1234567890123456789')],
    ]);
    expect(sink.events[0]!.dedupeKey).toBe(sink.events[1]!.dedupeKey);
  });

  it.each(CONTRACT_MESSAGES)('sends "$name" and the worker sees it', async ({ message }) => {
    const result = await h.adapter.send({ ...to('1234567890123456789'), message });
    expect(result.ok).toBe(true);
    const seen = h.seen(h.calls());
    expect(seen.length).toBeGreaterThan(0);
    for (const bubble of seen) expect([...bubble].length).toBeLessThanOrEqual(h.adapter.capabilities.maxTextLength);
    if (message.kind === 'text' || message.kind === 'choices' || message.kind === 'request_contact') expect(seen.join('\n')).toContain(message.text.slice(0, 30));
    if (message.kind === 'choices') expect(seen.join('\n')).toContain(`1. ${message.choices[0]!.label}`);
    for (const call of h.calls()) expect(h.offered(call)).toEqual([]);
  });

  it.each(Object.entries(EXPECTED))('failNext(%s) gives the expected send result', async (failure, expected) => {
    expect(h.expected).toBe(EXPECTED);
    h.failNext(failure as PlatformFailure);
    const result = await h.adapter.send({ ...to('1234567890123456789'), message: { kind: 'text', text: 'x' } });
    if ('ok' in expected!) {
      expect(result).toMatchObject({ ok: true });
      return;
    }
    expect(result).toMatchObject({ ok: false, retry: expected!.retry });
    if (expected!.minRetryAfterMs !== undefined) expect((result as { retryAfterMs?: number }).retryAfterMs ?? 0).toBeGreaterThanOrEqual(expected!.minRetryAfterMs);
  });

  it('failNext(token_expired): refreshed with the fake and resent once, so the send succeeds', async () => {
    h.failNext('token_expired');
    const result = await h.adapter.send({ ...to('1234567890123456789'), message: { kind: 'text', text: 'x' } });
    expect(result.ok).toBe(true);
    expect(h.calls().map((c) => c.path)).toEqual(['/v3.0/oa/message/cs', '/v4/oa/access_token', '/v3.0/oa/message/cs']);
  });
});

