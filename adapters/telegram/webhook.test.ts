import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/logger.ts';
import { fixture, TEST_BOT_ID, TEST_SECRET, TEST_TOKEN, webhookRequest } from './contract.ts';
import { loadTelegramConfig } from './config.ts';
import { createTelegramAdapter } from './index.ts';
import { recordingSink, type RecordingSink } from './testing/recording-sink.ts';
import type { WebhookRequest } from '../../src/channels/contract.ts';

let app: FastifyInstance;
let sink: RecordingSink;
const NOW = Date.parse('2026-03-08T09:00:00Z');

beforeAll(async () => {
  sink = recordingSink();
  // The webhook never calls the Bot API: an unreachable root proves it.
  const config = loadTelegramConfig({ TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_WEBHOOK_SECRET: TEST_SECRET, TELEGRAM_API_ROOT: 'http://127.0.0.1:9' })!;
  const adapter = createTelegramAdapter({ config, sink, log: createLogger('silent'), now: () => NOW });
  app = Fastify({ logger: false });
  await adapter.routes!(app);
  await app.ready();
});
afterAll(() => app.close());
beforeEach(() => {
  sink.events.length = 0;
});

const post = (r: WebhookRequest) => app.inject({ method: r.method, url: r.url, headers: r.headers, payload: r.body });
const update = (u: object) => post(webhookRequest(JSON.stringify(u)));
const privateChat = { id: 42, type: 'private', first_name: 'Lan' };
const lan = { id: 42, is_bot: false, first_name: 'Lan', last_name: 'Nguyễn', language_code: 'vi' };
const message = (updateId: number, content: object) => update({ update_id: updateId, message: { message_id: 7, date: 1_760_000_000, chat: privateChat, from: lan, ...content } });

describe('secret token', () => {
  it('401 without the header, 403 with a wrong one, and nothing reaches the pipeline', async () => {
    const missing = await post(webhookRequest(fixture('message_entities'), null));
    expect(missing.statusCode).toBe(401);
    const wrong = await post(webhookRequest(fixture('message_entities'), `${TEST_SECRET}x`));
    expect(wrong.statusCode).toBe(403);
    const empty = await post(webhookRequest(fixture('message_entities'), ''));
    expect(empty.statusCode).toBe(401);
    expect(sink.events).toHaveLength(0);
  });

  it('checks the secret before reading the body: a forged malformed body is 401, not 400', async () => {
    const res = await post(webhookRequest('{"update_id":', null));
    expect(res.statusCode).toBe(401);
  });

  it('accepts the right secret with 200', async () => {
    const res = await post(webhookRequest(fixture('message_entities')));
    expect(res.statusCode).toBe(200);
    expect(sink.events).toHaveLength(1);
  });
});

describe('malformed bodies', () => {
  it.each([
    ['broken JSON', '{"update_id":1,'],
    ['no update_id', JSON.stringify({ message: { text: 'x' } })],
    ['negative update_id', JSON.stringify({ update_id: -1 })],
    ['message without chat', JSON.stringify({ update_id: 5, message: { message_id: 1, date: 1, text: 'x' } })],
  ])('%s -> 400, nothing stored', async (_name, body) => {
    const res = await post(webhookRequest(body));
    expect(res.statusCode).toBe(400);
    expect(sink.events).toHaveLength(0);
  });
});

describe('normalization', () => {
  it('text: ids, dedupe key, names and language from the update', async () => {
    await message(501, { text: 'Tôi muốn đăng ký công đoàn' });
    expect(sink.events).toEqual([
      {
        channel: 'telegram',
        accountId: TEST_BOT_ID,
        platformUserId: '42',
        conversationExternalId: '42',
        dedupeKey: `tg:${TEST_BOT_ID}:501`,
        platformMessageId: '7',
        displayName: 'Lan Nguyễn',
        locale: 'vi',
        kind: 'text',
        text: 'Tôi muốn đăng ký công đoàn',
        occurredAt: 1_760_000_000_000,
      },
    ]);
  });

  it('/start (also with a deep-link payload) is start; /menu, /help, /cancel, /human stay text without @bot', async () => {
    await message(502, { text: '/start' });
    await message(503, { text: '/start ref_zalo' });
    await message(504, { text: '/menu@UnionAssistantBot' });
    await message(505, { text: '/help' });
    await message(506, { text: '/cancel' });
    await message(507, { text: '/human' });
    expect(sink.events.map((e) => [e.kind, e.text])).toEqual([
      ['start', undefined],
      ['start', undefined],
      ['text', '/menu'],
      ['text', '/help'],
      ['text', '/cancel'],
      ['text', '/human'],
    ]);
  });

  it('a platform retry of the same update carries the same dedupe key and is answered 200', async () => {
    const body = fixture('message_entities');
    expect((await post(webhookRequest(body))).statusCode).toBe(200);
    expect((await post(webhookRequest(body))).statusCode).toBe(200);
    expect(sink.events.map((e) => e.dedupeKey)).toEqual([`tg:${TEST_BOT_ID}:10001`, `tg:${TEST_BOT_ID}:10001`]);
  });

  it('own contact -> contact with an international number', async () => {
    await post(webhookRequest(fixture('message_contact')));
    expect(sink.events[0]).toMatchObject({ kind: 'contact', contact: { phone: '+84912345678' }, platformUserId: '1111111' });
  });

  it("refuses a contact card of another user: the turn runs without a phone, the number is not stored", async () => {
    await post(webhookRequest(fixture('message_contact_other')));
    expect(sink.events).toHaveLength(1);
    expect(sink.events[0]!.kind).toBe('contact');
    expect(sink.events[0]!.contact).toBeUndefined();
    expect(JSON.stringify(sink.events[0])).not.toContain('84987654321');
    // a contact typed by hand has no user_id at all: refused too
    await message(508, { contact: { phone_number: '+84912345678', first_name: 'Lan' } });
    expect(sink.events[1]!.contact).toBeUndefined();
  });

  it.each([
    ['message_photo', { type: 'image', size: 84512 }],
    ['message_document', { type: 'file', name: 'Testfile.pdf', mime: 'application/pdf', size: 536392 }],
    ['message_voice', { type: 'audio', mime: 'audio/ogg', size: 23000 }],
    ['message_audio', { type: 'audio', mime: 'audio/mpeg' }],
  ])('%s -> media', async (file, attachment) => {
    await post(webhookRequest(fixture(file)));
    expect(sink.events[0]).toMatchObject({ kind: 'media', attachments: [attachment] });
    // a file_id reference that only getFile with our token resolves: never a URL carrying the token
    expect(sink.events[0]!.attachments![0]!.url).toMatch(/^tg-file:[\w-]+$/);
  });

  it('video, sticker and animation -> media', async () => {
    const file = { file_id: 'f', file_unique_id: 'u' };
    await message(510, { video: { ...file, width: 1, height: 1, duration: 1 } });
    await message(511, { sticker: { ...file, type: 'regular', width: 1, height: 1, is_animated: false, is_video: false } });
    await message(512, { animation: { ...file, width: 1, height: 1, duration: 1 }, document: { ...file, mime_type: 'video/mp4' } });
    expect(sink.events.map((e) => [e.kind, e.attachments?.[0]?.type])).toEqual([
      ['media', 'video'],
      ['media', 'sticker'],
      ['media', 'video'],
    ]);
  });

  it('location', async () => {
    await post(webhookRequest(fixture('message_location')));
    expect(sink.events[0]).toMatchObject({ kind: 'location', location: { lat: 21.028511, lng: 105.804817 } });
  });

  it('ignores edited messages, group chats, inline queries and unsupported content with 200', async () => {
    for (const file of ['edited_message', 'message_group', 'inline_query']) {
      const res = await post(webhookRequest(fixture(file)));
      expect(res.statusCode, file).toBe(200);
    }
    expect((await message(513, { poll: { id: 'p', question: 'q', options: [] } })).statusCode).toBe(200);
    expect((await update({ update_id: 514, my_chat_member: { chat: privateChat } })).statusCode).toBe(200);
    expect(sink.events).toHaveLength(0);
  });
});

describe('callback queries', () => {
  it('a tap is a choice with the callback data as key and the tapped label as text, answered in the webhook reply', async () => {
    const res = await post(webhookRequest(fixture('callback_query')));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ method: 'answerCallbackQuery', callback_query_id: '4382bfdwdsb323b2d9' });
    expect(sink.events).toEqual([
      expect.objectContaining({
        kind: 'choice',
        choiceKey: 'yes',
        text: 'Đồng ý',
        conversationExternalId: '1111111',
        platformUserId: '1111111',
        dedupeKey: `tg:${TEST_BOT_ID}:10008`,
        occurredAt: NOW,
      }),
    ]);
  });

  it('a tap that is ignored is still answered, so the spinner stops', async () => {
    const res = await post(webhookRequest(fixture('callback_query_inline')));
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ method: 'answerCallbackQuery', callback_query_id: '4382bfdwdsb323b2d9' });
    expect(sink.events).toHaveLength(0);
  });

  it('a plain message is answered with an empty 200 (no Bot API method in the reply)', async () => {
    const res = await post(webhookRequest(fixture('message_entities')));
    expect(res.body).toBe('');
  });
});

describe('pipeline failure', () => {
  it('a sink error is a 5xx, so Telegram redelivers the update', async () => {
    const failing = Fastify({ logger: false });
    const config = loadTelegramConfig({ TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_WEBHOOK_SECRET: TEST_SECRET })!;
    const adapter = createTelegramAdapter({
      config,
      sink: { accept: async () => Promise.reject(new Error('database down')) },
      log: createLogger('silent'),
    });
    await adapter.routes!(failing);
    const r = webhookRequest(fixture('message_entities'));
    const res = await failing.inject({ method: 'POST', url: r.url, headers: r.headers, payload: r.body });
    expect(res.statusCode).toBe(500);
    await failing.close();
  });
});
