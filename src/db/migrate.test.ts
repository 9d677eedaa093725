import { createHash, randomBytes } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyMigrations, type MigrationDb } from './migrate.ts';
import { emptyPglite } from '../../test/pglite-template.ts';

const MIGRATIONS = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));
const PG_URL = process.env.TEST_DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/test';

const realMigrations = readdirSync(MIGRATIONS, { withFileTypes: true })
  .filter((d) => d.isDirectory() && existsSync(join(MIGRATIONS, d.name, 'migration.sql')))
  .map((d) => d.name)
  .sort();
// Tables the migrations must create, read from the SQL itself (plus a few we rely on by name).
const expectedTables = [
  ...new Set([
    ...realMigrations.flatMap((m) =>
      [...readFileSync(join(MIGRATIONS, m, 'migration.sql'), 'utf8').matchAll(/CREATE TABLE "(\w+)"/g)].map((x) => x[1]!),
    ),
    'org_unit',
    'member',
    'conversation',
    'inbox_message',
    'outbox_message',
    '_prisma_migrations',
  ]),
];

interface Conn {
  db: MigrationDb;
  /** schema the tables must land in */
  schema: string;
  close(): Promise<void>;
}

// ------------------------------------------------------------------ backends

const createdSchemas: string[] = [];
const openClients: pg.Client[] = [];

async function pgClient(schema: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: PG_URL, options: `-c search_path=${schema}` });
  await c.connect();
  openClients.push(c);
  return c;
}
const wrapPg = (c: pg.Client): MigrationDb => ({
  query: (sql, params) => c.query(sql, params as unknown[] | undefined),
  exec: async (sql) => {
    await c.query(sql); // no parameters -> simple protocol, several statements allowed
  },
});

/** A fresh, randomly named schema; the connection's search_path points only at it. */
async function freshPgSchema(): Promise<string> {
  const schema = `mig_test_${randomBytes(5).toString('hex')}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE SCHEMA "${schema}"`);
  } finally {
    await admin.end();
  }
  createdSchemas.push(schema);
  return schema;
}

const backends: { name: string; open(): Promise<Conn> }[] = [
  {
    name: 'PostgreSQL, fresh non-public schema',
    async open() {
      const schema = await freshPgSchema();
      const c = await pgClient(schema);
      return { db: wrapPg(c), schema, close: () => c.end() };
    },
  },
  {
    name: 'PGlite in memory',
    async open() {
      const db = await emptyPglite();
      return {
        db: { query: (sql, params) => db.query(sql, params), exec: async (sql) => void (await db.exec(sql)) },
        schema: 'public',
        close: () => db.close(),
      };
    },
  },
];

afterAll(async () => {
  await Promise.all(openClients.map((c) => c.end().catch(() => {})));
  if (createdSchemas.length === 0) return;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  try {
    // Only the schemas this file created.
    for (const s of createdSchemas) await admin.query(`DROP SCHEMA IF EXISTS "${s}" CASCADE`);
  } finally {
    await admin.end();
  }
});

const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');

/** Schema that an unqualified name resolves to through the connection's search_path. */
async function schemaOf(db: MigrationDb, relation: string): Promise<string | null> {
  const { rows } = await db.query(
    `SELECT n.nspname AS schema FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.oid = to_regclass($1)`,
    [relation],
  );
  return rows[0]?.schema ?? null;
}

async function heldAdvisoryLocks(db: MigrationDb): Promise<number> {
  const { rows } = await db.query(
    `SELECT count(*)::int AS n FROM pg_locks WHERE locktype = 'advisory' AND pid = pg_backend_pid() AND objid = 72707369`,
  );
  return rows[0].n;
}

// ------------------------------------------------------------------ tests

it('finds the checked-in migrations', () => {
  expect(realMigrations.length).toBeGreaterThan(0);
  expect(realMigrations[0]).toMatch(/^\d{14}_init$/);
});

describe.each(backends)('$name', (backend) => {
  describe('real migrations', () => {
    let conn: Conn;
    beforeAll(async () => {
      conn = await backend.open();
    });
    afterAll(async () => {
      await conn?.close();
    });

    it('applies every migration and the tables land in the connection schema', async () => {
      const res = await applyMigrations(conn.db); // default dir: prisma/migrations
      expect(res.applied).toEqual(realMigrations);

      const { rows } = await conn.db.query(
        `SELECT table_name FROM information_schema.tables WHERE table_schema = $1`,
        [conn.schema],
      );
      const tables = rows.map((r) => r.table_name);
      for (const t of expectedTables) {
        expect(tables).toContain(t);
        expect(await schemaOf(conn.db, t)).toBe(conn.schema);
      }
      const en = await conn.db.query(
        `SELECT n.nspname AS schema FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE t.typname = 'OrgKind'`,
      );
      expect(en.rows.map((r) => r.schema)).toContain(conn.schema);
      // The schema works: FK and enum are enforced.
      await conn.db.exec(
        `INSERT INTO org_unit (id, code, name, search_key, kind, path) VALUES ('00000000-0000-0000-0000-000000000001', 'TLD', 'Tổng LĐLĐVN', 'tong ldldvn', 'confederation', '/TLD/')`,
      );
      await expect(
        conn.db.exec(`INSERT INTO member (id, full_name, org_unit_id) VALUES (gen_random_uuid(), 'x', '00000000-0000-0000-0000-000000000009')`),
      ).rejects.toThrow(/foreign key/);
      expect(await heldAdvisoryLocks(conn.db)).toBe(0);
    });

    it('records each migration like Prisma (checksum = sha256 of the file bytes)', async () => {
      const { rows } = await conn.db.query(
        `SELECT migration_name, checksum, finished_at, rolled_back_at, applied_steps_count, logs FROM _prisma_migrations ORDER BY migration_name`,
      );
      expect(rows.map((r) => r.migration_name)).toEqual(realMigrations);
      for (const r of rows) {
        expect(r.checksum).toBe(sha256(join(MIGRATIONS, r.migration_name, 'migration.sql')));
        expect(r.checksum).toMatch(/^[0-9a-f]{64}$/);
        expect(r.finished_at).not.toBeNull();
        expect(r.rolled_back_at).toBeNull();
        expect(r.applied_steps_count).toBe(1);
        expect(r.logs).toBeNull();
      }
    });

    it('a second run applies nothing', async () => {
      const res = await applyMigrations(conn.db, MIGRATIONS);
      expect(res.applied).toEqual([]);
      const { rows } = await conn.db.query(`SELECT count(*)::int AS n FROM _prisma_migrations`);
      expect(rows[0].n).toBe(realMigrations.length);
    });
  });

  describe('a broken migration', () => {
    let conn: Conn;
    let dir: string;
    const write = (name: string, sql: string) => {
      mkdirSync(join(dir, name), { recursive: true });
      writeFileSync(join(dir, name, 'migration.sql'), sql);
    };
    const exists = async (t: string) => (await schemaOf(conn.db, t)) !== null;
    const rowsOf = async (name: string) =>
      (await conn.db.query(`SELECT * FROM _prisma_migrations WHERE migration_name = $1 ORDER BY started_at`, [name])).rows;

    beforeAll(async () => {
      conn = await backend.open();
      dir = mkdtempSync(join(tmpdir(), 'migrate-test-'));
      write('20260101000000_ok', 'CREATE TABLE "ok_t" ("id" INTEGER NOT NULL);\n');
      write('20260102000000_broken', 'CREATE TABLE "half_t" ("id" INTEGER);\nALTER TABLE "ok_t" ADD COLUMN "x" INTEGER;\nSELECT 1/0;\n');
      write('20260103000000_later', 'CREATE TABLE "later_t" ("id" INTEGER);\n');
    });
    afterAll(async () => {
      await conn?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it('is rolled back, recorded as rolled back, and reported by name', async () => {
      const err = await applyMigrations(conn.db, dir).then(
        () => null,
        (e: Error) => e,
      );
      expect(err).toBeInstanceOf(Error);
      expect(err!.message).toMatch(/20260102000000_broken/);
      expect(err!.message).toMatch(/division by zero/);

      expect(await exists('ok_t')).toBe(true); // the migration before it stays applied
      expect(await exists('half_t')).toBe(false); // nothing of the broken one remains
      const cols = await conn.db.query(`SELECT column_name FROM information_schema.columns WHERE table_name = 'ok_t' AND table_schema = $1`, [conn.schema]);
      expect(cols.rows.map((r) => r.column_name)).toEqual(['id']);
      expect(await exists('later_t')).toBe(false); // and nothing after it ran

      const [row] = await rowsOf('20260102000000_broken');
      expect(row.finished_at).toBeNull();
      expect(row.rolled_back_at).not.toBeNull();
      expect(row.logs).toMatch(/division by zero/);
      expect(row.checksum).toBe(sha256(join(dir, '20260102000000_broken', 'migration.sql')));
      expect((await rowsOf('20260101000000_ok'))[0].finished_at).not.toBeNull();
      expect(await heldAdvisoryLocks(conn.db)).toBe(0); // lock released despite the failure
    });

    it('is retried (like Prisma does with rolled-back migrations) and fails again while unfixed', async () => {
      await expect(applyMigrations(conn.db, dir)).rejects.toThrow(/20260102000000_broken/);
      const rows = await rowsOf('20260102000000_broken');
      expect(rows).toHaveLength(2);
      expect(rows.every((r) => r.rolled_back_at !== null)).toBe(true);
      expect(await heldAdvisoryLocks(conn.db)).toBe(0);
    });

    it('an unfinished, not rolled-back row (as prisma migrate deploy leaves one) blocks every later run until resolved (P3009)', async () => {
      // What Prisma's own deploy leaves behind after a failure: no rolled_back_at.
      await conn.db.query(
        `UPDATE _prisma_migrations SET rolled_back_at = NULL WHERE id = (SELECT id FROM _prisma_migrations WHERE migration_name = $1 ORDER BY started_at DESC LIMIT 1)`,
        ['20260102000000_broken'],
      );
      write('20260102000000_broken', 'CREATE TABLE "half_t" ("id" INTEGER);\n'); // even once fixed

      const refused = applyMigrations(conn.db, dir);
      await expect(refused).rejects.toThrow(/P3009/);
      await expect(refused).rejects.toThrow(/20260102000000_broken/);
      expect(await exists('half_t')).toBe(false);
      expect(await exists('later_t')).toBe(false);
      expect(await heldAdvisoryLocks(conn.db)).toBe(0);

      // Resolving = marking it rolled back (what `prisma migrate resolve --rolled-back` does).
      await conn.db.query(`UPDATE _prisma_migrations SET rolled_back_at = now() WHERE rolled_back_at IS NULL AND finished_at IS NULL`);
      const res = await applyMigrations(conn.db, dir);
      expect(res.applied).toEqual(['20260102000000_broken', '20260103000000_later']);
      expect(await exists('half_t')).toBe(true);
      expect(await exists('later_t')).toBe(true);
      expect((await applyMigrations(conn.db, dir)).applied).toEqual([]);
    });
  });
});

describe('PostgreSQL concurrency', () => {
  it('two runners on the same schema: the advisory lock lets exactly one apply', async () => {
    const schema = await freshPgSchema();
    const [a, b] = [await pgClient(schema), await pgClient(schema)];
    const results = await Promise.all([applyMigrations(wrapPg(a)), applyMigrations(wrapPg(b))]);
    const appliedLists = results.map((r) => r.applied).sort((x, y) => y.length - x.length);
    expect(appliedLists).toEqual([realMigrations, []]);
    const { rows } = await a.query(`SELECT count(*)::int AS n FROM _prisma_migrations`);
    expect(rows[0].n).toBe(realMigrations.length);
    await Promise.all([a.end(), b.end()]);
  });
});

describe('PGlite: a role without CREATE on the database (owns only its schema)', () => {
  it('still applies the initial migration despite its CREATE SCHEMA IF NOT EXISTS "public"', async () => {
    const db = await emptyPglite();
    try {
      await db.exec(`CREATE ROLE app; CREATE SCHEMA app_s AUTHORIZATION app; SET ROLE app; SET search_path = app_s;`);
      // The premise: run as is, that line fails for this role.
      await expect(db.exec(`CREATE SCHEMA IF NOT EXISTS "public";`)).rejects.toThrow(/permission denied/);
      const m: MigrationDb = { query: (sql, params) => db.query(sql, params), exec: async (sql) => void (await db.exec(sql)) };
      expect((await applyMigrations(m)).applied).toEqual(realMigrations);
      expect(await schemaOf(m, 'org_unit')).toBe('app_s');
      const { rows } = await m.query(`SELECT migration_name, checksum FROM _prisma_migrations ORDER BY migration_name`);
      for (const r of rows) expect(r.checksum).toBe(sha256(join(MIGRATIONS, r.migration_name, 'migration.sql')));
    } finally {
      await db.close();
    }
  });
});
