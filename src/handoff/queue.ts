import { randomUUID } from 'node:crypto';
import type { Sql } from '../db/client.ts';
import type { Keyring } from '../security/crypto.ts';
import type { HandoffConfig } from './config.ts';
import { nextOpening } from './hours.ts';
import { ht, notifyWorker } from './notices.ts';
import type { Effects } from './effects.ts';
import { ONLINE_WITHIN_MS, SESSION_IDLE_MS, onlineSessionSql } from '../officers/sessions.ts';

/**
 * The waiting queue in SQL. Queue order everywhere: urgent first, then longest waiting
 * (requested_at), then arrival order (seq). Concurrency across processes rests on row locks: an assignment locks
 * the officer row (so their capacity is counted once) and takes the head handoff with
 * FOR UPDATE SKIP LOCKED (so two assigners never take the same one, and neither waits).
 */
export const QUEUE_ORDER = `urgent DESC, requested_at ASC, seq ASC`;

export interface QueueUnit {
  id: string;
  path: string;
  code: string;
}

/**
 * Where a conversation queues: the worker's grassroots union (their member record's unit, else
 * the unit of their latest registration or open case — which is already the provincial
 * federation when they have no union), else the configured default unit, else the root of the
 * tree. For an urgent case the case's own unit comes first: that is who must act.
 */
export async function resolveQueueUnit(
  sql: Sql,
  conversationId: string,
  cfg: Pick<HandoffConfig, 'defaultUnitCode'>,
  preferCase: boolean,
): Promise<(QueueUnit & { memberId: string | null }) | undefined> {
  const rows = await sql.query<{ unit_id: string | null; member_id: string | null }>(
    `WITH c AS (
       SELECT c.id, c.identity_id, ci.member_id FROM conversation c JOIN channel_identity ci ON ci.id = c.identity_id WHERE c.id = $1::uuid),
     m AS (SELECT m.org_unit_id FROM member m, c WHERE m.id = c.member_id),
     r AS (SELECT coalesce(r.org_unit_id, r.routed_to_id) AS unit_id FROM registration r, c
            WHERE r.identity_id = c.identity_id OR (c.member_id IS NOT NULL AND r.member_id = c.member_id)
            ORDER BY r.created_at DESC LIMIT 1),
     k AS (SELECT g.routed_to_id AS unit_id FROM grievance_case g, c
            WHERE (g.identity_id = c.identity_id OR (c.member_id IS NOT NULL AND g.member_id = c.member_id))
              AND g.status NOT IN ('da_giai_quyet', 'dong')
            ORDER BY g.urgent DESC, g.created_at DESC LIMIT 1)
     SELECT (CASE WHEN $2::boolean THEN coalesce((SELECT unit_id FROM k), (SELECT org_unit_id FROM m), (SELECT unit_id FROM r))
                  ELSE coalesce((SELECT org_unit_id FROM m), (SELECT unit_id FROM r), (SELECT unit_id FROM k)) END)::text AS unit_id,
            (SELECT member_id::text FROM c) AS member_id`,
    [conversationId, preferCase],
  );
  const found = rows[0];
  let unit: QueueUnit | undefined;
  if (found?.unit_id) unit = (await sql.query<QueueUnit>(`SELECT id::text AS id, path, code FROM org_unit WHERE id = $1::uuid`, [found.unit_id]))[0];
  if (!unit && cfg.defaultUnitCode) unit = (await sql.query<QueueUnit>(`SELECT id::text AS id, path, code FROM org_unit WHERE code = $1`, [cfg.defaultUnitCode]))[0];
  if (!unit) unit = (await sql.query<QueueUnit>(`SELECT id::text AS id, path, code FROM org_unit WHERE parent_id IS NULL ORDER BY created_at LIMIT 1`))[0];
  // no org tree loaded yet (a fresh deployment): nobody to queue at, the caller says so
  if (!unit) return undefined;
  return { ...unit, memberId: found?.member_id ?? null };
}

/** First response due: the SLA counted from now, or from the next opening when closed. */
export function slaDue(cfg: Pick<HandoffConfig, 'slaMs' | 'hours'>, now: Date): Date {
  const from = nextOpening(cfg.hours, now) ?? now;
  return new Date(from.getTime() + cfg.slaMs);
}

export interface OpenHandoff {
  id: string;
  conversation_id: string;
  unit_id: string;
  unit_path: string;
  status: 'waiting' | 'active';
  urgent: boolean;
  assigned_officer_id: string | null;
}

const OPEN_COLUMNS = `id::text AS id, conversation_id::text AS conversation_id, unit_id::text AS unit_id, unit_path, status, urgent,
                      assigned_officer_id::text AS assigned_officer_id`;

export async function openHandoffOf(sql: Sql, conversationId: string, lock = false): Promise<OpenHandoff | undefined> {
  return (
    await sql.query<OpenHandoff>(
      `SELECT ${OPEN_COLUMNS} FROM handoff WHERE conversation_id = $1::uuid AND status <> 'closed' ${lock ? 'FOR UPDATE' : ''}`,
      [conversationId],
    )
  )[0];
}

export interface EnqueueInput {
  conversationId: string;
  reason: string;
  urgent: boolean;
  context: Record<string, unknown>;
  now: Date;
}

/**
 * Opens a handoff episode (or returns the open one: asking twice does not queue twice; an urgent
 * ask upgrades a waiting one). The partial unique index handoff_one_open makes this safe even
 * if two turns of the same conversation raced, which the turn lock already prevents.
 */
export async function enqueue(sql: Sql, cfg: HandoffConfig, fx: Effects, input: EnqueueInput): Promise<{ handoff: OpenHandoff; created: boolean } | undefined> {
  const existing = await openHandoffOf(sql, input.conversationId, true);
  if (existing) {
    if (input.urgent && !existing.urgent) {
      await sql.query(`UPDATE handoff SET urgent = true WHERE id = $1::uuid`, [existing.id]);
      existing.urgent = true;
      fx.changed(input.conversationId, existing.unit_path);
    }
    return { handoff: existing, created: false };
  }
  const unit = await resolveQueueUnit(sql, input.conversationId, cfg, input.urgent);
  if (!unit) return undefined;
  const id = randomUUID();
  const rows = await sql.query<OpenHandoff>(
    `INSERT INTO handoff (id, conversation_id, member_id, unit_id, unit_path, origin_unit_id, status, urgent, reason, context,
                          requested_at, sla_due_at, last_activity_at)
     VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, $5, $4::uuid, 'waiting', $6, $7, $8::jsonb, $9, $10, $9)
     ON CONFLICT (conversation_id) WHERE status <> 'closed' DO NOTHING
     RETURNING ${OPEN_COLUMNS}`,
    [id, input.conversationId, unit.memberId, unit.id, unit.path, input.urgent, input.reason, JSON.stringify(input.context), input.now, slaDue(cfg, input.now)],
  );
  if (!rows[0]) return { handoff: (await openHandoffOf(sql, input.conversationId))!, created: false };
  fx.changed(input.conversationId, unit.path);
  return { handoff: rows[0], created: true };
}

/** 1-based place in its unit's queue (urgent first, then longest waiting); null once assigned. */
export async function queuePosition(sql: Sql, handoffId: string): Promise<number | null> {
  const rows = await sql.query<{ pos: number | null }>(
    `SELECT CASE WHEN h.status <> 'waiting' THEN NULL ELSE
              (SELECT count(*)::int + 1 FROM handoff o
                WHERE o.unit_id = h.unit_id AND o.status = 'waiting' AND o.id <> h.id
                  AND (o.urgent > h.urgent OR (o.urgent = h.urgent AND (o.requested_at, o.seq) < (h.requested_at, h.seq))))
            END AS pos
       FROM handoff h WHERE h.id = $1::uuid`,
    [handoffId],
  );
  return rows[0]?.pos ?? null;
}

export interface OfficerRow {
  id: string;
  name: string;
  unit_id: string;
  unit_path: string;
  capacity: number;
  active: boolean;
}

/** Open conversations an officer carries now (read in its own statement: a fresh snapshot). */
export async function loadOf(sql: Sql, officerId: string): Promise<number> {
  const rows = await sql.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM handoff WHERE assigned_officer_id = $1::uuid AND status = 'active'`,
    [officerId],
  );
  return rows[0]?.n ?? 0;
}

/** The officer's row, locked: every change of who carries what goes through this lock. */
export async function lockOfficer(sql: Sql, officerId: string): Promise<OfficerRow | undefined> {
  if (!/^[0-9a-f-]{36}$/i.test(officerId)) return undefined;
  return (
    await sql.query<OfficerRow>(
      `SELECT o.id::text AS id, o.name, o.unit_id::text AS unit_id, u.path AS unit_path, o.capacity, o.active
         FROM officer o JOIN org_unit u ON u.id = o.unit_id WHERE o.id = $1::uuid FOR UPDATE OF o`,
      [officerId],
    )
  )[0];
}

export interface Assignment {
  handoffId: string;
  conversationId: string;
  officerId: string;
  officerName: string;
  unitPath: string;
}

/**
 * SQL condition: officer `o` has a console open now ($now, $presentSince, $idleSince are the
 * caller's parameters: now, now - ONLINE_WITHIN_MS, now - SESSION_IDLE_MS).
 */
export const officerOnlineSql = (nowP: string, presentSinceP: string, idleSinceP: string) =>
  `EXISTS (SELECT 1 FROM officer_session s WHERE s.officer_id = o.id AND ${onlineSessionSql('s', nowP, presentSinceP, idleSinceP)})`;

export const onlineParams = (now: Date): [Date, Date] => [new Date(now.getTime() - ONLINE_WITHIN_MS), new Date(now.getTime() - SESSION_IDLE_MS)];

/**
 * Offers the unit's waiting conversations to its officers with free capacity: the head of the
 * queue goes to an online officer first (a console open: cfg.assignOnlineOnly makes it online
 * officers only, so nobody's chat is parked on someone away; it waits in the unit queue where
 * every console sees it), then the one with the most free places, then the one idle longest.
 * Repeats until the queue is empty or everyone is full. The worker of each assigned conversation
 * is told who took it (except `quietFor`: the turn that is asking right now says it itself, in order).
 */
export async function assignFree(
  sql: Sql,
  keyring: Keyring,
  fx: Effects,
  cfg: Pick<HandoffConfig, 'assignOnlineOnly'>,
  unitId: string,
  now: Date,
  quietFor?: string,
): Promise<Assignment[]> {
  const done: Assignment[] = [];
  // officers for whom the waiting ones are all conversations they themselves left unanswered
  const passedOver: string[] = [];
  for (let guard = 0; guard < 500; guard++) {
    const waiting = await sql.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM handoff WHERE unit_id = $1::uuid AND status = 'waiting' LIMIT 1) x`,
      [unitId],
    );
    if (!waiting[0]?.n) break;
    const candidate = (
      await sql.query<{ id: string }>(
        `SELECT o.id::text AS id FROM officer o
          WHERE o.unit_id = $1::uuid AND o.active
            AND o.capacity > (SELECT count(*) FROM handoff h WHERE h.assigned_officer_id = o.id AND h.status = 'active')
            AND (NOT $5::boolean OR ${officerOnlineSql('$2', '$3', '$4')})
            AND NOT (o.id = ANY($6::uuid[]))
          ORDER BY ${officerOnlineSql('$2', '$3', '$4')} DESC,
                   o.capacity - (SELECT count(*) FROM handoff h WHERE h.assigned_officer_id = o.id AND h.status = 'active') DESC,
                   (SELECT max(h.assigned_at) FROM handoff h WHERE h.assigned_officer_id = o.id) ASC NULLS FIRST, o.id
          LIMIT 1 FOR UPDATE OF o SKIP LOCKED`,
        [unitId, now, ...onlineParams(now), cfg.assignOnlineOnly, passedOver],
      )
    )[0];
    if (!candidate) break;
    // Counted again under the lock, in a new statement: an assignment committed by another process
    // between our snapshot and our lock is seen now.
    const officer = (await sql.query<{ id: string; name: string; capacity: number }>(
      `SELECT id::text AS id, name, capacity FROM officer WHERE id = $1::uuid`,
      [candidate.id],
    ))[0]!;
    if ((await loadOf(sql, officer.id)) >= officer.capacity) continue;
    const taken = (
      await sql.query<{ id: string; conversation_id: string; unit_path: string }>(
        // the new officer owes the worker an answer from now (unanswered_since); a conversation the
        // officer left unanswered is not handed straight back to them (they may still take it)
        `UPDATE handoff SET status = 'active', assigned_officer_id = $2::uuid, assigned_at = $3, last_activity_at = $3,
                            unanswered_since = $3, unanswered_by = NULL
          WHERE id = (SELECT id FROM handoff WHERE unit_id = $1::uuid AND status = 'waiting' AND unanswered_by IS DISTINCT FROM $2::uuid
                       ORDER BY ${QUEUE_ORDER} LIMIT 1 FOR UPDATE SKIP LOCKED)
          RETURNING id::text AS id, conversation_id::text AS conversation_id, unit_path`,
        [unitId, officer.id, now],
      )
    )[0];
    if (!taken) {
      passedOver.push(officer.id);
      continue;
    }
    done.push({ handoffId: taken.id, conversationId: taken.conversation_id, officerId: officer.id, officerName: officer.name, unitPath: taken.unit_path });
    fx.changed(taken.conversation_id, taken.unit_path);
    if (taken.conversation_id !== quietFor) {
      await notifyWorker(sql, keyring, fx, taken.conversation_id, (l) => [{ kind: 'text', text: String(ht(l)('assigned', { name: officer.name })) }]);
    }
  }
  return done;
}

/** Frees the bot to answer again: the conversation's owner and the handoff marker in its state. */
export async function returnToBot(sql: Sql, conversationId: string, offered: unknown[] = []): Promise<void> {
  await sql.query(
    `UPDATE conversation
        SET owner = 'bot', updated_at = now(),
            state = CASE WHEN state->>'v' IS NOT NULL THEN (state - 'handoff' - 'flow') || jsonb_build_object('offered', $2::jsonb, 'misses', 0)
                         ELSE jsonb_build_object('v', 1, 'misses', 0, 'offered', $2::jsonb) END
      WHERE id = $1::uuid`,
    [conversationId, JSON.stringify(offered)],
  );
}
