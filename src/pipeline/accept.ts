import type { Sql } from '../db/client.ts';
import type { InboundEvent } from '../core/model.ts';
import type { JobQueue } from '../queue/types.ts';
import type { Keyring } from '../security/crypto.ts';
import { sealEvent } from './seal.ts';
import { inboundTotal } from '../metrics.ts';

export interface AcceptResult {
  status: 'accepted' | 'duplicate';
  conversationId: string;
  inboxId: string;
}

// One statement creates the identity and the conversation on first contact and stores the event.
// `ON CONFLICT DO NOTHING` everywhere: the webhook never waits for a row lock held by a running
// turn, and a platform retry (same dedupe key) inserts nothing.
const ACCEPT_SQL = `
  WITH new_ident AS (
    INSERT INTO channel_identity (id, channel, account_id, platform_user_id, display_name, locale)
    VALUES (gen_random_uuid(), $1, $2, $3, $4, $5)
    ON CONFLICT (channel, account_id, platform_user_id) DO NOTHING
    RETURNING id
  ), ident AS (
    SELECT id FROM new_ident
    UNION ALL
    SELECT id FROM channel_identity WHERE channel = $1 AND account_id = $2 AND platform_user_id = $3
  ), new_conv AS (
    INSERT INTO conversation (id, identity_id, channel, account_id, external_id, locale, state, updated_at)
    SELECT gen_random_uuid(), ident.id, $1, $2, $6, 'vi', '{"v":1,"misses":0}'::jsonb, now() FROM ident LIMIT 1
    ON CONFLICT (channel, account_id, external_id) DO NOTHING
    RETURNING id
  ), conv AS (
    SELECT id FROM new_conv
    UNION ALL
    SELECT id FROM conversation WHERE channel = $1 AND account_id = $2 AND external_id = $6
  )
  INSERT INTO inbox_message (dedupe_key, conversation_id, event, status, received_at)
  SELECT $7, conv.id, $8::jsonb, 'pending', now() FROM conv LIMIT 1
  ON CONFLICT (dedupe_key) DO NOTHING
  RETURNING id::text AS id, conversation_id::text AS conversation_id`;

/**
 * Step 1 of the path of one message (DESIGN.md): store the event in the inbox under its dedupe
 * key, then hint the turn queue. A crash between the two is covered by the recovery sweep.
 */
export async function acceptInbound(sql: Sql, queue: JobQueue, keyring: Keyring, event: InboundEvent): Promise<AcceptResult> {
  const params = [
    event.channel,
    event.accountId,
    event.platformUserId,
    event.displayName ?? null,
    event.locale ?? null,
    event.conversationExternalId,
    event.dedupeKey,
    JSON.stringify(sealEvent(keyring, event)),
  ];
  for (let attempt = 0; attempt < 3; attempt++) {
    const row = (await sql.query<{ id: string; conversation_id: string }>(ACCEPT_SQL, params))[0];
    if (row) {
      inboundTotal.inc({ channel: event.channel, status: 'accepted' });
      await queue.enqueue('turn', row.conversation_id, { jobId: `t-${row.id}` });
      return { status: 'accepted', conversationId: row.conversation_id, inboxId: row.id };
    }
    const existing = (
      await sql.query<{ id: string; conversation_id: string; status: string }>(
        `SELECT id::text AS id, conversation_id::text AS conversation_id, status FROM inbox_message WHERE dedupe_key = $1`,
        [event.dedupeKey],
      )
    )[0];
    if (existing) {
      inboundTotal.inc({ channel: event.channel, status: 'duplicate' });
      // A retry of a message we hold: make sure it gets processed even if the first enqueue was lost.
      if (existing.status === 'pending') await queue.enqueue('turn', existing.conversation_id, { jobId: `t-${existing.id}` });
      return { status: 'duplicate', conversationId: existing.conversation_id, inboxId: existing.id };
    }
    // Lost a race creating the identity or conversation in another transaction: its row is
    // committed now and the next statement's snapshot sees it.
  }
  throw new Error('could not store the inbound event');
}
