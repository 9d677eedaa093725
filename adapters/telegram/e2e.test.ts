import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app/app.ts';
import { loadConfig } from '../../src/config.ts';
import { TEST_SECRET, TEST_TOKEN, webhookRequest } from './contract.ts';
import { loadTelegramConfig } from './config.ts';
import { createTelegramAdapter } from './index.ts';
import { startFakeBotApi, type FakeBotApi } from './testing/fake-bot-api.ts';

/**
 * Webhook -> pipeline -> flow engine -> delivery -> fake Bot API, on the real app with the
 * embedded database. The adapter is added by hand as adapters/index.ts would add it.
 */
let app: App;
let fake: FakeBotApi;
const CHAT = 424242;
let updateId = 1;

beforeAll(async () => {
  fake = await startFakeBotApi({ token: TEST_TOKEN });
  app = await createApp(loadConfig({ DATA_DIR: 'memory://', LOG_LEVEL: 'silent', SEED_DEMO: 'false', NODE_ENV: 'test' }));
  const config = loadTelegramConfig({
    TELEGRAM_BOT_TOKEN: TEST_TOKEN,
    TELEGRAM_WEBHOOK_SECRET: TEST_SECRET,
    TELEGRAM_API_ROOT: fake.apiRoot,
    // the delivery rate limiter would otherwise hand later messages back to the queue for a second
    TELEGRAM_CHAT_INTERVAL_MS: '1',
  })!;
  const adapter = createTelegramAdapter({ config, sink: app.sink, log: app.log });
  app.adapters.set('telegram', adapter);
  await adapter.routes!(app.http);
}, 120_000);
afterAll(async () => {
  await app?.close();
  await fake?.close();
});
beforeEach(() => fake.reset());

const from = { id: CHAT, is_bot: false, first_name: 'Lan', language_code: 'vi' };
const chat = { id: CHAT, type: 'private', first_name: 'Lan' };

async function deliver(update: object) {
  const r = webhookRequest(JSON.stringify({ update_id: updateId++, ...update }));
  const res = await app.http.inject({ method: 'POST', url: r.url, headers: r.headers, payload: r.body! });
  expect(res.statusCode).toBe(200);
  const rows = await app.db.sql.query<{ id: string }>(`SELECT id::text AS id FROM conversation WHERE channel = 'telegram' AND external_id = $1`, [String(CHAT)]);
  await app.drain(rows[0]!.id);
  return res;
}
const say = (text: string) => deliver({ message: { message_id: updateId, date: Math.floor(Date.now() / 1000), chat, from, text } });
const sent = () => fake.calls.filter((c) => fake.methodOf(c) === 'sendMessage').map((c) => c.body as { text: string; reply_markup?: any });

describe('a worker on Telegram', () => {
  it('/start greets and shows the menu as inline buttons', async () => {
    await say('/start');
    const [greeting, menu] = sent();
    expect(greeting!.text).toContain('Trợ lý Công đoàn');
    expect(menu!.reply_markup.inline_keyboard.flat().length).toBeGreaterThan(1);
    expect(menu!.reply_markup.inline_keyboard.flat().every((b: { callback_data: string }) => Buffer.byteLength(b.callback_data) <= 64)).toBe(true);
  });

  it('tapping a menu button runs that entry, and the tap is answered in the webhook reply', async () => {
    await say('/menu');
    const menu = sent().at(-1)!;
    const human = menu.reply_markup.inline_keyboard.flat().find((b: { callback_data: string }) => b.callback_data === 'cmd:human');
    expect(human).toBeDefined();
    fake.reset();
    const res = await deliver({
      callback_query: { id: 'cq-1', from, chat_instance: '1', data: 'cmd:human', message: { message_id: 9, date: 0, chat, reply_markup: menu.reply_markup } },
    });
    expect(res.json()).toEqual({ method: 'answerCallbackQuery', callback_query_id: 'cq-1' });
    expect(sent().map((m) => m.text).join('\n')).toMatch(/cán bộ/);
  });

  it('/help is understood as the global help command', async () => {
    await say('/cancel');
    fake.reset();
    await say('/help');
    expect(sent()[0]!.text).toContain('menu');
  });
});
