import type { Sql } from '../db/client.ts';
import { inTransaction } from '../db/client.ts';
import { translator } from '../i18n.ts';
import type { BroadcastDeps } from './deps.ts';
import { Params } from './params.ts';
import { insertRecipients } from './plan.ts';
import { DEFAULT_ORDER, Policy, type BroadcastContent, type Channel, type MessengerNoticeTag } from './schema.ts';
import { tick } from './sender.ts';
import { sealContent } from './message.ts';
import type { Keyring } from '../security/crypto.ts';

export const NOTICE_KINDS = [
  'registration_approved',
  'registration_rejected',
  'case_status_changed',
  'case_info_requested',
  'benefit_request_status',
  'contest_opening_soon',
] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

/**
 * The Messenger tag each kind may use outside the 24 h window (platforms.md 2.5: tags are for
 * non-promotional 1:1 updates; HUMAN_AGENT never for automated text). A decision on the person's
 * application, their case or benefit request is an update of their account; a contest reminder
 * is an update on an event they asked to be told about.
 */
export const NOTICE_TAGS: Record<NoticeKind, MessengerNoticeTag> = {
  registration_approved: 'ACCOUNT_UPDATE',
  registration_rejected: 'ACCOUNT_UPDATE',
  case_status_changed: 'ACCOUNT_UPDATE',
  case_info_requested: 'ACCOUNT_UPDATE',
  benefit_request_status: 'ACCOUNT_UPDATE',
  contest_opening_soon: 'CONFIRMED_EVENT_UPDATE',
};

export interface Notice {
  kind: NoticeKind;
  /** the member and/or the channel identity to reach (all the member's chats are candidates) */
  memberId?: string | null;
  identityId?: string | null;
  /** the chat the event belongs to (the case was filed from, the application came from): its channel is preferred */
  conversationId?: string | null;
  /** org path of the unit the notice belongs to (scope of the progress event) */
  unitPath: string;
  content: BroadcastContent;
  order?: Channel[];
}

/** What was decided when the notice was written (inside the caller's transaction). */
export interface CreatedNotice {
  broadcastId: string;
  /** pending: goes when the sender is hinted (or at 08:00, or when a cap resets); skipped: never, see reason */
  status: 'pending' | 'skipped';
  channel: Channel | null;
  reason: string | null;
}

export type NoticeResult =
  | { status: 'queued'; broadcastId: string; channel: Channel }
  /** reachable, but not now: quiet hours, or a cap resets (the runner sends it then) */
  | { status: 'waiting'; broadcastId: string; channel: Channel }
  | { status: 'skipped'; broadcastId: string; reason: string };

/**
 * Writes an event notification to one person (registration decided, case or benefit request
 * moved, contest opening soon) as a one-recipient broadcast created by 'system:<kind>' (not
 * listed to officers), on `sql`: pass the caller's transaction (src/cases/tx-sql.ts) and the
 * notice commits with the change that caused it, or not at all. The channel is chosen like a
 * broadcast's (the best that reaches the person now, in preference order, the event's own chat
 * first), with the same windows; nothing is sent here: after commit, `sendNotice` feeds it to
 * the outbox, and a notice whose hint was lost (a crash right after commit) or that waits for
 * 08:00 is fed by the worker's broadcast runner (status 'sending'). Unlike an officer's broadcast
 * it is a transactional notice: Zalo's per-follower broadcast caps do not apply, it may use one
 * proactive message (48 h-7 d), and on Messenger its kind's utility tag (NOTICE_TAGS).
 */
export async function createNotice(sql: Sql, keyring: Keyring, notice: Notice, now: Date): Promise<CreatedNotice> {
  if (!notice.memberId && !notice.identityId) throw new Error('a notice needs a memberId or an identityId');
  const own = notice.conversationId
    ? (await sql.query<{ channel: Channel }>(`SELECT channel FROM conversation WHERE id = $1::uuid`, [notice.conversationId]))[0]?.channel
    : undefined;
  const base = notice.order ?? DEFAULT_ORDER;
  const order = own ? [own, ...base.filter((c) => c !== own)] : base;
  const policy = Policy.parse({
    order,
    zalo: { proactiveQuota: 1, dailyCap: 1_000_000, monthlyCap: 1_000_000 },
    messengerTag: NOTICE_TAGS[notice.kind],
  });
  const b = (
    await sql.query<{ id: string }>(
      `INSERT INTO broadcast (id, title, content, audience, policy, status, created_by, scope_path, planned_at, started_at, updated_at)
       VALUES (gen_random_uuid(), $1, $2::jsonb, '{"membership":"all"}'::jsonb, $3::jsonb, 'sending', $4, $5, $6, $6, now())
       RETURNING id::text AS id`,
      [`notice:${notice.kind}`, JSON.stringify(sealContent(keyring, notice.content)), JSON.stringify(policy), `system:${notice.kind}`, notice.unitPath, now],
    )
  )[0]!;
  const p = new Params();
  const $member = p.add(notice.memberId ?? null, '::uuid');
  const $identity = p.add(notice.identityId ?? null, '::uuid');
  // one person, whichever identities they write from: a constant person key makes it one row
  const candidates = `
    SELECT 'person' AS person, ci.member_id, ci.id AS identity_id, c.id AS conversation_id, c.channel,
           coalesce(c.locale, 'vi') AS locale, c.last_inbound_at
      FROM channel_identity ci JOIN conversation c ON c.identity_id = ci.id
     WHERE ci.member_id = ${$member} OR ci.id = ${$identity}
    UNION ALL
    SELECT 'person', ${$member}, ${$identity}, NULL, NULL, 'vi', NULL
     WHERE NOT EXISTS (SELECT 1 FROM channel_identity ci JOIN conversation c ON c.identity_id = ci.id
                        WHERE ci.member_id = ${$member} OR ci.id = ${$identity})`;
  await insertRecipients(sql, p, { id: b.id, policy }, candidates, now);
  await sql.query(
    `INSERT INTO broadcast_channel_stat (broadcast_id, channel, total, pending, skipped)
     SELECT $1::uuid, coalesce(channel, 'none'), count(*), count(*) FILTER (WHERE status = 'pending'), count(*) FILTER (WHERE status = 'skipped')
       FROM broadcast_recipient WHERE broadcast_id = $1::uuid GROUP BY 2`,
    [b.id],
  );
  const r = (
    await sql.query<{ channel: Channel | null; status: string; reason: string | null }>(
      `SELECT channel, status, reason FROM broadcast_recipient WHERE broadcast_id = $1::uuid LIMIT 1`,
      [b.id],
    )
  )[0];
  // nobody left to send to: done at once, so the runner never picks it up
  if (!r || r.status === 'skipped') await sql.query(`UPDATE broadcast SET status = 'done', finished_at = $2 WHERE id = $1::uuid`, [b.id, now]);
  return { broadcastId: b.id, status: r?.status === 'pending' ? 'pending' : 'skipped', channel: r?.channel ?? null, reason: r?.reason ?? (r ? null : 'no_channel') };
}

/**
 * After commit: feeds the notice to the outbox now (unless it waits for 08:00 or a cap) and hints
 * delivery. A failure here loses nothing: the notice is a 'sending' broadcast the worker's runner
 * picks up, and the sender's row-level guards keep it to one message however many run it.
 */
export async function sendNotice(deps: BroadcastDeps, notice: Pick<CreatedNotice, 'broadcastId' | 'status'> | null | undefined): Promise<void> {
  if (!notice || notice.status !== 'pending') return;
  try {
    await tick(deps, notice.broadcastId);
  } catch (err) {
    deps.log?.warn({ err, broadcastId: notice.broadcastId }, 'notice hint failed; the broadcast runner will send it');
  }
}

/**
 * What an officer sees of the notice in the answer to their action: the channel it goes by, or
 * why it cannot be delivered (zalo_window_closed, messenger_window_closed, unfollowed, no_channel;
 * texts in locales/<lang>/broadcasts.json reason.*). The same reason stays on the recipient row.
 */
export function noticeView(n: Pick<CreatedNotice, 'status' | 'channel' | 'reason'> | null): { status: 'sending' | 'not_delivered'; channel: Channel | null; reason: string | null } | null {
  return n ? { status: n.status === 'skipped' ? 'not_delivered' : 'sending', channel: n.channel, reason: n.reason } : null;
}

/** Where a notice stands: queued (in the outbox), waiting (for 08:00 or a cap), or skipped and why. */
export async function noticeStatus(sql: Sql, broadcastId: string): Promise<NoticeResult> {
  const r = (
    await sql.query<{ channel: Channel | null; status: string; reason: string | null }>(
      `SELECT channel, status, reason FROM broadcast_recipient WHERE broadcast_id = $1::uuid LIMIT 1`,
      [broadcastId],
    )
  )[0];
  if (!r || r.status === 'skipped' || !r.channel) return { status: 'skipped', broadcastId, reason: r?.reason ?? 'no_channel' };
  return r.status === 'pending' ? { status: 'waiting', broadcastId, channel: r.channel } : { status: 'queued', broadcastId, channel: r.channel };
}

/** createNotice in its own transaction, then sendNotice: for callers with no change of their own to commit with. */
export async function notifyPerson(deps: BroadcastDeps, notice: Notice): Promise<NoticeResult> {
  const created = await inTransaction(deps.sql, (tx) => createNotice(tx, deps.keyring, notice, deps.clock()));
  await sendNotice(deps, created);
  return noticeStatus(deps.sql, created.broadcastId);
}

/** The notice's text in both languages, from locales/<lang>/broadcasts.json (notice.<kind>). */
export function noticeContent(kind: NoticeKind, vars: Record<string, string>): BroadcastContent {
  const vi = translator('vi', 'broadcasts');
  const en = translator('en', 'broadcasts');
  return { vi: { text: vi(`notice.${kind}`, { ...vars, interpolation: { escapeValue: false } }) }, en: { text: en(`notice.${kind}`, { ...vars, interpolation: { escapeValue: false } }) } };
}
