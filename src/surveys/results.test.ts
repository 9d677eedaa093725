/**
 * Results per question, province and unit, with groups under 5 never shown on their own,
 * checked against counts computed here straight from the generated answers; CSV and XLSX.
 */
import { randomUUID } from 'node:crypto';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { NOW, overtimeSurvey } from '../../flows/survey/test-helpers.ts';
import { openTranscript, type Transcript } from '../../test/transcript.ts';
import type { Prisma } from '../generated/prisma/client.ts';
import { COLUMNS, toCsv, toXlsx } from './export.ts';
import { surveyReport } from './report.ts';
import { resolveRespondent } from './respondent.ts';
import { saveAnswer, submitResponse, type Answers } from './responses.ts';
import { groupsOf, OTHER, type ResponseRow } from './results.ts';
import { storeSurveys } from './store.ts';

/** unit → respondents: three units of ≥ 5, three small ones (2 + 3 + 2 = 7, shown only as "other") */
const PLAN: Array<[unit: string, province: string, n: number]> = [
  ['CS24-0001', '24', 8],
  ['CS24-0002', '24', 6],
  ['CS79-0001', '79', 5],
  ['CS79-0002', '79', 2],
  ['CS37-0001', '37', 3],
  ['CS01-0001', '01', 2],
];
const SMALL_UNITS = new Set(['CS79-0002', 'CS37-0001', 'CS01-0001']);
/** provinces: 24 → 14, 79 → 7, 37 → 3, 01 → 2; the last two (5 together) are "other" */
const SMALL_PROVINCES = new Set(['37', '01']);

const CAP = ['agree', 'keep_40', 'lower'];
const WORRIES = [['health'], ['family', 'safety'], ['health', 'safety'], ['safety']];

interface Sim {
  unit: string;
  province: string;
  answers: Answers;
}

function simulate(): Sim[] {
  const out: Sim[] = [];
  let i = 0;
  for (const [unit, province, n] of PLAN) {
    for (let k = 0; k < n; k++, i++) {
      out.push({
        unit,
        province,
        answers: {
          cap: CAP[(i * 7) % 3]!,
          worries: WORRIES[i % 4]!,
          consent: (i % 5) + 1,
          comment: i % 6 === 0 ? `y kien so ${i}` : i === 1 ? '=HYPERLINK("http://x")' : null,
        },
      });
    }
  }
  return out;
}

const count = (sims: Sim[], pred: (a: Answers) => boolean) => sims.filter((s) => pred(s.answers)).length;

let chat: Transcript;
const sims = simulate();
const survey = overtimeSurvey({ id: 'ket-qua', anonymous: true });

beforeAll(async () => {
  chat = await openTranscript({ now: NOW });
  const db = chat.app.db.prisma as unknown as Prisma.TransactionClient;
  const keyring = chat.app.services.keyring;
  await storeSurveys(db, [survey], NOW);
  for (const s of sims) {
    const unit = await db.orgUnit.findUniqueOrThrow({ where: { code: s.unit } });
    const m = await db.member.create({ data: { fullName: 'x', orgUnitId: unit.id } });
    const r = await resolveRespondent(db, { memberId: m.id, identityId: randomUUID() });
    for (const [q, v] of Object.entries(s.answers)) await saveAnswer(db, keyring, survey, r, q, v, NOW);
    expect((await submitResponse(db, keyring, survey, r, { channel: 'zalo', now: NOW })).kind).toBe('submitted');
    expect((await submitResponse(db, keyring, survey, r, { channel: 'zalo', now: NOW })).kind).toBe('already');
  }
}, 120_000);
afterAll(async () => {
  await chat.close();
});

const report = () =>
  surveyReport(chat.app.db.prisma as unknown as Prisma.TransactionClient, chat.app.services.keyring, 'ket-qua', { type: 'officer', id: 'test' }, NOW).then(
    (r) => r!,
  );

describe('survey results', () => {
  it('an anonymous response keeps no identity, channel or time of day; free text is sealed', async () => {
    const rows = await chat.app.db.prisma.surveyResponse.findMany({ where: { surveyId: 'ket-qua' } });
    expect(rows).toHaveLength(26);
    for (const r of rows) {
      expect([r.memberId, r.identityId, r.channel]).toEqual([null, null, null]);
      expect(r.submittedAt.toISOString()).toMatch(/T00:00:00\.000Z$/);
      const c = (r.answers as Answers).comment;
      if (c !== null) expect(String(c)).toMatch(/^v1\./);
    }
    const parts = await chat.app.db.prisma.surveyParticipation.findMany({ where: { surveyId: 'ket-qua' } });
    expect(parts.every((p) => p.draftEnc === null && p.submittedAt !== null)).toBe(true);
  });

  it('overall counts and percentages match an independent count', async () => {
    const { results } = await report();
    expect(results.respondents).toBe(26);
    const cap = results.overall.find((t) => t.questionId === 'cap')!;
    for (const key of CAP) {
      const n = count(sims, (a) => a.cap === key);
      expect(cap.counts.find((c) => c.answer === key)).toEqual({ answer: key, count: n, percent: Math.round((n * 1000) / 26) / 10 });
    }
    const worries = results.overall.find((t) => t.questionId === 'worries')!;
    expect(worries.counts.find((c) => c.answer === 'safety')!.count).toBe(count(sims, (a) => (a.worries as string[]).includes('safety')));
    const consent = results.overall.find((t) => t.questionId === 'consent')!;
    const mean = sims.reduce((s, x) => s + (x.answers.consent as number), 0) / 26;
    expect(consent.mean).toBeCloseTo(mean, 2);
    expect(consent.counts.map((c) => c.count)).toEqual([1, 2, 3, 4, 5].map((v) => count(sims, (a) => a.consent === v)));
    const texts = results.freeText.find((f) => f.questionId === 'comment')!.texts;
    expect(texts.sort()).toEqual(sims.map((s) => s.answers.comment).filter((c): c is string => typeof c === 'string').sort());
  });

  it('per unit and per province: groups of 5 or more shown, smaller ones only merged into "other"', async () => {
    const { results } = await report();
    const byUnit = new Map(results.byUnit.groups.map((g) => [g.key, g]));
    expect([...byUnit.keys()].sort()).toEqual(['CS24-0001', 'CS24-0002', 'CS79-0001', OTHER]);
    for (const [unit, , n] of PLAN.filter(([u]) => !SMALL_UNITS.has(u))) {
      const g = byUnit.get(unit)!;
      expect(g.respondents).toBe(n);
      const mine = sims.filter((s) => s.unit === unit);
      expect(g.questions.find((t) => t.questionId === 'cap')!.counts.map((c) => c.count)).toEqual(CAP.map((k) => count(mine, (a) => a.cap === k)));
    }
    const other = sims.filter((s) => SMALL_UNITS.has(s.unit));
    expect(byUnit.get(OTHER)!.respondents).toBe(other.length);
    expect(byUnit.get(OTHER)!.questions.find((t) => t.questionId === 'consent')!.counts.map((c) => c.count)).toEqual(
      [1, 2, 3, 4, 5].map((v) => count(other, (a) => a.consent === v)),
    );

    const byProvince = new Map(results.byProvince.groups.map((g) => [g.key, g.respondents]));
    expect(Object.fromEntries(byProvince)).toEqual({
      '24': 14,
      '79': 7,
      [OTHER]: sims.filter((s) => SMALL_PROVINCES.has(s.province)).length,
    });
    for (const g of [...results.byUnit.groups, ...results.byProvince.groups]) expect(g.respondents).toBeGreaterThanOrEqual(5);
  });

  it('when the merged small groups are still fewer than 5, the smallest shown group joins them', () => {
    const rows = (key: string, n: number): ResponseRow[] => Array.from({ length: n }, () => ({ provinceCode: key, orgUnitCode: key, answers: {} }));
    const g = groupsOf([...rows('A', 10), ...rows('B', 5), ...rows('C', 3)], (r) => r.orgUnitCode);
    expect([...g].map(([k, v]) => [k, v.length])).toEqual([
      ['A', 10],
      [OTHER, 8],
    ]);
    expect([...groupsOf([...rows('A', 6), ...rows('B', 7)], (r) => r.orgUnitCode).keys()]).toEqual(['A', 'B']);
  });

  it('CSV: one flat table, small units never named, free text listed and formula-safe', async () => {
    const csv = toCsv(await report());
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trim().split('\r\n');
    expect(lines[0]).toBe(COLUMNS.join(','));
    for (const small of SMALL_UNITS) expect(csv).not.toContain(small);
    expect(csv).not.toMatch(/^province,(37|01),/m);
    const otherUnit = lines.filter((l) => l.startsWith(`unit,${OTHER},`));
    expect(otherUnit.length).toBeGreaterThan(0);
    expect(otherUnit.every((l) => l.split(',')[3] === '7')).toBe(true);
    const agree = count(sims, (a) => a.cap === 'agree');
    expect(lines).toContain(`all,,Tất cả / All,26,cap,Bạn thấy đề xuất 60 giờ/tháng thế nào?,Đồng ý,${agree},${Math.round((agree * 1000) / 26) / 10}`);
    expect(lines.filter((l) => l.startsWith('free_text,'))).toHaveLength(sims.filter((s) => typeof s.answers.comment === 'string').length);
    expect(csv).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv).toContain('unit,CS24-0001,Công đoàn cơ sở Công ty TNHH May Sông Hồng Việt,8,');
  });

  it('XLSX: a sheet per view with the same rows, and the read is audited', async () => {
    const before = await chat.app.db.prisma.auditLog.count({ where: { action: 'survey.results_read' } });
    const buf = await toXlsx(await report());
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buf as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Khảo sát', 'Tổng hợp', 'Theo tỉnh', 'Theo đơn vị', 'Ý kiến']);
    const units = wb.getWorksheet('Theo đơn vị')!;
    const codes = new Set<string>();
    units.eachRow((row, i) => {
      if (i > 1) codes.add(String(row.getCell(2).value));
    });
    expect([...codes].sort()).toEqual(['CS24-0001', 'CS24-0002', 'CS79-0001', OTHER]);
    expect(wb.getWorksheet('Khảo sát')!.getCell('B3').value).toBe(26);
    expect(wb.getWorksheet('Ý kiến')!.rowCount - 1).toBe(sims.filter((s) => typeof s.answers.comment === 'string').length);
    expect(await chat.app.db.prisma.auditLog.count({ where: { action: 'survey.results_read' } })).toBe(before + 1);
  });

  it('fewer than 5 respondents in all: nothing is shown', async () => {
    const db = chat.app.db.prisma as unknown as Prisma.TransactionClient;
    const few = overtimeSurvey({ id: 'it-nguoi' });
    await storeSurveys(db, [few], NOW);
    const unit = await db.orgUnit.findUniqueOrThrow({ where: { code: 'CS24-0001' } });
    for (let i = 0; i < 4; i++) {
      const m = await db.member.create({ data: { fullName: 'y', orgUnitId: unit.id } });
      const r = await resolveRespondent(db, { memberId: m.id, identityId: randomUUID() });
      for (const [q, v] of Object.entries(sims[i]!.answers)) await saveAnswer(db, chat.app.services.keyring, few, r, q, v, NOW);
      await submitResponse(db, chat.app.services.keyring, few, r, { channel: 'webchat', now: NOW });
    }
    const r = (await surveyReport(db, chat.app.services.keyring, 'it-nguoi', { type: 'officer', id: 't' }, NOW))!;
    expect(r.results.withheld).toBe(true);
    expect(r.results.overall).toEqual([]);
    expect(r.results.freeText).toEqual([]);
    expect(toCsv(r).slice(1).trim().split('\r\n')).toHaveLength(1);
  });
});
