import { z } from 'zod';
import { ConfigError } from '../../src/config.ts';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const positiveInt = (max: number) => z.coerce.number().int().min(1).max(max);

/**
 * The Messenger channel's environment. The four credentials come from Meta's App Dashboard; the
 * rest has defaults. Windows and limits are variables because Meta changes them (platforms.md 2.5,
 * 2.8) and the per-thread limit is not published at all.
 */
const schema = z.object({
  /** the Facebook Page's numeric id: the accountId of every Messenger conversation */
  MESSENGER_PAGE_ID: z.string().regex(/^\d{5,20}$/, 'must be the numeric id of the Facebook Page'),
  MESSENGER_PAGE_ACCESS_TOKEN: z.string().min(20, 'must be the Page access token from the App Dashboard'),
  /** signs every webhook call (X-Hub-Signature-256) */
  MESSENGER_APP_SECRET: z.string().min(16, 'must be the App Secret from App settings > Basic'),
  /** the string typed into the webhook form on Meta's side, echoed back in the GET handshake */
  MESSENGER_VERIFY_TOKEN: z.string().min(8, 'must be at least 8 characters'),
  MESSENGER_GRAPH_BASE: z.url().default('https://graph.facebook.com'),
  MESSENGER_GRAPH_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/, 'must look like v25.0')
    .default('v25.0'),
  /** standard messaging window after the worker's last message */
  MESSENGER_WINDOW_HOURS: positiveInt(24 * 7).default(24),
  /** HUMAN_AGENT tag: officer replies after the standard window, up to this age */
  MESSENGER_HUMAN_AGENT_WINDOW_HOURS: positiveInt(24 * 7).default(24 * 7),
  /** the HUMAN_AGENT tag needs the Human Agent permission (App Review); without it officers are held to the standard window */
  MESSENGER_HUMAN_AGENT_TAG: bool.default(true),
  /** Send API calls per second for the whole Page (Meta publishes 300 for text; stay below) */
  MESSENGER_RATE_PAGE_PER_SECOND: positiveInt(300).default(250),
  /** messages per minute to one worker: Meta throttles a single thread without saying how much */
  MESSENGER_RATE_RECIPIENT_PER_MINUTE: positiveInt(600).default(20),
  /** first wait after a rate-limit error (613 / 4); doubled on each further attempt */
  MESSENGER_RATE_LIMIT_BACKOFF_MS: z.coerce.number().int().min(1_000).max(3_600_000).default(60_000),
  /** send typing_on before a message: one extra call per message, off unless wanted */
  MESSENGER_TYPING_INDICATOR: bool.default(false),
  MESSENGER_HTTP_TIMEOUT_MS: z.coerce.number().int().min(1_000).max(120_000).default(15_000),
});

export type MessengerConfig = z.infer<typeof schema>;

/** Set any of these and the channel counts as meant to be on: the rest must then be valid. */
const REQUIRED = ['MESSENGER_PAGE_ID', 'MESSENGER_PAGE_ACCESS_TOKEN', 'MESSENGER_APP_SECRET', 'MESSENGER_VERIFY_TOKEN'] as const;

export function loadMessengerConfig(env: Record<string, string | undefined>): MessengerConfig | null {
  const present = Object.fromEntries(Object.entries(env).filter(([k, v]) => k.startsWith('MESSENGER_') && v !== undefined && v !== ''));
  if (!REQUIRED.some((k) => k in present)) return null;
  const parsed = schema.safeParse(present);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.path.length && !(String(i.path[0]) in present) ? 'required when the Messenger channel is configured' : i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}
