import type { QuizQuestion } from './bank.ts';

/** mulberry32: tiny, fast, and the same sequence on every machine for a stored seed. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function shuffled<T>(items: readonly T[], next: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

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
  const next = rng(seed);
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
