/**
 * GET /api/officer/dashboard over generated data (src/scale on the embedded database): figures
 * match the source tables, filtered by the officer's scope; another union's officer gets 404 and
 * an audit row; CSV and XLSX exports hold the same figures.
 */
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openOfficerApp, type OfficerApp, type TestOfficer } from '../permissions/officer-app.ts';
import { generateNationalData } from '../../src/scale/generate.ts';
import { refreshDashboardRollup } from '../../src/scale/rollup.ts';
import type { Dashboard, UnitRef } from '../../src/scale/dashboard.ts';

const NOW = new Date('2026-11-20T09:00:00+07:00');
const FROM = '2025-01-06';
const TO = '2026-11-16';
const FROM_TS = `${FROM}T00:00:00+07:00`;
const TO_TS = '2026-11-23T00:00:00+07:00';

let t: OfficerApp;
let union: UnitRef & { id: string };
let province: UnitRef & { id: string };
let other: UnitRef;
let unionOfficer: TestOfficer;
let provinceOfficer: TestOfficer;
let otherOfficer: TestOfficer;

const count = async (sql: string, params: unknown[]) => Number((await t.app.db.sql.query<{ n: string }>(sql, params))[0]!.n);

/** What the dashboard must show for a subtree, counted from the source tables (not the rollup). */
async function expected(path: string) {
  const like = `${path}%`;
  return {
    conversations: await count(
      `SELECT count(*) n FROM conversation c JOIN channel_identity i ON i.id = c.identity_id JOIN member m ON m.id = i.member_id
        JOIN org_unit u ON u.id = m.org_unit_id WHERE u.path LIKE $1 AND c.created_at >= $2 AND c.created_at < $3`,
      [like, FROM_TS, TO_TS],
    ),
    handoffs: await count(`SELECT count(*) n FROM handoff WHERE unit_path LIKE $1 AND requested_at >= $2 AND requested_at < $3`, [like, FROM_TS, TO_TS]),
    registrations: await count(
      `SELECT count(*) n FROM registration r JOIN org_unit u ON u.id = r.routed_to_id WHERE u.path LIKE $1 AND r.created_at >= $2 AND r.created_at < $3`,
      [like, FROM_TS, TO_TS],
    ),
    cases: await count(`SELECT count(*) n FROM grievance_case WHERE routed_path LIKE $1 AND created_at >= $2 AND created_at < $3`, [like, FROM_TS, TO_TS]),
  };
}

const sum = (xs: Array<number | null>) => xs.reduce<number>((s, x) => s + (x ?? 0), 0);

async function dashboard(o: TestOfficer, query = ''): Promise<Dashboard> {
  const res = await t.http.inject({ method: 'GET', url: `/api/officer/dashboard?from=${FROM}&to=${TO}${query}`, headers: o.bearer });
  expect(res.statusCode, res.body).toBe(200);
  return res.json() as Dashboard;
}

beforeAll(async () => {
  t = await openOfficerApp({ full: true, now: NOW, env: { SEED_DEMO: 'false' } });
  await generateNationalData(t.app.db, t.app.services.keyring, { members: 1500, seed: 99, asOf: new Date('2026-11-20T00:00:00Z') });
  // the refresh the route's background refresher would do, now, so nothing refreshes mid-test
  await refreshDashboardRollup(t.app.db, { now: NOW });
  const [busiest] = await t.app.db.sql.query<UnitRef & { id: string; province_code: string }>(
    `SELECT u.id::text, u.code, u.name, u.path, u.province_code FROM org_unit u
       JOIN (SELECT org_unit_id, count(*) c FROM member GROUP BY 1) m ON m.org_unit_id = u.id ORDER BY m.c DESC, u.code LIMIT 1`,
  );
  union = busiest!;
  const [p] = await t.app.db.sql.query<UnitRef & { id: string }>(`SELECT id::text, code, name, path FROM org_unit WHERE kind = 'province' AND province_code = $1`, [busiest!.province_code]);
  province = p!;
  const [o] = await t.app.db.sql.query<UnitRef>(`SELECT code, name, path FROM org_unit WHERE kind = 'grassroots' AND code <> $1 ORDER BY code LIMIT 1`, [union.code]);
  other = o!;
  unionOfficer = await t.officer({ unitCode: union.code, role: 'officer' });
  provinceOfficer = await t.officer({ unitCode: province.code, role: 'federation_admin' });
  otherOfficer = await t.officer({ unitCode: other.code, role: 'unit_admin' });
}, 240_000);

afterAll(async () => {
  await t?.close();
});

describe('officer dashboard', () => {
  it("shows a grassroots union's officer only their union, with the source tables' figures", async () => {
    const d = await dashboard(unionOfficer);
    const want = await expected(union.path);
    expect(want.conversations).toBeGreaterThan(0);
    expect(d.scope.code).toBe(union.code);
    expect(d.byUnit.map((r) => [r.unit.code, r.direct])).toEqual([[union.code, true]]);
    const row = d.byUnit[0]!;
    expect({ conversations: row.conversations, handoffs: row.handoffs, registrations: row.registrations, cases: row.cases }).toEqual(want);
    expect(sum(d.series.conversations)).toBe(want.conversations);
    expect(sum(d.series.registrations)).toBe(want.registrations);
    expect(d.weeks[0]).toBe(FROM);
    expect(d.weeks.at(-1)).toBe(TO);
    for (const s of Object.values(d.series)) expect(s).toHaveLength(d.weeks.length);
  });

  it("splits a federation's figures by its child units, inside its subtree only", async () => {
    const d = await dashboard(provinceOfficer);
    const want = await expected(province.path);
    expect(sum(d.series.conversations)).toBe(want.conversations);
    expect(sum(d.series.cases)).toBe(want.cases);
    expect(d.byUnit.reduce((s, r) => s + r.conversations, 0)).toBe(want.conversations);
    expect(d.byUnit.reduce((s, r) => s + r.handoffs, 0)).toBe(want.handoffs);
    for (const r of d.byUnit) {
      expect(r.unit.path.startsWith(province.path)).toBe(true);
      // children only: one level below the federation (or the federation itself for direct work)
      expect(r.direct ? r.unit.path === province.path : r.unit.path.slice(province.path.length).split('/').length === 2).toBe(true);
    }
    expect(d.byUnit.some((r) => union.path.startsWith(r.unit.path) && !r.direct)).toBe(true);
    // with ?unit= the federation can look one level down, still inside its scope
    const down = await dashboard(provinceOfficer, `&unit=${union.code}`);
    expect(down.byUnit.map((r) => r.unit.code)).toEqual([union.code]);
  });

  it("answers 404 and audits an officer asking for another union's dashboard", async () => {
    const res = await t.http.inject({ method: 'GET', url: `/api/officer/dashboard?unit=${union.code}`, headers: otherOfficer.bearer });
    expect(res.statusCode).toBe(404);
    expect(res.body).not.toContain(union.name);
    const audit = await t.app.db.prisma.auditLog.findMany({ where: { actorId: otherOfficer.id, action: 'dashboard.access_denied' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.entityId).toBe(union.code);
  });

  it('rejects a bad range', async () => {
    const res = await t.http.inject({ method: 'GET', url: '/api/officer/dashboard?from=2020-01-06&to=2026-11-16', headers: unionOfficer.bearer });
    expect(res.statusCode).toBe(400);
    const bad = await t.http.inject({ method: 'GET', url: '/api/officer/dashboard?from=yesterday', headers: unionOfficer.bearer });
    expect(bad.statusCode).toBe(400);
  });

  it('exports the per-unit figures as CSV and XLSX', async () => {
    const d = await dashboard(provinceOfficer);
    const csv = await t.http.inject({ method: 'GET', url: `/api/officer/dashboard?from=${FROM}&to=${TO}&format=csv`, headers: provinceOfficer.bearer });
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(String(csv.headers['content-disposition'])).toMatch(/attachment; filename=".*\.csv"/);
    const lines = csv.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + d.byUnit.length);
    expect(lines[0]).toContain('Đơn vị / Unit');
    const first = d.byUnit[0]!;
    const cells = lines[1]!.split(',');
    expect(cells[0]).toBe(first.unit.code);
    expect(lines[1]).toContain(`,${first.conversations},${first.handoffs},`);

    const xlsx = await t.http.inject({ method: 'GET', url: `/api/officer/dashboard?from=${FROM}&to=${TO}&format=xlsx`, headers: provinceOfficer.bearer });
    expect(xlsx.statusCode).toBe(200);
    expect(String(xlsx.headers['content-disposition'])).toMatch(/\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const ws = wb.worksheets[0]!;
    expect(ws.rowCount).toBe(1 + d.byUnit.length);
    expect(ws.getRow(2).getCell(1).value).toBe(first.unit.code);
    expect(ws.getRow(2).getCell(3).value).toBe(first.conversations);
    const total = d.byUnit.reduce((s, r) => s + r.cases, 0);
    let fromSheet = 0;
    for (let r = 2; r <= ws.rowCount; r++) fromSheet += Number(ws.getRow(r).getCell(9).value);
    expect(fromSheet).toBe(total);
  });

  it('exports the weekly series', async () => {
    const d = await dashboard(unionOfficer);
    const csv = await t.http.inject({ method: 'GET', url: `/api/officer/dashboard?from=${FROM}&to=${TO}&format=csv&table=weeks`, headers: unionOfficer.bearer });
    expect(csv.statusCode).toBe(200);
    const lines = csv.body.replace(/^\uFEFF/, '').trimEnd().split('\r\n');
    expect(lines).toHaveLength(1 + d.weeks.length);
    expect(lines[1]!.startsWith(`${FROM},${d.series.conversations[0]},`)).toBe(true);
  });

  it('picks up new activity once the rollup is older than five minutes', async () => {
    const before = (await dashboard(unionOfficer)).byUnit[0]!.conversations;
    const [m] = await t.app.db.sql.query<{ id: string }>(`SELECT id::text FROM member WHERE org_unit_id = $1 ORDER BY id LIMIT 1`, [union.id]);
    const [identity] = await t.app.db.sql.query<{ id: string }>(
      `INSERT INTO channel_identity (id, channel, account_id, platform_user_id, member_id, created_at)
       VALUES (gen_random_uuid(), 'webchat', 'default', 'dashboard-test', $1, $2) RETURNING id::text`,
      [m!.id, NOW],
    );
    await t.app.db.sql.query(
      `INSERT INTO conversation (id, identity_id, channel, account_id, external_id, created_at, updated_at)
       VALUES (gen_random_uuid(), $1, 'webchat', 'default', 'dashboard-test', $2, $2)`,
      [identity!.id, NOW],
    );
    // still within five minutes of the last refresh: the rollup is read as it is
    expect((await dashboard(unionOfficer)).byUnit[0]!.conversations).toBe(before);
    t.setNow(new Date(NOW.getTime() + 6 * 60_000));
    try {
      expect((await dashboard(unionOfficer)).byUnit[0]!.conversations).toBe(before + 1);
    } finally {
      t.setNow(NOW);
    }
  });
});
