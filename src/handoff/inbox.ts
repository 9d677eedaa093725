import type { Sql } from '../db/client.ts';
import type { OutboundMessage } from '../core/model.ts';
import type { OfficerContext } from '../officers/context.ts';
import { onlineSessionSql, SESSION_IDLE_MS } from '../officers/sessions.ts';
import type { Keyring } from '../security/crypto.ts';
import { openEvent, openMessage, type StoredEvent, type StoredMessage } from '../pipeline/seal.ts';
import type { HandoffConfig } from './config.ts';
import { isUuid } from './actions.ts';
import { replyWindow, type ReplyWindow } from './window.ts';

/**
 * The read side of the inbox: lists by view, one conversation with its whole history across the
 * member's channels, queue stats. Every query carries the scope (starts_with(unit_path, scope)).
 */
export const VIEWS = ['waiting', 'mine', 'unit', 'closed'] as const;
export type View = (typeof VIEWS)[number];

export interface ConversationItem {
  id: string;
  handoffId: string;
  channel: string;
  displayName: string | null;
  handoffStatus: 'waiting' | 'active' | 'closed';
  urgent: boolean;
  reason: string;
  /** where the worker asked from: {flow, step} (e.g. legal-qa's "not sure" answer), {} from the menu */
  context: Record<string, unknown>;
  waitingSince: string;
  queuePosition: number | null;
  assignedTo: { id: string; name: string } | null;
  unit: { code: string; name: string };
  escalationLevel: number;
  slaDueAt: string;
  firstResponseAt: string | null;
  closedAt: string | null;
  csat: number | null;
  lastMessageAt: string | null;
  replyWindow: ReplyWindow;
}

interface Row {
  id: string;
  handoff_id: string;
  channel: string;
  display_name: string | null;
  status: 'waiting' | 'active' | 'closed';
  urgent: boolean;
  reason: string;
  context: Record<string, unknown>;
  requested_at: Date;
  queue_position: number | null;
  officer_id: string | null;
  officer_name: string | null;
  unit_code: string;
  unit_name: string;
  escalation_level: number;
  sla_due_at: Date;
  first_response_at: Date | null;
  closed_at: Date | null;
  csat: number | null;
  last_message_at: Date | null;
  last_inbound_at: Date | null;
}

const SELECT = `
  SELECT c.id::text AS id, h.id::text AS handoff_id, c.channel, ci.display_name, h.status, h.urgent, h.reason, h.context, h.requested_at,
         CASE WHEN h.status = 'waiting' THEN
           (SELECT count(*)::int + 1 FROM handoff q
             WHERE q.unit_id = h.unit_id AND q.status = 'waiting' AND q.id <> h.id
               AND (q.urgent > h.urgent OR (q.urgent = h.urgent AND (q.requested_at, q.seq) < (h.requested_at, h.seq)))) END AS queue_position,
         h.assigned_officer_id::text AS officer_id, o.name AS officer_name, u.code AS unit_code, u.name AS unit_name,
         h.escalation_level, h.sla_due_at, h.first_response_at, h.closed_at, h.csat,
         GREATEST(c.last_inbound_at, c.last_outbound_at, h.last_activity_at) AS last_message_at, c.last_inbound_at
    FROM handoff h
    JOIN conversation c ON c.id = h.conversation_id
    JOIN channel_identity ci ON ci.id = c.identity_id
    JOIN org_unit u ON u.id = h.unit_id
    LEFT JOIN officer o ON o.id = h.assigned_officer_id`;

const VIEW_SQL: Record<View, { where: string; order: string }> = {
  waiting: { where: `h.status = 'waiting'`, order: `h.urgent DESC, h.requested_at ASC, h.seq ASC` },
  mine: { where: `h.status = 'active' AND h.assigned_officer_id::text = $4`, order: `h.urgent DESC, h.assigned_at ASC` },
  unit: { where: `h.status <> 'closed'`, order: `h.status DESC, h.urgent DESC, h.requested_at ASC, h.seq ASC` },
  // the latest episode of each conversation that has ended
  closed: {
    where: `h.status = 'closed' AND NOT EXISTS (SELECT 1 FROM handoff n WHERE n.conversation_id = h.conversation_id AND n.requested_at > h.requested_at)`,
    order: `h.closed_at DESC`,
  },
};

function toItem(r: Row, now: Date, cfg: HandoffConfig): ConversationItem {
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    id: r.id,
    handoffId: r.handoff_id,
    channel: r.channel,
    displayName: r.display_name,
    handoffStatus: r.status,
    urgent: r.urgent,
    reason: r.reason,
    context: r.context ?? {},
    waitingSince: new Date(r.requested_at).toISOString(),
    queuePosition: r.queue_position,
    assignedTo: r.officer_id ? { id: r.officer_id, name: r.officer_name ?? '' } : null,
    unit: { code: r.unit_code, name: r.unit_name },
    escalationLevel: r.escalation_level,
    slaDueAt: new Date(r.sla_due_at).toISOString(),
    firstResponseAt: iso(r.first_response_at),
    closedAt: iso(r.closed_at),
    csat: r.csat,
    lastMessageAt: iso(r.last_message_at),
    replyWindow: replyWindow(r.channel, r.last_inbound_at ? new Date(r.last_inbound_at) : null, now, cfg),
  };
}

export async function listConversations(
  sql: Sql,
  cfg: HandoffConfig,
  ctx: OfficerContext,
  view: View,
  now: Date,
  page: { limit: number; offset: number },
): Promise<ConversationItem[]> {
  const v = VIEW_SQL[view];
  const params: unknown[] = [ctx.scopePath, page.limit, page.offset];
  if (view === 'mine') params.push(ctx.officerId);
  const rows = await sql.query<Row>(`${SELECT} WHERE starts_with(h.unit_path, $1) AND ${v.where} ORDER BY ${v.order} LIMIT $2 OFFSET $3`, params);
  return rows.map((r) => toItem(r, now, cfg));
}

/** The latest episode of a conversation, if it is in the scope. */
export async function conversationItem(sql: Sql, cfg: HandoffConfig, ctx: OfficerContext, conversationId: string, now: Date): Promise<ConversationItem | null> {
  if (!isUuid(conversationId)) return null;
  const rows = await sql.query<Row>(
    `${SELECT} WHERE c.id = $1::uuid AND starts_with(h.unit_path, $2) ORDER BY h.requested_at DESC LIMIT 1`,
    [conversationId, ctx.scopePath],
  );
  return rows[0] ? toItem(rows[0], now, cfg) : null;
}

export interface HistoryMessage {
  id: string;
  direction: 'in' | 'out' | 'note';
  author: 'worker' | 'bot' | 'officer' | 'system';
  officerName?: string;
  text: string;
  attachments?: Array<{ type: string; name?: string }>;
  at: string;
  channel: string;
}

const HISTORY_LIMIT = 300;

function outboundText(m: OutboundMessage): string {
  switch (m.kind) {
    case 'text':
      return m.text;
    case 'choices':
      return [m.text, ...m.choices.map((c, i) => `${i + 1}. ${c.label}`)].join('\n');
    case 'cards':
      return [m.text, ...m.cards.map((c) => c.title)].filter(Boolean).join('\n');
    case 'media':
      return m.caption ?? m.name ?? '';
    case 'request_contact':
      return m.text;
  }
}

/**
 * Everything said in the member's conversations on every channel (or this conversation's, when
 * the worker is not a known member), with the officers' notes, oldest first. Bodies are opened
 * here from their sealed form; the caller audits the read.
 */
export async function history(sql: Sql, keyring: Keyring, conversationId: string): Promise<{ messages: HistoryMessage[]; memberId: string | null; identityIds: string[] }> {
  const convs = await sql.query<{ id: string; channel: string; member_id: string | null; identity_id: string }>(
    `WITH me AS (SELECT c.id, ci.member_id FROM conversation c JOIN channel_identity ci ON ci.id = c.identity_id WHERE c.id = $1::uuid)
     SELECT c.id::text AS id, c.channel, ci.member_id::text AS member_id, ci.id::text AS identity_id
       FROM conversation c JOIN channel_identity ci ON ci.id = c.identity_id, me
      WHERE c.id = me.id OR (me.member_id IS NOT NULL AND ci.member_id = me.member_id)`,
    [conversationId],
  );
  const ids = convs.map((c) => c.id);
  const channelOf = new Map(convs.map((c) => [c.id, c.channel]));
  const [inbound, outbound, notes] = await Promise.all([
    sql.query<{ id: string; conversation_id: string; event: StoredEvent; at: Date }>(
      `SELECT * FROM (SELECT id::text AS id, conversation_id::text AS conversation_id, event, received_at AS at FROM inbox_message
         WHERE conversation_id = ANY($1::uuid[]) AND event->>'kind' NOT IN ('echo', 'delivery', 'read', 'unfollow')
         ORDER BY id DESC LIMIT ${HISTORY_LIMIT}) x`,
      [ids],
    ),
    sql.query<{ id: string; conversation_id: string; message: StoredMessage; at: Date; officer_id: string | null; officer_name: string | null; inbox_id: string | null }>(
      `SELECT * FROM (SELECT m.id::text AS id, m.conversation_id::text AS conversation_id, m.message, m.created_at AS at,
              m.officer_id::text AS officer_id, o.name AS officer_name, m.inbox_id::text AS inbox_id
         FROM outbox_message m LEFT JOIN officer o ON o.id = m.officer_id
        WHERE m.conversation_id = ANY($1::uuid[]) ORDER BY m.id DESC LIMIT ${HISTORY_LIMIT}) x`,
      [ids],
    ),
    sql.query<{ id: string; conversation_id: string; text_enc: string; at: Date; officer_name: string | null }>(
      `SELECT n.id::text AS id, n.conversation_id::text AS conversation_id, n.text_enc, n.created_at AS at, o.name AS officer_name
         FROM handoff_note n LEFT JOIN officer o ON o.id = n.officer_id
        WHERE n.conversation_id = ANY($1::uuid[]) ORDER BY n.id DESC LIMIT ${HISTORY_LIMIT}`,
      [ids],
    ),
  ]);
  const out: Array<HistoryMessage & { order: number }> = [];
  for (const r of inbound) {
    const e = openEvent(keyring, r.event);
    const attachments = e.attachments?.map((a) => ({ type: a.type, ...(a.name ? { name: a.name } : {}) }));
    out.push({
      id: `in-${r.id}`,
      direction: 'in',
      author: 'worker',
      text: e.text ?? (e.contact ? e.contact.phone : e.kind === 'start' ? '' : ''),
      ...(attachments?.length ? { attachments } : {}),
      at: new Date(r.at).toISOString(),
      channel: channelOf.get(r.conversation_id) ?? '',
      order: 0,
    });
  }
  for (const r of outbound) {
    const m = openMessage(keyring, r.message);
    out.push({
      id: `out-${r.id}`,
      direction: 'out',
      author: r.officer_id ? 'officer' : r.inbox_id ? 'bot' : 'system',
      ...(r.officer_id ? { officerName: r.officer_name ?? '' } : {}),
      text: outboundText(m),
      at: new Date(r.at).toISOString(),
      channel: channelOf.get(r.conversation_id) ?? '',
      order: 1,
    });
  }
  for (const r of notes) {
    out.push({
      id: `note-${r.id}`,
      direction: 'note',
      author: 'officer',
      officerName: r.officer_name ?? '',
      text: keyring.open(r.text_enc),
      at: new Date(r.at).toISOString(),
      channel: channelOf.get(r.conversation_id) ?? '',
      order: 2,
    });
  }
  // time order; a bot reply written in the same instant as the message it answers comes after it
  out.sort((a, b) => a.at.localeCompare(b.at) || a.order - b.order || a.id.localeCompare(b.id, undefined, { numeric: true }));
  return {
    messages: out.map(({ order: _o, ...m }) => m),
    memberId: convs.find((c) => c.member_id)?.member_id ?? null,
    identityIds: [...new Set(convs.map((c) => c.identity_id))],
  };
}

/** The member beside the conversation (phone opened from their latest registration) and their open cases in scope. */
export async function memberPanel(sql: Sql, keyring: Keyring, ctx: OfficerContext, memberId: string | null, identityIds: string[]) {
  let member: { id: string; fullName: string; memberNo: string | null; status: string; unit: { code: string; name: string } | null; phone?: string } | null = null;
  if (memberId) {
    const m = (await sql.query<{ id: string; full_name: string; member_no: string | null; status: string; unit_code: string | null; unit_name: string | null; phone_enc: string | null }>(
      `SELECT m.id::text AS id, m.full_name, m.member_no, m.status, u.code AS unit_code, u.name AS unit_name,
              (SELECT r.phone_enc FROM registration r WHERE r.member_id = m.id ORDER BY r.created_at DESC LIMIT 1) AS phone_enc
         FROM member m LEFT JOIN org_unit u ON u.id = m.org_unit_id WHERE m.id = $1::uuid`,
      [memberId],
    ))[0];
    if (m) {
      member = {
        id: m.id,
        fullName: m.full_name,
        memberNo: m.member_no,
        status: m.status,
        unit: m.unit_code ? { code: m.unit_code, name: m.unit_name ?? '' } : null,
        ...(m.phone_enc ? { phone: keyring.open(m.phone_enc) } : {}),
      };
    }
  }
  const openCases = await sql.query<{ id: string; code: string; status: string; category: string; urgent: boolean }>(
    `SELECT id::text AS id, code, status, category, urgent FROM grievance_case
      WHERE (identity_id = ANY($1::uuid[]) OR ($2::uuid IS NOT NULL AND member_id = $2::uuid))
        AND status NOT IN ('da_giai_quyet', 'dong') AND starts_with(routed_path, $3)
      ORDER BY urgent DESC, created_at DESC LIMIT 20`,
    [identityIds, memberId, ctx.scopePath],
  );
  return { member, openCases };
}

export interface QueueStats {
  waiting: number;
  urgent: number;
  active: number;
  officersOnline: number;
  oldestWaitSeconds: number;
}

export async function queueStats(sql: Sql, ctx: OfficerContext, now: Date, onlineWithinMs: number): Promise<QueueStats> {
  const rows = await sql.query<{ waiting: number; urgent: number; active: number; oldest: Date | null; online: number }>(
    `SELECT count(*) FILTER (WHERE h.status = 'waiting')::int AS waiting,
            count(*) FILTER (WHERE h.status = 'waiting' AND h.urgent)::int AS urgent,
            count(*) FILTER (WHERE h.status = 'active')::int AS active,
            min(h.requested_at) FILTER (WHERE h.status = 'waiting') AS oldest,
            (SELECT count(DISTINCT s.officer_id)::int FROM officer_session s JOIN officer o ON o.id = s.officer_id JOIN org_unit u ON u.id = o.unit_id
              WHERE starts_with(u.path, $1) AND o.active AND ${onlineSessionSql('s', '$2', '$3', '$4')}) AS online
       FROM handoff h WHERE h.status <> 'closed' AND starts_with(h.unit_path, $1)`,
    [ctx.scopePath, now, new Date(now.getTime() - onlineWithinMs), new Date(now.getTime() - SESSION_IDLE_MS)],
  );
  const r = rows[0]!;
  return {
    waiting: r.waiting,
    urgent: r.urgent,
    active: r.active,
    officersOnline: r.online,
    oldestWaitSeconds: r.oldest ? Math.max(0, Math.round((now.getTime() - new Date(r.oldest).getTime()) / 1000)) : 0,
  };
}
