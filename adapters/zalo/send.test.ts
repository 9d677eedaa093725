import Fastify from 'fastify';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CONTRACT_MESSAGES } from '../../src/channels/contract.ts';
import type { Database } from '../../src/db/client.ts';
import type { OutboundMessage } from '../../src/core/model.ts';
import { createZaloAdapter } from './index.ts';
import { startFakeZalo, type FakeZalo } from './testing/fake-zalo.ts';
import { TEST_APP_ID, TEST_APP_SECRET, TEST_USER_ID } from './testing/sign.ts';
import { openTestDatabase, sendRequest, silentLog, testConfig, testKeyring } from './testing/setup.ts';

let db: Database;
let fake: FakeZalo;
const NOW = 1_780_000_000_000;
const HOUR = 3_600_000;

beforeAll(async () => {
  db = await openTestDatabase();
});
afterAll(() => db.close());
beforeEach(async () => {
  fake = await startFakeZalo({ appId: TEST_APP_ID, appSecret: TEST_APP_SECRET });
});
afterEach(() => fake.close());

function adapter(env: Record<string, string> = {}) {
  return createZaloAdapter({
    config: testConfig(fake, env),
    sql: db.sql,
    sink: { accept: async () => ({ status: 'accepted', conversationId: '', inboxId: '' }) },
    keyring: testKeyring,
    log: silentLog,
    now: () => NOW,
  });
}

const cs = () => fake.calls.filter((c) => c.path === '/v3.0/oa/message/cs').map((c) => c.body as { recipient: Record<string, string>; message: any });
const message = (name: string): OutboundMessage => CONTRACT_MESSAGES.find((m) => m.name === name)!.message;
const reply = (sentSinceInbound: number, ago = HOUR) => ({
  replyTo: { dedupeKey: 'zalo:oa:in-1', platformMessageId: 'in-1' },
  window: { lastInboundAt: NOW - ago, sentSinceInbound },
});

describe('rendering on /v3.0/oa/message/cs', () => {
  it('choices become one numbered text menu, no buttons', async () => {
    expect(await adapter().send(sendRequest(message('two choices')))).toMatchObject({ ok: true });
    expect(cs()).toEqual([{ recipient: { user_id: TEST_USER_ID }, message: { text: 'Bạn có đồng ý không?\n1. Đồng ý\n2. Không đồng ý' } }]);
    const calls = fake.calls.filter((c) => c.path === '/v3.0/oa/message/cs');
    expect(calls[0]!.headers.access_token).toBe(fake.tokens.access);
  });

  it('fifteen long choices stay a numbered menu within the text limit', async () => {
    await adapter().send(sendRequest(message('fifteen long choices')));
    const texts = cs().map((b) => b.message.text as string);
    expect(texts.join('\n')).toContain('15. Công đoàn cơ sở Công ty TNHH May Sông Hồng Việt số 15');
    for (const t of texts) expect([...t].length).toBeLessThanOrEqual(2000);
  });

  it('splits a long text into ≤ 2000-character messages, in order, at sentence ends', async () => {
    const long = message('long text') as { kind: 'text'; text: string };
    expect(long.text.length).toBeGreaterThan(4000);
    expect(await adapter().send(sendRequest(long))).toMatchObject({ ok: true });
    const texts = cs().map((b) => b.message.text as string);
    expect(texts.length).toBe(3);
    for (const t of texts) {
      expect([...t].length).toBeLessThanOrEqual(2000);
      expect(t).toMatch(/\.$/);
    }
    expect(texts.join(' ')).toBe(long.text);
  });

  it('the split limit is configuration', async () => {
    await adapter({ ZALO_MAX_TEXT_LENGTH: '500' }).send(sendRequest(message('long text')));
    expect(cs().length).toBeGreaterThanOrEqual(10);
  });

  it('an image goes as a media template by URL with its caption', async () => {
    await adapter().send(sendRequest(message('image')));
    expect(cs()[0]!.message).toEqual({
      text: 'Thẻ đoàn viên',
      attachment: { type: 'template', payload: { template_type: 'media', elements: [{ media_type: 'image', url: 'https://example.org/the.png' }] } },
    });
  });

  it('a file (needs an upload token) and cards degrade to text', async () => {
    await adapter().send(sendRequest({ kind: 'media', mediaType: 'file', url: 'https://congdoan.vn/mau-don.pdf', caption: 'Mẫu đơn' }));
    await adapter().send(sendRequest(message('cards')));
    expect(cs().map((b) => b.message)).toEqual([
      { text: 'Mẫu đơn\nhttps://congdoan.vn/mau-don.pdf' },
      { text: 'Các chương trình phúc lợi:\n1. Tết Sum vầy — Quà Tết cho đoàn viên khó khăn\n2. Mái ấm Công đoàn — Hỗ trợ nhà ở' },
    ]);
  });

  it('a phone request is plain text, or the request_user_info card when its banner is configured', async () => {
    await adapter().send(sendRequest(message('request contact')));
    await adapter({ ZALO_REQUEST_INFO_IMAGE_URL: 'https://congdoan.vn/banner.png' }).send(sendRequest(message('request contact')));
    expect(cs().map((b) => b.message)).toEqual([
      { text: 'Số điện thoại của bạn?' },
      {
        attachment: {
          type: 'template',
          payload: {
            template_type: 'request_user_info',
            elements: [{ title: 'Chia sẻ số điện thoại', subtitle: 'Số điện thoại của bạn?', image_url: 'https://congdoan.vn/banner.png' }],
          },
        },
      },
    ]);
  });
});

describe('messaging window', () => {
  it('replies by recipient.message_id inside 48 h and the 8 free messages', async () => {
    await adapter().send(sendRequest(message('short text'), reply(0)));
    await adapter().send(sendRequest(message('short text'), reply(7)));
    expect(cs().map((b) => b.recipient)).toEqual([{ message_id: 'in-1' }, { message_id: 'in-1' }]);
  });

  it('falls back to user_id past the 8th message, past 48 h, or without an inbound message id', async () => {
    await adapter().send(sendRequest(message('short text'), reply(8)));
    await adapter().send(sendRequest(message('short text'), reply(0, 49 * HOUR)));
    await adapter().send(sendRequest(message('short text'), { window: { lastInboundAt: NOW - HOUR, sentSinceInbound: 0 } }));
    expect(cs().map((b) => b.recipient)).toEqual([{ user_id: TEST_USER_ID }, { user_id: TEST_USER_ID }, { user_id: TEST_USER_ID }]);
  });

  it('counts the parts of a split text against the free messages', async () => {
    await adapter().send(sendRequest(message('long text'), reply(6)));
    expect(cs().map((b) => b.recipient)).toEqual([{ message_id: 'in-1' }, { message_id: 'in-1' }, { user_id: TEST_USER_ID }]);
  });

  it('the numbers are configuration, and message_id replies can be switched off', async () => {
    await adapter({ ZALO_FREE_REPLIES: '2', ZALO_REPLY_WINDOW_HOURS: '24' }).send(sendRequest(message('short text'), reply(2)));
    await adapter({ ZALO_REPLY_WINDOW_HOURS: '24' }).send(sendRequest(message('short text'), reply(0, 25 * HOUR)));
    await adapter({ ZALO_REPLY_BY_MESSAGE_ID: 'false' }).send(sendRequest(message('short text'), reply(0)));
    expect(cs().map((b) => Object.keys(b.recipient)[0])).toEqual(['user_id', 'user_id', 'user_id']);
  });

  it('after 7 days of silence: dead letter (retry false) with a readable reason, Zalo not called', async () => {
    const result = await adapter().send(sendRequest(message('short text'), reply(0, 8 * 24 * HOUR)));
    expect(result).toEqual({ ok: false, retry: false, reason: expect.stringMatching(/last wrote 8 days ago.*within 7 days.*-230/) });
    expect(fake.calls).toEqual([]);
    const shorter = await adapter({ ZALO_CS_WINDOW_DAYS: '3' }).send(sendRequest(message('short text'), reply(0, 4 * 24 * HOUR)));
    expect(shorter).toMatchObject({ ok: false, retry: false });
  });

  it('-230 from Zalo (its count differs from ours) is a dead letter too', async () => {
    fake.failNext('window_closed');
    expect(await adapter().send(sendRequest(message('short text'), reply(0, 6 * 24 * HOUR)))).toEqual({
      ok: false,
      retry: false,
      reason: expect.stringMatching(/more than 7 days.*-230/),
    });
  });
});

describe('failures', () => {
  it.each([
    ['rate_limited', { retry: true, retryAfterMs: 30_000, reason: expect.stringMatching(/-32/) }],
    ['server_error', { retry: true, reason: expect.stringMatching(/HTTP 503/) }],
    ['blocked', { retry: false, reason: expect.stringMatching(/-213/) }],
    ['bad_request', { retry: false, reason: expect.stringMatching(/-201.*Parameters are invalid/) }],
  ] as const)('%s → %o', async (failure, expected) => {
    fake.failNext(failure);
    expect(await adapter().send(sendRequest(message('short text')))).toMatchObject({ ok: false, ...expected });
  });

  it('an HTTP 429 honours Retry-After', async () => {
    const limiter = Fastify();
    limiter.post('/v3.0/oa/message/cs', async (_req, r) => r.code(429).header('retry-after', '7').send({ error: 'Too Many Requests' }));
    await limiter.listen({ host: '127.0.0.1', port: 0 });
    try {
      const port = (limiter.server.address() as { port: number }).port;
      const result = await adapter({ ZALO_API_BASE: `http://127.0.0.1:${port}` }).send(sendRequest(message('short text')));
      expect(result).toEqual({ ok: false, retry: true, retryAfterMs: 7000, reason: 'Zalo rate limit (HTTP 429)' });
    } finally {
      await limiter.close();
    }
  });

  it('never throws when Zalo is unreachable', async () => {
    const result = await adapter({ ZALO_API_BASE: 'http://127.0.0.1:1' }).send(sendRequest(message('short text')));
    expect(result).toMatchObject({ ok: false, retry: true, reason: expect.stringMatching(/unreachable/) });
  });

  it('a retry after a partial failure sends only the parts that did not go out', async () => {
    const a = adapter();
    const req = sendRequest(message('long text'));
    fake.script([null, 'server_error']);
    expect(await a.send(req)).toMatchObject({ ok: false, retry: true });
    const first = cs().map((b) => b.message.text as string);
    expect(first).toHaveLength(2); // part 1 delivered, part 2 failed

    fake.reset();
    const again = await a.send({ ...req, attempt: 2 });
    expect(again).toMatchObject({ ok: true });
    const second = cs().map((b) => b.message.text as string);
    expect(second).toHaveLength(2);
    expect([first[0], ...second].join(' ')).toBe((message('long text') as { text: string }).text);
    const left = await db.sql.query(`SELECT 1 FROM system_setting WHERE key LIKE 'zalo:partial:%'`);
    expect(left).toEqual([]);
  });
});
