/**
 * Vitest global setup: one migrated in-memory database for the whole run, written as a tarball
 * (and the empty cluster it started as, for tests that apply migrations themselves).
 *
 * Each in-memory PGlite otherwise runs initdb and all migrations when a test opens it: ≈4-5 s of
 * CPU on this machine, paid by every test file that opens an embedded database (and by every
 * test in files that open one per test). Starting from a copy of the data folder costs a fraction
 * of that (src/db/pglite-template.ts). Built here, from this checkout's migrations, at the start of
 * every run: never a stale copy. Vitest's workers inherit the variables.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { applyMigrations } from '../src/db/migrate.ts';
import { emptyTemplate, PGLITE_EMPTY_ENV, PGLITE_TEMPLATE_ENV } from '../src/db/pglite-template.ts';

export async function writePgliteTemplates(dir: string): Promise<{ empty: string; migrated: string }> {
  const pglite = new PGlite();
  await pglite.waitReady;
  // uncompressed: unpacking gzip in every test file would cost more than the bytes save
  const write = async (name: string) => {
    const file = join(dir, name);
    writeFileSync(file, new Uint8Array(await (await pglite.dumpDataDir('none')).arrayBuffer()));
    return file;
  };
  const empty = await write('empty-pgdata.tar');
  await applyMigrations({
    query: (sql, params) => pglite.query(sql, params as unknown[] | undefined),
    exec: async (sql) => {
      await pglite.exec(sql);
    },
  });
  const migrated = await write('migrated-pgdata.tar');
  await pglite.close();
  return { empty, migrated };
}

/** A new in-memory PGlite with nothing in it, like `new PGlite()`, without initdb when the run has a template. */
export async function emptyPglite(): Promise<PGlite> {
  const template = emptyTemplate();
  const pglite = template ? new PGlite({ loadDataDir: template }) : new PGlite();
  await pglite.waitReady;
  return pglite;
}

export default async function setup(): Promise<() => void> {
  // An explicitly empty value switches the templates off (to compare, or to test initdb itself).
  if (process.env[PGLITE_TEMPLATE_ENV] !== undefined) return () => {};
  const dir = mkdtempSync(join(tmpdir(), 'ua-pglite-template-'));
  const { empty, migrated } = await writePgliteTemplates(dir);
  process.env[PGLITE_EMPTY_ENV] = empty;
  process.env[PGLITE_TEMPLATE_ENV] = migrated;
  return () => {
    delete process.env[PGLITE_EMPTY_ENV];
    delete process.env[PGLITE_TEMPLATE_ENV];
    rmSync(dir, { recursive: true, force: true });
  };
}
