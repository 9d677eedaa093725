import pg from 'pg';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.ts';
import { applyMigrations } from '../db/migrate.ts';
import { loadOrgTree } from './load.ts';
import { searchGrassroots } from './search.ts';
import { generateOrgTree } from './seed-data.ts';
const URL = 'postgresql://postgres@127.0.0.1:5432/test';
const schema = 't_org_bench_keep';
const admin = new pg.Client({ connectionString: URL });
await admin.connect();
const exists = (await admin.query(`select 1 from pg_namespace where nspname=$1`, [schema])).rows.length > 0;
const c = new pg.Client({ connectionString: URL, options: `-c search_path=${schema}` });
await c.connect();
const prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: URL, options: `-c search_path=${schema}` }, { schema }) });
if (!exists || process.argv[2] === 'load') {
  await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE; CREATE SCHEMA ${schema}`);
  await applyMigrations({ query: (s, p) => c.query(s, p as unknown[]), exec: async (s) => { await c.query(s); } });
  const t = performance.now();
  await loadOrgTree(prisma, generateOrgTree({ size: 'full', grassroots: 120000 }), { onProgress: (n) => { if (n % 20000 === 0) { (globalThis as any).gc?.(); console.log('  ', n, (performance.now() - t).toFixed(0), 'ms', (process.memoryUsage().heapUsed / 1e6).toFixed(0), 'MB'); } } });
  await c.query('ANALYZE org_unit');
}
const qs = process.argv.slice(3);
for (const q of qs) {
  await searchGrassroots(prisma, q, { provinceCode: '24' });
  const t = performance.now();
  const hits = await searchGrassroots(prisma, q, { provinceCode: '24' });
  console.log((performance.now() - t).toFixed(1), 'ms', q, hits.map((h) => `${h.code}:${h.score}`));
}
const qlog = process.env.EXPLAIN;
if (qlog) console.log((await c.query(`EXPLAIN ANALYZE SELECT id::text AS id, code, name, employer, province_code, search_key FROM org_unit WHERE kind='grassroots' AND to_tsvector('simple'::regconfig, search_key) @@ to_tsquery('simple'::regconfig, $1) ORDER BY (province_code IS NOT DISTINCT FROM '24') DESC, ts_rank(to_tsvector('simple'::regconfig, search_key), to_tsquery('simple'::regconfig, $1)) DESC, code LIMIT 300`, [qlog])).rows.map((r) => r['QUERY PLAN']).join('\n'));
await c.end(); await prisma.$disconnect(); await admin.end();
