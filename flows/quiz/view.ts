import type { OutboundMessage } from '../../src/core/model.ts';
import type { FlowContext, OptionDef, ParseResult } from '../../src/flowkit/types.ts';
import { allTranslations } from '../../src/i18n.ts';
import { parseTypedAnswer, LETTERS } from '../../src/quiz/answer-input.ts';
import { textIn, type QuizQuestion } from '../../src/quiz/bank.ts';
import type { LayoutItem } from '../../src/quiz/shuffle.ts';

/** The text of a question on screen: `Câu 3/20`, the options lettered in their shuffled order. */
export function questionText(
  ctx: FlowContext,
  q: QuizQuestion,
  item: LayoutItem,
  position: number,
  total: number,
  picked: number[],
  extra?: string,
): string {
  const head = String(ctx.t('question.head', { n: position + 1, total }));
  const lines = [extra ? `${head} · ${extra}` : head, textIn(q.question, ctx.locale)];
  if (q.kind !== 'truefalse') item.o.forEach((orig, i) => lines.push(`${LETTERS[i]}. ${textIn(q.options[orig]!, ctx.locale)}`));
  if (q.kind === 'multiple') {
    lines.push(String(ctx.t('question.multiple_hint')));
    if (picked.length) lines.push(String(ctx.t('question.picked', { list: picked.map((p) => LETTERS[p]).join(', ') })));
  }
  return lines.join('\n');
}

/** Single and multiple choice: buttons A, B… (and "Xong" for multiple) on an ask step that reads "1,3". */
export function questionMessage(
  ctx: FlowContext,
  q: QuizQuestion,
  item: LayoutItem,
  position: number,
  total: number,
  picked: number[],
  extra?: string,
): OutboundMessage {
  const choices = item.o.map((_, i) => ({ key: `q:${position}:${i}`, label: picked.includes(i) ? `✓ ${LETTERS[i]}` : LETTERS[i]! }));
  if (q.kind === 'multiple') choices.push({ key: `q:${position}:ok`, label: String(ctx.t('question.done')) });
  return { kind: 'choices', text: questionText(ctx, q, item, position, total, picked, extra), choices };
}

/**
 * True/false runs on a choose step: "đúng" folds to "dung", which is also "dừng" (stop), and
 * only offered options protect it from being read as that command. The labels carry a letter
 * so a tap, which sends its label as text on Messenger, never folds to a command either.
 */
export function trueFalseOptions(ctx: FlowContext, position: number): OptionDef[] {
  return [
    { key: `q:${position}:0`, label: `A. ${ctx.t('question.true')}`, synonyms: ['a', ...allTranslations('question.true_words', 'quiz')] },
    { key: `q:${position}:1`, label: `B. ${ctx.t('question.false')}`, synonyms: ['b', ...allTranslations('question.false_words', 'quiz')] },
  ];
}

/** The question's step: true/false questions have their own (see trueFalseOptions). */
export const stepFor = (q: QuizQuestion, ask: string, choose: string) => (q.kind === 'truefalse' ? choose : ask);

/** What the worker did on a question: a full answer, or (multiple choice) one option toggled by a tap. */
export type AnswerAction = { submit: number[] } | { toggle: number };

export function readAnswer(ctx: FlowContext, q: QuizQuestion, position: number, picked: number[]): ParseResult<AnswerAction> {
  const input = ctx.input!;
  const count = q.options.length;
  const key = input.choiceKey;
  if (key?.startsWith('q:')) {
    const [, pos, opt] = key.split(':');
    // a button of an earlier question (still on screen in Telegram or Messenger)
    if (Number(pos) !== position) return { ok: false, error: 'stale' };
    if (opt === 'ok') return picked.length ? { ok: true, value: { submit: picked } } : { ok: false, error: 'none_picked' };
    const i = Number(opt);
    if (!Number.isInteger(i) || i < 0 || i >= count) return { ok: false, error: 'unreadable' };
    return q.kind === 'multiple' ? { ok: true, value: { toggle: i } } : { ok: true, value: { submit: [i] } };
  }
  if (q.kind === 'multiple' && picked.length && /^(xong|ok|done|nop|nop bai|gui)$/.test(input.normalized)) {
    return { ok: true, value: { submit: picked } };
  }
  const r = parseTypedAnswer(input.text, count, { multiple: q.kind === 'multiple', trueFalse: q.kind === 'truefalse' });
  if (!r.ok) return { ok: false, error: r.error === 'empty' || r.error === 'not_an_option' ? 'unreadable' : r.error };
  return { ok: true, value: { submit: r.picks } };
}

export const answerErrorText = (error: string, ctx: FlowContext): string =>
  String(ctx.t([`answer_errors.${error}`, 'answer_errors.unreadable']));

/** "B. Hai ngày" — the correct options as they were shown to this worker. */
export function correctAsShown(ctx: FlowContext, q: QuizQuestion, item: LayoutItem): string {
  if (q.kind === 'truefalse') return String(ctx.t(q.correct[0] === 0 ? 'question.true' : 'question.false'));
  return item.o
    .map((orig, i) => (q.correct.includes(orig) ? `${LETTERS[i]}. ${textIn(q.options[orig]!, ctx.locale)}` : null))
    .filter(Boolean)
    .join('; ');
}
