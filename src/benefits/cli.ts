import type { Command } from 'commander';
import { resolve } from 'node:path';
import { loadConfig } from '../config.ts';
import { openDatabase } from '../db/client.ts';
import { projectRoot } from '../paths.ts';
import { loadCatalog } from './load.ts';
import { formatCatalogError, readCatalog, type Catalog } from './read.ts';

export const DEFAULT_CONTENT_DIR = 'content/benefits';

function readOrReport(dir: string): Catalog | null {
  const catalog = readCatalog(resolve(projectRoot, dir));
  if (catalog.errors.length === 0) return catalog;
  for (const e of catalog.errors) console.error(formatCatalogError(e));
  console.error(`${catalog.errors.length} error(s) in ${dir}: nothing loaded`);
  process.exitCode = 1;
  return null;
}

/** `benefits:validate` (CI, no database) and `benefits:load` (validate, then make the DB match). */
export function registerBenefitCommands(program: Command): void {
  program
    .command('benefits:validate')
    .description('validate every benefit programme file (content/benefits) without touching the database')
    .option('--dir <dir>', 'content folder', DEFAULT_CONTENT_DIR)
    .action((opts: { dir: string }) => {
      const catalog = readOrReport(opts.dir);
      if (catalog) console.log(`${catalog.entries.length} programmes valid in ${opts.dir}`);
    });

  program
    .command('benefits:load')
    .description('validate and load benefit programmes; programmes removed from the folder become inactive')
    .option('--dir <dir>', 'content folder', DEFAULT_CONTENT_DIR)
    .action(async (opts: { dir: string }) => {
      const catalog = readOrReport(opts.dir);
      if (!catalog) return;
      const config = loadConfig();
      const db = await openDatabase({ url: config.DATABASE_URL, schema: config.DATABASE_SCHEMA, poolMax: 2, dataDir: config.dataDir });
      try {
        await db.migrate();
        const r = await loadCatalog(db.prisma, catalog.entries);
        for (const u of r.unknownUnits) console.warn(`warning: programme ${u.id}: unit ${u.code} is not in the org tree (seed it first)`);
        console.log(
          `benefits: ${r.inserted} inserted, ${r.updated} updated, ${r.unchanged} unchanged, ${r.deactivated.length} made inactive` +
            (r.deactivated.length ? ` (${r.deactivated.join(', ')})` : ''),
        );
      } finally {
        await db.close();
      }
    });
}
