import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { ChannelContract, ContractHarness, PlatformCall, WebhookRequest } from '../../src/channels/contract.ts';
import type { InboundEvent } from '../../src/core/model.ts';
import { loadTelegramConfig } from './config.ts';
import { createTelegramAdapter } from './index.ts';
import { WEBHOOK_PATH } from './routes.ts';
import { SECRET_HEADER } from './signature.ts';
import { RETRY_AFTER_SECONDS, startFakeBotApi, type TelegramFailure } from './testing/fake-bot-api.ts';

export const TEST_BOT_ID = '123456789';
export const TEST_TOKEN = `${TEST_BOT_ID}:AAHdqTcvCH1vGWJxfSeofSAs0K5PALDsaw0`;
export const TEST_SECRET = 'contract-secret_2024';

/** A fixture's raw body, byte for byte as stored (fixtures/README.md cites each sample). */
export function fixture(name: string): string {
  return readFileSync(new URL(`./fixtures/${name}.json`, import.meta.url), 'utf8');
}

export function webhookRequest(body: string, secret: string | null = TEST_SECRET): WebhookRequest {
  return {
    method: 'POST',
    url: WEBHOOK_PATH,
    headers: { 'content-type': 'application/json', ...(secret === null ? {} : { [SECRET_HEADER]: secret }) },
    body,
  };
}

/** Every sample is from user 1111111 in their private chat with the bot. */
const SAMPLE_USER = { channel: 'telegram', accountId: TEST_BOT_ID, platformUserId: '1111111', conversationExternalId: '1111111' } as const;
const key = (updateId: number) => `tg:${TEST_BOT_ID}:${updateId}`;

const INBOUND: Array<{ name: string; file: string; events: Array<Partial<InboundEvent>> }> = [
  { name: '/start opens the chat', file: 'message_start', events: [{ ...SAMPLE_USER, kind: 'start', dedupeKey: key(10000), occurredAt: 1441645532000 }] },
  { name: 'text', file: 'message_entities', events: [{ ...SAMPLE_USER, kind: 'text', text: 'Bold and italics', dedupeKey: key(10001), platformMessageId: '1365' }] },
  { name: 'a bot command other than /start stays text', file: 'message_command_menu', events: [{ ...SAMPLE_USER, kind: 'text', text: '/menu' }] },
  { name: 'edited message is ignored', file: 'edited_message', events: [] },
  { name: 'audio', file: 'message_audio', events: [{ ...SAMPLE_USER, kind: 'media', attachments: [{ type: 'audio', mime: 'audio/mpeg', size: 3897500 }] }] },
  { name: 'voice', file: 'message_voice', events: [{ ...SAMPLE_USER, kind: 'media', attachments: [{ type: 'audio', mime: 'audio/ogg' }] }] },
  { name: 'document', file: 'message_document', events: [{ ...SAMPLE_USER, kind: 'media', attachments: [{ type: 'file', name: 'Testfile.pdf', mime: 'application/pdf' }] }] },
  { name: 'photo with caption', file: 'message_photo', events: [{ ...SAMPLE_USER, kind: 'media', text: 'Thẻ đoàn viên của tôi', attachments: [{ type: 'image', size: 84512 }] }] },
  { name: 'location', file: 'message_location', events: [{ ...SAMPLE_USER, kind: 'location', location: { lat: 21.028511, lng: 105.804817 } }] },
  { name: 'own phone via the contact button', file: 'message_contact', events: [{ ...SAMPLE_USER, kind: 'contact', contact: { phone: '+84912345678' } }] },
  { name: "someone else's contact card: no phone taken", file: 'message_contact_other', events: [{ ...SAMPLE_USER, kind: 'contact' }] },
  {
    name: 'inline button tap',
    file: 'callback_query',
    events: [{ ...SAMPLE_USER, kind: 'choice', choiceKey: 'yes', text: 'Đồng ý', dedupeKey: key(10008), platformMessageId: '4382bfdwdsb323b2d9', locale: 'vi' }],
  },
  { name: 'tap on an inline-mode message is ignored', file: 'callback_query_inline', events: [] },
  { name: 'inline query is ignored', file: 'inline_query', events: [] },
  { name: 'group chat is ignored', file: 'message_group', events: [] },
];

/** Telegram ids are numbers; a test's user name becomes a stable one. */
export function numericId(userId: string): number {
  if (/^[1-9]\d{0,14}$/.test(userId)) return Number(userId);
  return 100_000_000 + (createHash('sha256').update(userId).digest().readUInt32BE(0) % 900_000_000);
}

function bubbles(api: (call: PlatformCall) => string, calls: PlatformCall[]): string[] {
  return calls
    .filter((c) => ['sendMessage', 'sendPhoto', 'sendDocument'].includes(api(c)))
    .map((c) => {
      const body = c.body as Record<string, any>;
      const markup = body.reply_markup as { inline_keyboard?: Array<Array<{ text: string }>>; keyboard?: Array<Array<{ text: string }>> } | undefined;
      const buttons = (markup?.inline_keyboard ?? markup?.keyboard ?? []).flat().map((b) => `[${b.text}]`);
      const media = body.photo ? `(image ${body.photo})` : body.document ? `(file ${body.document})` : undefined;
      return [media, body.text ?? body.caption, buttons.join(' ')].filter(Boolean).join('\n');
    });
}

/** The Telegram adapter against a fake Bot API on 127.0.0.1 (no internet). */
export const telegramContract: ChannelContract = {
  channel: 'telegram',
  async start(deps): Promise<ContractHarness> {
    const fake = await startFakeBotApi({ token: TEST_TOKEN });
    const config = loadTelegramConfig({
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_WEBHOOK_SECRET: TEST_SECRET,
      TELEGRAM_API_ROOT: fake.apiRoot,
      TELEGRAM_TIMEOUT_MS: '5000',
    })!;
    const adapter = createTelegramAdapter({ config, sink: deps.sink, log: deps.log, now: deps.now });

    return {
      adapter,
      inbound: INBOUND.map((f) => ({ name: f.name, request: webhookRequest(fixture(f.file)), events: f.events })),
      rejected: [
        { name: 'wrong secret token', request: webhookRequest(fixture('message_entities'), 'not-the-secret') },
        { name: 'missing secret token', request: webhookRequest(fixture('message_entities'), null) },
        { name: 'malformed JSON', request: webhookRequest('{"update_id":10020,"message":{"text":') },
        { name: 'not an update (no update_id)', request: webhookRequest(JSON.stringify({ message: { text: 'hi' } })) },
        { name: 'message without chat', request: webhookRequest(JSON.stringify({ update_id: 10021, message: { message_id: 1, date: 1, text: 'hi' } })) },
      ],
      userMessage(userId, input, seq) {
        const id = numericId(userId);
        const from = { id, is_bot: false, first_name: 'Công nhân', language_code: 'vi' };
        const chat = { id, type: 'private', first_name: 'Công nhân' };
        // unique per user and step, stable for a retried step (same dedupe key)
        const updateId = (id % 1_000_000) * 10_000 + seq;
        const date = Math.floor(deps.now() / 1000);
        if (input.choiceKey !== undefined) {
          return webhookRequest(
            JSON.stringify({
              update_id: updateId,
              callback_query: {
                id: `${id}-${seq}`,
                from,
                chat_instance: String(id),
                message: { message_id: seq, date, chat, text: '…' },
                data: input.choiceKey,
              },
            }),
          );
        }
        const content = input.phone !== undefined
          ? { contact: { phone_number: input.phone.replace(/^\+/, ''), first_name: 'Công nhân', user_id: id } }
          : { text: input.text ?? '' };
        return webhookRequest(JSON.stringify({ update_id: updateId, message: { message_id: seq, date, chat, from, ...content } }));
      },
      externalIdOf: (userId) => String(numericId(userId)),
      calls: () => [...fake.calls],
      reset: () => fake.reset(),
      failNext(failure, times) {
        if (!(failure in expected)) throw new Error(`Telegram has no ${failure} failure`);
        fake.failNext(failure as TelegramFailure, times);
      },
      expected,
      seen: (calls) => bubbles(fake.methodOf, calls),
      offered(call) {
        const markup = (call.body as { reply_markup?: { inline_keyboard?: Array<Array<{ text: string; callback_data?: string }>> } }).reply_markup;
        return (markup?.inline_keyboard ?? [])
          .flat()
          .filter((b) => b.callback_data !== undefined)
          .map((b) => ({ key: b.callback_data!, label: b.text }));
      },
      stop: () => fake.close(),
    };
  },
};

const expected: ContractHarness['expected'] = {
  rate_limited: { retry: true, minRetryAfterMs: RETRY_AFTER_SECONDS * 1000 },
  server_error: { retry: true },
  blocked: { retry: false },
  bad_request: { retry: false },
};
