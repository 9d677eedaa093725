import type { FlowContext } from '../../src/flowkit/types.ts';
import type { Participant } from '../../src/quiz/service.ts';
import type { LayoutItem } from '../../src/quiz/shuffle.ts';
import type { QuizQuestion } from '../../src/quiz/bank.ts';
import type { ContestRow } from '../../src/quiz/service.ts';

/**
 * The contest flow's answers in the conversation state. The phone is sealed (personal data);
 * the rest is what the attempt row holds anyway.
 */
export interface ContestAnswers {
  contestId?: string;
  participant?: Participant;
  name?: string;
  /** sealed E.164 */
  phone?: string;
  unit?: string;
  predictionPrompt?: string;
  prediction?: number;
  attemptId?: string;
  layout?: LayoutItem[];
  pos?: number;
  picked?: number[];
  /** the question on screen, from the contest's snapshot (prompts cannot read the database) */
  current?: QuizQuestion;
  shownAt?: string;
  deadlineAt?: string;
}

export const contestAnswers = (ctx: FlowContext) => ctx.answers as ContestAnswers;

export const questionAt = (contest: ContestRow, layout: LayoutItem[], pos: number): QuizQuestion =>
  contest.questions.find((q) => q.id === layout[pos]!.q)!;
