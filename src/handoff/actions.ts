import type { Sql } from '../db/client.ts';
import type { OfficerContext } from '../officers/context.ts';
import { hasRole } from '../officers/context.ts';
import type { Keyring } from '../security/crypto.ts';
import { sealMessage } from '../pipeline/seal.ts';
import type { HandoffConfig } from './config.ts';
import type { Effects } from './effects.ts';
import { csatQuestion, ht, notifyWorker } from './notices.ts';
import { assignFree, loadOf, lockOfficer, openHandoffOf, returnToBot, slaDue, type OpenHandoff } from './queue.ts';
import { replyWindow, type ReplyWindow } from './window.ts';

/**
 * What an officer does to a handed-off conversation. Each function runs inside the caller's
 * transaction (a tx-bound Sql), finds the conversation's open handoff only inside the officer's
 * scope (path prefix in the query), and reports changes through Effects for after the commit.
 */
export interface ActionDeps {
  sql: Sql;
  keyring: Keyring;
  cfg: HandoffConfig;
  fx: Effects;
  now: Date;
}

export type ActionResult<T = object> =
  | ({ ok: true } & T)
  | { ok: false; status: 404 | 409 | 400; error: string; message: string };

const notFound = { ok: false as const, status: 404 as const, error: 'not_found', message: 'No such conversation' };
const conflict = (error: string, message: string) => ({ ok: false as const, status: 409 as const, error, message });

export const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/** The open handoff of a conversation in the officer's scope, locked; undefined otherwise. */
async function scopedOpen(d: ActionDeps, ctx: OfficerContext, conversationId: string): Promise<OpenHandoff | undefined> {
  if (!isUuid(conversationId)) return undefined;
  return (
    await d.sql.query<OpenHandoff>(
      `SELECT id::text AS id, conversation_id::text AS conversation_id, unit_id::text AS unit_id, unit_path, status, urgent,
              assigned_officer_id::text AS assigned_officer_id
         FROM handoff WHERE conversation_id = $1::uuid AND status <> 'closed' AND starts_with(unit_path, $2)
         FOR UPDATE`,
      [conversationId, ctx.scopePath],
    )
  )[0];
}

/** The latest episode (any status) in scope: notes can be written on a closed conversation too. */
async function scopedLatest(d: ActionDeps, ctx: OfficerContext, conversationId: string) {
  if (!isUuid(conversationId)) return undefined;
  return (
    await d.sql.query<{ id: string; unit_path: string }>(
      `SELECT id::text AS id, unit_path FROM handoff WHERE conversation_id = $1::uuid AND starts_with(unit_path, $2)
        ORDER BY requested_at DESC LIMIT 1`,
      [conversationId, ctx.scopePath],
    )
  )[0];
}

export async function audit(sql: Sql, actor: { type: 'officer' | 'system'; id: string }, action: string, conversationId: string, now: Date, details: object = {}) {
  await sql.query(
    `INSERT INTO audit_log (at, actor_type, actor_id, action, entity, entity_id, details) VALUES ($1, $2, $3, $4, 'conversation', $5, $6::jsonb)`,
    [now, actor.type, actor.id, action, conversationId, JSON.stringify(details)],
  );
}

/** capacity of an officer: their row's, or the default 2 for a token whose officer has no row */
async function capacityOf(d: ActionDeps, officerId: string): Promise<{ capacity: number; name: string | null; unitId: string | null }> {
  const row = await lockOfficer(d.sql, officerId);
  return row ? { capacity: row.active ? row.capacity : 0, name: row.name, unitId: row.unit_id } : { capacity: 2, name: null, unitId: null };
}

export async function take(d: ActionDeps, ctx: OfficerContext, conversationId: string): Promise<ActionResult<{ handoffId: string }>> {
  const h = await scopedOpen(d, ctx, conversationId);
  if (!h) return notFound;
  if (h.status === 'active') {
    if (h.assigned_officer_id === ctx.officerId) return { ok: true, handoffId: h.id };
    return conflict('taken', 'Another officer has already taken this conversation');
  }
  if (!isUuid(ctx.officerId)) return conflict('capacity_full', 'Only an officer account can carry conversations');
  const me = await capacityOf(d, ctx.officerId);
  if ((await loadOf(d.sql, ctx.officerId)) >= me.capacity) return conflict('capacity_full', 'You already carry as many conversations as your capacity allows');
  await d.sql.query(
    `UPDATE handoff SET status = 'active', assigned_officer_id = $2::uuid, assigned_at = $3, last_activity_at = $3,
                        unanswered_since = $3, unanswered_by = NULL WHERE id = $1::uuid`,
    [h.id, ctx.officerId, d.now],
  );
  await notifyWorker(d.sql, d.keyring, d.fx, conversationId, (l) => [
    { kind: 'text', text: String(me.name ? ht(l)('assigned', { name: me.name }) : ht(l)('assigned_anonymous')) },
  ]);
  await audit(d.sql, { type: 'officer', id: ctx.officerId }, 'handoff.take', conversationId, d.now, { handoffId: h.id });
  d.fx.changed(conversationId, h.unit_path);
  return { ok: true, handoffId: h.id };
}

/**
 * An officer's answer, written to the outbox of the worker's conversation (delivered by the
 * delivery worker on the worker's own channel). The row carries the officer's id, so delivery
 * sends it as the officer's (Messenger: HUMAN_AGENT after 24 h). Refused once the channel's
 * window is closed: the platform would refuse it anyway, and the officer must know now.
 */
export async function reply(d: ActionDeps, ctx: OfficerContext, conversationId: string, text: string): Promise<ActionResult<{ outboxId: string; replyWindow: ReplyWindow }>> {
  const h = await scopedOpen(d, ctx, conversationId);
  if (!h) return notFound;
  if (h.status !== 'active' || h.assigned_officer_id !== ctx.officerId) return conflict('not_assigned', 'Take the conversation before replying');
  const conv = (await d.sql.query<{ channel: string; last_inbound_at: Date | null }>(
    `SELECT channel, last_inbound_at FROM conversation WHERE id = $1::uuid`,
    [conversationId],
  ))[0]!;
  const window = replyWindow(conv.channel, conv.last_inbound_at ? new Date(conv.last_inbound_at) : null, d.now, d.cfg);
  if (window.state === 'closed') return conflict('window_closed', `The ${conv.channel} reply window is closed: the worker must write first`);
  const row = (await d.sql.query<{ id: string }>(
    `INSERT INTO outbox_message (conversation_id, inbox_id, channel, message, status, next_attempt_at, created_at, officer_id)
     VALUES ($1::uuid, NULL, $2, $3::jsonb, 'pending', now(), now(), $4::uuid) RETURNING id::text AS id`,
    [conversationId, conv.channel, JSON.stringify(sealMessage(d.keyring, { kind: 'text', text })), ctx.officerId],
  ))[0]!;
  await d.sql.query(
    `UPDATE handoff SET first_response_at = coalesce(first_response_at, $2), last_activity_at = $2, unanswered_since = NULL WHERE id = $1::uuid`,
    [h.id, d.now],
  );
  d.fx.deliver.add(conversationId);
  d.fx.event({ type: 'conversation.message', unitPath: h.unit_path, conversationId });
  d.fx.changed(conversationId, h.unit_path);
  return { ok: true, outboxId: row.id, replyWindow: window };
}

export async function addNote(d: ActionDeps, ctx: OfficerContext, conversationId: string, text: string): Promise<ActionResult<{ note: { id: string; text: string; officerId: string; at: string } }>> {
  const h = await scopedLatest(d, ctx, conversationId);
  if (!h) return notFound;
  const row = (await d.sql.query<{ id: string; at: Date }>(
    // created_at from the database clock, like the inbox and outbox rows it is shown between
    `INSERT INTO handoff_note (handoff_id, conversation_id, officer_id, text_enc, created_at) VALUES ($1::uuid, $2::uuid, $3::uuid, $4, now())
     RETURNING id::text AS id, created_at AS at`,
    [h.id, conversationId, isUuid(ctx.officerId) ? ctx.officerId : '00000000-0000-0000-0000-000000000000', d.keyring.seal(text)],
  ))[0]! as { id: string; at: Date };
  d.fx.event({ type: 'conversation.message', unitPath: h.unit_path, conversationId });
  return { ok: true, note: { id: row.id, text, officerId: ctx.officerId, at: new Date(row.at).toISOString() } };
}

export type TransferTarget = { officerId: string } | { unitCode: string };

export async function transfer(d: ActionDeps, ctx: OfficerContext, conversationId: string, to: TransferTarget): Promise<ActionResult<{ handoffId: string }>> {
  const h = await scopedOpen(d, ctx, conversationId);
  if (!h) return notFound;
  if (h.status === 'active' && h.assigned_officer_id !== ctx.officerId && !hasRole(ctx, ['unit_admin', 'federation_admin'])) {
    return conflict('taken', 'Another officer carries this conversation');
  }
  const previous = h.assigned_officer_id;
  const previousUnit = previous ? (await d.sql.query<{ unit_id: string }>(`SELECT unit_id::text AS unit_id FROM officer WHERE id = $1::uuid`, [previous]))[0]?.unit_id : undefined;
  let newUnitId: string;
  let newPath: string;
  if ('officerId' in to) {
    const target = isUuid(to.officerId) ? await lockOfficer(d.sql, to.officerId) : undefined;
    // an officer outside the scope is answered like an unknown one
    if (!target || !target.active || !target.unit_path.startsWith(ctx.scopePath)) return { ok: false, status: 404, error: 'not_found', message: 'No such officer' };
    if (target.id !== previous && (await loadOf(d.sql, target.id)) >= target.capacity) return conflict('capacity_full', 'That officer is at full capacity');
    newUnitId = target.unit_id;
    newPath = target.unit_path;
    await d.sql.query(
      `UPDATE handoff SET status = 'active', assigned_officer_id = $2::uuid, assigned_at = $3, last_activity_at = $3,
              unit_id = $4::uuid, unit_path = $5, unanswered_since = $3, unanswered_by = NULL WHERE id = $1::uuid`,
      [h.id, target.id, d.now, newUnitId, newPath],
    );
  } else {
    const unit = (await d.sql.query<{ id: string; path: string }>(
      `SELECT id::text AS id, path FROM org_unit WHERE code = $1 AND starts_with(path, $2)`,
      [to.unitCode, ctx.scopePath],
    ))[0];
    if (!unit) return { ok: false, status: 404, error: 'not_found', message: 'No such unit' };
    newUnitId = unit.id;
    newPath = unit.path;
    // back in a queue, keeping its waiting time (FIFO is fair to whoever asked first)
    await d.sql.query(
      `UPDATE handoff SET status = 'waiting', assigned_officer_id = NULL, assigned_at = NULL, unit_id = $2::uuid, unit_path = $3,
              sla_due_at = $4, last_activity_at = $5, unanswered_since = NULL WHERE id = $1::uuid`,
      [h.id, newUnitId, newPath, slaDue(d.cfg, d.now), d.now],
    );
  }
  await notifyWorker(d.sql, d.keyring, d.fx, conversationId, (l) => [{ kind: 'text', text: String(ht(l)('transferred')) }]);
  await audit(d.sql, { type: 'officer', id: ctx.officerId }, 'handoff.transfer', conversationId, d.now, { handoffId: h.id, to, fromPath: h.unit_path, toPath: newPath });
  d.fx.changed(conversationId, h.unit_path);
  d.fx.changed(conversationId, newPath);
  if (previousUnit) await assignFree(d.sql, d.keyring, d.fx, d.cfg, previousUnit, d.now);
  if ('unitCode' in to) await assignFree(d.sql, d.keyring, d.fx, d.cfg, newUnitId, d.now);
  return { ok: true, handoffId: h.id };
}

/**
 * Ends the episode: the bot owns the chat again, the worker is asked the one-tap satisfaction
 * question (its five options become what "1".."5" answer), and the officer's freed place goes to
 * the longest-waiting conversation of their unit.
 */
export async function close(d: ActionDeps, ctx: OfficerContext, conversationId: string): Promise<ActionResult<{ handoffId: string }>> {
  const h = await scopedOpen(d, ctx, conversationId);
  if (!h) return notFound;
  if (h.status === 'active' && h.assigned_officer_id !== ctx.officerId && !hasRole(ctx, ['unit_admin', 'federation_admin'])) {
    return conflict('taken', 'Another officer carries this conversation');
  }
  await endEpisode(d, h, ctx.officerId, 'closed');
  await audit(d.sql, { type: 'officer', id: ctx.officerId }, 'handoff.close', conversationId, d.now, { handoffId: h.id });
  return { ok: true, handoffId: h.id };
}

/** Closes an episode and hands the chat back to the bot; shared by close, idle resume and take-back. */
export async function endEpisode(d: ActionDeps, h: OpenHandoff, closedBy: string, notice: 'closed' | 'idle_resumed' | 'none'): Promise<void> {
  await d.sql.query(`UPDATE handoff SET status = 'closed', closed_at = $2, closed_by = $3 WHERE id = $1::uuid`, [h.id, d.now, closedBy]);
  if (notice !== 'none') {
    const locale = (await d.sql.query<{ locale: string }>(`SELECT locale FROM conversation WHERE id = $1::uuid`, [h.conversation_id]))[0]?.locale === 'en' ? 'en' : 'vi';
    const question = csatQuestion(locale);
    // only a closing by an officer asks for a rating; the bot's idle resume has nobody to rate
    await returnToBot(d.sql, h.conversation_id, notice === 'closed' ? question.choices.map((c) => ({ key: c.key, label: c.label })) : []);
    await notifyWorker(d.sql, d.keyring, d.fx, h.conversation_id, (l) =>
      notice === 'closed' ? [{ kind: 'text', text: String(ht(l)('closed')) }, csatQuestion(l)] : [{ kind: 'text', text: String(ht(l)('idle_resumed')) }],
    );
  }
  d.fx.changed(h.conversation_id, h.unit_path);
  if (h.assigned_officer_id) {
    const unit = (await d.sql.query<{ unit_id: string }>(`SELECT unit_id::text AS unit_id FROM officer WHERE id = $1::uuid`, [h.assigned_officer_id]))[0];
    if (unit) await assignFree(d.sql, d.keyring, d.fx, d.cfg, unit.unit_id, d.now);
  }
}

export { openHandoffOf };
