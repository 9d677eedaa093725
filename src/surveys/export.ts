import ExcelJS from 'exceljs';
import type { Report } from './report.ts';
import { OTHER, type Group, type QuestionTally } from './results.ts';
import type { Question } from './schema.ts';

/** One flat table: what officers filter and pivot in Excel. Small groups only ever appear as OTHER. */
export const COLUMNS = ['scope', 'group_code', 'group_name', 'respondents', 'question_id', 'question', 'answer', 'count', 'percent'] as const;
export type Row = Record<(typeof COLUMNS)[number], string | number>;

const OTHER_NAME = 'Khác (nhóm dưới 5 người gộp lại) / Other';

function answerLabel(q: Question | undefined, answer: string): string {
  if (q && (q.type === 'single' || q.type === 'multiple')) return q.options.find((o) => o.key === answer)?.label.vi ?? answer;
  return answer;
}

function tallyRows(report: Report, scope: string, code: string, name: string, respondents: number, tallies: QuestionTally[]): Row[] {
  const byId = new Map(report.survey.questions.map((q) => [q.id, q]));
  return tallies.flatMap((t) =>
    t.counts.map((c) => ({
      scope,
      group_code: code,
      group_name: name,
      respondents,
      question_id: t.questionId,
      question: byId.get(t.questionId)?.text.vi ?? t.questionId,
      answer: answerLabel(byId.get(t.questionId), c.answer),
      count: c.count,
      percent: c.percent,
    })),
  );
}

const groupName = (report: Report, scope: 'province' | 'unit', g: Group) =>
  g.key === OTHER ? OTHER_NAME : (report.names.get(scope === 'province' ? `province:${g.key}` : g.key) ?? g.key);

export function reportRows(report: Report): { tallies: Row[]; freeText: Row[] } {
  const r = report.results;
  if (r.withheld) return { tallies: [], freeText: [] };
  const tallies = [
    ...tallyRows(report, 'all', '', 'Tất cả / All', r.respondents, r.overall),
    ...r.byProvince.groups.flatMap((g) => tallyRows(report, 'province', g.key, groupName(report, 'province', g), g.respondents, g.questions)),
    ...r.byUnit.groups.flatMap((g) => tallyRows(report, 'unit', g.key, groupName(report, 'unit', g), g.respondents, g.questions)),
  ];
  const byId = new Map(report.survey.questions.map((q) => [q.id, q]));
  const freeText = r.freeText.flatMap((f) =>
    f.texts.map((text) => ({
      scope: 'free_text',
      group_code: '',
      group_name: '',
      respondents: r.respondents,
      question_id: f.questionId,
      question: byId.get(f.questionId)?.text.vi ?? f.questionId,
      answer: text,
      count: '',
      percent: '',
    })),
  );
  return { tallies, freeText };
}

function csvCell(v: string | number): string {
  let s = String(v);
  // a cell starting with = + - @ runs as a formula in Excel: free text is worker input
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** UTF-8 with a BOM so Excel on Windows shows Vietnamese correctly. */
export function toCsv(report: Report): string {
  const { tallies, freeText } = reportRows(report);
  const lines = [COLUMNS.join(','), ...[...tallies, ...freeText].map((row) => COLUMNS.map((c) => csvCell(row[c])).join(','))];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

export async function toXlsx(report: Report): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = 'Trợ lý Công đoàn';
  const { tallies, freeText } = reportRows(report);
  const info = wb.addWorksheet('Khảo sát');
  info.addRows([
    ['Khảo sát', report.survey.title.vi],
    ['Dự thảo', report.survey.draft.name.vi],
    ['Số người trả lời', report.results.respondents],
    ['Ghi chú', report.results.withheld ? 'Dưới 5 người trả lời: kết quả không hiển thị' : 'Nhóm dưới 5 người được gộp vào "Khác"'],
  ]);
  const sheet = (name: string, rows: Row[]) => {
    const ws = wb.addWorksheet(name);
    ws.columns = COLUMNS.map((c) => ({ header: c, key: c, width: c === 'question' || c === 'answer' ? 50 : 14 }));
    ws.getRow(1).font = { bold: true };
    ws.addRows(rows);
  };
  sheet('Tổng hợp', tallies.filter((r) => r.scope === 'all'));
  sheet('Theo tỉnh', tallies.filter((r) => r.scope === 'province'));
  sheet('Theo đơn vị', tallies.filter((r) => r.scope === 'unit'));
  sheet('Ý kiến', freeText);
  return Buffer.from(await wb.xlsx.writeBuffer());
}
