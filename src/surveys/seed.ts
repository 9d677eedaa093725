import type { Prisma } from '../generated/prisma/client.ts';
import type { Logger } from '../logger.ts';
import { formatProblem, loadSurveyDir } from './loader.ts';
import { storeSurveys, type StoreResult } from './store.ts';

/**
 * For start-up in demo mode (SEED_DEMO), next to the demo org tree: the surveys of
 * content/surveys, so a fresh install can be tried without `survey:load`. A broken file is
 * logged and skipped, never fatal: the other surveys still load.
 */
export async function ensureContentSurveys(db: Prisma.TransactionClient, dir: string, now: Date, log?: Pick<Logger, 'info' | 'warn'>): Promise<StoreResult> {
  const { surveys, problems } = loadSurveyDir(dir);
  for (const p of problems) log?.warn({ problem: formatProblem(p) }, 'survey content file skipped');
  const result = await storeSurveys(db, surveys, now);
  if (result.inserted > 0 || result.updated > 0) log?.info({ inserted: result.inserted, updated: result.updated }, 'content surveys loaded');
  return result;
}
