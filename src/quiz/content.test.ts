import { describe, expect, test } from 'vitest';
import { BankError, loadBank, parseBankFile } from './bank.ts';
import { loadContestFiles, parseContestFile } from './contests.ts';
import { validateQuizContent } from './content.ts';

/** CI runs this: a content file that does not validate fails the build. */
describe('content/quiz validates', () => {
  const { questions, contests } = validateQuizContent();

  test('the starter bank has at least 60 questions of every kind, on the three laws', () => {
    expect(questions.length).toBeGreaterThanOrEqual(60);
    const kinds = new Set(questions.map((q) => q.kind));
    expect([...kinds].sort()).toEqual(['multiple', 'single', 'truefalse']);
    expect(new Set(questions.map((q) => q.topic))).toEqual(new Set(['labour-code', 'social-insurance', 'trade-union']));
  });

  test('every question has a right answer among its options, an explanation and the article it rests on', () => {
    for (const q of questions) {
      expect(q.correct.length, q.id).toBeGreaterThan(0);
      expect(q.correct.every((c) => c < q.options.length), q.id).toBe(true);
      expect(q.explanation.vi.length, q.id).toBeGreaterThan(20);
      expect(q.explanation.en, `${q.id} has an English explanation`).toBeTruthy();
      expect(q.article, q.id).toMatch(/Điều \d+/);
      if (q.kind === 'multiple') expect(q.correct.length, q.id).toBeGreaterThan(1);
      else expect(q.correct.length, q.id).toBe(1);
    }
  });

  test('question ids are unique and contests only use questions of the bank', () => {
    expect(new Set(questions.map((q) => q.id)).size).toBe(questions.length);
    expect(contests.length).toBeGreaterThan(0);
    for (const c of contests) {
      expect(c.closesAt > c.opensAt).toBe(true);
      expect(c.questions.length).toBe(20);
      expect(c.timeLimitSec).toBe(20 * 60);
    }
  });
});

describe('the validator catches authoring mistakes', () => {
  const file = (q: string) => `topic: labour-code\nquestions:\n${q}`;
  const good = `  - id: x-1
    kind: single
    question: { vi: "Câu hỏi?" }
    options: [{ vi: "Một" }, { vi: "Hai" }]
    answer: B
    explanation: { vi: "Vì sao như vậy." }
    article: "Điều 1 Bộ luật Lao động 2019"
`;

  test('a valid file parses to 0-based answers', () => {
    expect(parseBankFile(file(good), 'f.yaml')[0]).toMatchObject({ id: 'x-1', correct: [1] });
  });

  test.each([
    ['an answer letter that names no option', good.replace('answer: B', 'answer: C'), /answer C names no option/],
    ['a missing article', good.replace(/\n    article: .*\n/, '\n'), /article/],
    ['an unknown field', good.replace('answer: B', 'answer: B\n    answr: B'), /answr|Unrecognized/],
    ['a true/false question with options', good.replace('kind: single', 'kind: truefalse').replace('answer: B', 'answer: true'), /options|Unrecognized/],
    [
      'a multiple choice without a wrong option',
      good.replace('kind: single', 'kind: multiple').replace('options: [{ vi: "Một" }, { vi: "Hai" }]', 'options: [{ vi: "1" }, { vi: "2" }, { vi: "3" }]').replace('answer: B', 'answer: [A, B, C]'),
      /at least one wrong option/,
    ],
  ])('%s', (_name, text, message) => {
    expect(() => parseBankFile(file(text), 'f.yaml')).toThrow(message);
  });

  test('a question id used twice across files, and a contest naming an unknown question', () => {
    const bank = parseBankFile(file(good), 'f.yaml');
    expect(() =>
      parseContestFile(
        'id: c-1\ntitle: { vi: "Thi" }\norganizer: TLD\nopens: 2026-11-01T00:00:00+07:00\ncloses: 2026-12-01T00:00:00+07:00\ntimeLimitMinutes: 20\nquestions: [x-1, nope]\n',
        'c.yaml',
        bank,
      ),
    ).toThrow(/question nope is not in the bank/);
    expect(BankError).toBeDefined();
    expect(loadBank().length).toBeGreaterThanOrEqual(60);
    expect(loadContestFiles(loadBank()).length).toBeGreaterThan(0);
  });
});
