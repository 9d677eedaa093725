import type { Sql } from '../../src/db/client.ts';
import type { StoredEvent } from '../../src/pipeline/seal.ts';
import type { Keyring } from '../../src/security/crypto.ts';

/** A stored activity, without the id and watermark that are derived from seq on the way out. */
export type StoredActivity = Record<string, unknown>;

export interface ActivityRow {
  seq: bigint;
  activity: StoredActivity;
}

// Namespace of our advisory locks (the two-int form never collides with the migrator's bigint key).
const LOCK_NAMESPACE = 7301;
// Conversation ids never change once created; remembering them spares a query per poll.
const CACHE_LIMIT = 10_000;

const APPEND_SQL = `
  WITH lock AS (SELECT pg_advisory_xact_lock(${LOCK_NAMESPACE}, hashtext($1::text)))
  INSERT INTO webchat_activity (key, conversation_id, activity)
  SELECT $2, $1::uuid, $3::jsonb FROM lock
  ON CONFLICT (key) DO NOTHING
  RETURNING seq::text AS seq`;

/**
 * The webchat_activity table: the transcript a Direct Line client reads by watermark. Raw SQL
 * (the core's Sql), as every poll and post of every open chat comes through here. Activities hold
 * what the worker typed and what the assistant answered; given a keyring they are sealed at rest
 * like the inbox and outbox bodies, only the activity type staying readable.
 *
 * Appends take a per-conversation advisory lock for the length of their statement. Without it two
 * concurrent inserts (a user echo and a bot reply) may commit out of seq order, and a poll between
 * the two commits would move the watermark past the row still being written: that row would never
 * reach the client. With it, rows of one conversation become visible in seq order.
 */
export class ActivityStore {
  private readonly conversations = new Map<string, string>();

  constructor(
    private readonly sql: Sql,
    private readonly site: string,
    /** seals activities at rest when given */
    private readonly keyring?: Keyring,
  ) {}

  /** The Conversation row id for a Direct Line conversation, once the pipeline created it. */
  async conversationUuid(externalId: string): Promise<string | undefined> {
    const cached = this.conversations.get(externalId);
    if (cached) return cached;
    const rows = await this.sql.query<{ id: string }>(
      `SELECT id::text AS id FROM conversation WHERE channel = 'webchat' AND account_id = $1 AND external_id = $2`,
      [this.site, externalId],
    );
    const id = rows[0]?.id;
    if (id) this.remember(externalId, id);
    return id;
  }

  remember(externalId: string, conversationUuid: string): void {
    if (this.conversations.size >= CACHE_LIMIT) this.conversations.clear();
    this.conversations.set(externalId, conversationUuid);
  }

  /** Inserts once per key; a second call with the same key returns the first row's seq. */
  async append(conversationUuid: string, key: string, activity: StoredActivity): Promise<{ seq: bigint; inserted: boolean }> {
    const stored = this.keyring ? { type: activity.type, sealed: this.keyring.seal(JSON.stringify(activity)) } : activity;
    const rows = await this.sql.query<{ seq: string }>(APPEND_SQL, [conversationUuid, key, JSON.stringify(stored)]);
    if (rows[0]) return { seq: BigInt(rows[0].seq), inserted: true };
    const seq = await this.seqOf(key);
    if (seq === undefined) throw new Error(`webchat activity ${key} vanished after a conflict`);
    return { seq, inserted: false };
  }

  async seqOf(key: string): Promise<bigint | undefined> {
    const rows = await this.sql.query<{ seq: string }>(`SELECT seq::text AS seq FROM webchat_activity WHERE key = $1`, [key]);
    return rows[0] ? BigInt(rows[0].seq) : undefined;
  }

  async after(conversationUuid: string, watermark: bigint, limit = 100): Promise<ActivityRow[]> {
    // The text alias must not be named seq: ORDER BY would then sort the strings ("10" < "9").
    const rows = await this.sql.query<{ seq_text: string; activity: StoredActivity }>(
      `SELECT seq::text AS seq_text, activity FROM webchat_activity
        WHERE conversation_id = $1::uuid AND seq > $2::bigint ORDER BY seq LIMIT $3`,
      [conversationUuid, watermark.toString(), limit],
    );
    return rows.map((r) => ({ seq: BigInt(r.seq_text), activity: this.open(r.activity) }));
  }

  private open(stored: StoredActivity): StoredActivity {
    if (typeof stored.sealed !== 'string') return stored;
    if (!this.keyring) throw new Error('a sealed web chat activity needs the keyring');
    return JSON.parse(this.keyring.open(stored.sealed)) as StoredActivity;
  }

  /** The inbound event the pipeline stored under a dedupe key, body still sealed (to rebuild a missing echo). */
  async inboxEvent(dedupeKey: string): Promise<StoredEvent | undefined> {
    const rows = await this.sql.query<{ event: StoredEvent }>(`SELECT event FROM inbox_message WHERE dedupe_key = $1`, [dedupeKey]);
    return rows[0]?.event;
  }
}
