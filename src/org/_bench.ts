import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.ts';
import { applyMigrations } from '../db/migrate.ts';
import { loadOrgTree } from './load.ts';
import { searchGrassroots } from './search.ts';
import { generateOrgTree, orgTree } from './seed-data.ts';
const URL = 'postgresql://postgres@127.0.0.1:5432/test';
const schema = 't_org_bench_' + process.pid;
const admin = new pg.Client({ connectionString: URL });
await admin.connect();
await admin.query(`CREATE SCHEMA ${schema}`);
try {
  const c = new pg.Client({ connectionString: URL, options: `-c search_path=${schema}` });
  await c.connect();
  await applyMigrations({ query: (s, p) => c.query(s, p as unknown[]), exec: async (s) => { await c.query(s); } });
  const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: URL, options: `-c search_path=${schema}` }, { schema }) });
  await prisma.orgUnit.count();
  let t = performance.now();
  console.log('full', await loadOrgTree(prisma, orgTree({ size: 'full' })), (performance.now() - t).toFixed(0), 'ms');
  t = performance.now();
  console.log('full again', await loadOrgTree(prisma, orgTree({ size: 'full' })), (performance.now() - t).toFixed(0), 'ms');
  const N = Number(process.argv[2] ?? 120000);
  t = performance.now();
  const r = await loadOrgTree(prisma, generateOrgTree({ size: 'full', grassroots: N }), { onProgress: (n) => { if (n % 20000 === 0) console.log('  ', n, (performance.now() - t).toFixed(0), 'ms', (process.memoryUsage().heapUsed / 1e6).toFixed(0), 'MB'); } });
  console.log(N, r, (performance.now() - t).toFixed(0), 'ms');
  await c.query('ANALYZE org_unit');
  const queries: Array<[string, string?]> = [['cty may song hong', '24'], ['song hong'], ['Công ty May Sông Hồng'], ['samsug'], ['may song hong bac ninh', '24'], ['cong ty may', '79'], ['phu thinh', '79'], ['giay da hsinfa'], ['dien tu'], ['nghiep doan xe om cong nghe cau giay'], ['xyz qwe'], ['cong ty tnhh']];
  for (const [q, p] of queries) {
    await searchGrassroots(prisma, q, p ? { provinceCode: p } : {});
    t = performance.now();
    const reps = 5;
    let hits;
    for (let i = 0; i < reps; i++) hits = await searchGrassroots(prisma, q, p ? { provinceCode: p } : {});
    console.log(((performance.now() - t) / reps).toFixed(1).padStart(7), 'ms', JSON.stringify(q), p ?? '', '→', hits!.slice(0, 3).map((h) => `${h.code}:${h.score}:${h.name.slice(0, 60)}`));
  }
  const plan = await c.query(`EXPLAIN ANALYZE SELECT id FROM org_unit WHERE kind='grassroots' AND to_tsvector('simple'::regconfig, search_key) @@ to_tsquery('simple'::regconfig, 'son:* | hon:*') ORDER BY (province_code IS NOT DISTINCT FROM '24') DESC, ts_rank(to_tsvector('simple'::regconfig, search_key), to_tsquery('simple'::regconfig, 'son:* | hon:*')) DESC, code LIMIT 300`);
  console.log(plan.rows.map((r) => r['QUERY PLAN']).join('\n'));
  try {
    await prisma.$queryRaw`INSERT INTO org_unit (id, code, name, search_key, kind, parent_id, path) SELECT * FROM unnest(${['8b0c0b4e-0000-4000-8000-000000000001']}::text[]::uuid[], ${['ZZ']}::text[], ${['z']}::text[], ${['z']}::text[], ${['grassroots']}::text[]::"OrgKind"[], ${['8b0c0b4e-0000-4000-8000-000000000002']}::text[]::uuid[], ${['/ZZ/']}::text[]) RETURNING code`;
  } catch (e) { console.log('FK error shape', (e as any).code, (e as any).meta, String((e as Error).message).slice(-200)); }
  await c.end();
  await prisma.$disconnect();
} finally {
  await admin.query(`DROP SCHEMA ${schema} CASCADE`);
  await admin.end();
}
