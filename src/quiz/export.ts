import ExcelJS from 'exceljs';
import type { Prisma } from '../generated/prisma/client.ts';
import type { Keyring } from '../security/crypto.ts';
import { formatPhoneVi } from '../validate/phone.ts';
import { leaderboard, unitLeaderboard } from './leaderboard.ts';
import { getContest } from './service.ts';

type Db = Prisma.TransactionClient;

export const RESULT_COLUMNS = ['Hạng', 'Họ và tên', 'Đơn vị', 'Mã đơn vị', 'Số câu đúng', 'Tổng số câu', 'Thời gian (giây)', 'Nộp bài lúc', 'Kênh', 'Dự đoán', 'Số điện thoại'] as const;

export interface ExportActor {
  /** who asked for the export: the operator's name on the CLI, an officer id in the console */
  actorType: string;
  actorId: string;
}

/**
 * The organizing committee's result table. Phones are opened for contacting winners, so the
 * export itself is an officer read of personal data and leaves an audit row.
 */
export async function resultRows(db: Db, keyring: Keyring, contestId: string, now: Date, actor: ExportActor): Promise<Array<Array<string | number>>> {
  const contest = await getContest(db, contestId);
  if (!contest) throw new Error(`no contest with id ${contestId}`);
  const standings = await leaderboard(db, contestId, now);
  await db.auditLog.create({
    data: { actorType: actor.actorType, actorId: actor.actorId, action: 'export_results', entity: 'contest', entityId: contestId, details: { rows: standings.length } },
  });
  return standings.map((s) => [
    s.rank,
    s.fullName,
    s.unitName,
    s.orgUnitCode ?? '',
    s.score,
    contest.questions.length,
    Math.round(s.durationMs / 100) / 10,
    s.finishedAt ? s.finishedAt.toISOString() : '',
    s.channel,
    s.prediction ?? '',
    s.phoneEnc ? formatPhoneVi(keyring.open(s.phoneEnc)) : '',
  ]);
}

const csvCell = (v: string | number) => {
  const t = String(v);
  // a leading =, +, - or @ would run as a formula when the committee opens the file in Excel
  const safe = /^[=+\-@]/.test(t) ? `'${t}` : t;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** UTF-8 with a BOM so Excel shows Vietnamese diacritics. */
export function toCsv(rows: Array<Array<string | number>>): string {
  return '\uFEFF' + [[...RESULT_COLUMNS], ...rows].map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

export async function toXlsx(db: Db, contestId: string, now: Date, rows: Array<Array<string | number>>): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Kết quả');
  sheet.addRow([...RESULT_COLUMNS]).font = { bold: true };
  for (const r of rows) sheet.addRow(r);
  sheet.columns.forEach((c) => (c.width = 18));
  const units = wb.addWorksheet('Theo đơn vị');
  units.addRow(['Đơn vị', 'Mã đơn vị', 'Số người dự thi', 'Điểm trung bình', 'Điểm cao nhất']).font = { bold: true };
  for (const u of await unitLeaderboard(db, contestId, now)) {
    units.addRow([u.unitName, u.orgUnitCode ?? '', u.participants, Math.round(u.averageScore * 100) / 100, u.topScore]);
  }
  units.columns.forEach((c) => (c.width = 22));
  return Buffer.from(await wb.xlsx.writeBuffer());
}
