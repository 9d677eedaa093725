/** Scope probes of the broadcast routes (src/http/officer-broadcasts.ts): a broadcast of unit A is invisible to B. */
import type { Probe, ProbeWorld } from '../probe.ts';
import type { App } from '../../../src/app/app.ts';
import type { BroadcastDeps } from '../../../src/broadcasts/deps.ts';
import { CreateBroadcast } from '../../../src/broadcasts/schema.ts';
import { createBroadcast } from '../../../src/broadcasts/store.ts';
import { planBroadcast } from '../../../src/broadcasts/plan.ts';
import { control } from '../../../src/broadcasts/control.ts';

const depsOf = (app: App): BroadcastDeps => ({
  sql: app.db.sql,
  queue: app.queue,
  keyring: app.services.keyring,
  notifier: app.notifier,
  adapters: app.adapters,
  clock: app.services.clock,
});

/** a broadcast of unit A, moved to `status` */
async function broadcastInA(w: ProbeWorld, status: 'draft' | 'planned' | 'sending' | 'paused'): Promise<string> {
  const deps = depsOf(w.app);
  const b = await createBroadcast(deps.sql, CreateBroadcast.parse({ title: 'Probe', content: { vi: { text: 'Thông báo' } } }), { id: w.officerA, scopePath: w.unitA.path });
  if (status === 'draft') return b.id;
  await planBroadcast(deps, b.id);
  if (status === 'planned') return b.id;
  await control(deps, b.id, 'start');
  if (status === 'paused') await control(deps, b.id, 'pause');
  return b.id;
}

export const probes: Probe[] = [
  { method: 'GET', route: '/api/officer/broadcasts', unscoped: true, setup: async () => ({ url: '/api/officer/broadcasts' }) },
  {
    method: 'POST',
    route: '/api/officer/broadcasts',
    unscoped: true,
    setup: async () => ({ url: '/api/officer/broadcasts', payload: { title: 'Probe', content: { vi: { text: 'Thông báo' } } } }),
  },
  { method: 'GET', route: '/api/officer/broadcasts/:id', setup: async (w) => ({ url: `/api/officer/broadcasts/${await broadcastInA(w, 'planned')}` }) },
  { method: 'POST', route: '/api/officer/broadcasts/:id/plan', setup: async (w) => ({ url: `/api/officer/broadcasts/${await broadcastInA(w, 'draft')}/plan` }) },
  { method: 'POST', route: '/api/officer/broadcasts/:id/start', setup: async (w) => ({ url: `/api/officer/broadcasts/${await broadcastInA(w, 'planned')}/start` }) },
  { method: 'POST', route: '/api/officer/broadcasts/:id/pause', setup: async (w) => ({ url: `/api/officer/broadcasts/${await broadcastInA(w, 'sending')}/pause` }) },
  { method: 'POST', route: '/api/officer/broadcasts/:id/resume', setup: async (w) => ({ url: `/api/officer/broadcasts/${await broadcastInA(w, 'paused')}/resume` }) },
  { method: 'POST', route: '/api/officer/broadcasts/:id/cancel', setup: async (w) => ({ url: `/api/officer/broadcasts/${await broadcastInA(w, 'planned')}/cancel` }) },
];
