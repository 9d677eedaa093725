import { describe, expect, test } from 'vitest';
import { parseTypedAnswer } from './answer-input.ts';
import { isCorrect, layoutFor } from './shuffle.ts';
import { bank } from './bank.ts';

describe('typed answers', () => {
  const single = { multiple: false, trueFalse: false };
  const multiple = { multiple: true, trueFalse: false };

  test.each([
    ['2', single, [1]],
    ['b', single, [1]],
    ['B.', single, [1]],
    ['dap an c', single, [2]],
    ['1,3', multiple, [0, 2]],
    ['1 3', multiple, [0, 2]],
    ['a c', multiple, [0, 2]],
    ['a va c', multiple, [0, 2]],
    ['ac', multiple, [0, 2]],
    ['3, 1, 3', multiple, [0, 2]],
  ])('%s', (text, opts, picks) => {
    expect(parseTypedAnswer(text, 4, opts)).toEqual({ ok: true, picks });
  });

  test('numbers beyond the options, two picks on a single-answer question, free text', () => {
    expect(parseTypedAnswer('5', 4, single)).toEqual({ ok: false, error: 'not_an_option' });
    expect(parseTypedAnswer('1,2', 4, single)).toEqual({ ok: false, error: 'one_only' });
    expect(parseTypedAnswer('toi khong biet', 4, single)).toEqual({ ok: false, error: 'not_an_option' });
    expect(parseTypedAnswer('', 4, single)).toEqual({ ok: false, error: 'empty' });
  });

  test('true/false also takes the words', () => {
    const tf = { multiple: false, trueFalse: true };
    expect(parseTypedAnswer('Đúng', 2, tf)).toEqual({ ok: true, picks: [0] });
    expect(parseTypedAnswer('sai', 2, tf)).toEqual({ ok: true, picks: [1] });
  });
});

describe('shuffling per attempt', () => {
  const qs = bank().slice(0, 20);

  test('the same seed gives the same layout; another seed another one; every question once', () => {
    expect(layoutFor(qs, 42)).toEqual(layoutFor(qs, 42));
    expect(layoutFor(qs, 42)).not.toEqual(layoutFor(qs, 43));
    const l = layoutFor(qs, 7);
    expect(l.map((x) => x.q).sort()).toEqual(qs.map((q) => q.id).sort());
    for (const item of l) {
      const q = qs.find((x) => x.id === item.q)!;
      expect([...item.o].sort()).toEqual(q.options.map((_, i) => i));
      if (q.kind === 'truefalse') expect(item.o).toEqual([0, 1]);
    }
  });

  test('a multiple-choice answer counts only when exactly right', () => {
    const q = bank().find((x) => x.kind === 'multiple')!;
    expect(isCorrect(q, q.correct)).toBe(true);
    expect(isCorrect(q, q.correct.slice(1))).toBe(false);
    const wrong = q.options.findIndex((_, i) => !q.correct.includes(i));
    expect(isCorrect(q, [...q.correct, wrong])).toBe(false);
  });
});
