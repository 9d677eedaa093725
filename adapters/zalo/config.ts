import { z } from 'zod';
import { ConfigError } from '../../src/config.ts';

const digits = z.string().regex(/^\d{1,30}$/, 'must be the numeric id shown in the Zalo developer console');
const int = (min: number, max: number, dflt: number) => z.coerce.number().int().min(min).max(max).default(dflt);
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

/**
 * Zalo's environment. Several numbers Zalo never published (platforms.md §8: text limit, rate
 * limits, whether /message/cs takes recipient.message_id) are variables, so a sandbox finding
 * is a configuration change, not a release.
 */
const schema = z.object({
  ZALO_OA_ID: digits,
  ZALO_APP_ID: digits,
  /** "Khóa bí mật của OA": signs the webhook; not the app secret */
  ZALO_OA_SECRET_KEY: z.string().min(8),
  /** "Khóa bí mật ứng dụng": the `secret_key` header of the token refresh */
  ZALO_APP_SECRET: z.string().min(8),
  /** first tokens; afterwards the rotated pair lives (sealed) in the database */
  ZALO_ACCESS_TOKEN: z.string().min(1).optional(),
  ZALO_REFRESH_TOKEN: z.string().min(1).optional(),
  ZALO_API_BASE: z.url().default('https://openapi.zalo.me'),
  ZALO_OAUTH_BASE: z.url().default('https://oauth.zaloapp.com'),
  ZALO_WEBHOOK_MAX_AGE_SECONDS: int(30, 86_400, 600),
  /** free replies: this many hours after the worker's last message... */
  ZALO_REPLY_WINDOW_HOURS: int(1, 24 * 30, 48),
  /** ...and at most this many messages (Zalo help desk: 8 within 48 h) */
  ZALO_FREE_REPLIES: int(0, 1000, 8),
  /** no consultation message at all after this many days of silence (Zalo -230) */
  ZALO_CS_WINDOW_DAYS: int(1, 365, 7),
  /** answer with recipient.message_id (free reply bucket); off if the API turns out to refuse it */
  ZALO_REPLY_BY_MESSAGE_ID: bool.default(true),
  ZALO_MAX_TEXT_LENGTH: int(100, 10_000, 2000),
  ZALO_RATE_PER_OA_PER_SECOND: int(1, 1000, 20),
  ZALO_RATE_PER_USER_PER_SECOND: int(1, 100, 5),
  /** wait after Zalo's rate error (-32) or a 429 without Retry-After */
  ZALO_RATE_LIMIT_BACKOFF_SECONDS: int(1, 3600, 30),
  /** refresh the access token when less than this is left */
  ZALO_TOKEN_REFRESH_MARGIN_SECONDS: int(0, 86_400, 3600),
  /** banner of the request_user_info card; when set, a phone request is sent as that card */
  ZALO_REQUEST_INFO_IMAGE_URL: z.url().optional(),
});

export type ZaloEnv = z.infer<typeof schema>;

export interface ZaloConfig {
  oaId: string;
  appId: string;
  oaSecretKey: string;
  appSecret: string;
  initialTokens?: { access: string; refresh: string };
  apiBase: string;
  oauthBase: string;
  webhookMaxAgeMs: number;
  window: { replyWindowMs: number; freeReplies: number; csWindowMs: number; replyByMessageId: boolean };
  maxTextLength: number;
  rate: { perOaPerSecond: number; perUserPerSecond: number; backoffMs: number };
  tokenRefreshMarginMs: number;
  requestInfoImageUrl?: string;
}

/** null when ZALO_OA_ID is unset (channel off); ConfigError naming the variable when half-set. */
export function loadZaloConfig(env: Record<string, string | undefined>): ZaloConfig | null {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('ZALO_') && v !== undefined && v !== ''));
  if (!cleaned.ZALO_OA_ID) return null;
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid Zalo configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  // One without the other cannot work: an access token dies within a day without its refresh token.
  if (Boolean(c.ZALO_ACCESS_TOKEN) !== Boolean(c.ZALO_REFRESH_TOKEN)) {
    const missing = c.ZALO_ACCESS_TOKEN ? 'ZALO_REFRESH_TOKEN' : 'ZALO_ACCESS_TOKEN';
    throw new ConfigError(`Invalid Zalo configuration:\n  ${missing}: required together with the other token`);
  }
  return {
    oaId: c.ZALO_OA_ID,
    appId: c.ZALO_APP_ID,
    oaSecretKey: c.ZALO_OA_SECRET_KEY,
    appSecret: c.ZALO_APP_SECRET,
    ...(c.ZALO_ACCESS_TOKEN && c.ZALO_REFRESH_TOKEN ? { initialTokens: { access: c.ZALO_ACCESS_TOKEN, refresh: c.ZALO_REFRESH_TOKEN } } : {}),
    apiBase: c.ZALO_API_BASE.replace(/\/+$/, ''),
    oauthBase: c.ZALO_OAUTH_BASE.replace(/\/+$/, ''),
    webhookMaxAgeMs: c.ZALO_WEBHOOK_MAX_AGE_SECONDS * 1000,
    window: {
      replyWindowMs: c.ZALO_REPLY_WINDOW_HOURS * 3_600_000,
      freeReplies: c.ZALO_FREE_REPLIES,
      csWindowMs: c.ZALO_CS_WINDOW_DAYS * 86_400_000,
      replyByMessageId: c.ZALO_REPLY_BY_MESSAGE_ID,
    },
    maxTextLength: c.ZALO_MAX_TEXT_LENGTH,
    rate: {
      perOaPerSecond: c.ZALO_RATE_PER_OA_PER_SECOND,
      perUserPerSecond: c.ZALO_RATE_PER_USER_PER_SECOND,
      backoffMs: c.ZALO_RATE_LIMIT_BACKOFF_SECONDS * 1000,
    },
    tokenRefreshMarginMs: c.ZALO_TOKEN_REFRESH_MARGIN_SECONDS * 1000,
    ...(c.ZALO_REQUEST_INFO_IMAGE_URL ? { requestInfoImageUrl: c.ZALO_REQUEST_INFO_IMAGE_URL } : {}),
  };
}
