import type { Sql } from '../db/client.ts';
import type { Params } from './params.ts';
import type { Policy } from './schema.ts';
import { nextDayOpening, nextMonthOpening, vnDayStart, vnMonthStart } from './quiet-hours.ts';

/** The columns of one candidate (person × conversation) the rules look at, as SQL expressions. */
export interface ReachColumns {
  channel: string;
  lastInboundAt: string;
  conversationId: string;
  identityId: string;
}

const H = (hours: number) => `interval '${hours} hours'`;

/**
 * Whether a broadcast can reach one candidate now, later (and from when), or never (and why),
 * as SQL so the planner can decide a million rows in one statement and the sender can re-check
 * a batch just before it goes (windows close, another broadcast used today's Zalo slot).
 * Returns LATERAL joins exposing `rc.reach` ('now'|'later'|'never'), `rc.reason`, `rc.quota_class`
 * ('free'|'proactive'|null), `rc.not_before` and `rc.rank` (lower = better).
 *
 * Rules (platforms.md 1.7, 2.5, 3.7, 5.5):
 * - web chat: stored and shown at the next visit; Telegram: any time (a block shows up as a
 *   delivery failure);
 * - Messenger: only inside the 24 h standard window; broadcasts are automated, so HUMAN_AGENT
 *   (officer words only) never applies and no other tag is allowed for promotional notices;
 *   a system notice whose policy carries `messengerTag` (ACCOUNT_UPDATE for a change in the
 *   person's application, CONFIRMED_EVENT_UPDATE for a reminder they asked for) also goes
 *   outside it, to anyone who ever wrote to the Page;
 * - Zalo: never after an unfollow or 7 days without the worker writing (-230); free inside 48 h
 *   of their last message; 48 h-7 d only if the broadcast has proactive quota; per follower at
 *   most `dailyCap` broadcasts per Vietnamese day and `monthlyCap` per month: over a cap it waits
 *   for the next day / month, if the 7-day window is still open then.
 */
/** Whether any Zalo broadcast message was queued since the 1st of this (Vietnamese) month: one probe of the partial index. */
export async function zaloCapsInUse(sql: Sql, now: Date): Promise<boolean> {
  const rows = await sql.query(`SELECT 1 FROM broadcast_recipient WHERE channel = 'zalo' AND queued_at >= $1 LIMIT 1`, [vnMonthStart(now)]);
  return rows.length > 0;
}

export function reachJoins(p: Params, c: ReachColumns, policy: Policy, now: Date, opts: { zaloCapsInUse?: boolean } = {}): string {
  const $now = p.add(now, '::timestamptz');
  const $nextDay = p.add(nextDayOpening(now), '::timestamptz');
  const $nextMonth = p.add(nextMonthOpening(now), '::timestamptz');
  const $quota = p.add(policy.zalo.proactiveQuota, '::int');
  const $dailyCap = p.add(policy.zalo.dailyCap, '::int');
  const $monthlyCap = p.add(policy.zalo.monthlyCap, '::int');
  const li = c.lastInboundAt;
  // A system notice with a permitted tag (a change in the person's own application, a contest
  // reminder they asked for) reaches anyone who ever wrote to the Page; nothing else does.
  const messengerTagged = policy.messengerTag ? ` WHEN ${li} IS NOT NULL THEN 'now'` : '';
  // No Zalo broadcast went out this month at all: every count is 0, skip a lookup per follower.
  const caps =
    opts.zaloCapsInUse === false
      ? `  CROSS JOIN LATERAL (SELECT 0::bigint AS month_n, 0::bigint AS day_n) rz\n`
      : `  LEFT JOIN LATERAL (
    SELECT count(*) AS month_n, count(*) FILTER (WHERE zp.queued_at >= ${p.add(vnDayStart(now), '::timestamptz')}) AS day_n FROM broadcast_recipient zp
     WHERE ${c.channel} = 'zalo' AND zp.identity_id = ${c.identityId} AND zp.channel = 'zalo'
       AND zp.status IN ('queued', 'sent') AND zp.queued_at >= ${p.add(vnMonthStart(now), '::timestamptz')}
       -- a notice (an account update the person caused) is not a broadcast: it takes no slot
       AND NOT EXISTS (SELECT 1 FROM broadcast zb WHERE zb.id = zp.broadcast_id AND zb.created_by LIKE 'system:%')) rz ON true
`;
  return `
  LEFT JOIN LATERAL (
    SELECT i.event->>'kind' = 'unfollow' AS unfollowed FROM inbox_message i
     WHERE ${c.channel} = 'zalo' AND i.conversation_id = ${c.conversationId} ORDER BY i.id DESC LIMIT 1) ru ON true
${caps}  CROSS JOIN LATERAL (
    SELECT coalesce(ru.unfollowed, false) AS unfollowed, coalesce(rz.month_n, 0) AS month_n, coalesce(rz.day_n, 0) AS day_n
    OFFSET 0 -- a fence: the lookups above run once per row, not once per CASE below that names them
  ) rf
  CROSS JOIN LATERAL (
    SELECT CASE
      WHEN ${c.channel} IS NULL THEN 'no_channel'
      WHEN ${c.channel} IN ('webchat', 'telegram') THEN 'now'
      WHEN ${c.channel} = 'messenger' THEN CASE WHEN ${li} >= ${$now} - ${H(24)} THEN 'now'${messengerTagged} ELSE 'messenger_window_closed' END
      WHEN ${c.channel} = 'zalo' THEN CASE
        WHEN rf.unfollowed THEN 'unfollowed'
        WHEN ${li} IS NULL OR ${li} < ${$now} - ${H(168)} THEN 'zalo_window_closed'
        WHEN ${li} < ${$now} - ${H(48)} AND ${$quota} = 0 THEN 'zalo_no_quota'
        WHEN rf.month_n >= ${$monthlyCap} THEN
          CASE WHEN ${li} + ${H(168)} > ${$nextMonth} AND ${$quota} > 0 THEN 'month_later' ELSE 'month_never' END
        WHEN rf.day_n >= ${$dailyCap} THEN
          CASE WHEN ${li} + ${H(168)} > ${$nextDay} AND (${$quota} > 0 OR ${li} + ${H(48)} > ${$nextDay}) THEN 'day_later' ELSE 'day_never' END
        ELSE 'now' END
      ELSE 'no_channel' END AS code
      OFFSET 0
  ) rk
  CROSS JOIN LATERAL (
    SELECT CASE WHEN rk.code = 'now' THEN 'now' WHEN rk.code IN ('month_later', 'day_later') THEN 'later' ELSE 'never' END AS reach,
           CASE WHEN rk.code = 'now' THEN NULL
                WHEN rk.code IN ('month_later', 'month_never') THEN 'zalo_monthly_cap'
                WHEN rk.code IN ('day_later', 'day_never') THEN 'zalo_daily_cap'
                ELSE rk.code END AS reason,
           CASE rk.code WHEN 'month_later' THEN ${$nextMonth} WHEN 'day_later' THEN ${$nextDay} END AS not_before
  ) rr
  CROSS JOIN LATERAL (
    SELECT rr.reach, rr.reason, rr.not_before,
           CASE WHEN ${c.channel} <> 'zalo' OR rr.reach = 'never' THEN NULL
                WHEN ${li} + ${H(48)} > coalesce(rr.not_before, ${$now}) THEN 'free' ELSE 'proactive' END AS quota_class
  ) rq
  CROSS JOIN LATERAL (
    SELECT rq.reach, rq.reason, rq.not_before, rq.quota_class,
           CASE WHEN rq.reach = 'now' AND rq.quota_class IS DISTINCT FROM 'proactive' THEN 0
                WHEN rq.reach = 'now' THEN 1 WHEN rq.reach = 'later' THEN 2 ELSE 3 END AS rank
  ) rc`;
}
