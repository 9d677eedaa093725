import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import type { Prisma } from '../generated/prisma/client.ts';
import { projectRoot } from '../paths.ts';
import { BankError, type QuizQuestion, type Text } from './bank.ts';

/** A contest as content: content/quiz/contests/*.yaml, loaded into the database by `quiz:load`. */
const text = z.object({ vi: z.string().min(1), en: z.string().min(1).optional() }).strict();
export const contestFileSchema = z
  .object({
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/),
    title: text,
    organizer: z.string().min(1),
    opens: z.coerce.date(),
    closes: z.coerce.date(),
    timeLimitMinutes: z.number().int().min(1).max(180),
    attemptsPerPerson: z.number().int().min(1).max(5).default(1),
    questions: z.array(z.string()).min(1).max(60),
    prediction: text.optional(),
  })
  .strict()
  .refine((c) => c.closes > c.opens, { message: 'closes must be after opens', path: ['closes'] })
  .refine((c) => new Set(c.questions).size === c.questions.length, { message: 'a question is listed twice', path: ['questions'] });

export type ContestFile = z.infer<typeof contestFileSchema>;

export interface ContestDef {
  id: string;
  title: Text;
  organizerCode: string;
  opensAt: Date;
  closesAt: Date;
  timeLimitSec: number;
  attemptsPerPerson: number;
  questions: QuizQuestion[];
  prediction: Text | null;
}

export function parseContestFile(source: string, where: string, bank: QuizQuestion[]): ContestDef {
  const parsed = contestFileSchema.safeParse(parseYaml(source));
  if (!parsed.success) {
    throw new BankError(`${where}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  }
  const c = parsed.data;
  const byId = new Map(bank.map((q) => [q.id, q]));
  const questions = c.questions.map((id) => {
    const q = byId.get(id);
    if (!q) throw new BankError(`${where}: question ${id} is not in the bank`);
    return q;
  });
  return {
    id: c.id,
    title: c.title,
    organizerCode: c.organizer,
    opensAt: c.opens,
    closesAt: c.closes,
    timeLimitSec: c.timeLimitMinutes * 60,
    attemptsPerPerson: c.attemptsPerPerson,
    questions,
    prediction: c.prediction ?? null,
  };
}

export const CONTEST_DIR = join(projectRoot, 'content/quiz/contests');

export function loadContestFiles(bank: QuizQuestion[], dir = CONTEST_DIR): ContestDef[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .map((f) => parseContestFile(readFileSync(join(dir, f), 'utf8'), f, bank));
}

/** Creates or updates a contest row (the question snapshot included). */
export async function upsertContest(db: Prisma.TransactionClient, def: ContestDef): Promise<void> {
  const data = {
    title: def.title.vi,
    titleEn: def.title.en ?? null,
    organizerCode: def.organizerCode,
    opensAt: def.opensAt,
    closesAt: def.closesAt,
    timeLimitSec: def.timeLimitSec,
    attemptsPerPerson: def.attemptsPerPerson,
    questions: def.questions as unknown as Prisma.InputJsonValue,
    prediction: (def.prediction ?? undefined) as Prisma.InputJsonValue | undefined,
  };
  await db.contest.upsert({ where: { id: def.id }, create: { id: def.id, ...data }, update: data });
}
