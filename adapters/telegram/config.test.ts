import { describe, expect, it } from 'vitest';
import { ConfigError } from '../../src/config.ts';
import { loadTelegramConfig } from './config.ts';
import { TEST_SECRET, TEST_TOKEN } from './contract.ts';

describe('loadTelegramConfig', () => {
  it('is null when the bot token is not set (empty counts as unset)', () => {
    expect(loadTelegramConfig({})).toBeNull();
    expect(loadTelegramConfig({ TELEGRAM_BOT_TOKEN: '' })).toBeNull();
  });

  it('reads the bot id from the token and applies defaults', () => {
    expect(loadTelegramConfig({ TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_WEBHOOK_SECRET: TEST_SECRET })).toEqual({
      TELEGRAM_BOT_TOKEN: TEST_TOKEN,
      TELEGRAM_WEBHOOK_SECRET: TEST_SECRET,
      TELEGRAM_API_ROOT: 'https://api.telegram.org',
      TELEGRAM_RATE_PER_SECOND: 30,
      TELEGRAM_CHAT_INTERVAL_MS: 1000,
      TELEGRAM_CHAT_BURST: 3,
      TELEGRAM_TIMEOUT_MS: 15000,
      botId: '123456789',
    });
  });

  it.each([
    [{ TELEGRAM_BOT_TOKEN: TEST_TOKEN }, /TELEGRAM_WEBHOOK_SECRET: required/],
    [{ TELEGRAM_WEBHOOK_SECRET: TEST_SECRET }, /TELEGRAM_BOT_TOKEN: required/],
    [{ TELEGRAM_BOT_TOKEN: 'not-a-token', TELEGRAM_WEBHOOK_SECRET: TEST_SECRET }, /TELEGRAM_BOT_TOKEN: must be/],
    [{ TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_WEBHOOK_SECRET: 'có dấu' }, /TELEGRAM_WEBHOOK_SECRET: must be 1–256/],
    [{ TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_WEBHOOK_SECRET: 'a'.repeat(257) }, /TELEGRAM_WEBHOOK_SECRET/],
    [{ TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_WEBHOOK_SECRET: TEST_SECRET, TELEGRAM_API_ROOT: 'api.telegram.org' }, /TELEGRAM_API_ROOT/],
    [{ TELEGRAM_BOT_TOKEN: TEST_TOKEN, TELEGRAM_WEBHOOK_SECRET: TEST_SECRET, TELEGRAM_RATE_PER_SECOND: '0' }, /TELEGRAM_RATE_PER_SECOND/],
  ])('half-configured or invalid -> ConfigError naming the variable (%#)', (env, message) => {
    expect(() => loadTelegramConfig(env)).toThrow(ConfigError);
    expect(() => loadTelegramConfig(env)).toThrow(message);
  });

  it('never puts the token in an error message', () => {
    const bad = `${TEST_TOKEN}!`;
    try {
      loadTelegramConfig({ TELEGRAM_BOT_TOKEN: bad, TELEGRAM_WEBHOOK_SECRET: TEST_SECRET });
      expect.unreachable();
    } catch (err) {
      expect((err as Error).message).not.toContain(TEST_TOKEN.split(':')[1]);
    }
  });
});
