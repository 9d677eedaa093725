import type { OutboundMessage } from '../core/model.ts';
import type { Sql } from '../db/client.ts';
import type { Locale } from '../i18n.ts';
import { normalizeForMatch } from '../lang/normalize.ts';
import type { Keyring } from '../security/crypto.ts';
import type { HandoffConfig } from './config.ts';
import type { Effects } from './effects.ts';
import { isOpen, nextOpening } from './hours.ts';
import { CSAT_SCORES, ht, opensText } from './notices.ts';
import { assignFree, enqueue, openHandoffOf, queuePosition } from './queue.ts';
import { endEpisode } from './actions.ts';

/**
 * The worker's side of a handoff, called by the flow engine inside the turn's transaction.
 * Returns what the bot says; live events and delivery hints go to Effects, flushed after commit.
 */
export interface WorkerSideDeps {
  sql: Sql;
  keyring: Keyring;
  cfg: HandoffConfig;
  fx: Effects;
  now: Date;
  locale: Locale;
}

/** reasons that put the conversation ahead of the others (an urgent grievance, a strike) */
export const URGENT_REASONS = new Set(['urgent_case', 'case_strike']);

export async function requestHandoff(
  d: WorkerSideDeps,
  conversationId: string,
  reason: string,
  context: Record<string, unknown>,
): Promise<{ queued: boolean; messages: OutboundMessage[] }> {
  const messages = await queueAndTell(d, conversationId, reason, context);
  return { queued: messages !== undefined, messages: messages ?? [{ kind: 'text', text: String(ht(d.locale)('no_unit')) }] };
}

/** Undefined when there is no unit to queue at (no org tree loaded yet). */
async function queueAndTell(d: WorkerSideDeps, conversationId: string, reason: string, context: Record<string, unknown>): Promise<OutboundMessage[] | undefined> {
  const t = ht(d.locale);
  const urgent = URGENT_REASONS.has(reason);
  const queued = await enqueue(d.sql, d.cfg, d.fx, { conversationId, reason, urgent, context, now: d.now });
  if (!queued) return undefined;
  const { handoff, created } = queued;
  if (!created) return [await statusText(d, handoff.id, handoff.status)];
  const assigned = (await assignFree(d.sql, d.keyring, d.fx, d.cfg, handoff.unit_id, d.now, conversationId)).find((a) => a.conversationId === conversationId);
  if (assigned) return [{ kind: 'text', text: String(t('assigned', { name: assigned.officerName })) }];
  const position = (await queuePosition(d.sql, handoff.id)) ?? 1;
  const out: OutboundMessage[] = [{ kind: 'text', text: String(t(urgent ? 'queued_urgent' : 'queued', { position })) }];
  if (!isOpen(d.cfg.hours, d.now)) {
    const opens = nextOpening(d.cfg.hours, d.now);
    if (opens) out.push({ kind: 'text', text: String(t('outside_hours', opensText(d.locale, d.cfg.hours, opens))) });
  }
  return out;
}

async function statusText(d: WorkerSideDeps, handoffId: string, status: string): Promise<OutboundMessage> {
  const t = ht(d.locale);
  if (status === 'active') return { kind: 'text', text: String(t('still_active')) };
  return { kind: 'text', text: String(t('still_queued', { position: (await queuePosition(d.sql, handoffId)) ?? 1 })) };
}

/** "gặp cán bộ" again while waiting: where they are now. Undefined when nothing is open. */
export async function handoffStatus(d: WorkerSideDeps, conversationId: string): Promise<OutboundMessage | undefined> {
  const h = await openHandoffOf(d.sql, conversationId);
  return h ? statusText(d, h.id, h.status) : undefined;
}

/**
 * The worker wrote while a person owns the chat: the bot stays silent, the console hears of it
 * and the idle clock restarts. In a taken chat the message now waits for the officer's answer
 * (unanswered_since keeps the oldest such message: the requeue counts from it). False when no
 * episode is open (the bot should answer after all).
 */
export async function workerWrote(d: WorkerSideDeps, conversationId: string): Promise<boolean> {
  const rows = await d.sql.query<{ unit_path: string }>(
    `UPDATE handoff SET last_activity_at = $2,
                        unanswered_since = CASE WHEN status = 'active' THEN coalesce(unanswered_since, $2) ELSE unanswered_since END
      WHERE conversation_id = $1::uuid AND status <> 'closed' RETURNING unit_path`,
    [conversationId, d.now],
  );
  if (!rows[0]) return false;
  d.fx.event({ type: 'conversation.message', unitPath: rows[0].unit_path, conversationId });
  d.fx.event({ type: 'conversation.updated', unitPath: rows[0].unit_path, conversationId });
  return true;
}

/** "menu" / "hủy" while waiting or talking to an officer: the worker takes the chat back. */
export async function workerTookBack(d: WorkerSideDeps, conversationId: string): Promise<void> {
  const h = await openHandoffOf(d.sql, conversationId, true);
  if (h) await endEpisode({ sql: d.sql, keyring: d.keyring, cfg: d.cfg, fx: d.fx, now: d.now }, h, 'worker', 'none');
}

/** The rating for the conversation's latest closed episode; false when there is none to rate. */
export async function recordCsat(d: WorkerSideDeps, conversationId: string, score: number): Promise<boolean> {
  const rows = await d.sql.query<{ unit_path: string }>(
    `UPDATE handoff SET csat = $2, csat_at = $3
      WHERE id = (SELECT id FROM handoff WHERE conversation_id = $1::uuid AND status = 'closed' ORDER BY closed_at DESC LIMIT 1)
      RETURNING unit_path`,
    [conversationId, score, d.now],
  );
  if (rows[0]) d.fx.event({ type: 'conversation.updated', unitPath: rows[0].unit_path, conversationId });
  return rows.length > 0;
}

/** A typed rating: "5", "5 sao", "tot", "rất tốt", "good" (the options' own words, any language). */
export function parseCsat(text: string): number | null {
  const n = normalizeForMatch(text);
  const digit = /^([1-5])(\s*(sao|stars?|diem))?$/.exec(n);
  if (digit) return Number(digit[1]);
  for (const locale of ['vi', 'en'] as const) {
    const words = ht(locale)('csat.words', { returnObjects: true }) as unknown as Record<string, string[]>;
    for (const score of CSAT_SCORES) {
      if ((words[String(score)] ?? []).some((w) => normalizeForMatch(w) === n)) return score;
    }
  }
  return null;
}
