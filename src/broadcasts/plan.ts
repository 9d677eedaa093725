import type { Sql } from '../db/client.ts';
import type { BroadcastDeps } from './deps.ts';
import { candidatesSql, resolveUnits } from './audience.ts';
import { Params } from './params.ts';
import { reachJoins, zaloCapsInUse } from './reach.ts';
import { finishAt, nextSendable } from './quiet-hours.ts';
import { channelRate } from './rates.ts';
import type { Channel } from './schema.ts';
import { getBroadcast, type BroadcastRow } from './store.ts';
import { zaloProactiveLeft } from './zalo-quota.ts';

export interface ChannelPlan {
  channel: Channel | 'none';
  /** chosen recipients on this channel */
  total: number;
  now: number;
  later: { count: number; from: string | null; until: string | null };
  never: { count: number; reasons: Record<string, number> };
  /** Zalo: inside the free 48 h reply window vs drawing on the proactive quota */
  quota: { free: number; proactive: number };
  ratePerSecond: number | null;
  estimatedSeconds: number;
}

export interface Plan {
  at: string;
  total: number;
  reachableNow: number;
  later: number;
  never: number;
  channels: ChannelPlan[];
  /** when the last "now" message should have gone, quiet hours included (channels send in parallel) */
  estimatedFinish: string | null;
  quotaUsed: { zaloProactive: number };
  /** the OA's monthly proactive budget left before this broadcast (null: no budget configured) */
  quotaLeftThisMonth: { zaloProactive: number | null };
}

export class PlanError extends Error {
  constructor(
    readonly code: 'not_found' | 'wrong_status' | 'unknown_units',
    message: string,
  ) {
    super(message);
  }
}

const PLANNABLE = new Set(['draft', 'planned']);

/**
 * Chooses one channel per person and writes one recipient row each, entirely in SQL (INSERT …
 * SELECT DISTINCT ON: memory stays flat at millions of recipients), then answers per channel
 * how many go now, later (from when) and never (why), how long it takes at the configured rates
 * and how much Zalo quota it uses. Re-planning replaces the rows. The channel chosen for a
 * person is the best-ranked that reaches them now (free before quota), then later, in the
 * policy's preference order.
 */
export async function planBroadcast(deps: BroadcastDeps, id: string, scopePath?: string): Promise<Plan> {
  const b = await getBroadcast(deps.sql, id, scopePath);
  if (!b) throw new PlanError('not_found', 'No such broadcast in your scope');
  if (!PLANNABLE.has(b.status)) throw new PlanError('wrong_status', `A ${b.status} broadcast cannot be planned again`);
  const units = await resolveUnits(deps.sql, b.audience.units, b.scopePath);
  if (units.unknown.length) throw new PlanError('unknown_units', `Unknown or out-of-scope units: ${units.unknown.join(', ')}`);
  const now = deps.clock();

  await deps.sql.query(`DELETE FROM broadcast_recipient WHERE broadcast_id = $1::uuid`, [b.id]);
  await deps.sql.query(`DELETE FROM broadcast_channel_stat WHERE broadcast_id = $1::uuid`, [b.id]);

  const p = new Params();
  const candidates = candidatesSql(p, b.audience, b.scopePath, units.patterns);
  const proactiveLeft = await zaloProactiveLeft(deps.sql, deps.zaloProactivePerMonth, now);
  await insertRecipients(deps.sql, p, b, candidates, now, proactiveLeft);
  const groups = await deps.sql.query<{ channel: string; status: string; reason: string | null; quota_class: string | null; later: boolean; n: number; first: Date | null; last: Date | null }>(
    `SELECT coalesce(channel, 'none') AS channel, status, reason, quota_class, not_before IS NOT NULL AS later,
            count(*)::int AS n, min(not_before) AS first, max(not_before) AS last
       FROM broadcast_recipient WHERE broadcast_id = $1::uuid GROUP BY 1, 2, 3, 4, 5`,
    [b.id],
  );
  await deps.sql.query(
    `INSERT INTO broadcast_channel_stat (broadcast_id, channel, total, pending, skipped)
     SELECT $1::uuid, x.channel, sum(x.n), coalesce(sum(x.n) FILTER (WHERE x.status = 'pending'), 0), coalesce(sum(x.n) FILTER (WHERE x.status = 'skipped'), 0)
       FROM jsonb_to_recordset($2::jsonb) AS x(channel text, status text, n int) GROUP BY x.channel`,
    [b.id, JSON.stringify(groups.map((g) => ({ channel: g.channel, status: g.status, n: g.n })))],
  );
  const plan = summarize(deps, b, groups, now, proactiveLeft);
  await deps.sql.query(`UPDATE broadcast SET plan = $2::jsonb, planned_at = $3, status = 'planned', updated_at = now() WHERE id = $1::uuid`, [
    b.id,
    JSON.stringify(plan),
    now,
  ]);
  return plan;
}

/**
 * One recipient row per person of `candidates` (SQL over person, member_id, identity_id,
 * conversation_id, channel, locale, last_inbound_at; its parameters already in `p`): the best
 * channel by reach, then the policy's order, then the most recent conversation. The planner and
 * the single-recipient notices share it.
 */
export async function insertRecipients(
  sql: Sql,
  p: Params,
  b: Pick<BroadcastRow, 'id' | 'policy'>,
  candidates: string,
  now: Date,
  /** what is left of the OA's monthly proactive budget (src/broadcasts/zalo-quota.ts) */
  proactiveLeft = Infinity,
): Promise<void> {
  const $id = p.add(b.id, '::uuid');
  const joins = reachJoins(p, { channel: 'cand.channel', lastInboundAt: 'cand.last_inbound_at', conversationId: 'cand.conversation_id', identityId: 'cand.identity_id' }, b.policy, now, {
    zaloCapsInUse: await zaloCapsInUse(sql, now),
  });
  const $order = p.add(b.policy.order, '::text[]');
  await sql.query(
    `INSERT INTO broadcast_recipient (broadcast_id, member_id, identity_id, conversation_id, channel, locale, status, reason, quota_class, not_before)
     SELECT ${$id}, member_id, identity_id, conversation_id, channel, locale,
            CASE WHEN reach = 'never' THEN 'skipped' ELSE 'pending' END, reason, quota_class, not_before
       FROM (SELECT DISTINCT ON (cand.person) cand.*, rc.reach, rc.reason, rc.quota_class, rc.not_before
               FROM (${candidates}) cand ${joins}
              ORDER BY cand.person, rc.rank, coalesce(array_position(${$order}, cand.channel), 99), cand.last_inbound_at DESC NULLS LAST) x`,
    p.values,
  );
  // The broadcast's proactive quota, within what the OA has left this month: past it, Zalo-only
  // recipients are skipped.
  await sql.query(
    `WITH o AS (SELECT id FROM broadcast_recipient WHERE broadcast_id = $1::uuid AND status = 'pending' AND quota_class = 'proactive'
                 ORDER BY id OFFSET $2)
     UPDATE broadcast_recipient r SET status = 'skipped', reason = 'zalo_no_quota', not_before = NULL FROM o WHERE r.id = o.id`,
    [b.id, Math.min(b.policy.zalo.proactiveQuota, proactiveLeft)],
  );
}

function summarize(
  deps: BroadcastDeps,
  b: BroadcastRow,
  groups: Array<{ channel: string; status: string; reason: string | null; quota_class: string | null; later: boolean; n: number; first: Date | null; last: Date | null }>,
  now: Date,
  proactiveLeft: number,
): Plan {
  const byChannel = new Map<string, ChannelPlan>();
  for (const g of groups) {
    let c = byChannel.get(g.channel);
    if (!c) {
      const rate = g.channel === 'none' ? null : channelRate(deps.adapters, g.channel as Channel) * b.policy.rateShare;
      c = { channel: g.channel as ChannelPlan['channel'], total: 0, now: 0, later: { count: 0, from: null, until: null }, never: { count: 0, reasons: {} }, quota: { free: 0, proactive: 0 }, ratePerSecond: rate, estimatedSeconds: 0 };
      byChannel.set(g.channel, c);
    }
    c.total += g.n;
    if (g.status === 'skipped') {
      c.never.count += g.n;
      const reason = g.reason ?? 'unknown';
      c.never.reasons[reason] = (c.never.reasons[reason] ?? 0) + g.n;
      continue;
    }
    if (g.later) {
      c.later.count += g.n;
      const first = g.first ? new Date(g.first).toISOString() : null;
      const last = g.last ? new Date(g.last).toISOString() : null;
      if (first && (!c.later.from || first < c.later.from)) c.later.from = first;
      if (last && (!c.later.until || last > c.later.until)) c.later.until = last;
    } else c.now += g.n;
    if (g.quota_class === 'free') c.quota.free += g.n;
    if (g.quota_class === 'proactive') c.quota.proactive += g.n;
  }
  const channels = [...byChannel.values()].sort((a, z) => z.total - a.total);
  for (const c of channels) c.estimatedSeconds = c.ratePerSecond ? Math.ceil(c.now / c.ratePerSecond) : 0;
  const start = nextSendable(b.scheduledAt && b.scheduledAt > now ? new Date(b.scheduledAt) : now);
  const longest = Math.max(0, ...channels.map((c) => c.estimatedSeconds));
  const sum = (f: (c: ChannelPlan) => number) => channels.reduce((s, c) => s + f(c), 0);
  return {
    at: now.toISOString(),
    total: sum((c) => c.total),
    reachableNow: sum((c) => c.now),
    later: sum((c) => c.later.count),
    never: sum((c) => c.never.count),
    channels,
    estimatedFinish: sum((c) => c.now) ? finishAt(start, longest).toISOString() : null,
    quotaUsed: { zaloProactive: byChannel.get('zalo')?.quota.proactive ?? 0 },
    quotaLeftThisMonth: { zaloProactive: Number.isFinite(proactiveLeft) ? proactiveLeft : null },
  };
}
