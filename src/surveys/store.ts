import { createHash } from 'node:crypto';
import type { Prisma } from '../generated/prisma/client.ts';
import { surveySchema, type Survey } from './schema.ts';

type Db = Prisma.TransactionClient;

export interface StoreResult {
  inserted: number;
  updated: number;
  unchanged: number;
  /** target unit codes that are not in the org tree: the survey would reach nobody there */
  unknownUnits: Array<{ survey: string; code: string }>;
}

const hashOf = (s: Survey) => createHash('sha256').update(JSON.stringify(s)).digest('hex');

/** Upserts validated surveys; a survey removed from content stays (its responses remain readable). */
export async function storeSurveys(db: Db, surveys: Survey[], now: Date): Promise<StoreResult> {
  const result: StoreResult = { inserted: 0, updated: 0, unchanged: 0, unknownUnits: [] };
  const codes = [...new Set(surveys.flatMap((s) => s.target.units))];
  const known = new Set((await db.orgUnit.findMany({ where: { code: { in: codes } }, select: { code: true } })).map((u) => u.code));
  for (const s of surveys) {
    for (const code of s.target.units) if (!known.has(code)) result.unknownUnits.push({ survey: s.id, code });
    const contentHash = hashOf(s);
    const existing = await db.survey.findUnique({ where: { id: s.id }, select: { contentHash: true } });
    if (existing?.contentHash === contentHash) {
      result.unchanged++;
      continue;
    }
    const data = {
      definition: s as unknown as Prisma.InputJsonValue,
      opensAt: new Date(s.opens_at),
      closesAt: new Date(s.closes_at),
      anonymous: s.anonymous,
      membersOnly: s.target.audience === 'members',
      contentHash,
      updatedAt: now,
    };
    await db.survey.upsert({ where: { id: s.id }, create: { id: s.id, ...data }, update: data });
    if (existing) result.updated++;
    else result.inserted++;
  }
  return result;
}

/** The stored definition, re-validated: a row written by an older schema must not crash a turn. */
export async function getSurvey(db: Db, id: string): Promise<Survey | null> {
  const row = await db.survey.findUnique({ where: { id }, select: { definition: true } });
  if (!row) return null;
  const r = surveySchema.safeParse(row.definition);
  return r.success ? r.data : null;
}

export async function surveysOpenAt(db: Db, now: Date): Promise<Survey[]> {
  const rows = await db.survey.findMany({
    where: { opensAt: { lte: now }, closesAt: { gt: now } },
    orderBy: [{ closesAt: 'asc' }, { id: 'asc' }],
    select: { definition: true },
  });
  return rows.flatMap((r) => {
    const p = surveySchema.safeParse(r.definition);
    return p.success ? [p.data] : [];
  });
}

export const isOpen = (s: Survey, now: Date): boolean =>
  Date.parse(s.opens_at) <= now.getTime() && now.getTime() < Date.parse(s.closes_at);
