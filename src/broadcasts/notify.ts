import { translator } from '../i18n.ts';
import type { BroadcastDeps } from './deps.ts';
import { Params } from './params.ts';
import { insertRecipients } from './plan.ts';
import { DEFAULT_ORDER, Policy, type BroadcastContent, type Channel } from './schema.ts';
import { createBroadcast } from './store.ts';
import { tick } from './sender.ts';

export const NOTICE_KINDS = ['registration_approved', 'case_status_changed', 'contest_opening_soon'] as const;
export type NoticeKind = (typeof NOTICE_KINDS)[number];

export type NoticeResult =
  | { status: 'queued'; broadcastId: string; channel: Channel }
  /** reachable, but not now: quiet hours, or a cap resets (the runner sends it then) */
  | { status: 'waiting'; broadcastId: string; channel: Channel }
  | { status: 'skipped'; broadcastId: string; reason: string };

/**
 * An event notification to one person (registration approved, case status changed, contest
 * opening soon) through the broadcast machinery: the same channel choice (the best channel that
 * reaches them now, in preference order), the same window rules, quiet hours, crash safety and
 * delivery path. It is a one-recipient broadcast created by 'system:<kind>' (not listed to
 * officers), so one sent during quiet hours waits for 08:00 in the runner instead of blocking
 * the conversation's outbox. Unlike a broadcast it is a transactional notice: Zalo's per-follower
 * broadcast caps do not apply, and it may use one proactive message (48 h-7 d window).
 * Call it AFTER the change that caused it committed (it writes and commits on its own).
 */
export async function notifyPerson(
  deps: BroadcastDeps,
  notice: {
    kind: NoticeKind;
    /** the member, or (a non-member) the channel identity, to reach */
    memberId?: string;
    identityId?: string;
    /** org path of the unit the notice belongs to (scope of the progress event) */
    unitPath: string;
    content: BroadcastContent;
    order?: Channel[];
  },
): Promise<NoticeResult> {
  if (!notice.memberId && !notice.identityId) throw new Error('notifyPerson needs a memberId or an identityId');
  const policy = Policy.parse({ order: notice.order ?? DEFAULT_ORDER, zalo: { proactiveQuota: 1, dailyCap: 1_000_000, monthlyCap: 1_000_000 } });
  const b = await createBroadcast(
    deps.sql,
    { title: `notice:${notice.kind}`, content: notice.content, audience: { membership: 'all' }, policy },
    { id: `system:${notice.kind}`, scopePath: notice.unitPath },
  );
  const p = new Params();
  const $member = p.add(notice.memberId ?? null, '::uuid');
  const $identity = p.add(notice.identityId ?? null, '::uuid');
  const candidates = `
    SELECT coalesce(ci.member_id, ci.id) AS person, ci.member_id, ci.id AS identity_id, c.id AS conversation_id, c.channel,
           coalesce(c.locale, 'vi') AS locale, c.last_inbound_at
      FROM channel_identity ci JOIN conversation c ON c.identity_id = ci.id
     WHERE ci.member_id = ${$member} OR ci.id = ${$identity}
    UNION ALL
    SELECT ${$member}, ${$member}, NULL, NULL, NULL, 'vi', NULL
     WHERE ${$member} IS NOT NULL AND NOT EXISTS (SELECT 1 FROM channel_identity WHERE member_id = ${$member})`;
  await insertRecipients(deps.sql, p, b, candidates, deps.clock());
  await deps.sql.query(
    `INSERT INTO broadcast_channel_stat (broadcast_id, channel, total, pending, skipped)
     SELECT $1::uuid, coalesce(channel, 'none'), count(*), count(*) FILTER (WHERE status = 'pending'), count(*) FILTER (WHERE status = 'skipped')
       FROM broadcast_recipient WHERE broadcast_id = $1::uuid GROUP BY 2`,
    [b.id],
  );
  await deps.sql.query(`UPDATE broadcast SET status = 'sending', started_at = $2, planned_at = $2 WHERE id = $1::uuid`, [b.id, deps.clock()]);
  await tick(deps, b.id);
  const r = (
    await deps.sql.query<{ channel: Channel | null; status: string; reason: string | null }>(
      `SELECT channel, status, reason FROM broadcast_recipient WHERE broadcast_id = $1::uuid LIMIT 1`,
      [b.id],
    )
  )[0];
  if (!r || r.status === 'skipped' || !r.channel) return { status: 'skipped', broadcastId: b.id, reason: r?.reason ?? 'no_channel' };
  return r.status === 'pending' ? { status: 'waiting', broadcastId: b.id, channel: r.channel } : { status: 'queued', broadcastId: b.id, channel: r.channel };
}

/** The notice's text in both languages, from locales/<lang>/broadcasts.json (notice.<kind>). */
export function noticeContent(kind: NoticeKind, vars: Record<string, string>): BroadcastContent {
  const vi = translator('vi', 'broadcasts');
  const en = translator('en', 'broadcasts');
  return { vi: { text: vi(`notice.${kind}`, { ...vars, interpolation: { escapeValue: false } }) }, en: { text: en(`notice.${kind}`, { ...vars, interpolation: { escapeValue: false } }) } };
}
