import { z } from 'zod';
import { ConfigError } from '../config.ts';
import { CHANNELS, type ChannelId } from '../core/model.ts';

/**
 * Personal-data settings: retention periods per data class and the data-export links.
 * The law leaves the periods to the controller (domain.md 5.5 item 7: "retention periods
 * UNCONFIRMED — set by the union's policy"; PDPL Art. 14: data is deleted when its retention
 * period expires), so every period is a variable; 0 keeps that class forever.
 */
const days = z.coerce.number().int().min(0).max(36_500);

const schema = z.object({
  /** inbox, outbox and web chat transcripts: the text of conversations */
  PRIVACY_RETENTION_CONVERSATION_DAYS: days.default(180),
  /** evidence a worker sent with a grievance, counted from the case's closing */
  PRIVACY_RETENTION_ATTACHMENT_DAYS: days.default(365),
  /** a closed grievance case is anonymized (description, notes) this long after closing */
  PRIVACY_RETENTION_CLOSED_CASE_DAYS: days.default(730),
  /** a rejected membership application is deleted this long after the decision */
  PRIVACY_RETENTION_REJECTED_REGISTRATION_DAYS: days.default(90),
  /** a data-export link row is deleted this long after it expired */
  PRIVACY_RETENTION_EXPORT_LINK_HOURS: z.coerce.number().int().min(0).max(8760).default(24),
  /** rows touched per statement: bounded memory and short locks */
  PRIVACY_RETENTION_BATCH: z.coerce.number().int().min(1).max(10_000).default(500),
  /** how often the worker process runs the retention job; 0 turns the timer off (CLI only) */
  PRIVACY_RETENTION_INTERVAL_MINUTES: z.coerce.number().int().min(0).max(10_080).default(60),
  /** how long a data-export download link works (single use) */
  PRIVACY_EXPORT_LINK_TTL_MINUTES: z.coerce.number().int().min(1).max(1440).default(30),
  /**
   * Channels whose adapter delivers a file as a document. Zalo's consultation messages send a
   * file as a plain link (adapters/zalo/outbound.ts), which a link preview could open and so
   * use up: Zalo gets a summary in chat instead.
   */
  PRIVACY_EXPORT_FILE_CHANNELS: z
    .string()
    .default('webchat,messenger,telegram')
    .transform((s) => s.split(',').map((x) => x.trim()).filter(Boolean))
    .pipe(z.array(z.enum(CHANNELS))),
  /** failed CCCD + date-of-birth checks (per CCCD and per chat account, 24 h) before a lock */
  PRIVACY_VERIFY_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
  PUBLIC_URL: z.url().optional(),
});

export type PrivacyConfig = z.infer<typeof schema>;

export function loadPrivacyConfig(env: NodeJS.ProcessEnv | Record<string, string> = process.env): PrivacyConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return parsed.data;
}

let cached: PrivacyConfig | undefined;

/** The process's privacy settings (flows have no config handle; the environment is read once). */
export function privacyConfig(): PrivacyConfig {
  cached ??= loadPrivacyConfig();
  return cached;
}

/** Tests pin settings here instead of mutating process.env. */
export function setPrivacyConfig(c: PrivacyConfig | undefined): void {
  cached = c;
}

export const sendsFiles = (c: PrivacyConfig, channel: ChannelId): boolean => c.PRIVACY_EXPORT_FILE_CHANNELS.includes(channel);
