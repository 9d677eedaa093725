import { randomBytes } from 'node:crypto';
import type { Sql } from '../../src/db/client.ts';
import type { Keyring } from '../../src/security/crypto.ts';

/** A resume key as the browser holds it: 32 random bytes, base64url. */
export const RESUME_KEY = /^[A-Za-z0-9_-]{43}$/;
const DAY_MS = 86_400_000;
/** expired rows removed per remember(): enough to keep up with new ones, never a long statement */
const PRUNE_BATCH = 50;

export interface Resumed {
  conversationUuid: string;
  externalId: string;
  userId: string;
  key: string;
  expiresAt: Date;
}

const REMEMBER_SQL = `
  INSERT INTO webchat_resume_key (conversation_id, key_hash, user_id, created_at, expires_at)
  VALUES ($1::uuid, $2, $3, $4::timestamptz, $5::timestamptz)
  ON CONFLICT (conversation_id) DO UPDATE
     SET key_hash = excluded.key_hash, user_id = excluded.user_id,
         created_at = excluded.created_at, expires_at = excluded.expires_at`;

// One statement, so two tabs presenting the same key cannot both win: the second waits for the
// first's row lock, re-checks the hash, finds it changed and matches nothing.
const ROTATE_SQL = `
  UPDATE webchat_resume_key k
     SET key_hash = $2, expires_at = $4::timestamptz
    FROM conversation c
   WHERE k.key_hash = $1 AND k.expires_at > $3::timestamptz
     AND c.id = k.conversation_id AND c.channel = 'webchat' AND c.account_id = $5
  RETURNING c.id::text AS conversation_uuid, c.external_id, k.user_id`;

const PRUNE_SQL = `
  DELETE FROM webchat_resume_key WHERE conversation_id IN (
    SELECT conversation_id FROM webchat_resume_key WHERE expires_at <= $1::timestamptz LIMIT ${PRUNE_BATCH})`;

/**
 * The webchat_resume_key table: at most one live key per web chat conversation, stored as a keyed
 * hash (the keyring's lookup hash), so the table alone never lets anyone into a conversation.
 * Keys are only ever shown once, to the browser that asked; a new one replaces the old.
 */
export class ResumeKeys {
  constructor(
    private readonly sql: Sql,
    private readonly keyring: Keyring,
    private readonly site: string,
    private readonly days: number,
  ) {}

  /** A new key for the conversation (any earlier one stops working). */
  async remember(conversationUuid: string, userId: string, now: Date): Promise<{ key: string; expiresAt: Date }> {
    const key = newKey();
    const expiresAt = this.expiry(now);
    await this.sql.query(REMEMBER_SQL, [conversationUuid, this.hash(key), userId, now.toISOString(), expiresAt.toISOString()]);
    // Keys of workers who never came back: removed a few at a time here rather than by a job.
    await this.sql.query(PRUNE_SQL, [now.toISOString()]);
    return { key, expiresAt };
  }

  /** Exchanges a live key of this site for its successor; undefined for unknown, used or expired keys. */
  async rotate(key: string, now: Date): Promise<Resumed | undefined> {
    if (!RESUME_KEY.test(key)) return undefined;
    const next = newKey();
    const expiresAt = this.expiry(now);
    const rows = await this.sql.query<{ conversation_uuid: string; external_id: string; user_id: string }>(ROTATE_SQL, [
      this.hash(key),
      this.hash(next),
      now.toISOString(),
      expiresAt.toISOString(),
      this.site,
    ]);
    const row = rows[0];
    return row ? { conversationUuid: row.conversation_uuid, externalId: row.external_id, userId: row.user_id, key: next, expiresAt } : undefined;
  }

  /** Revokes the conversation's key and/or the given key; how many rows went. */
  async forget(target: { conversationUuid?: string; key?: string }): Promise<number> {
    let n = 0;
    if (target.conversationUuid) {
      n += (await this.sql.query<{ n: number }>(`WITH d AS (DELETE FROM webchat_resume_key WHERE conversation_id = $1::uuid RETURNING 1) SELECT count(*)::int AS n FROM d`, [target.conversationUuid]))[0]?.n ?? 0;
    }
    if (target.key && RESUME_KEY.test(target.key)) {
      n += (await this.sql.query<{ n: number }>(`WITH d AS (DELETE FROM webchat_resume_key WHERE key_hash = $1 RETURNING 1) SELECT count(*)::int AS n FROM d`, [this.hash(target.key)]))[0]?.n ?? 0;
    }
    return n;
  }

  private hash(key: string): string {
    return this.keyring.lookupHash('webchat-resume', key);
  }

  private expiry(now: Date): Date {
    return new Date(now.getTime() + this.days * DAY_MS);
  }
}

function newKey(): string {
  return randomBytes(32).toString('base64url');
}
