import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { PGlite } from '@electric-sql/pglite';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '../generated/prisma/client.ts';
import { applyMigrations, type MigrationDb } from './migrate.ts';
import { memoryTemplate } from './pglite-template.ts';

/**
 * Raw SQL on the same database, for the hot pipeline statements: one Prisma query costs about
 * 0.5 ms of CPU more than the same statement through `pg` (STACK.md), and the pipeline runs
 * ~10 statements a message. Domain code uses Prisma. int8 columns come back as strings: cast
 * what you need in SQL (`id::text`).
 */
export interface Sql {
  query<T = Record<string, any>>(text: string, params?: unknown[]): Promise<T[]>;
  /**
   * Runs `fn` in one transaction on one connection (commit on return, rollback on throw). Absent
   * on an Sql that is already bound to a transaction: `inTransaction` then runs `fn` on it as is.
   */
  transaction?<T>(fn: (tx: Sql) => Promise<T>): Promise<T>;
}

/** `fn` inside a transaction: a new one, or the one `sql` is already bound to. */
export function inTransaction<T>(sql: Sql, fn: (tx: Sql) => Promise<T>): Promise<T> {
  return sql.transaction ? sql.transaction(fn) : fn(sql);
}

export interface Database {
  kind: 'postgres' | 'pglite';
  prisma: PrismaClient;
  sql: Sql;
  /** applies pending migrations (idempotent, safe with several processes: advisory lock) */
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

export interface DatabaseOptions {
  url?: string;
  schema?: string;
  poolMax?: number;
  /** folder of the embedded database when url is not set; 'memory://' for an in-memory one */
  dataDir: string;
}

export async function openDatabase(opts: DatabaseOptions): Promise<Database> {
  return opts.url ? openPostgres(opts.url, opts) : openPglite(opts.dataDir);
}

async function openPostgres(url: string, opts: DatabaseOptions): Promise<Database> {
  const schema = opts.schema;
  const poolConfig: pg.PoolConfig = {
    connectionString: url,
    max: opts.poolMax ?? 10,
    ...(schema ? { options: `-c search_path=${schema}` } : {}),
  };
  const pool = new pg.Pool(poolConfig);
  // An idle client's error (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  const prisma = new PrismaClient({ adapter: new PrismaPg(pool, schema ? { schema } : undefined) });
  return {
    kind: 'postgres',
    prisma,
    sql: {
      query: async (text, params) => (await pool.query(text, params as unknown[])).rows,
      async transaction(fn) {
        const client = await pool.connect();
        try {
          await client.query('BEGIN');
          const out = await fn({ query: async (text, params) => (await client.query(text, params as unknown[])).rows });
          await client.query('COMMIT');
          return out;
        } catch (err) {
          await client.query('ROLLBACK').catch(() => {});
          throw err;
        } finally {
          client.release();
        }
      },
    },
    async migrate() {
      const client = await pool.connect();
      try {
        if (schema) await client.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
        const db: MigrationDb = {
          query: (sql, params) => client.query(sql, params as unknown[]),
          exec: async (sql) => {
            await client.query(sql);
          },
        };
        return (await applyMigrations(db)).applied;
      } finally {
        client.release();
      }
    },
    async close() {
      await prisma.$disconnect();
      await pool.end().catch(() => {});
    },
  };
}

async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir === 'memory://';
  let releaseLock = () => {};
  if (!inMemory) {
    mkdirSync(dataDir, { recursive: true });
    releaseLock = takeLock(join(dataDir, 'pglite.lock'));
  }
  // under test, a copy of the run's migrated data folder instead of initdb (src/db/pglite-template.ts)
  const template = inMemory ? memoryTemplate() : undefined;
  const pglite = inMemory ? new PGlite(template ? { loadDataDir: template } : {}) : new PGlite(join(dataDir, 'pglite'));
  await pglite.waitReady;
  const prisma = new PrismaClient({ adapter: new PrismaPGlite(pglite) });
  return {
    kind: 'pglite',
    prisma,
    // PGlite runs one statement at a time and waits for any open transaction (Prisma's included).
    sql: {
      query: async (text, params) => (await pglite.query(text, params as unknown[])).rows as any[],
      transaction: (fn) => pglite.transaction((t) => fn({ query: async (text, params) => (await t.query(text, params as unknown[])).rows as any[] })),
    },
    async migrate() {
      const db: MigrationDb = {
        query: (sql, params) => pglite.query(sql, params as unknown[]),
        exec: async (sql) => {
          await pglite.exec(sql);
        },
      };
      return (await applyMigrations(db)).applied;
    },
    async close() {
      await prisma.$disconnect();
      await pglite.close();
      releaseLock();
    },
  };
}

/**
 * PGlite is one Postgres backend in this process: a second process opening the same folder
 * silently loses rows (STACK.md). A lock file with our pid refuses that; a stale lock left by a
 * killed process (its pid no longer runs) is taken over.
 */
function takeLock(file: string): () => void {
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = openSync(file, 'wx');
      writeSync(fd, String(process.pid));
      closeSync(fd);
      return () => rmSync(file, { force: true });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const pid = Number(readFileSync(file, 'utf8'));
      if (pid && pid !== process.pid && isRunning(pid)) {
        throw new Error(
          `The embedded database in ${file.replace(/\/pglite\.lock$/, '')} is in use by process ${pid}. ` +
            'Only one process may open it; set DATABASE_URL to run several processes.',
        );
      }
      rmSync(file, { force: true });
    }
  }
  throw new Error(`could not take the lock ${file}`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

