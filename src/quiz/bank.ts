import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { projectRoot } from '../paths.ts';

/**
 * The question bank: content files in content/quiz/bank/*.yaml, checked with zod so a typo in
 * an answer letter fails CI instead of marking every contestant wrong.
 */
const text = z.object({ vi: z.string().min(1), en: z.string().min(1).optional() }).strict();
const LETTERS = ['A', 'B', 'C', 'D', 'E', 'F'] as const;
const letter = z.enum(LETTERS);

const common = {
  id: z.string().regex(/^[a-z0-9][a-z0-9-]{1,39}$/, 'id: lower case letters, digits and dashes, ≤ 40 characters'),
  question: text,
  explanation: text,
  /** the article of law the answer rests on, e.g. "Điều 98 khoản 1 Bộ luật Lao động 2019" */
  article: z.string().min(5),
};

const rawQuestion = z.discriminatedUnion('kind', [
  z.object({ ...common, kind: z.literal('single'), options: z.array(text).min(2).max(6), answer: letter }).strict(),
  z.object({ ...common, kind: z.literal('multiple'), options: z.array(text).min(3).max(6), answer: z.array(letter).min(2) }).strict(),
  z.object({ ...common, kind: z.literal('truefalse'), answer: z.boolean() }).strict(),
]);

export const bankFileSchema = z
  .object({
    topic: z.enum(['labour-code', 'social-insurance', 'trade-union', 'employment']),
    questions: z.array(rawQuestion).min(1),
  })
  .strict();

export type Text = z.infer<typeof text>;
export type QuestionKind = 'single' | 'multiple' | 'truefalse';

/** A question as the quiz runs it: options always present, answers as 0-based indexes. */
export interface QuizQuestion {
  id: string;
  topic: string;
  kind: QuestionKind;
  question: Text;
  /** for true/false: [true, false] texts come from the locale, these are only placeholders */
  options: Text[];
  correct: number[];
  explanation: Text;
  article: string;
}

const TRUE_FALSE: Text[] = [
  { vi: 'Đúng', en: 'True' },
  { vi: 'Sai', en: 'False' },
];

export class BankError extends Error {}

function toQuestion(topic: string, q: z.infer<typeof rawQuestion>, where: string): QuizQuestion {
  const base = { id: q.id, topic, kind: q.kind, question: q.question, explanation: q.explanation, article: q.article };
  if (q.kind === 'truefalse') return { ...base, options: TRUE_FALSE, correct: [q.answer ? 0 : 1] };
  const answers = q.kind === 'single' ? [q.answer] : q.answer;
  const correct = answers.map((a) => LETTERS.indexOf(a));
  for (const [i, c] of correct.entries()) {
    if (c >= q.options.length) throw new BankError(`${where}: question ${q.id}: answer ${answers[i]} names no option`);
  }
  if (new Set(correct).size !== correct.length) throw new BankError(`${where}: question ${q.id}: an answer is listed twice`);
  if (q.kind === 'multiple' && correct.length >= q.options.length) {
    throw new BankError(`${where}: question ${q.id}: a multiple-choice question needs at least one wrong option`);
  }
  return { ...base, options: q.options, correct: [...correct].sort((a, b) => a - b) };
}

/** Parses one bank file's text; `where` names it in errors. */
export function parseBankFile(source: string, where: string): QuizQuestion[] {
  const parsed = bankFileSchema.safeParse(parseYaml(source));
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new BankError(`${where}: ${issues}`);
  }
  return parsed.data.questions.map((q) => toQuestion(parsed.data.topic, q, where));
}

export const BANK_DIR = join(projectRoot, 'content/quiz/bank');

export function loadBank(dir = BANK_DIR): QuizQuestion[] {
  const all: QuizQuestion[] = [];
  const seen = new Set<string>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.yaml')).sort()) {
    for (const q of parseBankFile(readFileSync(join(dir, file), 'utf8'), file)) {
      if (seen.has(q.id)) throw new BankError(`${file}: question id ${q.id} is used twice in the bank`);
      seen.add(q.id);
      all.push(q);
    }
  }
  return all;
}

let cached: QuizQuestion[] | undefined;
/** The shipped bank, read once per process (content changes ship with a deploy). */
export function bank(): QuizQuestion[] {
  cached ??= loadBank();
  return cached;
}

export const textIn = (t: Text, locale: string): string => (locale === 'en' && t.en ? t.en : t.vi);
