/** Probes of the dashboard (src/http/officer-dashboard.ts): B names A's unit, outside its scope. */
import type { Probe } from '../probe.ts';

export const probes: Probe[] = [
  { method: 'GET', route: '/api/officer/dashboard', setup: async (w) => ({ url: `/api/officer/dashboard?unit=${w.unitA.code}` }) },
];
