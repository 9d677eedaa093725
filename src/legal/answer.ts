import { fold } from '../lang/fold.ts';
import { SEED_PROVINCES } from '../org/data/provinces.ts';
import { parseHours, parseMoney, parseRegion, parseService, parseWorkingDays } from './amounts.ts';
import {
  hourlyFromMonthly,
  jobLossAllowance,
  overtimePay,
  severancePay,
  type DayKind,
  type OvertimeResult,
  type AllowanceResult,
  type Region,
} from './calc.ts';
import type { LegalRetriever, SearchResult } from './retrieve.ts';

/** What the assistant can say to a question; the flow turns it into words of either locale. */
export type LegalAnswer =
  | { kind: 'entry'; hit: SearchResult; results: SearchResult[] }
  | { kind: 'unsure'; results: SearchResult[] }
  | { kind: 'overtime'; entryId: 'blld-98'; input: { hourlyWage: number; hours: number; day: DayKind; night: boolean; monthly?: number; workingDays?: number }; result: OvertimeResult }
  | { kind: 'overtime_need_days'; entryId: 'blld-98'; monthly: number; hours: number }
  | { kind: 'severance' | 'job_loss'; entryId: 'blld-46' | 'blld-47'; wage: number; serviceMonths: number; result: AllowanceResult }
  | { kind: 'minimum_wage'; entryId: 'nd293-5'; region: Region; wage?: number }
  | { kind: 'minimum_wage_region_unknown'; entryId: 'nd293-3'; province: string };

const has = (t: string, re: RegExp) => re.test(t);

function dayKind(t: string): DayKind {
  if (has(t, /\b(le|tet|nghi le|ngay le)\b/)) return 'holiday';
  if (has(t, /\b(chu nhat|cn|nghi hang tuan|ngay nghi|thu 7|thu bay)\b/)) return 'weekly_rest';
  return 'normal';
}

function provinceIn(t: string): string | null {
  for (const p of SEED_PROVINCES) if (new RegExp(`\\b${fold(p.name)}\\b`).test(t)) return p.name;
  if (/\b(hcm|tphcm|sai gon|sg)\b/.test(t)) return 'Hồ Chí Minh';
  return null;
}

/** Calculator questions: an amount plus hours or years, or a minimum-wage question with a place. */
function calculate(question: string): LegalAnswer | null {
  const t = fold(question);
  const money = parseMoney(question);
  if (has(t, /\b(tang ca|lam them|ot)\b/)) {
    const hours = parseHours(question);
    if (money && hours) {
      const day = dayKind(t);
      const night = has(t, /\b(dem|ca 3|ban dem)\b/);
      // under 200 000 đ the amount is an hourly wage; a monthly one needs the month's working days
      if (money < 200_000) {
        return { kind: 'overtime', entryId: 'blld-98', input: { hourlyWage: money, hours, day, night }, result: overtimePay({ hourlyWage: money, hours, day, night }) };
      }
      const days = parseWorkingDays(question);
      if (!days) return { kind: 'overtime_need_days', entryId: 'blld-98', monthly: money, hours };
      const hourlyWage = hourlyFromMonthly(money, days);
      return {
        kind: 'overtime',
        entryId: 'blld-98',
        input: { hourlyWage, hours, day, night, monthly: money, workingDays: days },
        result: overtimePay({ hourlyWage, hours, day, night }),
      };
    }
  }
  const service = parseService(question);
  if (money && service && money >= 200_000) {
    if (has(t, /\b(mat viec|cat giam|co cau|giam bien che)\b/)) {
      return { kind: 'job_loss', entryId: 'blld-47', wage: money, serviceMonths: service, result: jobLossAllowance(money, service) };
    }
    if (has(t, /\b(thoi viec|nghi viec)\b/)) {
      return { kind: 'severance', entryId: 'blld-46', wage: money, serviceMonths: service, result: severancePay(money, service) };
    }
  }
  if (has(t, /\b(toi thieu|luong thap nhat|minimum wage)\b/)) {
    const region = parseRegion(question);
    if (region) return { kind: 'minimum_wage', entryId: 'nd293-5', region, wage: money ?? undefined };
    const province = provinceIn(t);
    // NĐ 293/2025's annex (region per commune) is UNCONFIRMED in our sources: ask, never guess
    if (province) return { kind: 'minimum_wage_region_unknown', entryId: 'nd293-3', province };
  }
  return null;
}

export function answerQuestion(retriever: LegalRetriever, question: string): LegalAnswer {
  const calc = calculate(question);
  if (calc) return calc;
  const { results, confident } = retriever.search(question, 3);
  if (!confident) return { kind: 'unsure', results };
  return { kind: 'entry', hit: results[0]!, results };
}

