import { z } from 'zod';
import { ConfigError } from '../../src/config.ts';

/**
 * BotFather tokens are `<bot id>:<35 url-safe characters>`; the bot id before the colon is the
 * accountId of every Telegram conversation, so a malformed token must fail at start, not on send.
 */
const TOKEN = /^(\d{1,20}):[A-Za-z0-9_-]{30,}$/;

const schema = z.object({
  TELEGRAM_BOT_TOKEN: z.string().regex(TOKEN, 'must be the token BotFather gave, like 123456789:AA...'),
  /** Telegram's own rule for secret_token (setWebhook): 1–256 characters of A-Z a-z 0-9 _ - */
  TELEGRAM_WEBHOOK_SECRET: z
    .string({ error: 'required when TELEGRAM_BOT_TOKEN is set (the webhook would accept anyone otherwise)' })
    .regex(/^[A-Za-z0-9_-]{1,256}$/, 'must be 1–256 characters of A-Z a-z 0-9 _ -'),
  /** a Local Bot API server, or a fake one in tests */
  TELEGRAM_API_ROOT: z.url().default('https://api.telegram.org'),
  /** whole-bot budget: Telegram's FAQ says about 30 messages/s (paid broadcasts allow more) */
  TELEGRAM_RATE_PER_SECOND: z.coerce.number().int().min(1).max(1000).default(30),
  /** one chat: Telegram's FAQ asks for no more than one message per second on average... */
  TELEGRAM_CHAT_INTERVAL_MS: z.coerce.number().int().min(1).max(60_000).default(1000),
  /** ...and tolerates short bursts: a greeting and its menu arrive together instead of a second apart */
  TELEGRAM_CHAT_BURST: z.coerce.number().int().min(1).max(20).default(3),
  /** a stuck connection must not hold a delivery worker for telegraf's default 500 s */
  TELEGRAM_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(15_000),
});

export type TelegramConfig = z.infer<typeof schema> & { botId: string };

/** null when Telegram is not configured at all; ConfigError naming the variable when half-configured. */
export function loadTelegramConfig(env: Record<string, string | undefined>): TelegramConfig | null {
  const relevant = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k.startsWith('TELEGRAM_') && v !== undefined && v !== ''),
  );
  if (relevant.TELEGRAM_BOT_TOKEN === undefined) {
    if (relevant.TELEGRAM_WEBHOOK_SECRET !== undefined) {
      throw new ConfigError('Invalid configuration:\n  TELEGRAM_BOT_TOKEN: required when TELEGRAM_WEBHOOK_SECRET is set');
    }
    return null;
  }
  const parsed = schema.safeParse(relevant);
  if (!parsed.success) {
    // Issue messages never echo the value: the token is a secret.
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return { ...parsed.data, botId: TOKEN.exec(parsed.data.TELEGRAM_BOT_TOKEN)![1]! };
}
