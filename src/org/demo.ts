/**
 * The demo org tree every fresh install gets (SEED_DEMO): root, the 34 provincial federations,
 * a few sector unions and about 40 grassroots units, including DEMO_UNITS. Safe to call on every
 * start: the load is idempotent and costs two small queries once the tree is there.
 */
import type { Logger } from '../logger.ts';
import { loadOrgTree, type LoadResult } from './load.ts';
import type { OrgDb } from './search.ts';
import { generateOrgTree } from './seed-data.ts';

export async function ensureDemoOrgTree(db: OrgDb, log?: Pick<Logger, 'info'>): Promise<LoadResult> {
  const result = await loadOrgTree(db, generateOrgTree({ size: 'demo' }));
  if (result.inserted > 0 || result.updated > 0) log?.info({ ...result }, 'demo org tree loaded');
  return result;
}
