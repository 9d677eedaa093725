import type { QuizQuestion } from './bank.ts';
import { seededRandom, shuffled } from '../util/random.ts';

/** One shown question: the bank id and, per shown position, the original option index. */
export interface LayoutItem {
  q: string;
  o: number[];
}

/**
 * Question order and option order of one attempt, derived from its seed alone so it can be
 * re-checked later. True/false keeps "Đúng" before "Sai": swapping them only confuses.
 */
export function layoutFor(questions: readonly QuizQuestion[], seed: number): LayoutItem[] {
  const next = seededRandom(seed);
  return shuffled(questions, next).map((q) => {
    const idx = q.options.map((_, i) => i);
    return { q: q.id, o: q.kind === 'truefalse' ? idx : shuffled(idx, next) };
  });
}

/** All-or-nothing: a multiple-choice answer counts only when exactly the right options are chosen. */
export function isCorrect(q: QuizQuestion, chosenOriginal: readonly number[]): boolean {
  const a = [...new Set(chosenOriginal)].sort((x, y) => x - y);
  return a.length === q.correct.length && a.every((v, i) => v === q.correct[i]);
}
