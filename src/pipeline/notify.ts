import type { Sql } from '../db/client.ts';
import type { OutboundMessage } from '../core/model.ts';
import type { JobQueue } from '../queue/types.ts';
import type { Keyring } from '../security/crypto.ts';
import { sealMessage } from './seal.ts';

/**
 * A message the worker did not ask for just now (a case status changed, an application was
 * approved): written to the outbox of their conversation and delivered like any reply, in order,
 * within the channel's rules (a closed Messenger/Zalo window dead-letters it with a reason).
 * Pass a transaction-bound Sql to make the notice commit with the change that caused it; the
 * caller then hints delivery after commit (`queue.enqueue('deliver', conversationId)`).
 */
export async function queueNotice(
  sql: Sql,
  keyring: Keyring,
  conversationId: string,
  messages: OutboundMessage[],
): Promise<number> {
  if (messages.length === 0) return 0;
  const rows = await sql.query<{ n: number }>(
    `WITH c AS (SELECT id, channel FROM conversation WHERE id = $1::uuid),
          ins AS (
            INSERT INTO outbox_message (conversation_id, inbox_id, channel, message, status, next_attempt_at, created_at)
            SELECT c.id, NULL, c.channel, m.message, 'pending', now(), now()
              FROM c, jsonb_array_elements($2::jsonb) WITH ORDINALITY AS m(message, n)
             ORDER BY m.n
            RETURNING id)
     SELECT count(*)::int AS n FROM ins`,
    [conversationId, JSON.stringify(messages.map((m) => sealMessage(keyring, m)))],
  );
  return rows[0]?.n ?? 0;
}

/** queueNotice, then the delivery hint: for callers outside a transaction. */
export async function notifyConversation(
  sql: Sql,
  queue: JobQueue,
  keyring: Keyring,
  conversationId: string,
  messages: OutboundMessage[],
): Promise<number> {
  const n = await queueNotice(sql, keyring, conversationId, messages);
  if (n > 0) await queue.enqueue('deliver', conversationId);
  return n;
}
