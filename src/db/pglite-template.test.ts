/**
 * The test run's in-memory databases start as copies of one migrated data folder
 * (test/pglite-template.ts). A copy must be what initdb + migrations would give: every migration
 * recorded, no rows, and independent of every other copy.
 */
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { openDatabase, type Database } from './client.ts';
import { PGLITE_TEMPLATE_ENV } from './pglite-template.ts';
import { writePgliteTemplates } from '../../test/pglite-template.ts';

const MIGRATIONS = readdirSync(fileURLToPath(new URL('../../prisma/migrations', import.meta.url)), { withFileTypes: true })
  .filter((d) => d.isDirectory())
  .map((d) => d.name)
  .sort();

let dir: string | undefined;
let a: Database;
let b: Database;

beforeAll(async () => {
  // the run's template when the global setup made one (it is switched off by an empty value)
  if (!process.env[PGLITE_TEMPLATE_ENV]) {
    dir = mkdtempSync(join(tmpdir(), 'ua-pglite-template-test-'));
    process.env[PGLITE_TEMPLATE_ENV] = (await writePgliteTemplates(dir)).migrated;
  }
  a = await openDatabase({ dataDir: 'memory://' });
  b = await openDatabase({ dataDir: 'memory://' });
});

afterAll(async () => {
  await a?.close();
  await b?.close();
  if (dir) {
    delete process.env[PGLITE_TEMPLATE_ENV];
    rmSync(dir, { recursive: true, force: true });
  }
});

it('starts with every migration applied, so migrate() has nothing left to do', async () => {
  expect(await a.migrate()).toEqual([]);
  const rows = await a.sql.query<{ migration_name: string }>(
    `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name`,
  );
  expect(rows.map((r) => r.migration_name)).toEqual(MIGRATIONS);
});

it('holds no rows: the demo seed and every test write their own', async () => {
  expect(await a.prisma.orgUnit.count()).toBe(0);
  expect(await a.prisma.officer.count()).toBe(0);
});

it('is a copy: what one database writes, another never sees', async () => {
  await a.prisma.orgUnit.create({ data: { code: 'TPL-1', name: 'Copy check', searchKey: 'copy check', kind: 'confederation', path: '/TPL-1/' } });
  expect(await a.prisma.orgUnit.count()).toBe(1);
  expect(await b.prisma.orgUnit.count()).toBe(0);
});
