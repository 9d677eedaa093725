/**
 * Issue 8 benchmark: officer queries at national scale. For each size (BENCH_SIZES, default
 * 100,000, 1,000,000 and 11,000,000 members) it generates the data into a fresh PostgreSQL schema
 * with src/scale (the `scale:generate` generator), then times, with the schema's indexes:
 *   - find a member by phone / by CCCD (keyed hash; raw SQL and the app's own Prisma lookup),
 *   - cases of a province subtree by status (src/cases/officer.ts listCases, the officer API's query),
 *   - pending registrations routed inside a province,
 *   - dashboard figures (src/scale/dashboard.ts) for the whole country, a province, a grassroots union,
 * and writes p50/p99, generation time, database size and the EXPLAIN plans.
 * `--keep` leaves the schemas in place (their names are printed); `--reuse=<schema>` skips generation.
 */
import { appendFileSync, existsSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { freshSchema, DATABASE_URL } from '../test/env.ts';
import { openDatabase, type Database } from '../src/db/client.ts';
import { createKeyring } from '../src/security/crypto.ts';
import { generateNationalData, type ScaleResult } from '../src/scale/generate.ts';
import { person, phoneOf } from '../src/scale/person.ts';
import { cccdHash, phoneHash } from '../src/registration/lookup.ts';
import { personKeyForPhone } from '../src/quiz/service.ts';
import { listCases } from '../src/cases/officer.ts';
import { dashboardFor, prefixPattern, type UnitRef } from '../src/scale/dashboard.ts';
import { mondayOf } from '../src/scale/rollup.ts';
import { addDays } from '../src/scale/dashboard.ts';
import { projectRoot } from '../src/paths.ts';
import { percentile, writeTable } from './table.ts';

const SEED = 20250701;
const AS_OF = new Date('2026-11-16T00:00:00Z');
const SECRET = 'bench-secret-0123456789abcdefghijklmnop';
const RUNS = Number(process.env.BENCH_RUNS ?? 300);

interface SizeResult {
  members: number;
  schema: string;
  gen: ScaleResult | null;
  dbBytes: number;
  timings: Array<[string, number[]]>;
  plans: Array<[string, string]>;
  /** 1-minute load average right after the timed queries */
  load: number;
}

async function timeIt(n: number, fn: (k: number) => Promise<unknown>): Promise<number[]> {
  const out: number[] = [];
  for (let k = 0; k < Math.min(10, n); k++) await fn(k); // warm the connection and the cache a little
  for (let k = 0; k < n; k++) {
    const t = performance.now();
    await fn(k);
    out.push(performance.now() - t);
  }
  return out.sort((a, b) => a - b);
}

async function explain(db: Database, text: string, params: unknown[]): Promise<string> {
  const rows = await db.sql.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS, COSTS OFF) ${text}`, params);
  return rows.map((r) => r['QUERY PLAN']).join('\n');
}

async function runSize(members: number, keep: boolean, reuse?: string): Promise<SizeResult> {
  const schema = reuse ? { schema: reuse, drop: async () => {} } : await freshSchema('scale');
  const db = await openDatabase({ url: DATABASE_URL, schema: schema.schema, poolMax: 4, dataDir: '' });
  const keyring = createKeyring(SECRET);
  try {
    await db.migrate();
    let gen: ScaleResult | null = null;
    if (!reuse) {
      let last = 0;
      gen = await generateNationalData(db, keyring, {
        members,
        seed: SEED,
        asOf: AS_OF,
        onProgress: (p) => {
          if (Date.now() - last > 30_000) {
            last = Date.now();
            console.log(`  ${members}: ${p.phase} ${p.done}/${p.total} rss ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MB`);
          }
        },
      });
    }
    const [sizeRow] = await db.sql.query<{ bytes: string }>(
      `SELECT sum(pg_total_relation_size(c.oid))::text AS bytes FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relkind IN ('r', 'm')`,
    );
    const [countRow] = await db.sql.query<{ n: string }>(`SELECT count(*)::text n FROM member`);
    const memberCount = Number(countRow?.n ?? 0);
    const pickMember = (k: number) => (Math.imul(k + 1, 2654435761) >>> 0) % memberCount;
    const provinces = await db.sql.query<UnitRef>(`SELECT code, name, path FROM org_unit WHERE kind = 'province' ORDER BY code`);
    const [national] = await db.sql.query<UnitRef>(`SELECT code, name, path FROM org_unit WHERE kind = 'confederation'`);
    // the busiest grassroots union: the worst case for an officer of one union
    const [bigUnion] = await db.sql.query<UnitRef>(
      `SELECT u.code, u.name, u.path FROM org_unit u JOIN (SELECT org_unit_id, count(*) c FROM member GROUP BY 1 ORDER BY 2 DESC LIMIT 1) m ON m.org_unit_id = u.id`,
    );
    const hcm = provinces.find((p) => p.code === 'P79')!;
    const statuses = ['moi', 'dang_xu_ly', 'cho_bo_sung', 'da_giai_quyet'];
    const to = mondayOf(AS_OF);
    const from = addDays(to, -7 * 11);

    const byPhone = `SELECT id, full_name, org_unit_id FROM member WHERE phone_hash = $1`;
    const byCccd = `SELECT id, full_name, org_unit_id FROM member WHERE cccd_hash = $1`;
    const casesSql = `SELECT id, code, status, category, urgent, created_at FROM grievance_case
                       WHERE routed_path LIKE $1 AND status = $2 ORDER BY urgent DESC, created_at DESC LIMIT 50`;
    const regsSql = `SELECT r.id, r.code, r.created_at FROM registration r JOIN org_unit u ON u.id = r.routed_to_id
                      WHERE u.path LIKE $1 AND r.status = 'cho_duyet' ORDER BY r.created_at DESC LIMIT 50`;

    const timings: Array<[string, number[]]> = [
      ['member by phone hash (SQL)', await timeIt(RUNS, (k) => db.sql.query(byPhone, [phoneHash(keyring, phoneOf(SEED, pickMember(k)))]))],
      ['member by phone hash (Prisma, quiz personKeyForPhone)', await timeIt(RUNS, (k) => personKeyForPhone(db.prisma, phoneHash(keyring, phoneOf(SEED, pickMember(k)))))],
      ['member by CCCD hash (SQL)', await timeIt(RUNS, (k) => db.sql.query(byCccd, [cccdHash(keyring, person(SEED, pickMember(k)).cccd)]))],
      [
        'cases of a province subtree by status (SQL)',
        await timeIt(RUNS, (k) => db.sql.query(casesSql, [prefixPattern(provinces[k % provinces.length]!.path), statuses[k % statuses.length]])),
      ],
      [
        'cases of a province subtree by status (officer API listCases)',
        await timeIt(RUNS, (k) =>
          listCases(db.prisma, { officerId: 'bench', scopePath: provinces[k % provinces.length]!.path }, { status: statuses[k % statuses.length] as 'moi' }),
        ),
      ],
      ['pending registrations routed inside a province', await timeIt(RUNS, (k) => db.sql.query(regsSql, [prefixPattern(provinces[k % provinces.length]!.path)]))],
      ['dashboard, 12 weeks: grassroots union (largest)', await timeIt(Math.min(RUNS, 100), () => dashboardFor(db, bigUnion!, from, to))],
      ['dashboard, 12 weeks: province (TP HCM)', await timeIt(Math.min(RUNS, 50), () => dashboardFor(db, hcm, from, to))],
      ['dashboard, 12 weeks: whole country', await timeIt(Math.min(RUNS, 10), () => dashboardFor(db, national!, from, to))],
    ];

    const samplePhone = phoneHash(keyring, phoneOf(SEED, pickMember(1)));
    const plans: Array<[string, string]> = [
      ['member by phone hash', await explain(db, byPhone, [samplePhone])],
      ['member by CCCD hash', await explain(db, byCccd, [cccdHash(keyring, person(SEED, pickMember(2)).cccd)])],
      ['cases of TP HCM by status moi', await explain(db, casesSql, [prefixPattern(hcm.path), 'moi'])],
      ['pending registrations routed inside TP HCM', await explain(db, regsSql, [prefixPattern(hcm.path)])],
      [
        'dashboard weekly counts, whole country, 12 weeks (subtree rollup)',
        await explain(
          db,
          `SELECT week, sum(conversations), sum(handoffs), sum(sla_breaches), sum(registrations), sum(cases) FROM dashboard_week_tree
            WHERE unit_path = $1 AND week >= $2::date AND week <= $3::date GROUP BY week`,
          [national!.path, from, to],
        ),
      ],
      [
        'dashboard counts by child unit, whole country, 12 weeks (subtree rollup)',
        await explain(
          db,
          `SELECT unit_path, sum(conversations), sum(handoffs), sum(sla_breaches), sum(registrations), sum(cases) FROM dashboard_week_tree
            WHERE parent_path = $1 AND week >= $2::date AND week <= $3::date GROUP BY unit_path`,
          [national!.path, from, to],
        ),
      ],
      [
        'dashboard first-response percentiles, TP HCM, 12 weeks (live)',
        await explain(
          db,
          `SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM first_response_at - requested_at)) FROM handoff
            WHERE unit_path LIKE $1 AND requested_at >= $2 AND requested_at < $3 AND first_response_at IS NOT NULL`,
          [prefixPattern(hcm.path), `${from}T00:00:00+07:00`, `${addDays(to, 7)}T00:00:00+07:00`],
        ),
      ],
    ];
    return { members, schema: schema.schema, gen, dbBytes: Number(sizeRow?.bytes ?? 0), timings, plans, load: loadavg()[0]! };
  } finally {
    await db.close();
    if (keep || reuse) console.log(`  kept schema ${schema.schema}`);
    else await schema.drop();
  }
}

async function postgresVersion(): Promise<string> {
  const c = new pg.Client({ connectionString: DATABASE_URL });
  await c.connect();
  const v = (await c.query('SHOW server_version')).rows[0].server_version as string;
  const sb = (await c.query('SHOW shared_buffers')).rows[0].shared_buffers as string;
  await c.end();
  return `PostgreSQL ${v} (shared_buffers ${sb}, server defaults otherwise)`;
}

export async function benchOfficerQueries(): Promise<string> {
  const args = process.argv.slice(2);
  const keep = args.includes('--keep');
  const reuse = args.find((a) => a.startsWith('--reuse='))?.slice('--reuse='.length);
  const sizes = (process.env.BENCH_SIZES ?? '100000,1000000,11000000').split(',').map((s) => Number(s.replace(/_/g, '')));
  const results: SizeResult[] = [];
  let text = '';
  for (const size of reuse ? [sizes[sizes.length - 1]!] : sizes) {
    console.log(`officer-queries: ${size.toLocaleString('en')} members`);
    results.push(await runSize(size, keep, reuse));
    // written after every size: a long run that is stopped still leaves the sizes it finished
    text = await writeResults(results);
  }
  return text;
}

async function writeResults(results: SizeResult[]): Promise<string> {
  const ms = (v: number) => v.toFixed(1);
  const rows: Array<[string, string | number]> = [['machine', `${await postgresVersion()}, same machine as the client`]];
  for (const r of results) {
    const label = `${(r.members / 1e6).toLocaleString('en', { maximumFractionDigits: 2 })} M members`;
    if (r.gen) {
      const c = r.gen.counts;
      const s = r.gen.seconds;
      rows.push([
        `${label}: generated rows`,
        `${c.orgUnits.toLocaleString('en')} org units (${c.grassroots.toLocaleString('en')} grassroots), ${c.members.toLocaleString('en')} members, ` +
          `${c.identities.toLocaleString('en')} identities/conversations, ${c.registrations.toLocaleString('en')} registrations, ` +
          `${c.cases.toLocaleString('en')} cases, ${c.handoffs.toLocaleString('en')} handoffs`,
      ]);
      rows.push([
        `${label}: generation time`,
        `${(s.total / 60).toFixed(1)} min (org ${s.org.toFixed(0)} s, people ${s.people.toFixed(0)} s, index build ${s.indexes.toFixed(0)} s, dashboard rollup ${s.rollup.toFixed(0)} s)`,
      ]);
    }
    rows.push([`${label}: database size (tables + indexes)`, `${(r.dbBytes / 2 ** 30).toFixed(2)} GiB`]);
    rows.push([`${label}: 1-minute load average after the queries (2 cores)`, r.load.toFixed(1)]);
    for (const [name, t] of r.timings) rows.push([`${label}: ${name}, p50 / p99 ms`, `${ms(percentile(t, 50))} / ${ms(percentile(t, 99))} (n=${t.length})`]);
  }
  const notes = [
    `Data: src/scale generator (\`npm run cli -- scale:generate\`), seed ${SEED}, history up to ${AS_OF.toISOString().slice(0, 10)}; keyed hashes (HMAC-SHA256) of phone and CCCD per member, personal data of registrations sealed (AES-256-GCM) per value.`,
    'Lookups pick members spread over the whole table (a multiplicative hash of the run number), so most rows are cold: p99 includes reads from disk through the OS cache.',
    'Each query runs sequentially from one client on the same 2-core machine as PostgreSQL, while other work may share the cores; the figures are latencies of single queries, not throughput.',
    'Case and registration lists use the text_pattern_ops indexes of migration *_scale_indexes (the database collation C.UTF-8 is not "C" for PostgreSQL 15, so a plain b-tree cannot serve LIKE \'prefix%\').',
    `1-minute load average when the results were written: ${loadavg()[0]!.toFixed(1)} (2 cores shared with other work: generation times and p99 are inflated by it).`,
    'Dashboard counts come from the rollup tables dashboard_week / dashboard_week_tree (src/scale/rollup.ts, refreshed when older than 5 minutes); first-response percentiles are computed live from handoff.',
  ];
  const last = results[results.length - 1]!;
  let plans = [`## EXPLAIN (ANALYZE) at ${last.members.toLocaleString('en')} members`, '', ...last.plans.flatMap(([name, plan]) => [`### ${name}`, '', '```', plan, '```', ''])];
  // BENCH_MERGE=1: keep the rows of sizes measured by an earlier run (and its plans when larger),
  // so a size can be added without regenerating the others
  const file = join(projectRoot, 'bench/results/officer-queries.md');
  if (process.env.BENCH_MERGE === '1' && existsSync(file)) {
    const old = readFileSync(file, 'utf8');
    const sizeOf = (k: string) => Number(/^([\d.]+) M members:/.exec(k)?.[1] ?? NaN);
    const ours = new Set(results.map((r) => r.members / 1e6));
    const kept = [...old.matchAll(/^\| (.+?) \| (.+?) \|$/gm)]
      .map((m) => [m[1]!, m[2]!] as [string, string])
      .filter(([k]) => Number.isFinite(sizeOf(k)) && !ours.has(sizeOf(k)));
    const machine = rows.shift()!;
    rows.push(...kept);
    rows.sort((a, b) => sizeOf(String(a[0])) - sizeOf(String(b[0])));
    rows.unshift(machine);
    const oldPlans = /^## EXPLAIN \(ANALYZE\) at ([\d,]+) members[\s\S]*$/m.exec(old);
    if (oldPlans && Number(oldPlans[1]!.replace(/,/g, '')) > last.members) plans = oldPlans[0].split('\n');
    notes.push('Sizes were measured in separate runs (BENCH_MERGE=1 kept the earlier rows); each row names its size.');
    if (process.env.BENCH_MERGE_NOTE) notes.push(process.env.BENCH_MERGE_NOTE);
  }
  const text = writeTable('officer-queries', 'Officer queries at national scale (PostgreSQL)', rows, notes);
  appendFileSync(join(projectRoot, 'bench/results/officer-queries.md'), plans.join('\n'));
  return `${text}\n${plans.join('\n')}`;
}
