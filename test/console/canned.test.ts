/**
 * Canned responses (GET/POST/DELETE /api/officer/canned): an officer sees their own unit's and
 * every ancestor's, in vi and en; admins add to their own unit only; a unit cannot delete another
 * unit's or a parent's, and the refusal is a 404 with an audit row. The demo set is seeded.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOfficerApp, type OfficerApp, type TestOfficer } from '../permissions/officer-app.ts';
import { DEMO_UNITS } from '../../src/org/seed-data.ts';
import { normalizeShortcut } from '../../src/canned/service.ts';
import { DEMO_CANNED } from '../../src/canned/demo.ts';

interface Canned {
  id: string;
  shortcut: string;
  locale: string;
  text: string;
  unitPath: string;
  editable: boolean;
}

describe('canned responses API', () => {
  let t: OfficerApp;
  let federation: TestOfficer;
  let garment: TestOfficer;
  let garmentOfficer: TestOfficer;
  let hcmc: TestOfficer;

  beforeAll(async () => {
    t = await openOfficerApp({ full: true });
    federation = await t.officer({ unitCode: DEMO_UNITS.bacNinhFederation, role: 'federation_admin' });
    garment = await t.officer({ unitCode: DEMO_UNITS.garmentBacNinh, role: 'unit_admin' });
    garmentOfficer = await t.officer({ unitCode: DEMO_UNITS.garmentBacNinh, role: 'officer' });
    hcmc = await t.officer({ unitCode: DEMO_UNITS.hcmcFederation, role: 'federation_admin' });
  }, 120_000);
  afterAll(() => t?.app.close());

  const list = async (o: TestOfficer, q = '') => {
    const res = await t.http.inject({ method: 'GET', url: `/api/officer/canned${q}`, headers: o.bearer });
    expect(res.statusCode, res.body).toBe(200);
    return (res.json() as { canned: Canned[] }).canned;
  };
  const add = (o: TestOfficer, payload: object) => t.http.inject({ method: 'POST', url: '/api/officer/canned', headers: o.bearer, payload });

  it('seeds the demo set at the root, in Vietnamese and English, citing the law', async () => {
    const rows = await list(garmentOfficer);
    for (const d of DEMO_CANNED) expect(rows.some((r) => r.shortcut === d.shortcut && r.locale === d.locale && r.unitPath === '/TLD/')).toBe(true);
    const luong = rows.find((r) => r.shortcut === '/luong' && r.locale === 'vi')!;
    expect(luong.text).toMatch(/Điều 97/);
    expect(luong.editable).toBe(false);
    expect((await list(garmentOfficer, '?locale=en')).every((r) => r.locale === 'en')).toBe(true);
  });

  it('shares a federation’s responses with the unions below it, not with another province', async () => {
    const res = await add(federation, { shortcut: '/Giờ làm', locale: 'vi', text: 'Giờ làm việc bình thường không quá 8 giờ/ngày, 48 giờ/tuần (Điều 105).' });
    expect(res.statusCode, res.body).toBe(201);
    const created = (res.json() as { canned: Canned }).canned;
    expect(created.shortcut).toBe('/giolam');
    expect((await list(garmentOfficer)).some((r) => r.id === created.id)).toBe(true);
    expect((await list(hcmc)).some((r) => r.id === created.id)).toBe(false);
    // the same shortcut twice in one unit and language is refused
    expect((await add(federation, { shortcut: '/giolam', locale: 'vi', text: 'Khác.' })).statusCode).toBe(409);
  });

  it('lets only admins write, and only in their own subtree; a refused delete is a 404 and audited', async () => {
    expect((await add(garmentOfficer, { shortcut: '/x', locale: 'vi', text: 'Không được.' })).statusCode).toBe(403);
    const own = (await add(garment, { shortcut: '/hop', locale: 'vi', text: 'Mời anh/chị dự họp công đoàn thứ Sáu.' })).json() as { canned: Canned };
    const root = (await list(garment)).find((r) => r.shortcut === '/luong')!;
    const before = await t.app.db.prisma.auditLog.count({ where: { actorId: hcmc.id, action: 'canned.write_denied' } });
    for (const [who, id] of [[hcmc, own.canned.id], [garment, root.id]] as const) {
      const res = await t.http.inject({ method: 'DELETE', url: `/api/officer/canned/${id}`, headers: who.bearer });
      expect(res.statusCode).toBe(404);
    }
    expect(await t.app.db.prisma.auditLog.count({ where: { actorId: hcmc.id, action: 'canned.write_denied' } })).toBe(before + 1);
    // the federation above may delete the union's; it is gone for everyone
    const del = await t.http.inject({ method: 'DELETE', url: `/api/officer/canned/${own.canned.id}`, headers: federation.bearer });
    expect(del.statusCode).toBe(204);
    expect((await list(garment)).some((r) => r.id === own.canned.id)).toBe(false);
  });

  it('normalizes shortcuts to one folded word', () => {
    expect(normalizeShortcut('/Lương ')).toBe('/luong');
    expect(normalizeShortcut('bảo hiểm')).toBe('/baohiem');
    expect(normalizeShortcut('/Đoàn-phí')).toBe('/doan-phi');
    expect(normalizeShortcut('///')).toBeNull();
  });
});
