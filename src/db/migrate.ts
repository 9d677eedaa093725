// Applies prisma/migrations/*/migration.sql at start-up without Prisma's native schema engine
// (it cannot be downloaded here, see STACK.md 2(c)). It keeps Prisma's `_prisma_migrations` table
// exactly as `prisma migrate deploy` does, so either tool can take over a database from the other.
import { createHash, randomUUID } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * One database session. Must be a single connection (pg.Client, a checked-out PoolClient or PGlite),
 * never a pg.Pool: the advisory lock and BEGIN/COMMIT are per session.
 * `exec` runs a multi-statement script (simple protocol); `query` one statement with parameters.
 */
export interface MigrationDb {
  query(sql: string, params?: unknown[]): Promise<{ rows: any[] }>;
  exec(sql: string): Promise<void>;
}

const DEFAULT_DIR = fileURLToPath(new URL('../../prisma/migrations', import.meta.url));

// Prisma's own advisory lock key, so this runner and `prisma migrate deploy` exclude each other.
const LOCK_KEY = 72707369;

// Byte-for-byte Prisma's DDL (schema engine, PostgreSQL flavour); IF NOT EXISTS is safe under the lock.
// Unqualified on purpose: like every migration file it lands in the first schema of search_path.
const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);`;

// Prisma's first migration starts with `CREATE SCHEMA IF NOT EXISTS "public";`. PostgreSQL checks the
// database-level CREATE privilege before it sees that the schema exists, so a role that only owns its
// own schema would fail on what is a no-op. Such statements are skipped when the schema exists; only
// the executed text changes, the checksum stays the file's. (Tables are unqualified, so with a
// search_path of another schema they land there; this line then only concerns "public".)
async function skipNoopCreateSchema(db: MigrationDb, sql: string): Promise<string> {
  for (const m of sql.matchAll(/^CREATE SCHEMA IF NOT EXISTS "((?:[^"]|"")+)";[ \t]*$/gm)) {
    const { rows } = await db.query('SELECT 1 FROM pg_namespace WHERE nspname = $1', [m[1]!.replace(/""/g, '"')]);
    if (rows.length > 0) sql = sql.replace(m[0], `-- skipped, schema exists: ${m[0]}`);
  }
  return sql;
}

export async function applyMigrations(db: MigrationDb, dir: string = DEFAULT_DIR): Promise<{ applied: string[] }> {
  // Prisma applies folders in lexical order of their names (the timestamp prefix).
  const names = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'migration.sql')))
        .map((d) => d.name)
        .sort()
    : [];
  const applied: string[] = [];

  await db.query(`SELECT pg_advisory_lock(${LOCK_KEY})`);
  let failing = false;
  try {
    await db.exec(CREATE_TABLE);
    const { rows } = await db.query(
      'SELECT id, migration_name, started_at, finished_at, rolled_back_at FROM _prisma_migrations ORDER BY started_at',
    );

    // A row neither finished nor rolled back means a migration may be half-applied (Prisma's deploy does
    // not use a transaction). Like Prisma's P3009, stop until a human has checked and resolved it.
    const failed = rows.find((r) => r.finished_at == null && r.rolled_back_at == null);
    if (failed) {
      throw Object.assign(
        new Error(
          `P3009: migrate found failed migrations in the target database, new migrations will not be applied. ` +
            `The \`${failed.migration_name}\` migration started at ${new Date(failed.started_at).toISOString()} failed. ` +
            `Check the database, then mark it rolled back (\`prisma migrate resolve --rolled-back ${failed.migration_name}\`, ` +
            `or UPDATE _prisma_migrations SET rolled_back_at = now() WHERE id = '${failed.id}').`,
        ),
        { code: 'P3009', migration: failed.migration_name as string },
      );
    }
    // Rolled-back rows do not count: Prisma re-applies those migrations too.
    const done = new Set(rows.filter((r) => r.finished_at != null && r.rolled_back_at == null).map((r) => r.migration_name));

    for (const name of names.filter((n) => !done.has(n))) {
      const bytes = readFileSync(join(dir, name, 'migration.sql'));
      // Prisma's checksum: SHA-256 of the file bytes as written (no line-ending normalisation).
      const checksum = createHash('sha256').update(bytes).digest('hex');
      const id = randomUUID();
      // Unlike Prisma, the file and its history row share one transaction: a failure or a crash leaves
      // no half-applied schema behind. (So a migration must not contain statements that refuse to run
      // in a transaction block, e.g. CREATE INDEX CONCURRENTLY, nor its own BEGIN/COMMIT.)
      await db.exec('BEGIN');
      try {
        await db.query(
          'INSERT INTO _prisma_migrations (id, checksum, migration_name, started_at, applied_steps_count) VALUES ($1, $2, $3, now(), 0)',
          [id, checksum, name],
        );
        await db.exec(await skipNoopCreateSchema(db, bytes.toString('utf8')));
        await db.query(
          'UPDATE _prisma_migrations SET finished_at = clock_timestamp(), applied_steps_count = 1 WHERE id = $1',
          [id],
        );
        await db.exec('COMMIT');
        applied.push(name);
      } catch (err) {
        await db.exec('ROLLBACK').catch(() => {});
        const e = err as Error & { code?: string };
        const logs = `Migration name: ${name}\n\nDatabase error code: ${e.code ?? 'unknown'}\n\nDatabase error:\n${e.message}`;
        // Recorded after the rollback, hence as rolled back: nothing of it stayed, and a later run (or
        // `prisma migrate deploy`) retries it once the file is fixed.
        await db
          .query(
            'INSERT INTO _prisma_migrations (id, checksum, migration_name, logs, rolled_back_at, applied_steps_count) VALUES ($1, $2, $3, $4, now(), 0)',
            [id, checksum, name, logs],
          )
          .catch(() => {}); // e.g. the connection died: the migration's own error matters more
        throw Object.assign(new Error(`migration ${name} failed and was rolled back: ${e.message}`, { cause: err }), {
          migration: name,
        });
      }
    }
    return { applied };
  } catch (err) {
    failing = true;
    throw err;
  } finally {
    // Also after a failure, or the next start-up (or prisma) would wait on the lock forever. An unlock
    // error must not hide the error that got us here.
    const unlock = db.query(`SELECT pg_advisory_unlock(${LOCK_KEY})`);
    await (failing ? unlock.catch(() => {}) : unlock);
  }
}
