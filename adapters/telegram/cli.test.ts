import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { ConfigError } from '../../src/config.ts';
import { commands, menuCommands, webhookUrl } from './cli.ts';
import { TEST_SECRET, TEST_TOKEN } from './contract.ts';
import { startFakeBotApi, type FakeBotApi } from './testing/fake-bot-api.ts';

let fake: FakeBotApi;
let env: Record<string, string>;
const command = (name: string) => commands.find((c) => c.name === name)!;
const bodies = () => fake.calls.map((c) => ({ method: fake.methodOf(c), body: c.body as Record<string, unknown> }));

beforeAll(async () => {
  fake = await startFakeBotApi({ token: TEST_TOKEN });
});
afterAll(() => fake.close());
beforeEach(() => {
  fake.reset();
  env = { TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_WEBHOOK_SECRET: TEST_SECRET, TELEGRAM_API_ROOT: fake.apiRoot, PUBLIC_URL: 'https://chat.congdoan.example/' };
  vi.spyOn(console, 'log').mockImplementation(() => {});
});

describe('telegram:set-webhook', () => {
  it('sets the webhook with the secret, two update types, pending updates kept', async () => {
    await command('telegram:set-webhook').run(env, { maxConnections: '20' });
    expect(bodies()[0]).toEqual({
      method: 'setWebhook',
      body: {
        url: 'https://chat.congdoan.example/webhooks/telegram',
        secret_token: TEST_SECRET,
        allowed_updates: ['message', 'callback_query'],
        drop_pending_updates: false,
        max_connections: 20,
      },
    });
  });

  it('sets the command menu: Vietnamese as the default, English for language_code en', async () => {
    await command('telegram:set-webhook').run(env, {});
    const [, vi, en] = bodies();
    expect(vi).toEqual({
      method: 'setMyCommands',
      body: {
        scope: { type: 'default' },
        commands: [
          { command: 'start', description: 'Bắt đầu trò chuyện với Trợ lý Công đoàn' },
          { command: 'menu', description: 'Xem những việc Trợ lý có thể giúp bạn' },
          { command: 'help', description: 'Hướng dẫn cách trò chuyện với Trợ lý' },
          { command: 'cancel', description: 'Dừng việc đang làm dở' },
          { command: 'human', description: 'Nhờ cán bộ công đoàn hỗ trợ trực tiếp' },
        ],
      },
    });
    expect(en!.body).toMatchObject({ language_code: 'en', scope: { type: 'default' } });
    expect((en!.body.commands as Array<{ command: string }>).map((c) => c.command)).toEqual(['start', 'menu', 'help', 'cancel', 'human']);
    expect(bodies()).toHaveLength(3);
    expect(bodies()[0]!.body.max_connections).toBe(40);
  });

  it('never prints the token or the secret', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await command('telegram:set-webhook').run(env, {});
    const printed = log.mock.calls.flat().join('\n');
    expect(printed).toContain('webhook set');
    expect(printed).not.toContain(TEST_TOKEN.split(':')[1]);
    expect(printed).not.toContain(TEST_SECRET);
  });

  it('refuses a PUBLIC_URL Telegram cannot call, and bad options, before any call', async () => {
    await expect(command('telegram:set-webhook').run({ ...env, PUBLIC_URL: 'http://chat.congdoan.example' }, {})).rejects.toThrow(ConfigError);
    await expect(command('telegram:set-webhook').run({ ...env, PUBLIC_URL: 'https://chat.congdoan.example:3000' }, {})).rejects.toThrow(/443, 80, 88 or 8443/);
    const { PUBLIC_URL: _, ...noUrl } = env;
    await expect(command('telegram:set-webhook').run(noUrl, {})).rejects.toThrow(/PUBLIC_URL/);
    await expect(command('telegram:set-webhook').run(env, { maxConnections: '500' })).rejects.toThrow(/max-connections/);
    const { TELEGRAM_BOT_TOKEN: __, TELEGRAM_WEBHOOK_SECRET: ___, ...none } = env;
    await expect(command('telegram:set-webhook').run(none, {})).rejects.toThrow(/TELEGRAM_BOT_TOKEN/);
    expect(fake.calls).toHaveLength(0);
  });

  it('a Bot API refusal fails the command with a readable reason', async () => {
    const wrong = { ...env, TELEGRAM_BOT_TOKEN: `${TEST_TOKEN.split(':')[0]}:${'Q'.repeat(35)}` };
    await expect(command('telegram:set-webhook').run(wrong, {})).rejects.toThrow(/setWebhook failed: Telegram 401/);
  });
});

describe('telegram:webhook-info', () => {
  it('prints getWebhookInfo', async () => {
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    await command('telegram:set-webhook').run(env, {});
    fake.reset();
    await command('telegram:webhook-info').run(env, {});
    expect(bodies()).toEqual([{ method: 'getWebhookInfo', body: {} }]);
    expect(JSON.parse(String(log.mock.calls.at(-1)![0]))).toMatchObject({
      url: 'https://chat.congdoan.example/webhooks/telegram',
      pending_update_count: 0,
      allowed_updates: ['message', 'callback_query'],
    });
  });
});

describe('helpers', () => {
  it('webhook URL keeps a path prefix and an allowed port', () => {
    expect(webhookUrl('https://congdoan.example:8443/bot/')).toBe('https://congdoan.example:8443/bot/webhooks/telegram');
  });

  it('every command has a description in both languages', () => {
    for (const locale of ['vi', 'en'] as const) {
      for (const c of menuCommands(locale)) expect(c.description.length).toBeGreaterThan(3);
    }
  });
});
