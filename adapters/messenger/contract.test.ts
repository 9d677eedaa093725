import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CONTRACT_MESSAGES, type ContractHarness, type PlatformFailure, type WebhookRequest } from '../../src/channels/contract.ts';
import type { InboundSink, SendRequest } from '../../src/channels/types.ts';
import type { InboundEvent } from '../../src/core/model.ts';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { createLogger } from '../../src/logger.ts';
import { acceptInbound } from '../../src/pipeline/accept.ts';
import { MemoryNotifier } from '../../src/queue/notifier.ts';
import type { JobQueue } from '../../src/queue/types.ts';
import { createKeyring } from '../../src/security/crypto.ts';
import { messengerContract } from './contract.ts';
import { fixtureNames, TEST_PAGE_ID } from './testing/webhook.ts';

/**
 * The shared contract suite's checks on the Messenger harness alone, with the real accept step
 * on an in-memory PGlite: proves contract.ts before it is listed in adapters/contracts.ts.
 */
let db: Database;
let h: ContractHarness;
let app: FastifyInstance;
const accepted: Array<{ event: InboundEvent; status: string }> = [];
const clock = Date.UTC(2026, 10, 22, 9, 0, 0);
let outbox = 0;

const noQueue: JobQueue = { kind: 'memory', enqueue: async () => {}, work: () => {}, close: async () => {} };

beforeAll(async () => {
  db = await openDatabase({ dataDir: 'memory://' });
  await db.migrate();
  const keyring = createKeyring('contract-test-secret-that-is-32-characters-long');
  const sink: InboundSink = {
    async accept(event) {
      const res = await acceptInbound(db.sql, noQueue, keyring, event);
      accepted.push({ event, status: res.status });
      return res;
    },
  };
  h = await messengerContract.start({ sql: db.sql, sink, keyring, notifier: new MemoryNotifier(), log: createLogger('silent'), now: () => clock });
  app = Fastify({ logger: false });
  await h.adapter.routes!(app);
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await h?.stop();
  await db?.close();
});
beforeEach(() => {
  h.reset();
  accepted.length = 0;
});

const post = (r: WebhookRequest) => app.inject({ method: r.method, url: r.url, headers: r.headers, ...(r.body !== undefined ? { payload: r.body } : {}) });
const sendReq = (message: SendRequest['message'], externalId = h.externalIdOf('worker-a')): SendRequest => ({
  outboxId: `c-${++outbox}`,
  conversationId: 'conv',
  externalId,
  accountId: TEST_PAGE_ID,
  locale: 'vi',
  message,
  attempt: 1,
  window: { lastInboundAt: clock - 60_000, sentSinceInbound: 0 },
});

describe('inbound samples', () => {
  it('covers every fixture file', () => {
    expect(h.inbound.map((s) => s.name).sort()).toEqual(fixtureNames());
  });

  it('each documented sample is accepted with its normalized events, and a retry is a duplicate', async () => {
    for (const sample of h.inbound) {
      accepted.length = 0;
      const res = await post(sample.request);
      expect(res.statusCode, sample.name).toBe(200);
      expect(accepted.map((a) => a.event), sample.name).toHaveLength(sample.events.length);
      sample.events.forEach((e, i) => expect(accepted[i]!.event, sample.name).toMatchObject(e));
      expect(accepted.every((a) => a.status === 'accepted'), sample.name).toBe(true);

      accepted.length = 0;
      expect((await post(sample.request)).statusCode, `${sample.name} again`).toBe(200);
      expect(accepted.every((a) => a.status === 'duplicate'), `${sample.name} again`).toBe(true);
    }
  });

  it('rejected requests get a 4xx and never reach the sink, a 1 MB body included', async () => {
    const oneMb: WebhookRequest = { ...h.inbound[0]!.request, body: JSON.stringify({ object: 'page', entry: [], pad: 'x'.repeat(1024 * 1024) }) };
    for (const r of [...h.rejected, { name: '1 MB body', request: oneMb }]) {
      const res = await post(r.request);
      expect(res.statusCode, r.name).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, r.name).toBeLessThan(500);
    }
    expect(accepted).toHaveLength(0);
  });

  it('userMessage: text, tap and phone of one worker land in one conversation; a resend is a duplicate', async () => {
    await post(h.userMessage('worker-a', { text: 'xin chào' }, 1));
    await post(h.userMessage('worker-a', { choiceKey: 'flow:registration' }, 2));
    await post(h.userMessage('worker-a', { phone: '+84912345678' }, 3));
    await post(h.userMessage('worker-a', { phone: '+84912345678' }, 3));
    await post(h.userMessage('worker-b', { text: 'xin chào' }, 1));
    const a = accepted.filter((x) => x.event.conversationExternalId === h.externalIdOf('worker-a'));
    expect(a.map((x) => x.event.kind)).toEqual(['text', 'choice', 'contact', 'contact']);
    expect(a.map((x) => x.status)).toEqual(['accepted', 'accepted', 'accepted', 'duplicate']);
    expect(a[1]!.event.choiceKey).toBe('flow:registration');
    expect(a[2]!.event.contact).toEqual({ phone: '+84912345678' });
    expect(new Set(a.map((x) => x.status === 'accepted' && x.event.dedupeKey)).size).toBe(4);
    const b = accepted.find((x) => x.event.conversationExternalId === h.externalIdOf('worker-b'))!;
    expect(b.status).toBe('accepted');
  });
});

describe('outbound messages', () => {
  it.each(CONTRACT_MESSAGES)('$name is sent and shown', async ({ message }) => {
    const r = await h.adapter.send(sendReq(message));
    expect(r).toMatchObject({ ok: true, platformMessageId: expect.stringMatching(/^m_/) });
    const seen = h.seen(h.calls());
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((s) => s.length > 0)).toBe(true);
  });

  it('shows what a worker sees', async () => {
    for (const name of ['two choices', 'request contact', 'cards', 'image']) {
      await h.adapter.send(sendReq(CONTRACT_MESSAGES.find((m) => m.name === name)!.message));
    }
    expect(h.seen(h.calls())).toEqual([
      'Bạn có đồng ý không?\n[Đồng ý] [Không đồng ý]',
      'Số điện thoại của bạn?\n[user_phone_number]',
      'Các chương trình phúc lợi:',
      'Tết Sum vầy\nQuà Tết cho đoàn viên khó khăn\n[Xem chi tiết]',
      'Mái ấm Công đoàn\nHỗ trợ nhà ở\n[Mở trang]',
      '[image] https://example.org/the.png',
      'Thẻ đoàn viên',
    ]);
  });

  it('a long text arrives in bubbles of at most 2000 characters', async () => {
    await h.adapter.send(sendReq(CONTRACT_MESSAGES.find((m) => m.name === 'long text')!.message));
    const seen = h.seen(h.calls());
    expect(seen.length).toBeGreaterThan(1);
    expect(seen.every((s) => [...s].length <= 2000)).toBe(true);
  });

  it('fifteen long choices become a numbered text a worker answers by number', async () => {
    await h.adapter.send(sendReq(CONTRACT_MESSAGES.find((m) => m.name === 'fifteen long choices')!.message));
    expect(h.offered(h.calls()[0]!)).toEqual([]);
    expect(h.seen(h.calls())[0]).toMatch(/\n15\. Công đoàn cơ sở Công ty TNHH May Sông Hồng Việt số 15$/);
  });

  it('a tapped quick reply and a tapped card button come back as the offered keys', async () => {
    await h.adapter.send(sendReq(CONTRACT_MESSAGES.find((m) => m.name === 'two choices')!.message));
    await h.adapter.send(sendReq(CONTRACT_MESSAGES.find((m) => m.name === 'cards')!.message));
    const [choices, , cards] = h.calls();
    expect(h.offered(choices!)).toEqual([
      { key: 'yes', label: 'Đồng ý' },
      { key: 'no', label: 'Không đồng ý' },
    ]);
    expect(h.offered(cards!)).toEqual([{ key: 'b:tet', label: 'Xem chi tiết' }]);
    await post(h.userMessage('worker-c', { choiceKey: 'no', text: 'Không đồng ý' }, 1));
    expect(accepted[0]!.event).toMatchObject({ kind: 'choice', choiceKey: 'no', conversationExternalId: h.externalIdOf('worker-c') });
  });

  it('each failure Messenger produces is classified as declared', async () => {
    for (const [failure, want] of Object.entries(h.expected) as Array<[PlatformFailure, { retry: boolean; minRetryAfterMs?: number }]>) {
      h.failNext(failure);
      const r = await h.adapter.send(sendReq({ kind: 'text', text: 'Xin chào' }));
      expect(r.ok, failure).toBe(false);
      if (r.ok) continue;
      expect(r.retry, failure).toBe(want.retry);
      if (want.minRetryAfterMs) expect(r.retryAfterMs, failure).toBeGreaterThanOrEqual(want.minRetryAfterMs);
      expect(r.reason, failure).toMatch(/^Messenger error/);
    }
    expect(Object.keys(h.expected).sort()).toEqual(['bad_request', 'blocked', 'rate_limited', 'server_error', 'token_expired', 'window_closed']);
  });

  it('computes windows on the contract\'s clock: a bot message 25 h after the worker wrote is held back', async () => {
    const r = await h.adapter.send({ ...sendReq({ kind: 'text', text: 'Xin chào' }), window: { lastInboundAt: clock - 25 * 3_600_000, sentSinceInbound: 0 } });
    expect(r).toMatchObject({ ok: false, retry: false });
    expect(h.calls()).toEqual([]);
  });
});
