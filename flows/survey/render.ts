import type { Choice, OutboundMessage } from '../../src/core/model.ts';
import type { FlowContext } from '../../src/flowkit/types.ts';
import type { Locale } from '../../src/i18n.ts';
import type { AnswerValue } from '../../src/surveys/responses.ts';
import type { Bilingual, Question, Survey } from '../../src/surveys/schema.ts';
import { OPTION_PREFIX, SKIP_KEY } from './parse.ts';

export const pick = (b: Bilingual, locale: Locale): string => b[locale] ?? b.vi;

/** Deadlines read in Vietnam time (UTC+7 all year), whatever the server's zone. */
export function vnTime(iso: string): string {
  const d = new Date(Date.parse(iso) + 7 * 3600_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${p(d.getUTCHours())}:${p(d.getUTCMinutes())} ${p(d.getUTCDate())}/${p(d.getUTCMonth() + 1)}/${d.getUTCFullYear()}`;
}

export function questionMessage(ctx: FlowContext, q: Question, n: number, count: number): OutboundMessage {
  const t = (k: string, p: Record<string, unknown> = {}) => String(ctx.t(k, p));
  const lines = [t('question.header', { n, count, text: pick(q.text, ctx.locale) })];
  let choices: Choice[] = [];
  switch (q.type) {
    case 'single':
      lines.push(t('question.hint_single'));
      choices = q.options.map((o) => ({ key: OPTION_PREFIX + o.key, label: pick(o.label, ctx.locale) }));
      break;
    case 'multiple':
      lines.push(q.max_choices ? t('question.hint_multiple_max', { max: q.max_choices }) : t('question.hint_multiple'));
      choices = q.options.map((o) => ({ key: OPTION_PREFIX + o.key, label: pick(o.label, ctx.locale) }));
      break;
    case 'scale':
      lines.push(t('question.hint_scale', { low: pick(q.low, ctx.locale), high: pick(q.high, ctx.locale) }));
      choices = [1, 2, 3, 4, 5].map((v) => ({ key: `${OPTION_PREFIX}${v}`, label: String(v) }));
      break;
    case 'text':
      lines.push(t('question.hint_text', { max: q.max_length }));
      break;
  }
  if (!q.required) {
    lines.push(t('question.hint_optional'));
    choices.push({ key: SKIP_KEY, label: t('question.skip') });
  }
  const text = lines.join('\n');
  return choices.length > 0 ? { kind: 'choices', text, choices } : { kind: 'text', text };
}

export function answerText(ctx: FlowContext, q: Question, v: AnswerValue | undefined): string {
  if (v === null || v === undefined) return String(ctx.t('skipped'));
  if (q.type === 'single' || q.type === 'multiple') {
    const keys = Array.isArray(v) ? v : [String(v)];
    return keys.map((k) => pick(q.options.find((o) => o.key === k)?.label ?? { vi: k, en: k }, ctx.locale)).join(', ');
  }
  if (q.type === 'scale') return `${v}/5`;
  return String(v);
}

export function reviewText(ctx: FlowContext, s: Survey, answers: Record<string, AnswerValue>): string {
  return [
    String(ctx.t('review_title', { title: pick(s.title, ctx.locale) })),
    ...s.questions.map((q, i) => `${i + 1}. ${pick(q.text, ctx.locale)}\n→ ${answerText(ctx, q, answers[q.id])}`),
  ].join('\n\n');
}
