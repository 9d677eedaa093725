/**
 * Admin routes: officers, units and the audit log, each limited to the caller's subtree of the
 * org tree and to what their role allows.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOfficerApp, type OfficerApp, type TestOfficer } from '../../test/permissions/officer-app.ts';
import { DEMO_UNITS } from '../org/seed-data.ts';

const A = DEMO_UNITS.garmentBacNinh; // CS24-0001
const B = DEMO_UNITS.electronicsBacNinh; // CS24-0002, same province

describe('officer admin API', () => {
  let t: OfficerApp;
  let adminA: TestOfficer;
  let adminB: TestOfficer;
  let officerA: TestOfficer;
  let fedAdmin: TestOfficer;
  let sysAdmin: TestOfficer;

  const get = (url: string, o: TestOfficer) => t.http.inject({ method: 'GET', url, headers: o.bearer });
  const post = (url: string, o: TestOfficer, payload: object) => t.http.inject({ method: 'POST', url, headers: o.bearer, payload });
  const newOfficer = (unitCode: string, role = 'officer', username = `u${Math.random().toString(36).slice(2, 10)}`) => ({
    username,
    name: 'Võ Thị Mai',
    password: 'mot-mat-khau-dai',
    role,
    unitCode,
  });
  const lastAudit = (actorId: string) => t.app.db.prisma.auditLog.findFirst({ where: { actorId }, orderBy: { id: 'desc' } });

  beforeAll(async () => {
    t = await openOfficerApp({ now: new Date('2026-11-23T09:00:00+07:00') });
    // this database is the test's own: start without any (demo) officer so lists are exact
    await t.app.db.prisma.officer.deleteMany();
    adminA = await t.officer({ unitCode: A, role: 'unit_admin', name: 'Quản trị Sông Hồng' });
    adminB = await t.officer({ unitCode: B, role: 'unit_admin', name: 'Quản trị Samsong' });
    officerA = await t.officer({ unitCode: A, role: 'officer', name: '=HYPERLINK("http://x")' });
    fedAdmin = await t.officer({ unitCode: DEMO_UNITS.bacNinhFederation, role: 'federation_admin' });
    sysAdmin = await t.officer({ unitCode: DEMO_UNITS.root, role: 'system_admin' });
  });
  afterAll(() => t.close());

  it('lists only the officers inside the caller\'s subtree', async () => {
    const ids = async (o: TestOfficer, q = '') => ((await get(`/api/officer/officers${q}`, o)).json() as { officers: Array<{ id: string; online: boolean }> }).officers.map((x) => x.id);
    expect((await ids(adminA)).sort()).toEqual([adminA.id, officerA.id].sort());
    expect(await ids(adminB)).toEqual([adminB.id]);
    expect(await ids(fedAdmin)).toEqual(expect.arrayContaining([adminA.id, adminB.id, officerA.id, fedAdmin.id]));
    expect(await ids(fedAdmin)).not.toContain(sysAdmin.id);
    expect(await ids(fedAdmin, `?unit=${B}`)).toEqual([adminB.id]);
  });

  it('answers 404 and audits a unit filter outside the scope', async () => {
    const res = await get(`/api/officer/officers?unit=${A}`, adminB);
    expect(res.statusCode).toBe(404);
    expect(await lastAudit(adminB.id)).toMatchObject({ action: 'officers.unit_denied', entity: 'org_unit', entityId: A });
    // an unknown unit looks the same
    const unknown = await get('/api/officer/officers?unit=CS99-9999', adminB);
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json()).toEqual(res.json());
  });

  it('keeps plain officers out of admin routes, with an audit row', async () => {
    for (const url of ['/api/officer/officers', '/api/officer/audit']) {
      const res = await get(url, officerA);
      expect(res.statusCode).toBe(403);
      expect(await lastAudit(officerA.id)).toMatchObject({ action: 'access.forbidden_role', entityId: `GET ${url}` });
    }
    expect((await post('/api/officer/officers', officerA, newOfficer(A))).statusCode).toBe(403);
  });

  it('creates officers only inside the scope and never above the creator\'s role', async () => {
    const ok = await post('/api/officer/officers', adminA, newOfficer(A, 'officer', 'new.officer.a'));
    expect(ok.statusCode).toBe(201);
    expect(ok.json()).toMatchObject({ officer: { username: 'new.officer.a', role: 'officer', unit: { code: A }, capacity: 2 } });
    expect(await lastAudit(adminA.id)).toMatchObject({ action: 'officer.created' });

    const otherUnit = await post('/api/officer/officers', adminA, newOfficer(B, 'officer', 'sneaky.b'));
    expect(otherUnit.statusCode).toBe(404);
    expect(await lastAudit(adminA.id)).toMatchObject({ action: 'officer.create_denied', entityId: B });
    const upward = await post('/api/officer/officers', adminA, newOfficer(DEMO_UNITS.bacNinhFederation, 'officer', 'sneaky.fed'));
    expect(upward.statusCode).toBe(404);

    const above = await post('/api/officer/officers', adminA, newOfficer(A, 'federation_admin', 'sneaky.role'));
    expect(above.statusCode).toBe(403);
    expect(await t.app.db.prisma.officer.count({ where: { username: { startsWith: 'sneaky' } } })).toBe(0);

    expect((await post('/api/officer/officers', adminA, newOfficer(A, 'unit_admin', 'peer.admin.a'))).statusCode).toBe(201);
    expect((await post('/api/officer/officers', fedAdmin, newOfficer(B, 'unit_admin', 'fed.made.b'))).statusCode).toBe(201);

    const taken = await post('/api/officer/officers', adminA, newOfficer(A, 'officer', 'NEW.officer.a'));
    expect(taken.statusCode).toBe(409);
    expect((await post('/api/officer/officers', adminA, { ...newOfficer(A), password: 'short' })).statusCode).toBe(400);
  });

  it('lists units in scope and finds them without diacritics', async () => {
    const units = async (o: TestOfficer, q: string) => ((await get(`/api/officer/units${q}`, o)).json() as { units: Array<{ code: string; kind: string; path: string }> }).units;
    expect((await units(adminA, '')).map((u) => u.code)).toEqual([A]);
    expect((await units(fedAdmin, '?q=may song hong')).map((u) => u.code)[0]).toBe(A);
    expect((await units(fedAdmin, '?q=cty dien tu samsong')).map((u) => u.code)[0]).toBe(B);
    expect((await units(fedAdmin, '?q=cs24-000')).map((u) => u.code)).toEqual(expect.arrayContaining([A, B]));
    expect(await units(adminA, '?q=samsong')).toEqual([]);
    for (const u of await units(fedAdmin, '?limit=200')) expect(u.path.startsWith('/TLD/P24/')).toBe(true);
    expect((await units(sysAdmin, '?kind=province&limit=200')).length).toBe(34);
  });

  it('shows the audit log of officers in scope only, with filters and paging', async () => {
    // something in B's audit trail
    await get(`/api/officer/officers?unit=${A}`, adminB);
    type Entries = { entries: Array<{ id: string; actorId: string; actorName: string; action: string }> };
    const entries = async (o: TestOfficer, q = '') => ((await get(`/api/officer/audit${q}`, o)).json() as Entries).entries;

    const mine = await entries(adminA);
    expect(mine.length).toBeGreaterThan(0);
    const inA = new Set([adminA.id, officerA.id]);
    const createdInA = await t.app.db.prisma.officer.findMany({ where: { username: { in: ['new.officer.a', 'peer.admin.a'] } } });
    for (const o of createdInA) inA.add(o.id);
    for (const e of mine) expect(inA.has(e.actorId)).toBe(true);
    expect(mine.some((e) => e.actorId === adminB.id)).toBe(false);
    expect(mine.find((e) => e.actorId === adminA.id)?.actorName).toBe('Quản trị Sông Hồng');

    const fed = await entries(fedAdmin);
    expect(fed.some((e) => e.actorId === adminB.id)).toBe(true);

    const denied = await get(`/api/officer/audit?actor=${adminB.id}`, adminA);
    expect(denied.statusCode).toBe(404);
    expect(await lastAudit(adminA.id)).toMatchObject({ action: 'audit.actor_denied', entityId: adminB.id });

    const byAction = await entries(fedAdmin, '?action=officer.');
    expect(byAction.length).toBeGreaterThan(0);
    for (const e of byAction) expect(e.action.startsWith('officer.')).toBe(true);
    const page1 = await entries(fedAdmin, '?limit=2');
    const page2 = await entries(fedAdmin, `?limit=2&before=${page1[1]!.id}`);
    expect(page1.length).toBe(2);
    expect(BigInt(page2[0]!.id)).toBeLessThan(BigInt(page1[1]!.id));
  });

  it('exports officers as CSV (BOM, quoting, formula-safe) and XLSX, and audits the export', async () => {
    const csv = await get('/api/officer/officers?format=csv', adminA);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/^text\/csv; charset=utf-8/);
    expect(csv.headers['content-disposition']).toMatch(/attachment; filename="can-bo-2026-11-23\.csv"/);
    expect(csv.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    const text = csv.rawPayload.toString('utf8').slice(1);
    expect(text.split('\r\n')[0]).toBe('Tên đăng nhập / Username,Họ tên / Name,Vai trò / Role,Mã đơn vị / Unit code,Đơn vị / Unit,Số hội thoại đồng thời / Capacity,Đang hoạt động / Active,Đăng nhập gần nhất / Last login');
    expect(text).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(text).toContain('Quản trị Sông Hồng');
    expect(text).not.toContain('Quản trị Samsong');
    expect(await lastAudit(adminA.id)).toMatchObject({ action: 'officers.exported' });

    const xlsx = await get('/api/officer/officers?format=xlsx', adminA);
    expect(xlsx.statusCode).toBe(200);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.getRow(1).getCell(2).value).toBe('Họ tên / Name');
    const names = [];
    for (let r = 2; r <= ws.rowCount; r++) names.push(ws.getRow(r).getCell(2).value);
    expect(names).toContain('Quản trị Sông Hồng');
    // a value, not a formula, in the spreadsheet
    expect(names).toContain('=HYPERLINK("http://x")');

    expect((await get('/api/officer/officers?format=pdf', adminA)).statusCode).toBe(400);
    const audit = await get('/api/officer/audit?format=csv', adminA);
    expect(audit.statusCode).toBe(200);
    expect(audit.rawPayload.toString('utf8')).toContain('officers.exported');
  });

  it('changes an officer in scope: capacity, deactivation (ends sessions), never above one\'s role', async () => {
    const patch = (id: string, o: TestOfficer, payload: object) => t.http.inject({ method: 'PATCH', url: `/api/officer/officers/${id}`, headers: o.bearer, payload });
    const target = await t.officer({ unitCode: A, role: 'officer' });
    const s = await t.login(target.username, target.password);

    const cap = await patch(target.id, adminA, { capacity: 4 });
    expect(cap.statusCode).toBe(200);
    expect(cap.json()).toMatchObject({ officer: { id: target.id, capacity: 4 } });

    expect((await patch(target.id, adminB, { capacity: 9 })).statusCode).toBe(404);
    expect(await lastAudit(adminB.id)).toMatchObject({ action: 'officer.update_denied', entityId: target.id });
    expect((await patch(target.id, adminA, { role: 'federation_admin' })).statusCode).toBe(403);
    expect((await patch(fedAdmin.id, adminA, { capacity: 1 })).statusCode).toBe(404); // above A's unit: outside the scope
    expect((await patch(adminA.id, adminA, { active: false })).statusCode).toBe(409);

    expect((await patch(target.id, adminA, { active: false })).statusCode).toBe(200);
    expect((await t.http.inject({ method: 'GET', url: '/api/officer/me', headers: s.headers() })).statusCode).toBe(401);
    expect((await t.app.db.prisma.officer.findUniqueOrThrow({ where: { id: target.id } })).capacity).toBe(4);
  });

  it('marks officers with a live session as online', async () => {
    await t.login(officerA.username, officerA.password);
    const list = ((await get('/api/officer/officers', adminA)).json() as { officers: Array<{ id: string; online: boolean }> }).officers;
    expect(list.find((o) => o.id === officerA.id)?.online).toBe(true);
    expect(list.find((o) => o.id === adminA.id)?.online).toBe(false);
  });
});
