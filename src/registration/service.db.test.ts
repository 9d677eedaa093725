/**
 * The registration service against PostgreSQL (a schema of its own), where two chats can really
 * race: the unique index on cccd_hash, not the check before the insert, has the last word, and
 * the turn's transaction must stay usable after losing. The code-collision retry also runs on
 * PGlite, the embedded default.
 */
import { randomBytes } from 'node:crypto';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Tx } from '../app/services.ts';
import { openDatabase, type Database } from '../db/client.ts';
import { applyMigrations, type MigrationDb } from '../db/migrate.ts';
import { PrismaClient } from '../generated/prisma/client.ts';
import { ensureDemoOrgTree } from '../org/demo.ts';
import { DEMO_UNITS } from '../org/seed-data.ts';
import { createKeyring } from '../security/crypto.ts';
import { createRegistration, findByCodeAndCccd, listForIdentity, type NewRegistration } from './service.ts';

const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';
const keyring = createKeyring('registration-service-test-secret-0123456789');
const NOW = new Date('2026-11-22T09:00:00+07:00');

async function unitId(prisma: Tx | PrismaClient, code: string): Promise<string> {
  return (await prisma.orgUnit.findUniqueOrThrow({ where: { code }, select: { id: true } })).id;
}

const application = (cccd: string, orgUnitId: string | null, identityId: string): NewRegistration => ({
  fullName: 'Nguyễn Văn An',
  dob: '1995-03-15',
  gender: 'male',
  cccd,
  phone: '+84912345678',
  employer: 'Công ty TNHH May Sông Hồng Việt',
  workplaceAddress: 'Lô C5, KCN Quế Võ',
  provinceCode: '24',
  orgUnitId,
  identityId,
  channel: 'webchat',
  locale: 'vi',
  now: NOW,
});

const uuid = () => crypto.randomUUID();

/** Yields the given codes in order, so a collision can be staged. */
const codes = (...list: string[]) => {
  let i = 0;
  return () => list[Math.min(i++, list.length - 1)]!;
};

describe('registration service on PostgreSQL', () => {
  const schema = `t_reg_${randomBytes(5).toString('hex')}`;
  let admin: pg.Client;
  let prisma: PrismaClient;

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    const session = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
    await session.connect();
    const db: MigrationDb = {
      query: (sql, params) => session.query(sql, params as unknown[] | undefined),
      exec: async (sql) => {
        await session.query(sql);
      },
    };
    try {
      await applyMigrations(db);
    } finally {
      await session.end();
    }
    prisma = new PrismaClient({
      adapter: new PrismaPg({ connectionString: PG_URL, options: `-c search_path=${schema}` }, { schema }),
    });
    await ensureDemoOrgTree(prisma);
  });

  afterAll(async () => {
    await prisma?.$disconnect();
    await admin?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin?.end();
  });

  it('a race on the same CCCD from two chats files one application; the loser gets its code and can still commit', async () => {
    const unit = await unitId(prisma, DEMO_UNITS.garmentBacNinh);
    let releaseFirst!: () => void;
    const firstMayCommit = new Promise<void>((r) => (releaseFirst = r));
    let firstInserted!: () => void;
    const firstHasInserted = new Promise<void>((r) => (firstInserted = r));

    const first = prisma.$transaction(
      async (tx) => {
        const r = await createRegistration(tx, keyring, application('001095111111', unit, uuid()));
        firstInserted();
        await firstMayCommit;
        return r;
      },
      { timeout: 20_000 },
    );
    await firstHasInserted;
    const second = prisma.$transaction(
      async (tx) => {
        // the check before the insert cannot see the uncommitted row: the insert waits on the
        // unique index, then fails once the first commits
        const r = await createRegistration(tx, keyring, application('001095111111', unit, uuid()));
        await tx.auditLog.create({ data: { actorType: 'test', actorId: 'x', action: 'after-race', entity: 'test', entityId: 'x' } });
        return r;
      },
      { timeout: 20_000 },
    );
    await new Promise((r) => setTimeout(r, 300));
    releaseFirst();
    const [a, b] = await Promise.all([first, second]);

    expect(a.kind).toBe('created');
    expect(b).toEqual({ kind: 'duplicate', code: a.code, status: 'cho_duyet' });
    expect(await prisma.registration.count({ where: { cccdHash: keyring.lookupHash('cccd', '001095111111') } })).toBe(1);
    expect(await prisma.auditLog.count({ where: { action: 'after-race' } })).toBe(1);
  });

  it('a code collision draws another code inside the same transaction', async () => {
    const unit = await unitId(prisma, DEMO_UNITS.garmentBacNinh);
    const first = await prisma.$transaction((tx) =>
      createRegistration(tx, keyring, application('001095222222', unit, uuid()), { drawCode: codes('DK-2026-AAAAAA') }),
    );
    const second = await prisma.$transaction((tx) =>
      createRegistration(tx, keyring, application('001095333333', unit, uuid()), {
        drawCode: codes('DK-2026-AAAAAA', 'DK-2026-BBBBBB'),
      }),
    );
    expect(first).toMatchObject({ kind: 'created', code: 'DK-2026-AAAAAA' });
    expect(second).toMatchObject({ kind: 'created', code: 'DK-2026-BBBBBB' });
  });

  it('without a grassroots union the provincial federation decides; lookups need code and CCCD together', async () => {
    const identityId = uuid();
    const r = await prisma.$transaction((tx) => createRegistration(tx, keyring, { ...application('001095444444', null, identityId), provinceCode: '82' }));
    if (r.kind !== 'created') throw new Error('expected a new application');
    expect(r.viaFederation).toBe(true);
    expect(r.routedTo.id).toBe(await unitId(prisma, DEMO_UNITS.dongThapFederation));

    const found = await findByCodeAndCccd(prisma, keyring, r.code.toLowerCase().replace(/-/g, ' '), '001095444444');
    expect(found).toMatchObject({ code: r.code, status: 'cho_duyet', unitName: null });
    expect(await findByCodeAndCccd(prisma, keyring, r.code, '001095444445')).toBeNull();
    expect(await findByCodeAndCccd(prisma, keyring, 'DK-2026-ZZZZZZ', '001095444444')).toBeNull();
    expect(await listForIdentity(prisma, identityId)).toHaveLength(1);
    expect(await listForIdentity(prisma, uuid())).toEqual([]);

    const audit = await prisma.auditLog.findFirstOrThrow({ where: { entity: 'registration', entityId: r.id } });
    expect(audit.details).toEqual({ channel: 'webchat', routedToId: r.routedTo.id, viaFederation: true });
  });
});

describe('registration service on PGlite', () => {
  let db: Database;

  beforeAll(async () => {
    db = await openDatabase({ dataDir: 'memory://' });
    await db.migrate();
    await ensureDemoOrgTree(db.prisma);
  });
  afterAll(async () => {
    await db?.close();
  });

  it('retries a colliding code under a savepoint and keeps the transaction usable', async () => {
    const unit = await unitId(db.prisma, DEMO_UNITS.electronicsBacNinh);
    await db.prisma.$transaction((tx) =>
      createRegistration(tx, keyring, application('001095555555', unit, uuid()), { drawCode: codes('DK-2026-CCCCCC') }),
    );
    const second = await db.prisma.$transaction(async (tx) => {
      const r = await createRegistration(tx, keyring, application('001095666666', unit, uuid()), {
        drawCode: codes('DK-2026-CCCCCC', 'DK-2026-DDDDDD'),
      });
      const dup = await createRegistration(tx, keyring, application('001095666666', unit, uuid()));
      return { r, dup };
    });
    expect(second.r).toMatchObject({ kind: 'created', code: 'DK-2026-DDDDDD' });
    expect(second.dup).toEqual({ kind: 'duplicate', code: 'DK-2026-DDDDDD', status: 'cho_duyet' });
    expect(await db.prisma.registration.count()).toBe(2);
  });
});
