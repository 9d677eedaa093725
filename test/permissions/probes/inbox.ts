/**
 * Scope probes for the officer inbox (src/http/officer-inbox.ts): a conversation handed off in
 * unit A; an officer of A may read and act on it, an officer of B gets 404 (audited).
 */
import { txSql } from '../../../src/cases/tx-sql.ts';
import { handoffConfig } from '../../../src/handoff/config.ts';
import { Effects } from '../../../src/handoff/effects.ts';
import { take } from '../../../src/handoff/actions.ts';
import { enqueue } from '../../../src/handoff/queue.ts';
import type { Probe, ProbeWorld } from '../probe.ts';

/** The A conversation with an open handoff queued at A (its member's / registration's unit). */
async function handedOff(w: ProbeWorld): Promise<string> {
  const { conversationId } = await w.conversationInA();
  const app = w.app;
  await app.db.prisma.$transaction(async (tx) => {
    const sql = txSql(tx);
    await enqueue(sql, handoffConfig(app.config.env), new Effects(), { conversationId, reason: 'worker_asked', urgent: false, context: {}, now: app.services.clock() });
    await sql.query(`UPDATE conversation SET owner = 'human' WHERE id = $1::uuid`, [conversationId]);
  });
  return conversationId;
}

/** ... and taken by officer A (needed before a reply). */
async function takenByA(w: ProbeWorld): Promise<string> {
  const id = await handedOff(w);
  const app = w.app;
  const r = await app.db.prisma.$transaction((tx) =>
    take({ sql: txSql(tx), keyring: app.services.keyring, cfg: handoffConfig(app.config.env), fx: new Effects(), now: app.services.clock() }, { officerId: w.officerA, scopePath: w.unitA.path, role: 'unit_admin' }, id),
  );
  if (!r.ok) throw new Error(`probe setup: officer A could not take the conversation (${r.error})`);
  return id;
}

const url = (id: string, action = '') => `/api/officer/conversations/${id}${action}`;

export const probes: Probe[] = [
  // lists filter by scope in the query: B gets 200 with none of A's rows (test/handoff/scope.test.ts)
  { method: 'GET', route: '/api/officer/conversations', unscoped: true, setup: async (w) => (await handedOff(w), { url: '/api/officer/conversations?view=unit' }) },
  { method: 'GET', route: '/api/officer/queue', unscoped: true, setup: async () => ({ url: '/api/officer/queue' }) },
  { method: 'GET', route: '/api/officer/conversations/:id', setup: async (w) => ({ url: url(await handedOff(w)) }) },
  { method: 'POST', route: '/api/officer/conversations/:id/take', setup: async (w) => ({ url: url(await handedOff(w), '/take') }) },
  { method: 'POST', route: '/api/officer/conversations/:id/reply', setup: async (w) => ({ url: url(await takenByA(w), '/reply'), payload: { text: 'Chào bạn' } }) },
  { method: 'POST', route: '/api/officer/conversations/:id/notes', okStatus: [201], setup: async (w) => ({ url: url(await handedOff(w), '/notes'), payload: { text: 'Ghi chú nội bộ' } }) },
  { method: 'POST', route: '/api/officer/conversations/:id/transfer', setup: async (w) => ({ url: url(await handedOff(w), '/transfer'), payload: { unitCode: w.unitA.code } }) },
  { method: 'POST', route: '/api/officer/conversations/:id/close', setup: async (w) => ({ url: url(await handedOff(w), '/close') }) },
];
