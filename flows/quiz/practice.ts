import { randomInt } from 'node:crypto';
import type { AskStep, ChooseStep, EffectStep, FlowContext, FlowDef, Jump } from '../../src/flowkit/types.ts';
import { bank, textIn, type QuizQuestion } from '../../src/quiz/bank.ts';
import { isCorrect, layoutFor, type LayoutItem } from '../../src/quiz/shuffle.ts';
import { answerErrorText, correctAsShown, questionMessage, questionText, readAnswer, stepFor, trueFalseOptions, type AnswerAction } from './view.ts';

export const PRACTICE_SIZE = 5;

interface PracticeAnswers {
  layout: LayoutItem[];
  pos: number;
  score: number;
  picked: number[];
}

const questionById = (id: string): QuizQuestion => bank().find((q) => q.id === id)!;

const start: EffectStep = {
  id: 'start',
  kind: 'effect',
  run(ctx) {
    // a random order of the whole bank; its first N are this round
    const layout = layoutFor(bank(), randomInt(0, 2 ** 31 - 1)).slice(0, PRACTICE_SIZE);
    Object.assign(ctx.answers, { layout, pos: 0, score: 0, picked: [] } satisfies PracticeAnswers);
    ctx.say(String(ctx.t('practice.intro', { count: layout.length })));
    return { goto: stepFor(questionById(layout[0]!.q), 'question', 'question_tf') };
  },
};

const question: AskStep<AnswerAction> = {
  id: 'question',
  kind: 'ask',
  help: 'practice.help',
  maxAttempts: 3,
  prompt(ctx) {
    const a = ctx.answers as PracticeAnswers;
    const item = a.layout[a.pos]!;
    return questionMessage(ctx, questionById(item.q), item, a.pos, a.layout.length, a.picked);
  },
  parse(_input, ctx) {
    const a = ctx.answers as PracticeAnswers;
    return readAnswer(ctx, questionById(a.layout[a.pos]!.q), a.pos, a.picked);
  },
  errorText: answerErrorText,
  after(action, ctx) {
    const a = ctx.answers as PracticeAnswers;
    if ('toggle' in action) {
      a.picked = a.picked.includes(action.toggle) ? a.picked.filter((p) => p !== action.toggle) : [...a.picked, action.toggle].sort();
      return { goto: 'question' };
    }
    return answered(ctx, action.submit);
  },
};

const questionTrueFalse: ChooseStep = {
  id: 'question_tf',
  kind: 'choose',
  help: 'practice.help',
  prompt(ctx) {
    const a = ctx.answers as PracticeAnswers;
    const item = a.layout[a.pos]!;
    return questionText(ctx, questionById(item.q), item, a.pos, a.layout.length, []);
  },
  options: (ctx) => trueFalseOptions(ctx, (ctx.answers as PracticeAnswers).pos),
  after: (key, ctx) => answered(ctx, [Number(key.split(':')[2])]),
};

/** Feedback at once: right or wrong, the right answer as shown, the explanation and the article. */
function answered(ctx: FlowContext, picks: number[]): Jump {
  const a = ctx.answers as PracticeAnswers;
  const item = a.layout[a.pos]!;
  const q = questionById(item.q);
  const ok = isCorrect(q, picks.map((p) => item.o[p]!));
  if (ok) a.score += 1;
  const verdict = ok ? String(ctx.t('practice.correct')) : String(ctx.t('practice.wrong', { answer: correctAsShown(ctx, q, item) }));
  ctx.say([verdict, textIn(q.explanation, ctx.locale), String(ctx.t('practice.article', { article: q.article }))].join('\n'));
  a.pos += 1;
  a.picked = [];
  if (a.pos < a.layout.length) return { goto: stepFor(questionById(a.layout[a.pos]!.q), 'question', 'question_tf') };
  ctx.say(String(ctx.t('practice.done', { score: a.score, total: a.layout.length })));
  return { end: true };
}

/** Ôn luật: N random questions from the bank, each answered at once with its explanation and article. */
export const quizPracticeFlow: FlowDef = {
  id: 'quiz-practice',
  version: 1,
  namespace: 'quiz',
  menu: { label: 'practice.menu_label', order: 9 },
  triggers: 'practice.triggers',
  steps: [start, question, questionTrueFalse],
};
