/**
 * Approval on PostgreSQL, where clicks really race: several approvals of the same application at
 * once make one member and one card; approvals of two applications in the same province at once
 * draw two different member numbers.
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { approveRegistration, type DecisionResult } from '../../src/membership/decide.ts';
import { ensureDemoOrgTree } from '../../src/org/demo.ts';
import { DEMO_UNITS } from '../../src/org/seed-data.ts';
import { createRegistration } from '../../src/registration/service.ts';
import { createKeyring } from '../../src/security/crypto.ts';
import { freshSchema, servicesAvailable, type TestSchema } from '../env.ts';

const available = await servicesAvailable();
const keyring = createKeyring('membership-pg-test-secret-0123456789abcdef');
const NOW = new Date('2026-11-22T09:00:00+07:00');

describe.skipIf(!available)('approval on PostgreSQL', () => {
  let schema: TestSchema;
  let db: Database;
  let unitId: string;
  let scopePath: string;

  const apply = (cccd: string) =>
    db.prisma.$transaction(async (tx) => {
      const r = await createRegistration(tx, keyring, {
        fullName: 'Nguyễn Văn An',
        dob: '1995-03-15',
        gender: 'male',
        cccd,
        phone: '+84912345678',
        employer: 'Công ty TNHH May Sông Hồng Việt',
        workplaceAddress: 'Lô C5, KCN Quế Võ',
        provinceCode: '24',
        orgUnitId: unitId,
        identityId: randomUUID(),
        channel: 'webchat',
        locale: 'vi',
        now: NOW,
      });
      if (r.kind !== 'created') throw new Error('not created');
      return r.id;
    });

  const approve = (id: string): Promise<DecisionResult> =>
    db.prisma.$transaction((tx) => approveRegistration(tx, keyring, { officerId: 'officer-1', scopePath }, id, { now: NOW, verifyBase: 'https://example.vn' }), {
      timeout: 30_000,
    });

  beforeAll(async () => {
    schema = await freshSchema('membership');
    db = await openDatabase({ url: schema.url, schema: schema.schema, poolMax: 10, dataDir: 'memory://' });
    await db.migrate();
    await ensureDemoOrgTree(db.prisma);
    const unit = await db.prisma.orgUnit.findUniqueOrThrow({ where: { code: DEMO_UNITS.garmentBacNinh } });
    unitId = unit.id;
    scopePath = unit.path;
  }, 120_000);
  afterAll(async () => {
    await db?.close();
    await schema?.drop();
  });

  it('four approvals of each of two applications at once: two members, two numbers, two cards', async () => {
    const [first, second] = [await apply('001095111111'), await apply('001095222222')];
    const results = await Promise.all([first, second, first, second, first, second, first, second].map(approve));
    const byId = (id: string) => results.filter((r): r is Extract<DecisionResult, { kind: 'approved' }> => r.kind === 'approved' && r.registrationId === id);
    expect(byId(first)).toHaveLength(4);
    expect(byId(second)).toHaveLength(4);
    for (const id of [first, second]) {
      const rs = byId(id);
      expect(new Set(rs.map((r) => r.memberNo)).size).toBe(1);
      expect(new Set(rs.map((r) => r.cardUrl)).size).toBe(1);
      expect(rs.filter((r) => !r.already)).toHaveLength(1);
    }
    expect([byId(first)[0]!.memberNo, byId(second)[0]!.memberNo].sort()).toEqual(['DV-24-2026-000001', 'DV-24-2026-000002']);
    expect(await db.prisma.member.count()).toBe(2);
    expect(await db.prisma.memberCard.count({ where: { revokedAt: null } })).toBe(2);
    expect(await db.prisma.auditLog.count({ where: { action: 'registration.approved' } })).toBe(2);
  }, 120_000);
});
