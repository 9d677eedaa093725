import type { Sql } from '../db/client.ts';
import type { Keyring } from '../security/crypto.ts';
import type { HandoffConfig } from './config.ts';
import type { Effects } from './effects.ts';
import { audit } from './actions.ts';
import { openMsBetween } from './hours.ts';
import { ht, notifyWorker } from './notices.ts';
import { assignFree, slaDue } from './queue.ts';

/**
 * A taken conversation whose worker is left without an answer (HANDOFF_UNANSWERED_MINUTES of
 * opening hours since their oldest unanswered message, or since the officer got it) goes back
 * to its unit queue. It keeps its requested_at, so queue order (longest waiting first) puts it at
 * the head again; it is not handed straight back to the same officer automatically. The officer's
 * console hears of it, an audit row records it, and the worker is told once per episode that an
 * officer will come (a second and third requeue stay silent: no spam).
 */
export interface UnansweredDeps {
  keyring: Keyring;
  cfg: HandoffConfig;
  now: Date;
}

const BATCH = 200;

/** Handoffs due for requeueing now, oldest first (read without locks; each is re-checked locked). */
export async function dueUnanswered(sql: Sql, d: UnansweredDeps): Promise<Array<{ id: string; since: Date }>> {
  if (d.cfg.unansweredMs <= 0) return [];
  // wall-clock time is at least opening-hours time: a cheap filter in SQL, the exact count below
  const rows = await sql.query<{ id: string; since: Date }>(
    `SELECT id::text AS id, unanswered_since AS since FROM handoff
      WHERE status = 'active' AND unanswered_since IS NOT NULL AND unanswered_since <= $1
      ORDER BY unanswered_since LIMIT ${BATCH}`,
    [new Date(d.now.getTime() - d.cfg.unansweredMs)],
  );
  const due: Array<{ id: string; since: Date }> = [];
  for (const r of rows) {
    // older rows have waited at least as many open minutes: the first one not due ends the list
    if (openMsBetween(d.cfg.hours, new Date(r.since), d.now) < d.cfg.unansweredMs) break;
    due.push({ id: r.id, since: new Date(r.since) });
  }
  return due;
}

/** Requeues one handoff if it is still active and unanswered since the same moment; 1 when it did. */
export async function requeueUnanswered(sql: Sql, fx: Effects, d: UnansweredDeps, row: { id: string; since: Date }): Promise<{ requeued: number; assigned: number }> {
  const h = (
    await sql.query<{ id: string; conversation_id: string; unit_id: string; unit_path: string; officer_id: string; requeues: number }>(
      `SELECT id::text AS id, conversation_id::text AS conversation_id, unit_id::text AS unit_id, unit_path,
              assigned_officer_id::text AS officer_id, unanswered_requeues AS requeues
         FROM handoff WHERE id = $1::uuid AND status = 'active' AND unanswered_since = $2 AND assigned_officer_id IS NOT NULL
         FOR UPDATE SKIP LOCKED`,
      [row.id, row.since],
    )
  )[0];
  // answered, closed or moved meanwhile, or another sweep holds it
  if (!h) return { requeued: 0, assigned: 0 };
  await sql.query(
    `UPDATE handoff SET status = 'waiting', assigned_officer_id = NULL, assigned_at = NULL, unanswered_since = NULL,
                        unanswered_by = $2::uuid, unanswered_requeues = unanswered_requeues + 1, sla_due_at = $3, last_activity_at = $4
      WHERE id = $1::uuid`,
    [h.id, h.officer_id, slaDue(d.cfg, d.now), d.now],
  );
  await audit(sql, { type: 'system', id: 'handoff-unanswered' }, 'handoff.requeued_unanswered', h.conversation_id, d.now, {
    handoffId: h.id,
    officerId: h.officer_id,
    unansweredSince: row.since.toISOString(),
    requeues: h.requeues + 1,
  });
  if (h.requeues === 0) {
    await notifyWorker(sql, d.keyring, fx, h.conversation_id, (l) => [{ kind: 'text', text: String(ht(l)('requeued_unanswered')) }]);
  }
  fx.event({ type: 'conversation.requeued', unitPath: h.unit_path, conversationId: h.conversation_id, officerId: h.officer_id });
  fx.changed(h.conversation_id, h.unit_path);
  const assigned = await assignFree(sql, d.keyring, fx, d.cfg, h.unit_id, d.now);
  return { requeued: 1, assigned: assigned.length };
}
