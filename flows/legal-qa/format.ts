import type { FlowContext } from '../../src/flowkit/types.ts';
import type { LegalAnswer } from '../../src/legal/answer.ts';
import { vnd, MINIMUM_WAGE } from '../../src/legal/calc.ts';
import { citationOf, knowledgeBase } from '../../src/legal/load.ts';
import type { KbEntry } from '../../src/legal/schema.ts';

/** 2026-01-01 -> 01/01/2026 */
export const dmy = (iso: string) => iso.split('-').reverse().join('/');

const ROMAN = ['', 'I', 'II', 'III', 'IV'] as const;
const tr = (ctx: FlowContext, key: string, params?: Record<string, unknown>) => String(ctx.t(key, params ?? {}));

/** The rule in plain words, the article it rests on, its effective date and the "as of" date. */
export function formatEntry(ctx: FlowContext, entry: KbEntry): string {
  const rule = ctx.locale === 'en' && entry.answerEn ? entry.answerEn : entry.answer;
  const lines = [tr(ctx, 'answer.rule', { rule }), citeLine(ctx, entry)];
  if (entry.unconfirmed) lines.push(tr(ctx, 'answer.unconfirmed'));
  return lines.join('\n\n');
}

/** "Căn cứ: Điều 98 Bộ luật Lao động 2019 (hiệu lực từ …). Thông tin cập nhật đến …" */
export function citeLine(ctx: FlowContext, entry: KbEntry): string {
  const kb = knowledgeBase();
  const c = citationOf(kb, entry);
  return tr(ctx, 'answer.cite', { citation: ctx.locale === 'en' ? c.labelEn : capitalize(c.label), from: dmy(c.effectiveFrom), asOf: dmy(kb.asOf) });
}

export function formatDetail(ctx: FlowContext, entry: KbEntry): string {
  const kb = knowledgeBase();
  // the article summary when there is one: a Q&A answer is already shown
  const article =
    kb.entries.find((e) => e.kind === 'article' && e.law === entry.law && e.article === entry.article && e.clause === entry.clause) ??
    kb.entries.find((e) => e.kind === 'article' && e.law === entry.law && e.article === entry.article) ??
    entry;
  const c = citationOf(kb, article);
  return [
    tr(ctx, 'followup.detail_text', { title: article.title, citation: ctx.locale === 'en' ? c.labelEn : capitalize(c.label), text: article.answer }),
    tr(ctx, 'answer.not_advice'),
  ].join('\n\n');
}

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** Calculator answers; null for retrieval answers (formatEntry) and "not sure". */
export function formatCalc(ctx: FlowContext, a: LegalAnswer): string | null {
  switch (a.kind) {
    case 'overtime': {
      const base = tr(ctx, `calc.kind_${a.input.day}`);
      const kind = a.input.night ? tr(ctx, 'calc.kind_night', { kind: base }) : base;
      const hourlyNote = a.input.monthly
        ? tr(ctx, 'calc.hourly_note', { monthly: vnd(a.input.monthly), days: a.input.workingDays })
        : '';
      return tr(ctx, 'calc.overtime', {
        kind,
        rate: Math.round(a.result.rate * 100),
        hourly: vnd(a.input.hourlyWage),
        hourlyNote,
        perHour: vnd(a.result.perHour),
        hours: a.input.hours,
        total: vnd(a.result.total),
      });
    }
    case 'overtime_need_days':
      return tr(ctx, 'calc.need_days', { monthly: vnd(a.monthly), monthlyShort: `${a.monthly / 1e6} triệu`, hours: a.hours });
    case 'severance':
    case 'job_loss':
      if (!a.result.eligible) return tr(ctx, 'calc.under_12_months', { article: a.kind === 'severance' ? 46 : 47 });
      return tr(ctx, `calc.${a.kind}`, {
        months: a.serviceMonths,
        years: String(a.result.years).replace('.', ctx.locale === 'vi' ? ',' : '.'),
        factor: String(a.result.months).replace('.', ctx.locale === 'vi' ? ',' : '.'),
        wage: vnd(a.wage),
        amount: vnd(a.result.amount),
      });
    case 'minimum_wage': {
      const m = MINIMUM_WAGE[a.region];
      const lines = [tr(ctx, 'calc.min_wage', { region: ROMAN[a.region], monthly: vnd(m.monthly), hourly: vnd(m.hourly) })];
      if (a.wage !== undefined && a.wage >= 1_000_000) {
        lines.push(tr(ctx, a.wage < m.monthly ? 'calc.min_wage_below' : 'calc.min_wage_ok', { wage: vnd(a.wage) }));
      }
      return lines.join('\n');
    }
    case 'minimum_wage_region_unknown':
      return tr(ctx, 'calc.min_wage_region_unknown', { province: a.province });
    default:
      return null;
  }
}
