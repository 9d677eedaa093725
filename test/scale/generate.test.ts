/**
 * The national data generator (src/scale) at a small size on this machine's PostgreSQL: counts,
 * a valid org tree, unique member numbers, hashes the app's own lookups find, sealed values that
 * open, and the same data from the same seed whatever the batch size (streaming).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSchema, servicesAvailable, DATABASE_URL, type TestSchema } from '../env.ts';
import { openDatabase, type Database } from '../../src/db/client.ts';
import { createKeyring } from '../../src/security/crypto.ts';
import { defaultGrassroots, generateNationalData, EMBEDDED_MAX_MEMBERS, ScaleError, type ScaleResult } from '../../src/scale/generate.ts';
import { person, phoneOf, rowId } from '../../src/scale/person.ts';
import { cccdHash, phoneHash } from '../../src/registration/lookup.ts';
import { memberKey, personKeyForPhone } from '../../src/quiz/service.ts';

const MEMBERS = 10_000;
const SEED = 424242;
const AS_OF = new Date('2026-11-16T00:00:00Z');
const keyring = createKeyring('scale-test-secret-0123456789abcdefghij');
const up = await servicesAvailable();

async function generated(label: string, batchSize: number): Promise<{ schema: TestSchema; db: Database; result: ScaleResult }> {
  const schema = await freshSchema(label);
  const db = await openDatabase({ url: DATABASE_URL, schema: schema.schema, poolMax: 4, dataDir: '' });
  await db.migrate();
  const result = await generateNationalData(db, keyring, { members: MEMBERS, seed: SEED, asOf: AS_OF, batchSize });
  return { schema, db, result };
}

/** A fingerprint of everything deterministic (sealed values differ by design: random IVs). */
async function fingerprint(db: Database): Promise<Record<string, string>> {
  const q = async (name: string, sql: string) => [name, (await db.sql.query<{ h: string }>(sql))[0]!.h] as const;
  return Object.fromEntries(
    await Promise.all([
      q('org', `SELECT md5(string_agg(code || path || name || kind || coalesce(province_code, ''), ',' ORDER BY code)) h FROM org_unit`),
      q(
        'member',
        `SELECT md5(string_agg(concat_ws('|', m.id, m.member_no, m.full_name, u.code, m.cccd_hash, m.phone_hash, m.joined_at), ',' ORDER BY m.id)) h
           FROM member m JOIN org_unit u ON u.id = m.org_unit_id`,
      ),
      q('identity', `SELECT md5(string_agg(id || channel || platform_user_id || coalesce(member_id::text, '') || created_at, ',' ORDER BY id)) h FROM channel_identity`),
      q('conversation', `SELECT md5(string_agg(concat_ws('|', id, identity_id, external_id, created_at, turn_count), ',' ORDER BY id)) h FROM conversation`),
      q(
        'registration',
        `SELECT md5(string_agg(concat_ws('|', r.id, r.code, r.status, r.cccd_hash, r.phone_hash, u.code, r.created_at), ',' ORDER BY r.id)) h
           FROM registration r JOIN org_unit u ON u.id = r.routed_to_id`,
      ),
      q('case', `SELECT md5(string_agg(concat_ws('|', id, code, status, routed_path, category, created_at), ',' ORDER BY id)) h FROM grievance_case`),
      q('handoff', `SELECT md5(string_agg(concat_ws('|', id, conversation_id, unit_path, status, requested_at), ',' ORDER BY id)) h FROM handoff`),
      q('rollup', `SELECT md5(string_agg(concat_ws('|', unit_path, week, conversations, handoffs, registrations, cases), ',' ORDER BY unit_path, week)) h FROM dashboard_week`),
    ]),
  );
}

describe.skipIf(!up)('scale:generate on PostgreSQL', () => {
  let first: Awaited<ReturnType<typeof generated>>;
  let second: Awaited<ReturnType<typeof generated>>;

  beforeAll(async () => {
    first = await generated('scale_a', 4000);
    second = await generated('scale_b', 777);
  }, 180_000);

  afterAll(async () => {
    for (const g of [first, second]) {
      if (!g) continue;
      await g.db.close();
      await g.schema.drop();
    }
  });

  it('writes the counts it reports', async () => {
    const { db, result } = first;
    const count = async (sql: string) => Number((await db.sql.query<{ n: string }>(sql))[0]!.n);
    expect(result.counts.members).toBe(MEMBERS);
    expect(await count(`SELECT count(*) n FROM member`)).toBe(MEMBERS);
    expect(await count(`SELECT count(*) n FROM org_unit WHERE kind = 'grassroots'`)).toBe(defaultGrassroots(MEMBERS));
    expect(await count(`SELECT count(*) n FROM org_unit WHERE kind = 'province'`)).toBe(34);
    expect(await count(`SELECT count(*) n FROM org_unit WHERE kind = 'sector'`)).toBeGreaterThan(10);
    expect(await count(`SELECT count(*) n FROM channel_identity`)).toBe(result.counts.identities);
    expect(await count(`SELECT count(*) n FROM conversation`)).toBe(result.counts.conversations);
    expect(await count(`SELECT count(*) n FROM registration`)).toBe(result.counts.registrations);
    expect(await count(`SELECT count(*) n FROM grievance_case`)).toBe(result.counts.cases);
    expect(await count(`SELECT count(*) n FROM handoff`)).toBe(result.counts.handoffs);
    // every applicant (not a member) has one identity and a pending or rejected application
    expect(await count(`SELECT count(*) n FROM registration WHERE member_id IS NULL`)).toBe(result.counts.applicants);
    expect(await count(`SELECT count(*) n FROM registration WHERE member_id IS NULL AND status = 'da_duyet'`)).toBe(0);
    // a realistic share of members use the assistant
    expect(result.counts.identities / MEMBERS).toBeGreaterThan(0.3);
    expect(result.counts.cases).toBeGreaterThan(0);
  });

  it('builds a valid tree and puts members only in grassroots unions', async () => {
    const { db } = first;
    const bad = await db.sql.query(
      `SELECT c.code FROM org_unit c LEFT JOIN org_unit p ON p.id = c.parent_id
        WHERE (c.parent_id IS NULL AND c.code <> 'TLD') OR (p.id IS NOT NULL AND c.path <> p.path || c.code || '/')`,
    );
    expect(bad).toEqual([]);
    expect(await db.sql.query(`SELECT m.id FROM member m JOIN org_unit u ON u.id = m.org_unit_id WHERE u.kind <> 'grassroots' LIMIT 1`)).toEqual([]);
    // cases are routed inside the tree: routed_path is the routed unit's path
    expect(await db.sql.query(`SELECT g.id FROM grievance_case g JOIN org_unit u ON u.id = g.routed_to_id WHERE g.routed_path <> u.path LIMIT 1`)).toEqual([]);
    const statuses = await db.sql.query<{ status: string }>(`SELECT DISTINCT status FROM grievance_case`);
    expect(statuses.length).toBeGreaterThanOrEqual(4);
  });

  it('gives unique member numbers, phones and CCCDs', async () => {
    const [row] = await first.db.sql.query<{ n: string; no: string; phone: string; cccd: string }>(
      `SELECT count(*) n, count(DISTINCT member_no) no, count(DISTINCT phone_hash) phone, count(DISTINCT cccd_hash) cccd FROM member`,
    );
    expect(Number(row!.no)).toBe(MEMBERS);
    expect(Number(row!.phone)).toBe(MEMBERS);
    expect(Number(row!.cccd)).toBe(MEMBERS);
  });

  it('stores hashes the real lookups find, and sealed values that open', async () => {
    const { db } = first;
    for (const i of [0, 1234, MEMBERS - 1]) {
      const p = person(SEED, i);
      expect(p.phone).toBe(phoneOf(SEED, i));
      expect(p.phone).toMatch(/^\+84[35789]\d{8}$/);
      expect(p.cccd).toMatch(/^0\d{11}$/);
      expect(await personKeyForPhone(db.prisma, phoneHash(keyring, p.phone))).toBe(memberKey(rowId(SEED, 1, i)));
      const m = await db.prisma.member.findUnique({ where: { cccdHash: cccdHash(keyring, p.cccd) }, select: { id: true, fullName: true } });
      expect(m).toEqual({ id: rowId(SEED, 1, i), fullName: p.fullName });
    }
    const regs = await db.prisma.registration.findMany({ take: 5, orderBy: { id: 'asc' }, select: { phoneEnc: true, phoneHash: true, cccdEnc: true, cccdHash: true } });
    expect(regs.length).toBe(5);
    for (const r of regs) {
      expect(phoneHash(keyring, keyring.open(r.phoneEnc))).toBe(r.phoneHash);
      expect(cccdHash(keyring, keyring.open(r.cccdEnc))).toBe(r.cccdHash);
    }
  });

  it('gives the same data for the same seed, whatever the batch size', async () => {
    expect(await fingerprint(second.db)).toEqual(await fingerprint(first.db));
  });

  it('refuses to generate the same seed twice into one schema', async () => {
    await expect(generateNationalData(first.db, keyring, { members: MEMBERS, seed: SEED, asOf: AS_OF })).rejects.toThrow(/already generated/);
    expect(await first.db.prisma.member.count()).toBe(MEMBERS);
  });

  it('rebuilt the secondary indexes it dropped for the bulk load', async () => {
    const names = (await first.db.sql.query<{ indexname: string }>(`SELECT indexname FROM pg_indexes WHERE schemaname = current_schema()`)).map(
      (r) => r.indexname,
    );
    expect(names).toEqual(expect.arrayContaining(['member_phone_hash_idx', 'member_cccd_hash_key', 'member_member_no_key', 'grievance_case_status_scope_idx', 'handoff_scope_requested_idx', 'registration_status_created_idx']));
  });
});

describe('scale:generate on the embedded database', () => {
  it('refuses national sizes with a message naming DATABASE_URL', async () => {
    const db = await openDatabase({ dataDir: 'memory://' });
    try {
      await db.migrate();
      const run = generateNationalData(db, keyring, { members: EMBEDDED_MAX_MEMBERS + 1 });
      await expect(run).rejects.toBeInstanceOf(ScaleError);
      await expect(run).rejects.toThrow(/DATABASE_URL/);
      expect(await db.prisma.member.count()).toBe(0);
    } finally {
      await db.close();
    }
  }, 60_000);
});
