import { bank, type QuizQuestion } from './bank.ts';
import { loadContestFiles, upsertContest, type ContestDef } from './contests.ts';
import type { Prisma } from '../generated/prisma/client.ts';

/** Everything under content/quiz, validated together: the bank, then the contests that use it. */
export function validateQuizContent(): { questions: QuizQuestion[]; contests: ContestDef[] } {
  const questions = bank();
  return { questions, contests: loadContestFiles(questions) };
}

/** `quiz:load`: writes every contest definition (with its question snapshot) to the database. */
export async function loadQuizContent(db: Prisma.TransactionClient): Promise<{ questions: number; contests: number }> {
  const { questions, contests } = validateQuizContent();
  for (const c of contests) await upsertContest(db, c);
  return { questions: questions.length, contests: contests.length };
}
