import type { Sql } from '../db/client.ts';
import type { OutboundMessage } from '../core/model.ts';
import type { ChannelAdapter, SendResult } from '../channels/types.ts';
import type { JobQueue } from '../queue/types.ts';
import type { Bucket, RateLimiter } from '../queue/ratelimit.ts';
import type { Keyring } from '../security/crypto.ts';
import { openMessage, type StoredMessage } from './seal.ts';
import { outboundTotal, sendSeconds } from '../metrics.ts';
import type { Logger } from '../logger.ts';

/** After this many failed sends a message goes to dead-letter with its last reason. */
export const MAX_SEND_ATTEMPTS = 10;
/** A row claimed by a worker that died is taken over after the lease. */
const LEASE_SECONDS = 60;

interface ClaimedRow {
  id: string;
  conversation_id: string;
  channel: string;
  message: StoredMessage;
  attempts: number;
  external_id: string;
  account_id: string;
  locale: string;
  reply_key: string | null;
  reply_platform_id: string | null;
  last_inbound_at: Date | null;
  sent_since_inbound: number;
  /** an officer wrote it (Messenger then sends outside 24 h with the HUMAN_AGENT tag) */
  by_officer: boolean;
  /** a system notice's Messenger tag (ACCOUNT_UPDATE, CONFIRMED_EVENT_UPDATE), else null */
  message_tag: string | null;
}

export interface DeliveryDeps {
  sql: Sql;
  queue: JobQueue;
  adapters: Map<string, ChannelAdapter>;
  limiter: RateLimiter;
  keyring: Keyring;
  log: Logger;
}

/** Waits this short are slept through; longer ones hand the row back to the queue. */
const MAX_INLINE_WAIT_MS = 250;

/** ms until the channel's declared limits let this message go (0 = now, and the slots are taken) */
async function rateWait(deps: DeliveryDeps, adapter: ChannelAdapter, row: ClaimedRow): Promise<number> {
  const limits = adapter.capabilities.rateLimits;
  if (!limits) return 0;
  const account = `${row.channel}:${row.account_id}`;
  const buckets: Bucket[] = [];
  if (limits.perRecipient) buckets.push({ key: `${account}:${row.external_id}`, rate: limits.perRecipient });
  if (limits.perAccount) buckets.push({ key: account, rate: limits.perAccount });
  return deps.limiter.take(buckets);
}

// Only the head row of a conversation can be claimed: pending and due, or 'sending' with an
// expired lease (its worker died). FOR UPDATE makes a second claimer wait, then see it taken.
const CLAIM_SQL = `
  UPDATE outbox_message o
     SET status = 'sending', lease_until = now() + make_interval(secs => $2), attempts = o.attempts + 1
    FROM (SELECT id, status, next_attempt_at, lease_until FROM outbox_message
           WHERE conversation_id = $1::uuid AND status IN ('pending', 'sending')
           ORDER BY id LIMIT 1 FOR UPDATE) h,
         conversation c
   WHERE o.id = h.id AND c.id = o.conversation_id
     AND ((h.status = 'pending' AND h.next_attempt_at <= now()) OR (h.status = 'sending' AND h.lease_until < now()))
  RETURNING o.id::text AS id, o.conversation_id::text AS conversation_id, o.channel, o.message, o.attempts,
            c.external_id, c.account_id, c.locale,
            (SELECT i.dedupe_key FROM inbox_message i WHERE i.id = o.inbox_id) AS reply_key,
            (SELECT i.event->>'platformMessageId' FROM inbox_message i WHERE i.id = o.inbox_id) AS reply_platform_id,
            c.last_inbound_at,
            o.officer_id IS NOT NULL AS by_officer, o.message_tag,
            (SELECT count(*)::int FROM outbox_message s
              WHERE s.conversation_id = o.conversation_id AND s.status = 'sent'
                AND s.sent_at > coalesce(c.last_inbound_at, '-infinity')) AS sent_since_inbound`;

const retryDelayMs = (attempt: number) => Math.min(1000 * 2 ** (attempt - 1), 5 * 60_000);

/**
 * Step 3: sends one conversation's outbox strictly in id order. Only the head row of a
 * conversation can be claimed (pending and due, or 'sending' with an expired lease), so two
 * workers never send the same conversation's messages at once or out of order.
 */
export async function deliverConversation(deps: DeliveryDeps, conversationId: string): Promise<void> {
  for (;;) {
    const row = (await deps.sql.query<ClaimedRow>(CLAIM_SQL, [conversationId, LEASE_SECONDS]))[0];
    if (!row) return;

    const adapter = deps.adapters.get(row.channel);
    if (adapter) {
      let wait = await rateWait(deps, adapter, row);
      while (wait > 0 && wait <= MAX_INLINE_WAIT_MS) {
        await new Promise((r) => setTimeout(r, wait));
        wait = await rateWait(deps, adapter, row);
      }
      if (wait > 0) {
        // Not an attempt: give the row back, due when the bucket has room.
        await deps.sql.query(
          `UPDATE outbox_message SET status = 'pending', lease_until = NULL, attempts = attempts - 1,
                  next_attempt_at = now() + make_interval(secs => $2)
            WHERE id = $1::bigint`,
          [row.id, wait / 1000],
        );
        await deps.queue.enqueue('deliver', conversationId, { delayMs: wait });
        return;
      }
    }
    const endSend = sendSeconds.startTimer({ channel: row.channel });
    const result: SendResult = adapter
      ? await adapter
          .send({
            outboxId: row.id,
            conversationId: row.conversation_id,
            externalId: row.external_id,
            accountId: row.account_id,
            locale: row.locale,
            message: openMessage(deps.keyring, row.message),
            attempt: row.attempts,
            replyTo: row.reply_key
              ? { dedupeKey: row.reply_key, platformMessageId: row.reply_platform_id ?? undefined }
              : undefined,
            window: {
              lastInboundAt: row.last_inbound_at ? new Date(row.last_inbound_at).getTime() : null,
              sentSinceInbound: Number(row.sent_since_inbound),
            },
            origin: row.by_officer ? 'officer' : 'bot',
            ...(row.message_tag === 'ACCOUNT_UPDATE' || row.message_tag === 'CONFIRMED_EVENT_UPDATE' ? { tag: row.message_tag } : {}),
          })
          .catch((err: unknown) => ({ ok: false as const, retry: true, reason: `send threw: ${(err as Error).message}` }))
      : { ok: false as const, retry: false, reason: `no adapter for channel ${row.channel}` };

    endSend();
    outboundTotal.inc({ channel: row.channel, status: result.ok ? 'sent' : result.retry && row.attempts < MAX_SEND_ATTEMPTS ? 'retry' : 'dead' });
    if (result.ok) {
      await deps.sql.query(
        `WITH s AS (
           UPDATE outbox_message SET status = 'sent', sent_at = now(), lease_until = NULL, error = NULL, platform_message_id = $2
            WHERE id = $1::bigint RETURNING conversation_id)
         UPDATE conversation SET last_outbound_at = now() WHERE id IN (SELECT conversation_id FROM s)`,
        [row.id, result.platformMessageId ?? null],
      );
      continue;
    }
    if (result.retry && row.attempts < MAX_SEND_ATTEMPTS) {
      const delay = Math.max(result.retryAfterMs ?? 0, retryDelayMs(row.attempts));
      // The platform said how long to wait: nobody sends to this chat before then.
      if (result.retryAfterMs) await deps.limiter.block(`${row.channel}:${row.account_id}:${row.external_id}`, result.retryAfterMs);
      await deps.sql.query(
        `UPDATE outbox_message SET status = 'pending', lease_until = NULL, error = $2,
                next_attempt_at = now() + make_interval(secs => $3)
          WHERE id = $1::bigint`,
        [row.id, result.reason, delay / 1000],
      );
      await deps.queue.enqueue('deliver', conversationId, { delayMs: delay });
      return; // later rows wait behind this one: order per recipient is kept
    }
    deps.log.warn({ outboxId: row.id, channel: row.channel, reason: result.reason }, 'message dead-lettered');
    await deps.sql.query(`UPDATE outbox_message SET status = 'dead', lease_until = NULL, error = $2 WHERE id = $1::bigint`, [
      row.id,
      result.reason,
    ]);
  }
}
