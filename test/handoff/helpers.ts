/**
 * Handoff test helpers: the app with every HTTP route, officers with bearer tokens, and what a
 * worker's chat received outside their own turns (officer replies, notices).
 */
import { expect } from 'vitest';
import type { OutboundMessage } from '../../src/core/model.ts';
import { openMessage, type StoredMessage } from '../../src/pipeline/seal.ts';
import { handoffConfig } from '../../src/handoff/config.ts';
import { runHandoffSweep, type SweepResult } from '../../src/handoff/sweep.ts';
import { openOfficerApp, type OfficerApp, type TestOfficer } from '../permissions/officer-app.ts';

/** Monday 23/11/2026 09:00 in Vietnam: inside opening hours */
export const MONDAY_9AM = new Date('2026-11-23T09:00:00+07:00');
/** the grassroots union workers without a known union queue at in these tests (HANDOFF_DEFAULT_UNIT) */
export const UNIT = 'CS24-0001';

export async function openInbox(opts: { now?: Date; env?: Record<string, string> } = {}): Promise<OfficerApp> {
  return openOfficerApp({ full: true, now: opts.now ?? MONDAY_9AM, env: { HANDOFF_DEFAULT_UNIT: UNIT, HANDOFF_ASSIGN_ONLINE_ONLY: 'false', ...opts.env } });
}

export interface ApiAnswer {
  status: number;
  body: any;
}

export async function api(t: OfficerApp, who: TestOfficer, method: 'GET' | 'POST', url: string, payload?: unknown): Promise<ApiAnswer> {
  const res = await t.http.inject({ method, url, headers: who.bearer, ...(payload !== undefined ? { payload: payload as object } : {}) });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : null };
}

/** Texts the worker's chat received that did not answer one of their messages, oldest first. */
export async function noticesTo(t: OfficerApp, conversationId: string): Promise<string[]> {
  const rows = await t.app.db.prisma.outboxMessage.findMany({ where: { conversationId, inboxId: null }, orderBy: { id: 'asc' } });
  return rows.map((r) => {
    const m = openMessage(t.app.services.keyring, r.message as unknown as StoredMessage) as OutboundMessage;
    return m.kind === 'choices' ? [m.text, ...m.choices.map((c) => c.label)].join(' | ') : 'text' in m ? (m.text ?? '') : '';
  });
}

export async function handoffOf(t: OfficerApp, conversationId: string) {
  const rows = await t.app.db.prisma.handoff.findMany({ where: { conversationId }, orderBy: { requestedAt: 'desc' } });
  expect(rows.length).toBeGreaterThan(0);
  return rows[0]!;
}

export async function ownerOf(t: OfficerApp, conversationId: string): Promise<string> {
  return (await t.app.db.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).owner;
}

/** the worker process's scheduled handoff check, run once now */
export function sweepNow(t: OfficerApp): Promise<SweepResult> {
  const app = t.app;
  return runHandoffSweep({ prisma: app.db.prisma, keyring: app.services.keyring, cfg: handoffConfig(app.config.env), notifier: app.notifier, queue: app.queue, now: app.services.clock() });
}

/** Between tests sharing one app: no officer on duty, no open handoff, Monday morning again. */
export async function resetQueue(t: OfficerApp): Promise<void> {
  await t.app.db.sql.query(`UPDATE officer SET active = false`);
  await t.app.db.sql.query(`UPDATE handoff SET status = 'closed', closed_at = now(), closed_by = 'test' WHERE status <> 'closed'`);
  t.setNow(MONDAY_9AM);
}
