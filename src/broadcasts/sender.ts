import type { BroadcastDeps } from './deps.ts';
import { inTransaction, type Sql } from '../db/client.ts';
import { broadcastMessage, openContent } from './message.ts';
import { Params } from './params.ts';
import { reachJoins, zaloCapsInUse } from './reach.ts';
import { isQuiet, nextSendable, quietStartsAt } from './quiet-hours.ts';
import { channelRate } from './rates.ts';
import type { Channel, Policy } from './schema.ts';
import { getBroadcast, type BroadcastRow } from './store.ts';
import { trimToMonthlyQuota, zaloProactiveLeft } from './zalo-quota.ts';
import { sealMessage } from '../pipeline/seal.ts';
import { publishOfficerEvent } from '../officers/events.ts';

/**
 * The sending side of a broadcast. It has no way of its own to reach a platform: each tick moves
 * a batch of recipients from 'pending' to 'queued' IN THE SAME STATEMENT that writes their
 * outbox rows, and hints the delivery queue; the delivery worker sends them with the channel's
 * rate limits, windows and retries like any other message. So a crash at any point leaves each
 * recipient either pending (no outbox row: fed again later) or queued (exactly one outbox row),
 * never both, and nothing is sent twice.
 *
 * Only a few seconds of each channel's rate are kept in the outbox at a time (`lookaheadSeconds`,
 * at `policy.rateShare` of the rate): the live conversations' replies are never stuck behind a
 * million broadcast rows, quiet hours and pause take effect within seconds, and the recovery
 * sweep stays small. Rows waiting for a retry do not count as in flight: one recipient's failing
 * platform does not hold back the others.
 */
export interface SendOptions {
  lookaheadSeconds?: number;
  /** most recipients one statement moves */
  maxBatch?: number;
}

export type TickResult =
  | { state: 'sending'; fed: number; wakeAt?: Date }
  | { state: 'quiet'; wakeAt: Date }
  | { state: 'done' | 'paused' | 'cancelled' | 'not_sending' };

const STAT_DELTA = (cols: string) => `UPDATE broadcast_channel_stat s SET ${cols} FROM agg WHERE s.broadcast_id = $1::uuid AND s.channel = agg.ch`;

/** Queued rows whose outbox row is settled become sent / failed (with the delivery's reason). */
export async function reconcile(deps: BroadcastDeps, id: string): Promise<void> {
  await deps.sql.query(
    `WITH done AS (
       SELECT r.id, CASE o.status WHEN 'sent' THEN 'sent' ELSE 'failed' END AS st, o.error
         FROM broadcast_recipient r JOIN outbox_message o ON o.id = r.outbox_id
        WHERE r.broadcast_id = $1::uuid AND r.status = 'queued' AND o.status IN ('sent', 'dead')),
     upd AS (
       UPDATE broadcast_recipient r SET status = d.st, reason = CASE WHEN d.st = 'failed' THEN left(coalesce(d.error, 'delivery_failed'), 300) END
         FROM done d WHERE r.id = d.id AND r.status = 'queued' RETURNING coalesce(r.channel, 'none') AS ch, r.status),
     agg AS (SELECT ch, count(*) FILTER (WHERE status = 'sent')::int AS s, count(*) FILTER (WHERE status = 'failed')::int AS f FROM upd GROUP BY ch)
     ${STAT_DELTA('queued = s.queued - agg.s - agg.f, sent = s.sent + agg.s, failed = s.failed + agg.f')}`,
    [id],
  );
}

/**
 * Takes back the broadcast's outbox rows not yet claimed by a delivery worker (pause, quiet
 * hours: back to pending; cancel: skipped). A row already being sent is left to finish.
 */
export async function retract(deps: BroadcastDeps, id: string, to: 'pending' | 'skipped', reason: string | null): Promise<number> {
  const rows = await deps.sql.query<{ conversation_id: string }>(
    `WITH q AS (SELECT r.id, r.outbox_id FROM broadcast_recipient r WHERE r.broadcast_id = $1::uuid AND r.status = 'queued'),
     d AS (DELETE FROM outbox_message o USING q WHERE o.id = q.outbox_id AND o.status = 'pending' RETURNING o.id, o.conversation_id),
     upd AS (
       UPDATE broadcast_recipient r SET status = $2, reason = $3, outbox_id = NULL, queued_at = NULL
         FROM q JOIN d ON d.id = q.outbox_id WHERE r.id = q.id AND r.status = 'queued' RETURNING coalesce(r.channel, 'none') AS ch),
     agg AS (SELECT ch, count(*)::int AS n FROM upd GROUP BY ch),
     st AS (${STAT_DELTA(`queued = s.queued - agg.n, pending = s.pending + CASE WHEN $2 = 'pending' THEN agg.n ELSE 0 END,
                          skipped = s.skipped + CASE WHEN $2 = 'skipped' THEN agg.n ELSE 0 END`)} RETURNING 1)
     SELECT DISTINCT conversation_id::text AS conversation_id FROM d`,
    [id, to, reason],
  );
  // later rows of those conversations (a reply written after the broadcast row) were waiting behind it
  for (const r of rows) await deps.queue.enqueue('deliver', r.conversation_id);
  return rows.length;
}

/** Cancel: every recipient not yet queued is skipped ('cancelled'). */
export async function skipPending(deps: BroadcastDeps, id: string, reason: string): Promise<void> {
  await deps.sql.query(
    `WITH upd AS (UPDATE broadcast_recipient SET status = 'skipped', reason = $2, not_before = NULL
                   WHERE broadcast_id = $1::uuid AND status = 'pending' RETURNING coalesce(channel, 'none') AS ch),
     agg AS (SELECT ch, count(*)::int AS n FROM upd GROUP BY ch)
     ${STAT_DELTA('pending = s.pending - agg.n, skipped = s.skipped + agg.n')}`,
    [id, reason],
  );
}

/** A plan younger than this was decided with (practically) the same clock and caps: no need to decide again. */
const FRESH_PLAN_MS = 60_000;

/** Only Zalo and Messenger have windows and caps that time or other broadcasts can close. */
function needsRecheck(b: BroadcastRow, channel: Channel, now: Date): boolean {
  if (channel !== 'zalo' && channel !== 'messenger') return false;
  return !b.plannedAt || now.getTime() - new Date(b.plannedAt).getTime() > FRESH_PLAN_MS;
}

/**
 * Windows and caps change between planning and sending (a Messenger window closes, another
 * broadcast took today's Zalo slot): the next batch is decided again just before it goes.
 */
async function recheck(sql: Sql, id: string, channel: Channel, policy: Policy, now: Date, limit: number): Promise<void> {
  const p = new Params();
  p.add(id, '::uuid');
  const $ch = p.add(channel);
  const $now = p.add(now, '::timestamptz');
  const $limit = p.add(limit, '::int');
  const joins = reachJoins(p, { channel: 'cand.channel', lastInboundAt: 'cand.last_inbound_at', conversationId: 'cand.conversation_id', identityId: 'cand.identity_id' }, policy, now, {
    zaloCapsInUse: await zaloCapsInUse(sql, now),
  });
  await sql.query(
    `WITH cand AS (
       SELECT r.id, r.identity_id, r.conversation_id, r.channel, c.last_inbound_at
         FROM broadcast_recipient r JOIN conversation c ON c.id = r.conversation_id
        WHERE r.broadcast_id = $1::uuid AND r.status = 'pending' AND r.channel = ${$ch}
          AND (r.not_before IS NULL OR r.not_before <= ${$now})
        ORDER BY r.id LIMIT ${$limit}),
     cls AS (SELECT cand.id, rc.reach, rc.reason, rc.not_before FROM cand ${joins}),
     upd AS (
       UPDATE broadcast_recipient r SET status = CASE WHEN cls.reach = 'never' THEN 'skipped' ELSE 'pending' END,
              reason = cls.reason, not_before = cls.not_before
         FROM cls WHERE r.id = cls.id AND cls.reach <> 'now' AND r.status = 'pending'
       RETURNING coalesce(r.channel, 'none') AS ch, r.status),
     agg AS (SELECT ch, count(*) FILTER (WHERE status = 'skipped')::int AS n FROM upd GROUP BY ch)
     ${STAT_DELTA('pending = s.pending - agg.n, skipped = s.skipped + agg.n')}`,
    p.values,
  );
}

const FEED_SQL = `WITH pick AS (
       SELECT r.id, r.conversation_id, r.channel, r.locale, r.quota_class,
              nextval(pg_get_serial_sequence('outbox_message', 'id')) AS oid
         FROM broadcast_recipient r
        WHERE r.broadcast_id = $1::uuid AND r.status = 'pending' AND r.channel = $2
          AND (r.not_before IS NULL OR r.not_before <= $3)
        ORDER BY r.id LIMIT $4 FOR UPDATE SKIP LOCKED),
     ins AS (
       INSERT INTO outbox_message (id, conversation_id, inbox_id, channel, message, status, next_attempt_at, created_at, message_tag)
       SELECT pick.oid, pick.conversation_id,
              CASE WHEN pick.channel = 'zalo' AND pick.quota_class = 'free'
                   THEN (SELECT max(i.id) FROM inbox_message i WHERE i.conversation_id = pick.conversation_id) END,
              pick.channel,
              -- a notice may have waited (quiet hours): it speaks the language the chat uses now
              CASE WHEN (CASE WHEN $8::boolean THEN coalesce((SELECT c.locale FROM conversation c WHERE c.id = pick.conversation_id), pick.locale)
                              ELSE pick.locale END) = 'en' THEN $6::jsonb ELSE $5::jsonb END, 'pending', now(), now(),
              CASE WHEN pick.channel = 'messenger' THEN $7::text END
         FROM pick RETURNING id, conversation_id),
     upd AS (
       UPDATE broadcast_recipient r SET status = 'queued', outbox_id = pick.oid, queued_at = $3, not_before = NULL
         FROM pick WHERE r.id = pick.id RETURNING r.id),
     st AS (
       UPDATE broadcast_channel_stat s SET pending = s.pending - n.c, queued = s.queued + n.c
         FROM (SELECT count(*)::int AS c FROM upd) n WHERE s.broadcast_id = $1::uuid AND s.channel = $2 RETURNING 1)
     SELECT conversation_id::text AS conversation_id, id::text AS id FROM ins`;

/**
 * Moves up to `limit` due recipients of one channel to 'queued' and writes their outbox rows in
 * one statement (the outbox id is drawn first so the recipient row can carry it). A Zalo row
 * inside the free window points at the worker's last message, so the Zalo adapter replies by
 * message_id and the free 8-in-48 h bucket is used instead of the proactive quota.
 */
async function feed(deps: BroadcastDeps, sql: Sql, b: BroadcastRow, channel: Channel, now: Date, limit: number): Promise<Array<{ conversation_id: string; id: string }>> {
  const content = openContent(deps.keyring, b.content);
  const vi = sealMessage(deps.keyring, broadcastMessage(content, 'vi'));
  const en = sealMessage(deps.keyring, broadcastMessage(content, 'en'));
  // a system notice's Messenger tag travels with its row (delivery sends MESSAGE_TAG outside 24 h)
  return sql.query(FEED_SQL, [b.id, channel, now, limit, JSON.stringify(vi), JSON.stringify(en), b.policy.messengerTag ?? null, b.createdBy.startsWith('system:')]);
}

/** Key of the advisory lock Zalo batches take turns on (any constant; 'zalo' in ASCII). */
const ZALO_CAPS_LOCK = 0x7a616c6f;

/**
 * One batch of one channel: decided again when windows or caps may have changed, then fed.
 * Zalo batches of every broadcast take turns under one transaction-scoped advisory lock, and a
 * batch is decided again whenever another broadcast queued Zalo rows since this one was planned:
 * a follower's daily and monthly caps are counted against what the others queued (committed
 * before the lock was released), so two broadcasts started in the same minute cannot both take
 * a follower's one daily slot, nor together spend more of the OA's monthly proactive budget than
 * is left.
 */
async function feedBatch(deps: BroadcastDeps, b: BroadcastRow, channel: Channel, now: Date, limit: number): Promise<Array<{ conversation_id: string; id: string }>> {
  if (channel !== 'zalo') {
    if (needsRecheck(b, channel, now)) await recheck(deps.sql, b.id, channel, b.policy, now, limit);
    return feed(deps, deps.sql, b, channel, now, limit);
  }
  return inTransaction(deps.sql, async (tx) => {
    await tx.query(`SELECT pg_advisory_xact_lock($1::bigint)`, [ZALO_CAPS_LOCK]);
    if (needsRecheck(b, channel, now) || (await othersQueuedZaloSince(tx, b))) await recheck(tx, b.id, channel, b.policy, now, limit);
    const skipped = await trimToMonthlyQuota(tx, b.id, await zaloProactiveLeft(tx, deps.zaloProactivePerMonth, now), now, limit);
    return limit - skipped > 0 ? feed(deps, tx, b, channel, now, limit - skipped) : [];
  });
}

/**
 * Whether another officer's broadcast may have queued Zalo messages since this one's plan was
 * made: one that is sending or paused now, or finished (done, cancelled) since. A superset of
 * "queued Zalo rows since", read from the small broadcast table through its indexes instead of
 * the recipient rows (which, for a million-recipient broadcast, are this broadcast's own).
 * Notices do not count: they take no broadcast slot.
 */
async function othersQueuedZaloSince(sql: Sql, b: BroadcastRow): Promise<boolean> {
  if (!b.plannedAt) return true;
  const rows = await sql.query(
    `SELECT 1 FROM broadcast
      WHERE id <> $2::uuid AND created_by NOT LIKE 'system:%' AND (status IN ('sending', 'paused') OR finished_at >= $1)
      LIMIT 1`,
    [b.plannedAt, b.id],
  );
  return rows.length > 0;
}

/** Outbox rows of the broadcast being sent or due now, per channel (rows waiting for a retry are not). */
async function inFlight(deps: BroadcastDeps, id: string): Promise<Map<string, number>> {
  const rows = await deps.sql.query<{ channel: string; n: number }>(
    `SELECT r.channel, count(*)::int AS n FROM broadcast_recipient r JOIN outbox_message o ON o.id = r.outbox_id
      WHERE r.broadcast_id = $1::uuid AND r.status = 'queued'
        AND (o.status = 'sending' OR (o.status = 'pending' AND o.next_attempt_at <= now()))
      GROUP BY r.channel`,
    [id],
  );
  return new Map(rows.map((r) => [r.channel, r.n]));
}

export interface ChannelCounts {
  channel: string;
  total: number;
  pending: number;
  queued: number;
  sent: number;
  failed: number;
  skipped: number;
}

export async function channelCounts(deps: Pick<BroadcastDeps, 'sql'>, id: string): Promise<ChannelCounts[]> {
  return deps.sql.query<ChannelCounts>(
    `SELECT channel, total, pending, queued, sent, failed, skipped FROM broadcast_channel_stat WHERE broadcast_id = $1::uuid ORDER BY total DESC`,
    [id],
  );
}

function publish(deps: BroadcastDeps, b: BroadcastRow): void {
  publishOfficerEvent(deps.notifier, { type: 'broadcast.progress', unitPath: b.scopePath, broadcastId: b.id });
}

/**
 * One step of a sending broadcast: settle what delivery finished, keep quiet hours, feed each
 * channel up to its budget, finish when nothing is left. Safe to run from several processes
 * (SKIP LOCKED, status-guarded updates), though the runner's lease normally keeps it to one.
 */
export async function tick(deps: BroadcastDeps, id: string, opts: SendOptions = {}): Promise<TickResult> {
  const b = await getBroadcast(deps.sql, id);
  if (!b) return { state: 'not_sending' };
  if (b.status !== 'sending') return b.status === 'done' || b.status === 'paused' || b.status === 'cancelled' ? { state: b.status } : { state: 'not_sending' };
  await reconcile(deps, id);
  const now = deps.clock();
  if (isQuiet(now)) {
    if ((await retract(deps, id, 'pending', null)) > 0) publish(deps, b);
    return { state: 'quiet', wakeAt: nextSendable(now) };
  }
  const lookahead = opts.lookaheadSeconds ?? 10;
  const maxBatch = opts.maxBatch ?? 5000;
  const untilQuiet = (quietStartsAt(now).getTime() - now.getTime()) / 1000;
  const flying = await inFlight(deps, id);
  let fed = 0;
  for (const c of await channelCounts(deps, id)) {
    if (c.pending <= 0 || c.channel === 'none') continue;
    const channel = c.channel as Channel;
    const rate = channelRate(deps.adapters, channel) * b.policy.rateShare;
    // what may be in the outbox now: a few seconds' worth, and nothing that would go after 22:00
    const room = Math.min(Math.ceil(rate * lookahead), Math.floor(rate * untilQuiet)) - (flying.get(channel) ?? 0);
    const limit = Math.min(room, maxBatch);
    if (limit <= 0) continue;
    const rows = await feedBatch(deps, b, channel, now, limit);
    fed += rows.length;
    for (const r of rows) await deps.queue.enqueue('deliver', r.conversation_id, { jobId: `d-${r.id}` });
  }
  // paused or cancelled while this batch was written: take it back at once
  const after = await getBroadcast(deps.sql, id);
  if (after && after.status !== 'sending') {
    await retract(deps, id, after.status === 'cancelled' ? 'skipped' : 'pending', after.status === 'cancelled' ? 'cancelled' : null);
    publish(deps, b);
    return after.status === 'paused' || after.status === 'cancelled' || after.status === 'done' ? { state: after.status } : { state: 'not_sending' };
  }
  const left = await deps.sql.query<{ pending: number; queued: number }>(
    `SELECT coalesce(sum(pending), 0)::int AS pending, coalesce(sum(queued), 0)::int AS queued FROM broadcast_channel_stat WHERE broadcast_id = $1::uuid`,
    [id],
  );
  const { pending, queued } = left[0] ?? { pending: 0, queued: 0 };
  if (pending === 0 && queued === 0) {
    await deps.sql.query(`UPDATE broadcast SET status = 'done', finished_at = $2, updated_at = now() WHERE id = $1::uuid AND status = 'sending'`, [id, now]);
    publish(deps, b);
    return { state: 'done' };
  }
  publish(deps, b);
  if (fed === 0 && pending > 0 && queued === 0) {
    // everyone left waits for a cap to reset (or a later window): sleep until the first of them
    const next = await deps.sql.query<{ at: Date | null }>(
      `SELECT min(not_before) AS at FROM broadcast_recipient WHERE broadcast_id = $1::uuid AND status = 'pending'`,
      [id],
    );
    const at = next[0]?.at;
    if (at && new Date(at) > now) return { state: 'sending', fed, wakeAt: new Date(at) };
  }
  return { state: 'sending', fed };
}

/**
 * The enqueue path at full speed, without pacing or settling: every due recipient of every
 * channel goes to the outbox in batches of `maxBatch`. For the benchmark (it measures the path
 * itself) and for operators who knowingly hand a whole broadcast to the delivery queue at once.
 * Quiet hours still hold: nothing is written inside them.
 */
export async function enqueueAll(deps: BroadcastDeps, id: string, maxBatch = 20_000, parallel = 2): Promise<number> {
  const b = await getBroadcast(deps.sql, id);
  if (!b || b.status !== 'sending') return 0;
  const now = deps.clock();
  if (isQuiet(now)) return 0;
  let total = 0;
  // Channels touch disjoint rows (and their own counter row), so two run side by side: one
  // database connection each, which is what a 2-core PostgreSQL can use.
  const channels = (await channelCounts(deps, id)).filter((c) => c.pending > 0 && c.channel !== 'none').map((c) => c.channel as Channel);
  const one = async (channel: Channel) => {
    for (;;) {
      const rows = await feedBatch(deps, b, channel, now, maxBatch);
      if (rows.length === 0) break;
      total += rows.length;
      for (const r of rows) await deps.queue.enqueue('deliver', r.conversation_id, { jobId: `d-${r.id}` });
    }
  };
  const lanes = Array.from({ length: Math.min(parallel, channels.length) }, async () => {
    for (let channel = channels.shift(); channel; channel = channels.shift()) await one(channel);
  });
  await Promise.all(lanes);
  publish(deps, b);
  return total;
}
