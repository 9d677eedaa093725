import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CONTRACT_MESSAGES, type ContractDeps, type ContractHarness, type WebhookRequest } from '../../src/channels/contract.ts';
import type { SendRequest } from '../../src/channels/types.ts';
import { createLogger } from '../../src/logger.ts';
import { TEST_BOT_ID, telegramContract } from './contract.ts';
import { recordingSink, type RecordingSink } from './testing/recording-sink.ts';

/**
 * The shared contract suite's checks, run here on the Telegram harness alone, so the adapter's
 * folder proves its contract.ts before it is listed in adapters/contracts.ts.
 */
let h: ContractHarness;
let app: FastifyInstance;
let sink: RecordingSink;
let outbox = 0;

beforeAll(async () => {
  sink = recordingSink();
  // The Telegram adapter uses none of the database, keyring or notifier.
  const deps = { sink, log: createLogger('silent'), now: () => Date.parse('2026-03-08T09:00:00Z') } as unknown as ContractDeps;
  h = await telegramContract.start(deps);
  app = Fastify({ logger: false });
  await h.adapter.routes!(app);
  await app.ready();
});
afterAll(async () => {
  await app?.close();
  await h?.stop();
});
beforeEach(() => {
  h.reset();
  sink.events.length = 0;
});

const post = (r: WebhookRequest) => app.inject({ method: r.method, url: r.url, headers: r.headers, payload: r.body });
const sendReq = (message: SendRequest['message'], externalId = '1111111'): SendRequest => ({
  outboxId: `c-${++outbox}`,
  conversationId: 'conv',
  externalId,
  accountId: TEST_BOT_ID,
  locale: 'vi',
  message,
  attempt: 1,
});

describe('inbound samples', () => {
  it('each documented sample is accepted with its normalized events', async () => {
    for (const sample of h.inbound) {
      sink.events.length = 0;
      const res = await post(sample.request);
      expect(res.statusCode, sample.name).toBe(200);
      expect(sink.events, sample.name).toHaveLength(sample.events.length);
      sample.events.forEach((e, i) => expect(sink.events[i], sample.name).toMatchObject(e));
    }
  });

  it('rejected requests get a 4xx and never reach the sink, a 1 MB body included', async () => {
    const big = h.inbound[1]!.request;
    const oneMb = { ...big, body: JSON.stringify({ update_id: 1, message: { text: 'x'.repeat(1024 * 1024) } }) };
    for (const r of [...h.rejected, { name: '1 MB body', request: oneMb }]) {
      const res = await post(r.request);
      expect(res.statusCode, r.name).toBeGreaterThanOrEqual(400);
      expect(res.statusCode, r.name).toBeLessThan(500);
    }
    expect(sink.events).toHaveLength(0);
  });

  it('userMessage: text, tap and phone from one worker land in one conversation; a resend is the same update', async () => {
    await post(h.userMessage('worker-a', { text: 'xin chào' }, 1));
    await post(h.userMessage('worker-a', { choiceKey: 'flow:registration' }, 2));
    await post(h.userMessage('worker-a', { phone: '+84912345678' }, 3));
    await post(h.userMessage('worker-a', { phone: '+84912345678' }, 3));
    await post(h.userMessage('worker-b', { text: 'xin chào' }, 1));
    const a = sink.events.filter((e) => e.conversationExternalId === h.externalIdOf('worker-a'));
    expect(a.map((e) => e.kind)).toEqual(['text', 'choice', 'contact', 'contact']);
    expect(a[1]!.choiceKey).toBe('flow:registration');
    expect(a[2]!.contact).toEqual({ phone: '+84912345678' });
    expect(a[2]!.dedupeKey).toBe(a[3]!.dedupeKey);
    const b = sink.events.find((e) => e.conversationExternalId === h.externalIdOf('worker-b'))!;
    expect(b.dedupeKey).not.toBe(a[0]!.dedupeKey);
  });
});

describe('outbound messages', () => {
  it.each(CONTRACT_MESSAGES)('$name is sent and shown', async ({ message }) => {
    const r = await h.adapter.send(sendReq(message));
    expect(r.ok).toBe(true);
    const seen = h.seen(h.calls());
    expect(seen.length).toBeGreaterThan(0);
    expect(seen.every((s) => s.length > 0)).toBe(true);
  });

  it('choices are offered as tappable keys; fifteen long ones fit as buttons', async () => {
    const fifteen = CONTRACT_MESSAGES.find((m) => m.name === 'fifteen long choices')!.message;
    await h.adapter.send(sendReq(fifteen));
    const offered = h.offered(h.calls()[0]!);
    expect(offered).toHaveLength(15);
    expect(offered[14]).toEqual({ key: `unit:${'x'.repeat(40)}-14`, label: 'Công đoàn cơ sở Công ty TNHH May Sông Hồng Việt số 15' });
  });

  it('seen renders buttons as [label] and the contact button too', async () => {
    await h.adapter.send(sendReq(CONTRACT_MESSAGES.find((m) => m.name === 'two choices')!.message));
    await h.adapter.send(sendReq(CONTRACT_MESSAGES.find((m) => m.name === 'request contact')!.message));
    expect(h.seen(h.calls())).toEqual(['Bạn có đồng ý không?\n[Đồng ý] [Không đồng ý]', 'Số điện thoại của bạn?\n[Chia sẻ số điện thoại]']);
  });

  it('each failure Telegram produces is classified as declared', async () => {
    for (const [failure, want] of Object.entries(h.expected)) {
      h.failNext(failure as keyof typeof h.expected);
      const r = await h.adapter.send(sendReq({ kind: 'text', text: 'Xin chào' }));
      // Telegram has nothing an adapter recovers from by itself (no token to refresh)
      if (!want || 'ok' in want) throw new Error(`${failure}: expected a classified failure`);
      expect(r.ok, failure).toBe(false);
      if (r.ok) continue;
      expect(r.retry, failure).toBe(want.retry);
      if (want.minRetryAfterMs) expect(r.retryAfterMs, failure).toBeGreaterThanOrEqual(want.minRetryAfterMs);
      expect(r.reason.length, failure).toBeGreaterThan(5);
    }
    expect(() => h.failNext('window_closed')).toThrow();
  });
});
