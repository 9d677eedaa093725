/**
 * Loader and search against PostgreSQL, in a schema of our own so parallel test files and other
 * engineers' data are never touched. Also one pass on PGlite, the default embedded store, because
 * the search relies on core full-text functions being there too.
 */
import { randomBytes } from 'node:crypto';
import type { PGlite } from '@electric-sql/pglite';
import { emptyPglite } from '../../test/pglite-template.ts';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, type MigrationDb } from '../db/migrate.ts';
import { PrismaClient } from '../generated/prisma/client.ts';
import { ensureDemoOrgTree } from './demo.ts';
import { loadOrgTree } from './load.ts';
import { provincialFederation, searchGrassroots, unitPath } from './search.ts';
import { DEMO_UNITS, generateOrgTree, orgTree } from './seed-data.ts';

const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

describe('org tree on PostgreSQL', () => {
  const schema = `t_org_${randomBytes(5).toString('hex')}`;
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
    // Both settings are needed: `schema` makes Prisma's model queries say "<schema>"."org_unit"
    // (without it they say "public"), while raw SQL is unqualified and follows search_path.
    prisma = new PrismaClient({
      adapter: new PrismaPg({ connectionString: PG_URL, options: `-c search_path=${schema}` }, { schema }),
    });
  });

  afterAll(async () => {
    await prisma?.$disconnect();
    await admin?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin?.end();
  });

  it('loads the full tree, and a second load changes nothing', async () => {
    const records = orgTree({ size: 'full' });
    let progress = 0;
    const first = await loadOrgTree(prisma, records, { onProgress: (n) => (progress = n) });
    expect(first).toEqual({ inserted: records.length, existing: 0, updated: 0 });
    expect(progress).toBe(records.length);

    const before = await prisma.orgUnit.findMany({ orderBy: { code: 'asc' } });
    const second = await loadOrgTree(prisma, generateOrgTree({ size: 'full' }));
    expect(second).toEqual({ inserted: 0, existing: records.length, updated: 0 });
    const after = await prisma.orgUnit.findMany({ orderBy: { code: 'asc' } });
    expect(after).toEqual(before);
  });

  it('stores paths, parents and folded search keys', async () => {
    const garment = await prisma.orgUnit.findUniqueOrThrow({ where: { code: DEMO_UNITS.garmentBacNinh } });
    expect(garment.path).toBe(`/TLD/P24/${DEMO_UNITS.bacNinhParksUnion}/${DEMO_UNITS.garmentBacNinh}/`);
    expect(garment.searchKey).toContain('may song hong viet');
    const parent = await prisma.orgUnit.findUniqueOrThrow({ where: { id: garment.parentId! } });
    expect(parent.code).toBe(DEMO_UNITS.bacNinhParksUnion);
    // Every unit's path is its parent's path plus its own code.
    const broken = await prisma.$queryRaw<Array<{ n: number }>>`
      SELECT count(*)::int AS n FROM org_unit c LEFT JOIN org_unit p ON p.id = c.parent_id
      WHERE c.path <> coalesce(p.path, '/') || c.code || '/'`;
    expect(broken[0]!.n).toBe(0);
  });

  it('updates a changed name in place and keeps ids', async () => {
    const records = orgTree({ size: 'full' }).map((r) =>
      r.code === DEMO_UNITS.seafoodCaMau ? { ...r, name: `${r.name} (đổi tên)` } : r,
    );
    const before = await prisma.orgUnit.findUniqueOrThrow({ where: { code: DEMO_UNITS.seafoodCaMau } });
    expect(await loadOrgTree(prisma, records)).toMatchObject({ inserted: 0, updated: 1 });
    const after = await prisma.orgUnit.findUniqueOrThrow({ where: { code: DEMO_UNITS.seafoodCaMau } });
    expect(after.id).toBe(before.id);
    expect(after.searchKey).toContain('doi ten');
    await loadOrgTree(prisma, orgTree({ size: 'full' })); // back to the seed
  });

  it('rejects a record whose parent is unknown, and a code given twice', async () => {
    await expect(
      loadOrgTree(prisma, [{ code: 'CS24-9999', name: 'x', kind: 'grassroots', parentCode: 'X99-001' }]),
    ).rejects.toThrow(/parent X99-001/);
    const unit = { code: 'CS24-9998', name: 'x', kind: 'grassroots', parentCode: 'P24' } as const;
    await expect(loadOrgTree(prisma, [unit, unit])).rejects.toThrow(/twice/);
    expect(await prisma.orgUnit.count({ where: { code: { in: ['CS24-9999', 'CS24-9998'] } } })).toBe(0);
  });

  const top = async (q: string, provinceCode?: string) =>
    (await searchGrassroots(prisma, q, provinceCode ? { provinceCode } : {}))[0]?.code;

  it('finds a unit by employer with or without diacritics, abbreviations and typos', async () => {
    for (const q of ['Công ty May Sông Hồng', 'cty may song hong', 'CÔNG TY TNHH MAY SÔNG HỒNG VIỆT', 'may songhong', 'may song hogn']) {
      expect(await top(q), q).toBe(DEMO_UNITS.garmentBacNinh);
    }
    expect(await top('samsug')).toBe(DEMO_UNITS.electronicsBacNinh);
    expect(await top('dien tu samsong')).toBe(DEMO_UNITS.electronicsBacNinh);
    expect(await top('giay da hsinfa')).toBe(DEMO_UNITS.footwearHcmc);
    expect(await top('nghiep doan xe om cong nghe cau giay')).toBe(DEMO_UNITS.rideHailingGuildHanoi);
    expect(await top('CS24-1')).toBe(DEMO_UNITS.garmentBacNinh);
    // Words that are not in the name (here the province) do not hide the unit.
    expect(await top('may song hong bac ninh')).toBe(DEMO_UNITS.garmentBacNinh);
  });

  it('prefers units of the given province among similar names', async () => {
    expect(await top('song hong', '24')).toBe(DEMO_UNITS.garmentBacNinh);
    expect(await top('song hong', '37')).toBe(DEMO_UNITS.textileNinhBinh);
    // ...but a clearly better match elsewhere still wins.
    expect(await top('det song hong', '24')).toBe(DEMO_UNITS.textileNinhBinh);
  });

  it('returns at most limit hits, best first, and nothing for noise', async () => {
    const hits = await searchGrassroots(prisma, 'cong ty may', { limit: 3 });
    expect(hits.length).toBeLessThanOrEqual(3);
    for (let i = 1; i < hits.length; i++) expect(hits[i - 1]!.score).toBeGreaterThanOrEqual(hits[i]!.score);
    expect(await searchGrassroots(prisma, 'qwxzv plokj')).toEqual([]);
    expect(await searchGrassroots(prisma, '  ')).toEqual([]);
    const [hit] = await searchGrassroots(prisma, 'may song hong');
    expect(hit).toMatchObject({ code: DEMO_UNITS.garmentBacNinh, employer: 'Công ty TNHH May Sông Hồng Việt', provinceCode: '24' });
    expect(hit!.id).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('finds the provincial federation and the path of a unit', async () => {
    const fed = await provincialFederation(prisma, '82');
    expect(fed).toMatchObject({ code: 'P82', kind: 'province', name: 'Liên đoàn Lao động tỉnh Đồng Tháp' });
    expect(await provincialFederation(prisma, '00')).toBeNull();
    const garment = await prisma.orgUnit.findUniqueOrThrow({ where: { code: DEMO_UNITS.garmentBacNinh } });
    const path = await unitPath(prisma, garment.id);
    expect(path.map((u) => u.code)).toEqual(['TLD', 'P24', DEMO_UNITS.bacNinhParksUnion, DEMO_UNITS.garmentBacNinh]);
    expect(path.map((u) => u.kind)).toEqual(['confederation', 'province', 'commune', 'grassroots']);
    expect(await unitPath(prisma, '00000000-0000-0000-0000-000000000000')).toEqual([]);
  });
});

describe('org tree on PGlite', () => {
  let pglite: PGlite;
  let prisma: PrismaClient;

  beforeAll(async () => {
    pglite = await emptyPglite();
    await applyMigrations({
      query: (sql, params) => pglite.query(sql, params as unknown[] | undefined),
      exec: async (sql) => {
        await pglite.exec(sql);
      },
    });
    prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  });

  afterAll(async () => {
    await prisma?.$disconnect();
    await pglite?.close();
  });

  it('loads the demo tree idempotently and searches it', async () => {
    const demo = orgTree({ size: 'demo' });
    expect(await loadOrgTree(prisma, demo)).toEqual({ inserted: demo.length, existing: 0, updated: 0 });
    expect(await ensureDemoOrgTree(prisma)).toEqual({ inserted: 0, existing: demo.length, updated: 0 });
    expect((await searchGrassroots(prisma, 'cty may song hong', { provinceCode: '24' }))[0]?.code).toBe(DEMO_UNITS.garmentBacNinh);
    expect((await searchGrassroots(prisma, 'samsug'))[0]?.code).toBe(DEMO_UNITS.electronicsBacNinh);
    expect(await provincialFederation(prisma, '79')).toMatchObject({ code: 'P79' });
  });
});

describe('org tree loaders racing on PostgreSQL', () => {
  const schema = `t_org_${randomBytes(5).toString('hex')}`;
  let admin: pg.Client;
  const clients: PrismaClient[] = [];

  beforeAll(async () => {
    admin = new pg.Client({ connectionString: PG_URL });
    await admin.connect();
    await admin.query(`CREATE SCHEMA "${schema}"`);
    const session = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
    await session.connect();
    try {
      await applyMigrations({
        query: (sql, params) => session.query(sql, params as unknown[] | undefined),
        exec: async (sql) => {
          await session.query(sql);
        },
      });
    } finally {
      await session.end();
    }
    for (let i = 0; i < 2; i++) {
      clients.push(
        new PrismaClient({ adapter: new PrismaPg({ connectionString: PG_URL, options: `-c search_path=${schema}` }, { schema }) }),
      );
    }
  });

  afterAll(async () => {
    for (const c of clients) await c.$disconnect();
    await admin?.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await admin?.end();
  });

  it('two instances seeding at once end with one consistent tree', async () => {
    const records = orgTree({ size: 'full' });
    const results = await Promise.all(clients.map((c) => loadOrgTree(c, records, { batchSize: 40 })));
    for (const r of results) expect(r.inserted + r.existing + r.updated).toBe(records.length);
    const [{ n, codes, broken }] = (
      await admin.query(
        `SELECT count(*)::int AS n, count(DISTINCT c.code)::int AS codes,
                count(*) FILTER (WHERE c.path <> coalesce(p.path, '/') || c.code || '/')::int AS broken
         FROM "${schema}".org_unit c LEFT JOIN "${schema}".org_unit p ON p.id = c.parent_id`,
      )
    ).rows;
    expect({ n, codes, broken }).toEqual({ n: records.length, codes: records.length, broken: 0 });
  });
});
