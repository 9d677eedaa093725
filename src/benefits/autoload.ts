import { resolve } from 'node:path';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { projectRoot } from '../paths.ts';
import { DEFAULT_CONTENT_DIR } from './cli.ts';
import { loadCatalog, type LoadResult } from './load.ts';
import { formatCatalogError, readCatalog } from './read.ts';

/**
 * For start-up: a fresh database (demo, first deploy) gets the repo's programmes so the benefits
 * menu is not empty. Never reloads a database that has programmes: after the first load, changes
 * go through `benefits:load`, where staff see the report. Invalid content is skipped with the
 * errors returned, never a crash of the server.
 */
export async function loadBenefitsIfEmpty(
  prisma: PrismaClient,
  dir = resolve(projectRoot, DEFAULT_CONTENT_DIR),
): Promise<{ loaded: LoadResult | null; errors: string[] }> {
  if ((await prisma.benefitProgramme.count()) > 0) return { loaded: null, errors: [] };
  const catalog = readCatalog(dir);
  if (catalog.errors.length > 0) return { loaded: null, errors: catalog.errors.map(formatCatalogError) };
  return { loaded: await loadCatalog(prisma, catalog.entries), errors: [] };
}
