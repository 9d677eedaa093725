import type { Answers } from './responses.ts';
import type { Question, Survey } from './schema.ts';

/** Groups smaller than this are never shown on their own (the privacy floor). */
export const MIN_GROUP = 5;

export interface ResponseRow {
  provinceCode: string | null;
  orgUnitCode: string | null;
  /** free text already opened */
  answers: Answers;
}

export interface QuestionTally {
  questionId: string;
  type: Question['type'];
  /** respondents who answered this question (skips excluded) */
  answered: number;
  /** option key, or "1".."5" for scales: count and percent of `answered` */
  counts: Array<{ answer: string; count: number; percent: number }>;
  /** scale questions only */
  mean?: number;
}

export interface Group {
  /** province code, unit code, or OTHER for the merged small groups */
  key: string;
  respondents: number;
  questions: QuestionTally[];
}

export interface Breakdown {
  groups: Group[];
}

export interface SurveyResults {
  surveyId: string;
  respondents: number;
  /** fewer than MIN_GROUP respondents in all: nothing is shown, not even the totals per answer */
  withheld: boolean;
  overall: QuestionTally[];
  byProvince: Breakdown;
  byUnit: Breakdown;
  /** free-text answers per question, in an order that says nothing about who wrote them */
  freeText: Array<{ questionId: string; texts: string[] }>;
}

export const OTHER = 'OTHER';

const round1 = (x: number) => Math.round(x * 10) / 10;

export function tally(survey: Survey, rows: ResponseRow[]): QuestionTally[] {
  return survey.questions
    .flatMap((q) => (q.type === 'text' ? [] : [q]))
    .map((q) => {
      const keys = q.type === 'scale' ? ['1', '2', '3', '4', '5'] : q.options.map((o) => o.key);
      const counts = new Map(keys.map((k) => [k, 0]));
      let answered = 0;
      let sum = 0;
      for (const r of rows) {
        const v = r.answers[q.id];
        if (v === null || v === undefined) continue;
        answered++;
        const picked = Array.isArray(v) ? v : [String(v)];
        for (const k of picked) if (counts.has(k)) counts.set(k, counts.get(k)! + 1);
        if (typeof v === 'number') sum += v;
      }
      const t: QuestionTally = {
        questionId: q.id,
        type: q.type,
        answered,
        counts: keys.map((k) => ({ answer: k, count: counts.get(k)!, percent: answered ? round1((counts.get(k)! * 100) / answered) : 0 })),
      };
      if (q.type === 'scale') t.mean = answered ? Math.round((sum / answered) * 100) / 100 : 0;
      return t;
    });
}

/**
 * Splits respondents by `keyOf`; groups under MIN_GROUP go into OTHER. When OTHER itself would
 * be small, the smallest shown groups join it too, because total minus the shown groups would
 * otherwise reveal it (complementary suppression).
 */
export function groupsOf(rows: ResponseRow[], keyOf: (r: ResponseRow) => string | null): Map<string, ResponseRow[]> {
  const byKey = new Map<string, ResponseRow[]>();
  for (const r of rows) {
    const k = keyOf(r) ?? OTHER;
    if (!byKey.has(k)) byKey.set(k, []);
    byKey.get(k)!.push(r);
  }
  const other = byKey.get(OTHER) ?? [];
  byKey.delete(OTHER);
  const shown = [...byKey.entries()].sort((a, b) => a[1].length - b[1].length || (a[0] < b[0] ? 1 : -1));
  while (shown.length > 0 && (shown[0]![1].length < MIN_GROUP || (other.length > 0 && other.length < MIN_GROUP))) {
    other.push(...shown.shift()![1]);
  }
  const out = new Map<string, ResponseRow[]>(shown.sort((a, b) => (a[0] < b[0] ? -1 : 1)));
  if (other.length > 0) out.set(OTHER, other);
  return out;
}

function breakdown(survey: Survey, rows: ResponseRow[], keyOf: (r: ResponseRow) => string | null): Breakdown {
  return {
    groups: [...groupsOf(rows, keyOf)].map(([key, rs]) => ({ key, respondents: rs.length, questions: tally(survey, rs) })),
  };
}

export function computeResults(survey: Survey, rows: ResponseRow[]): SurveyResults {
  const withheld = rows.length < MIN_GROUP;
  if (withheld) {
    return { surveyId: survey.id, respondents: rows.length, withheld, overall: [], byProvince: { groups: [] }, byUnit: { groups: [] }, freeText: [] };
  }
  const freeText = survey.questions
    .filter((q) => q.type === 'text')
    .map((q) => ({
      questionId: q.id,
      texts: rows
        .map((r) => r.answers[q.id])
        .filter((v): v is string => typeof v === 'string' && v.trim() !== '')
        .sort((a, b) => a.localeCompare(b, 'vi')),
    }));
  return {
    surveyId: survey.id,
    respondents: rows.length,
    withheld,
    overall: tally(survey, rows),
    byProvince: breakdown(survey, rows, (r) => r.provinceCode),
    byUnit: breakdown(survey, rows, (r) => r.orgUnitCode),
    freeText,
  };
}
