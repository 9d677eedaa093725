import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelAdapter, SendRequest } from '../../src/channels/types.ts';
import type { OutboundMessage } from '../../src/core/model.ts';
import { createLogger } from '../../src/logger.ts';
import { TEST_BOT_ID, TEST_SECRET, TEST_TOKEN } from './contract.ts';
import { loadTelegramConfig } from './config.ts';
import { createTelegramAdapter } from './index.ts';
import { recordingSink } from './testing/recording-sink.ts';
import { RETRY_AFTER_SECONDS, startFakeBotApi, type FakeBotApi } from './testing/fake-bot-api.ts';

let fake: FakeBotApi;
let adapter: ChannelAdapter;
let outbox = 0;

function adapterFor(apiRoot: string, extra: Record<string, string> = {}) {
  const config = loadTelegramConfig({ TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_WEBHOOK_SECRET: TEST_SECRET, TELEGRAM_API_ROOT: apiRoot, ...extra })!;
  return createTelegramAdapter({ config, sink: recordingSink(), log: createLogger('silent') });
}

beforeAll(async () => {
  fake = await startFakeBotApi({ token: TEST_TOKEN });
  adapter = adapterFor(fake.apiRoot);
});
afterAll(() => fake.close());
beforeEach(() => fake.reset());

const request = (message: OutboundMessage, over: Partial<SendRequest> = {}): SendRequest => ({
  outboxId: String(++outbox),
  conversationId: 'conv-1',
  externalId: '1111111',
  accountId: TEST_BOT_ID,
  locale: 'vi',
  message,
  attempt: 1,
  ...over,
});
const send = (message: OutboundMessage, over?: Partial<SendRequest>) => adapter.send(request(message, over));
const bodies = (): Array<Record<string, any>> => fake.calls.map((c) => ({ method: fake.methodOf(c), ...(c.body as Record<string, any>) }));

describe('messages', () => {
  it('text -> sendMessage to the chat, plain text, removing any reply keyboard; returns the message id', async () => {
    const r = await send({ kind: 'text', text: 'Xin chào! Tôi là Trợ lý Công đoàn.' });
    expect(r).toEqual({ ok: true, platformMessageId: expect.stringMatching(/^\d+$/) });
    expect(bodies()).toEqual([
      { method: 'sendMessage', chat_id: '1111111', text: 'Xin chào! Tôi là Trợ lý Công đoàn.', reply_markup: { remove_keyboard: true } },
    ]);
    expect(fake.calls[0]!.path).toBe(`/bot${TEST_TOKEN}/sendMessage`);
  });

  it('a text over 4,096 characters is split at sentence boundaries, in order', async () => {
    const text = Array.from({ length: 120 }, (_, i) => `Câu số ${i + 1} nói về quyền lợi của đoàn viên công đoàn.`).join(' ');
    expect((await send({ kind: 'text', text })).ok).toBe(true);
    const sent = bodies().map((b) => b.text as string);
    expect(sent.length).toBeGreaterThan(1);
    expect(sent.every((t) => [...t].length <= 4096 && t.endsWith('.'))).toBe(true);
    expect(sent.join(' ')).toBe(text);
  });

  it('choices -> inline keyboard, callback_data = key (≤ 64 bytes), short labels two a row', async () => {
    await send({ kind: 'choices', text: 'Bạn có đồng ý không?', choices: [{ key: 'yes', label: 'Đồng ý' }, { key: 'no', label: 'Không đồng ý' }] });
    expect(bodies()[0]).toEqual({
      method: 'sendMessage',
      chat_id: '1111111',
      text: 'Bạn có đồng ý không?',
      reply_markup: { inline_keyboard: [[{ text: 'Đồng ý', callback_data: 'yes' }, { text: 'Không đồng ý', callback_data: 'no' }]] },
    });
  });

  it('long labels get a row each; a key of exactly 64 bytes stays a button', async () => {
    const key = `unit:${'đ'.repeat(29)}x`; // 5 + 58 + 1 = 64 bytes
    expect(Buffer.byteLength(key)).toBe(64);
    await send({
      kind: 'choices',
      text: 'Chọn công đoàn cơ sở của bạn:',
      choices: [{ key, label: 'Công đoàn cơ sở Công ty TNHH May Sông Hồng' }, { key: 'b', label: 'Công đoàn cơ sở Công ty Điện tử Samsung' }],
    });
    const keyboard = bodies()[0]!.reply_markup.inline_keyboard as Array<Array<{ callback_data: string }>>;
    expect(keyboard.map((row) => row.length)).toEqual([1, 1]);
    expect(keyboard[0]![0]!.callback_data).toBe(key);
  });

  it('a key over 64 bytes (UTF-8) -> numbered text menu, no keyboard', async () => {
    const key = `unit:${'đ'.repeat(30)}`; // 65 bytes, 35 characters
    expect((await send({ kind: 'choices', text: 'Chọn một mục:', choices: [{ key, label: 'Mục một' }, { key: 'two', label: 'Mục hai' }] })).ok).toBe(true);
    expect(bodies()).toEqual([{ method: 'sendMessage', chat_id: '1111111', text: 'Chọn một mục:\n1. Mục một\n2. Mục hai', reply_markup: { remove_keyboard: true } }]);
  });

  it('request_contact -> one-time reply keyboard with request_contact', async () => {
    await send({ kind: 'request_contact', text: 'Số điện thoại của bạn?', buttonLabel: 'Chia sẻ số điện thoại' });
    expect(bodies()[0]).toEqual({
      method: 'sendMessage',
      chat_id: '1111111',
      text: 'Số điện thoại của bạn?',
      reply_markup: { keyboard: [[{ text: 'Chia sẻ số điện thoại', request_contact: true }]], resize_keyboard: true, one_time_keyboard: true },
    });
  });

  it('cards -> lead text, then one message per card with URL and callback buttons; a picture card is a photo', async () => {
    await send({
      kind: 'cards',
      text: 'Các chương trình phúc lợi:',
      cards: [
        { title: 'Tết Sum vầy', subtitle: 'Quà Tết cho đoàn viên khó khăn', buttons: [{ label: 'Xem chi tiết', key: 'b:tet' }] },
        { title: 'Mái ấm Công đoàn', imageUrl: 'https://example.org/nha.jpg', buttons: [{ label: 'Mở trang', url: 'https://congdoan.vn' }] },
      ],
    });
    expect(bodies()).toEqual([
      { method: 'sendMessage', chat_id: '1111111', text: 'Các chương trình phúc lợi:', reply_markup: { remove_keyboard: true } },
      {
        method: 'sendMessage',
        chat_id: '1111111',
        text: 'Tết Sum vầy\nQuà Tết cho đoàn viên khó khăn',
        reply_markup: { inline_keyboard: [[{ text: 'Xem chi tiết', callback_data: 'b:tet' }]] },
      },
      {
        method: 'sendPhoto',
        chat_id: '1111111',
        photo: 'https://example.org/nha.jpg',
        caption: 'Mái ấm Công đoàn',
        reply_markup: { inline_keyboard: [[{ text: 'Mở trang', url: 'https://congdoan.vn' }]] },
      },
    ]);
  });

  it('a card button key over 64 bytes turns the cards into a list', async () => {
    await send({ kind: 'cards', text: 'Chương trình:', cards: [{ title: 'Tết Sum vầy', buttons: [{ label: 'Xem', key: 'k'.repeat(65) }] }] });
    expect(bodies()).toEqual([{ method: 'sendMessage', chat_id: '1111111', text: 'Chương trình:\n1. Tết Sum vầy', reply_markup: { remove_keyboard: true } }]);
  });

  it('media by URL: sendPhoto / sendDocument; a caption over 1,024 characters follows as text', async () => {
    await send({ kind: 'media', mediaType: 'image', url: 'https://example.org/the.png', caption: 'Thẻ đoàn viên' });
    await send({ kind: 'media', mediaType: 'file', url: 'https://example.org/mau-don.pdf', name: 'mau-don.pdf' });
    const long = 'Hướng dẫn. '.repeat(120).trim();
    await send({ kind: 'media', mediaType: 'image', url: 'https://example.org/b.png', caption: long });
    expect(bodies()).toEqual([
      { method: 'sendPhoto', chat_id: '1111111', photo: 'https://example.org/the.png', caption: 'Thẻ đoàn viên', reply_markup: { remove_keyboard: true } },
      { method: 'sendDocument', chat_id: '1111111', document: 'https://example.org/mau-don.pdf', reply_markup: { remove_keyboard: true } },
      { method: 'sendPhoto', chat_id: '1111111', photo: 'https://example.org/b.png', reply_markup: { remove_keyboard: true } },
      { method: 'sendMessage', chat_id: '1111111', text: long, reply_markup: { remove_keyboard: true } },
    ]);
  });
});

describe('failures', () => {
  it('429 -> retry after exactly parameters.retry_after', async () => {
    fake.failNext('rate_limited');
    const r = await send({ kind: 'text', text: 'a' });
    expect(r).toEqual({ ok: false, retry: true, retryAfterMs: RETRY_AFTER_SECONDS * 1000, reason: expect.stringContaining('429') });
  });

  it('502 -> retry; 403 blocked -> permanent; 400 chat not found -> permanent with the reason', async () => {
    fake.failNext('server_error');
    expect(await send({ kind: 'text', text: 'a' })).toMatchObject({ ok: false, retry: true, reason: expect.stringContaining('502') });
    fake.failNext('blocked');
    expect(await send({ kind: 'text', text: 'a' })).toMatchObject({ ok: false, retry: false, reason: expect.stringContaining('bot was blocked by the user') });
    fake.failNext('bad_request');
    expect(await send({ kind: 'text', text: 'a' })).toMatchObject({ ok: false, retry: false, reason: expect.stringContaining('chat not found') });
  });

  it('a wrong token (401) is retried and its reason names the variable, never the token', async () => {
    const wrong = createTelegramAdapter({
      config: loadTelegramConfig({ TELEGRAM_BOT_TOKEN: `${TEST_BOT_ID}:${'Z'.repeat(35)}`, TELEGRAM_WEBHOOK_SECRET: 's', TELEGRAM_API_ROOT: fake.apiRoot })!,
      sink: recordingSink(),
      log: createLogger('silent'),
    });
    const r = await wrong.send(request({ kind: 'text', text: 'a' }));
    expect(r).toMatchObject({ ok: false, retry: true, reason: expect.stringContaining('TELEGRAM_BOT_TOKEN') });
    expect(JSON.stringify(r)).not.toContain('Z'.repeat(35));
  });

  it('network down -> retry, token scrubbed', async () => {
    const down = adapterFor('http://127.0.0.1:9');
    const r = await down.send(request({ kind: 'text', text: 'a' }));
    expect(r).toMatchObject({ ok: false, retry: true, reason: expect.stringContaining('unreachable') });
    expect(JSON.stringify(r)).not.toContain(TEST_TOKEN.split(':')[1]);
  });

  it('a Bot API that does not answer in time -> retry', async () => {
    const silent: Server = createServer(() => {});
    await new Promise<void>((ok) => silent.listen(0, '127.0.0.1', ok));
    const { port } = silent.address() as { port: number };
    const slow = adapterFor(`http://127.0.0.1:${port}`, { TELEGRAM_TIMEOUT_MS: '200' });
    const started = Date.now();
    const r = await slow.send(request({ kind: 'text', text: 'a' }));
    expect(r).toMatchObject({ ok: false, retry: true, reason: 'Telegram did not answer in time' });
    expect(Date.now() - started).toBeLessThan(5000);
    silent.closeAllConnections();
    await new Promise((ok) => silent.close(ok));
  });

  it('a retried row resumes after the parts already sent, without repeating them', async () => {
    const text = Array.from({ length: 120 }, (_, i) => `Câu số ${i + 1} nói về quyền lợi của đoàn viên công đoàn.`).join(' ');
    const req = request({ kind: 'text', text });
    fake.script('ok', 'server_error');
    expect(await adapter.send(req)).toMatchObject({ ok: false, retry: true });
    const firstTry = bodies();
    expect(firstTry).toHaveLength(2);
    fake.reset();

    const retried = await adapter.send({ ...req, attempt: 2 });
    expect(retried.ok).toBe(true);
    const sentAgain = bodies().map((b) => b.text as string);
    expect(sentAgain[0]).toBe(firstTry[1]!.text); // the failed part first, the delivered one not again
    expect([firstTry[0]!.text, ...sentAgain].join(' ')).toBe(text);
  });

  it('a permanent failure forgets the progress: a later resend starts over', async () => {
    const text = Array.from({ length: 120 }, (_, i) => `Câu ${i + 1} về quyền lợi của đoàn viên công đoàn cơ sở.`).join(' ');
    const req = request({ kind: 'text', text });
    fake.script('ok', 'blocked');
    expect(await adapter.send(req)).toMatchObject({ ok: false, retry: false });
    fake.reset();
    await adapter.send(req);
    expect((bodies()[0]!.text as string).startsWith('Câu 1 ')).toBe(true);
  });

  it('a conversation of another bot is refused without a call', async () => {
    const r = await send({ kind: 'text', text: 'a' }, { accountId: '999' });
    expect(r).toMatchObject({ ok: false, retry: false });
    expect(fake.calls).toHaveLength(0);
  });
});
