import type { PrismaClient } from '../generated/prisma/client.ts';
import type { Logger } from '../logger.ts';
import { ensureDemoOrgTree } from '../org/demo.ts';
import { loadBenefitsIfEmpty } from '../benefits/autoload.ts';
import { ensureContentSurveys } from '../surveys/seed.ts';
import { SURVEY_DIR } from '../surveys/cli.ts';
import { loadQuizContent } from '../quiz/content.ts';

/**
 * What a fresh `npm start` loads so every menu entry has something behind it: the demo org tree,
 * then the repo's content (benefit programmes, surveys, contests). Content already in the database is
 * left alone; later changes go through the CLI (`benefits:load`, `survey:load`, ...), where staff
 * see the validation report.
 */
export async function ensureDemoContent(
  prisma: PrismaClient,
  now: Date,
  log: Logger,
  what: { orgTree: boolean; content: boolean },
): Promise<void> {
  if (what.orgTree) await ensureDemoOrgTree(prisma, log);
  if (!what.content) return;
  const benefits = await loadBenefitsIfEmpty(prisma);
  for (const e of benefits.errors) log.warn({ error: e }, 'benefit content not loaded');
  await ensureContentSurveys(prisma, SURVEY_DIR, now, log);
  if ((await prisma.contest.count()) === 0) await loadQuizContent(prisma);
}
