/** Probes of the console's auth and admin routes (src/http/officer-auth.ts, officer-admin.ts). */
import { randomUUID } from 'node:crypto';
import { createOfficer } from '../../../src/officers/accounts.ts';
import type { Probe, ProbeWorld } from '../probe.ts';

export const probes: Probe[] = [
  // login is the same for everyone (the headers sent do not matter): a real account logs in
  {
    method: 'POST',
    route: '/api/officer/login',
    unscoped: true,
    okStatus: [200],
    setup: async (w) => {
      const username = `probe.login.${randomUUID().slice(0, 8)}`;
      await createOfficer(w.app.db.prisma, { username, name: 'Cán bộ đăng nhập', password: 'mot-mat-khau-dai', role: 'officer', unitCode: w.unitA.code });
      return { url: '/api/officer/login', payload: { username, password: 'mot-mat-khau-dai' } };
    },
  },
  { method: 'POST', route: '/api/officer/logout', unscoped: true, okStatus: [204], setup: async () => ({ url: '/api/officer/logout' }) },
  { method: 'GET', route: '/api/officer/me', unscoped: true, setup: async () => ({ url: '/api/officer/me' }) },
  // the subtree of A: B names a unit outside its scope
  { method: 'GET', route: '/api/officer/units', setup: async (w) => ({ url: `/api/officer/units?unit=${w.unitA.code}&q=thep` }) },
  { method: 'GET', route: '/api/officer/officers', setup: async (w) => ({ url: `/api/officer/officers?unit=${w.unitA.code}&format=csv` }) },
  {
    method: 'POST',
    route: '/api/officer/officers',
    okStatus: [201],
    setup: async (w) => ({
      url: '/api/officer/officers',
      payload: { username: `probe.${randomUUID().slice(0, 8)}`, name: 'Cán bộ mới', password: 'mot-mat-khau-dai', role: 'officer', unitCode: w.unitA.code },
    }),
  },
  {
    method: 'PATCH',
    route: '/api/officer/officers/:id',
    setup: async (w) => {
      const o = await createOfficer(w.app.db.prisma, { username: `probe.${randomUUID().slice(0, 8)}`, name: 'Cán bộ A', password: 'mot-mat-khau-dai', role: 'officer', unitCode: w.unitA.code });
      return { url: `/api/officer/officers/${o.id}`, payload: { capacity: 3 } };
    },
  },
  // one's own password: nothing unit-specific; B sends A's current password and is refused (403)
  {
    method: 'POST',
    route: '/api/officer/me/password',
    unscoped: true,
    okStatus: [204],
    setup: async (w) => {
      const password = (w as ProbeWorld & { passwordA?: string }).passwordA ?? '';
      return { url: '/api/officer/me/password', payload: { currentPassword: password, newPassword: password } };
    },
  },
  { method: 'GET', route: '/api/officer/audit', setup: async (w) => ({ url: `/api/officer/audit?actor=${w.officerA}` }) },
];
