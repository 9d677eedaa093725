import type { Prisma } from '../generated/prisma/client.ts';
import type { Keyring } from '../security/crypto.ts';
import type { Answers } from './responses.ts';
import { computeResults, type ResponseRow, type SurveyResults } from './results.ts';
import type { Survey } from './schema.ts';
import { getSurvey } from './store.ts';

type Db = Prisma.TransactionClient;

export interface Report {
  survey: Survey;
  results: SurveyResults;
  /** display names of the province and unit groups shown */
  names: Map<string, string>;
}

/**
 * Reads and tallies one survey's responses for an officer. Opening the sealed free text is a read
 * of what workers wrote, so it leaves an audit row naming who asked.
 */
export async function surveyReport(db: Db, keyring: Keyring, surveyId: string, actor: { type: string; id: string }, now: Date): Promise<Report | null> {
  const survey = await getSurvey(db, surveyId);
  if (!survey) return null;
  const textIds = new Set(survey.questions.filter((q) => q.type === 'text').map((q) => q.id));
  const stored = await db.surveyResponse.findMany({
    where: { surveyId },
    select: { provinceCode: true, orgUnitCode: true, answers: true },
  });
  const rows: ResponseRow[] = stored.map((s) => {
    const answers = { ...(s.answers as Answers) };
    for (const id of textIds) {
      const v = answers[id];
      if (typeof v === 'string') answers[id] = keyring.open(v);
    }
    return { provinceCode: s.provinceCode, orgUnitCode: s.orgUnitCode, answers };
  });
  const results = computeResults(survey, rows);
  const unitCodes = results.byUnit.groups.map((g) => g.key);
  const provinceCodes = results.byProvince.groups.map((g) => g.key);
  const units = await db.orgUnit.findMany({
    where: { OR: [{ code: { in: unitCodes } }, { code: { in: provinceCodes.map((p) => `P${p}`) } }] },
    select: { code: true, name: true },
  });
  const names = new Map<string, string>();
  for (const u of units) {
    names.set(u.code, u.name);
    if (/^P\d+$/.test(u.code)) names.set(`province:${u.code.slice(1)}`, u.name);
  }
  await db.auditLog.create({
    data: {
      at: now,
      actorType: actor.type,
      actorId: actor.id,
      action: 'survey.results_read',
      entity: 'survey',
      entityId: surveyId,
      details: { respondents: results.respondents },
    },
  });
  return { survey, results, names };
}
