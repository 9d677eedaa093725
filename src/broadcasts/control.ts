import type { BroadcastDeps } from './deps.ts';
import { retract, skipPending } from './sender.ts';
import { getBroadcast, transition, type BroadcastRow } from './store.ts';
import { publishOfficerEvent } from '../officers/events.ts';

export type ControlAction = 'start' | 'pause' | 'resume' | 'cancel';
export type ControlResult = { ok: true; broadcast: BroadcastRow } | { ok: false; error: 'not_found' | 'wrong_status'; message: string };

/**
 * The officer's buttons. Each is one status move guarded by the current status (a double click or
 * two officers at once cannot both act); what is already in the outbox and not yet claimed by a
 * delivery worker is taken back on pause and cancel, so they take effect within one send.
 */
export async function control(deps: BroadcastDeps, id: string, action: ControlAction, scopePath?: string): Promise<ControlResult> {
  const b = await getBroadcast(deps.sql, id, scopePath);
  if (!b) return { ok: false, error: 'not_found', message: 'No such broadcast in your scope' };
  const now = deps.clock();
  let moved = false;
  switch (action) {
    case 'start': {
      const later = b.scheduledAt && new Date(b.scheduledAt) > now;
      moved = await transition(deps.sql, id, ['planned'], later ? 'scheduled' : 'sending', ', started_at = coalesce(started_at, now())');
      break;
    }
    case 'pause':
      moved = await transition(deps.sql, id, ['sending', 'scheduled'], 'paused');
      if (moved) await retract(deps, id, 'pending', null);
      break;
    case 'resume':
      moved = await transition(deps.sql, id, ['paused'], 'sending');
      break;
    case 'cancel':
      moved = await transition(deps.sql, id, ['draft', 'planned', 'scheduled', 'sending', 'paused'], 'cancelled', ', finished_at = now()');
      if (moved) {
        await retract(deps, id, 'skipped', 'cancelled');
        await skipPending(deps, id, 'cancelled');
      }
      break;
  }
  if (!moved) return { ok: false, error: 'wrong_status', message: `Cannot ${action} a ${b.status} broadcast` };
  publishOfficerEvent(deps.notifier, { type: 'broadcast.progress', unitPath: b.scopePath, broadcastId: id });
  return { ok: true, broadcast: (await getBroadcast(deps.sql, id))! };
}
