import type { PrismaClient } from '../generated/prisma/client.ts';
import type { InboundEvent } from '../core/model.ts';
import type { JobQueue } from '../queue/types.ts';

export interface AcceptResult {
  status: 'accepted' | 'duplicate';
  conversationId: string;
  inboxId: string;
}

/**
 * Step 1 of the path of one message (DESIGN.md): store the event in the inbox under its dedupe
 * key and hint the turn queue. One SQL statement creates the identity and the conversation on
 * first contact; `ON CONFLICT DO NOTHING` everywhere means the webhook never waits for a row
 * lock held by a running turn, and a platform retry is a no-op.
 */
export async function acceptInbound(prisma: PrismaClient, queue: JobQueue, event: InboundEvent): Promise<AcceptResult> {
  const eventJson = JSON.stringify(event);
  for (let attempt = 0; attempt < 3; attempt++) {
    const rows = await prisma.$queryRaw<Array<{ id: bigint; conversation_id: string }>>`
      WITH new_ident AS (
        INSERT INTO channel_identity (id, channel, account_id, platform_user_id, display_name, locale)
        VALUES (gen_random_uuid(), ${event.channel}, ${event.accountId}, ${event.platformUserId}, ${event.displayName ?? null}, ${event.locale ?? null})
        ON CONFLICT (channel, account_id, platform_user_id) DO NOTHING
        RETURNING id
      ), ident AS (
        SELECT id FROM new_ident
        UNION ALL
        SELECT id FROM channel_identity
         WHERE channel = ${event.channel} AND account_id = ${event.accountId} AND platform_user_id = ${event.platformUserId}
      ), new_conv AS (
        INSERT INTO conversation (id, identity_id, channel, account_id, external_id, locale, state, updated_at)
        SELECT gen_random_uuid(), ident.id, ${event.channel}, ${event.accountId}, ${event.conversationExternalId}, 'vi', '{"v":1,"misses":0}'::jsonb, now()
          FROM ident LIMIT 1
        ON CONFLICT (channel, account_id, external_id) DO NOTHING
        RETURNING id
      ), conv AS (
        SELECT id FROM new_conv
        UNION ALL
        SELECT id FROM conversation
         WHERE channel = ${event.channel} AND account_id = ${event.accountId} AND external_id = ${event.conversationExternalId}
      )
      INSERT INTO inbox_message (dedupe_key, conversation_id, event, status, received_at)
      SELECT ${event.dedupeKey}, conv.id, ${eventJson}::jsonb, 'pending', now() FROM conv LIMIT 1
      ON CONFLICT (dedupe_key) DO NOTHING
      RETURNING id, conversation_id::text AS conversation_id`;
    const row = rows[0];
    if (row) {
      const inboxId = String(row.id);
      await queue.enqueue('turn', row.conversation_id, { jobId: `t-${inboxId}` });
      return { status: 'accepted', conversationId: row.conversation_id, inboxId };
    }
    const existing = await prisma.$queryRaw<Array<{ id: bigint; conversation_id: string; status: string }>>`
      SELECT id, conversation_id::text AS conversation_id, status FROM inbox_message WHERE dedupe_key = ${event.dedupeKey}`;
    if (existing[0]) {
      // A retry of a message we hold: make sure it gets processed even if the first enqueue was lost.
      if (existing[0].status === 'pending') {
        await queue.enqueue('turn', existing[0].conversation_id, { jobId: `t-${existing[0].id}` });
      }
      return { status: 'duplicate', conversationId: existing[0].conversation_id, inboxId: String(existing[0].id) };
    }
    // Lost a race creating the identity or conversation in another transaction: its row is
    // committed now and the next statement's snapshot sees it.
  }
  throw new Error('could not store the inbound event');
}
