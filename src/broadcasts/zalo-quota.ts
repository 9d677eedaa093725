import type { Sql } from '../db/client.ts';
import { vnMonthStart } from './quiet-hours.ts';

/**
 * The Zalo OA's monthly budget of proactive messages (platforms.md §1.7: a message 48 h-7 d after
 * the follower last wrote is "proactive"; a verified OA gets 1,000 free a month, reset on the 1st,
 * then Zalo charges the OA's balance). A broadcast's own `policy.zalo.proactiveQuota` says how much
 * of it that broadcast may take; this is the OA-wide limit every broadcast and notice shares, so
 * two broadcasts in one month cannot together spend more than the union allowed.
 */

/** Proactive Zalo messages queued or sent since the 1st of this (Vietnamese) month. */
export async function zaloProactiveUsed(sql: Sql, now: Date): Promise<number> {
  const rows = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM broadcast_recipient
      WHERE channel = 'zalo' AND quota_class = 'proactive' AND queued_at IS NOT NULL AND queued_at >= $1
        AND status IN ('queued', 'sent')`,
    [vnMonthStart(now)],
  );
  return rows[0]?.n ?? 0;
}

/** What is left of the month's budget (Infinity when none is configured). */
export async function zaloProactiveLeft(sql: Sql, perMonth: number | undefined, now: Date): Promise<number> {
  if (perMonth === undefined) return Infinity;
  return Math.max(0, perMonth - (await zaloProactiveUsed(sql, now)));
}

/**
 * Before a Zalo batch (under the Zalo lock, after windows were decided again): among the `limit`
 * due recipients the batch is about to take (in the sender's order), the proactive ones beyond
 * what is left this month are skipped with 'zalo_no_quota'. Returns how many; the caller feeds
 * `limit - skipped`, which are exactly the batch's remaining rows (the Zalo lock keeps other
 * feeders out), so the batch never overspends. Only `limit` rows are read, however large the
 * broadcast.
 */
export async function trimToMonthlyQuota(sql: Sql, broadcastId: string, left: number, now: Date, limit: number): Promise<number> {
  if (!Number.isFinite(left)) return 0;
  const rows = await sql.query<{ n: number }>(
    `WITH batch AS (
       SELECT id, quota_class FROM broadcast_recipient
        WHERE broadcast_id = $1::uuid AND status = 'pending' AND channel = 'zalo'
          AND (not_before IS NULL OR not_before <= $3)
        ORDER BY id LIMIT $4),
     o AS (SELECT id FROM batch WHERE quota_class = 'proactive' ORDER BY id OFFSET $2),
     upd AS (
       UPDATE broadcast_recipient r SET status = 'skipped', reason = 'zalo_no_quota', not_before = NULL
         FROM o WHERE r.id = o.id AND r.status = 'pending' RETURNING 1),
     st AS (
       UPDATE broadcast_channel_stat s SET pending = s.pending - n.c, skipped = s.skipped + n.c
         FROM (SELECT count(*)::int AS c FROM upd) n WHERE s.broadcast_id = $1::uuid AND s.channel = 'zalo' AND n.c > 0 RETURNING 1)
     SELECT count(*)::int AS n FROM upd`,
    [broadcastId, left, now, limit],
  );
  return rows[0]?.n ?? 0;
}
