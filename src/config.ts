import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { randomBytes } from 'node:crypto';
import { join, resolve } from 'node:path';
import { z } from 'zod';
import { projectRoot } from './paths.ts';

/**
 * Configuration comes from the environment only, validated once at start. A bad value stops the
 * process with a message that names the variable, never a stack trace from deep inside.
 */
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  HOST: z.string().min(1).default('0.0.0.0'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  PUBLIC_URL: z.url().optional(),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  DATABASE_URL: z
    .string()
    .regex(/^postgres(ql)?:\/\//, 'must be a postgresql:// URL')
    .optional(),
  /** PostgreSQL schema to use instead of public (tests run each in a fresh schema) */
  DATABASE_SCHEMA: z
    .string()
    .regex(/^[a-z_][a-z0-9_]{0,62}$/, 'must be a lower-case SQL identifier')
    .optional(),
  DATABASE_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DATA_DIR: z.string().min(1).default('./data'),
  REDIS_URL: z
    .string()
    .regex(/^rediss?:\/\//, 'must be a redis:// URL')
    .optional(),
  /** key prefix for queues and pub/sub, so several deployments (or test runs) share one Redis */
  REDIS_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_.-]+$/)
    .default('ua'),
  /** master secret (≥ 32 chars) for personal-data encryption, lookup hashes and tokens */
  APP_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  DELIVERY_CONCURRENCY: z.coerce.number().int().min(1).max(256).default(16),
  /** run queue workers inside the API process (the embedded default does) */
  INLINE_WORKERS: bool.default(true),
  /** load the small demo org tree into an empty database at start-up */
  SEED_DEMO: bool.default(true),
  /** load the repo's content (benefits, surveys, contests) into an empty database at start-up */
  SEED_CONTENT: bool.default(true),
  WEBCHAT_SITE_ID: z.string().min(1).default('default'),
  WEBCHAT_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(86_400).default(3600),
  /** how often undone inbox rows and unsent outbox rows are swept back into the queues */
  RECOVERY_INTERVAL_MS: z.coerce.number().int().min(200).default(15_000),
  /** behind a reverse proxy: take the client address and scheme from X-Forwarded-*; off, a client
   * could forge X-Forwarded-For and get round the per-IP login limit */
  TRUST_PROXY: bool.default(false),
  /** proactive Zalo messages (48 h-7 d after the follower wrote) the OA may send in a calendar
   * month, shared by every broadcast and notice: a verified OA gets 1,000 free, then Zalo charges */
  ZALO_PROACTIVE_PER_MONTH: z.coerce.number().int().min(0).default(1000),
  /** how long before a contest opens the "remind me" notices go (src/quiz/reminder-sweep.ts) */
  CONTEST_REMINDER_HOURS: z.coerce.number().positive().max(720).default(24),
});

export type AppConfig = z.infer<typeof schema> & {
  appSecret: string;
  dataDir: string;
  /** the raw environment: each channel adapter validates its own variables (adapters/<ch>/config.ts) */
  env: Record<string, string>;
};

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  const c = parsed.data;
  // 'memory://' keeps the embedded database in memory (tests, benchmarks).
  const dataDir = c.DATA_DIR === 'memory://' ? c.DATA_DIR : resolve(projectRoot, c.DATA_DIR);
  let appSecret = c.APP_SECRET;
  if (!appSecret) {
    if (c.NODE_ENV === 'production') throw new ConfigError('Invalid configuration:\n  APP_SECRET: required in production');
    appSecret = dataDir === 'memory://' ? randomBytes(32).toString('base64url') : localSecret(dataDir);
  }
  return { ...c, appSecret, dataDir, env: cleaned as Record<string, string> };
}

/**
 * On a developer machine a secret is made once and kept in the data folder, so `npm start`
 * needs no configuration and encrypted rows stay readable across restarts.
 */
function localSecret(dataDir: string): string {
  const file = join(dataDir, 'app-secret');
  if (existsSync(file)) return readFileSync(file, 'utf8').trim();
  mkdirSync(dataDir, { recursive: true });
  const secret = randomBytes(32).toString('base64url');
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
