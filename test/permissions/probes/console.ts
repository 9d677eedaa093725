/** Probes of the console's live events and canned responses (src/http/officer-events.ts, officer-canned.ts). */
import { randomUUID } from 'node:crypto';
import type { Probe } from '../probe.ts';

const shortcut = () => `/probe${randomUUID().slice(0, 8)}`;

export const probes: Probe[] = [
  // the stream itself holds nothing unit-specific (events are filtered by scope as they pass);
  // maxSeconds=0 ends it at once so the probe's request completes
  { method: 'GET', route: '/api/officer/events', unscoped: true, okStatus: [200], setup: async () => ({ url: '/api/officer/events?maxSeconds=0' }) },
  // everyone's list is their own unit and its ancestors: nothing of A's to leak by URL
  { method: 'GET', route: '/api/officer/canned', unscoped: true, setup: async () => ({ url: '/api/officer/canned?locale=vi' }) },
  // creates in the caller's own unit, whoever calls
  {
    method: 'POST',
    route: '/api/officer/canned',
    unscoped: true,
    okStatus: [201],
    setup: async () => ({ url: '/api/officer/canned', payload: { shortcut: shortcut(), locale: 'vi', text: 'Mẫu trả lời thử.' } }),
  },
  // a canned response of unit A: B may not delete it
  {
    method: 'DELETE',
    route: '/api/officer/canned/:id',
    okStatus: [204],
    setup: async (w) => {
      const row = await w.app.db.prisma.cannedResponse.create({ data: { unitPath: w.unitA.path, shortcut: shortcut(), locale: 'vi', text: 'Mẫu của đơn vị A.' } });
      return { url: `/api/officer/canned/${row.id}` };
    },
  },
];
