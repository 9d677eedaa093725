import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openTranscript, type Transcript } from '../../test/transcript.ts';
import { DEMO_UNITS } from '../../src/org/seed-data.ts';
import { leaderboard, unitLeaderboard } from '../../src/quiz/leaderboard.ts';
import { resultRows, toCsv, toXlsx } from '../../src/quiz/export.ts';
import { memberKey, phoneKey } from '../../src/quiz/service.ts';
import { phoneHash } from '../../src/registration/lookup.ts';
import { addContest, testContest, typedAnswer } from './test-helpers.ts';

let chat: Transcript;
const NOW = new Date('2026-11-22T09:00:00+07:00');
const at = (s: number) => new Date(NOW.getTime() + s * 1000);
const CONTEST = 'ket-qua';

beforeAll(async () => {
  chat = await openTranscript({ now: NOW });
  await addContest(chat, testContest(CONTEST, at(-3600), at(7200), { prediction: null }));
});
afterAll(async () => {
  await chat?.close();
});

/** A member: the worker's channel identity linked to a member row of a demo grassroots union. */
async function memberWorker(id: string, name: string) {
  const w = chat.worker(id);
  await w.says('menu');
  const unit = await chat.app.db.prisma.orgUnit.findUniqueOrThrow({ where: { code: DEMO_UNITS.bacNinhParksUnion } });
  const member = await chat.app.db.prisma.member.create({ data: { fullName: name, orgUnitId: unit.id } });
  const conv = await chat.app.db.prisma.conversation.findUniqueOrThrow({ where: { id: w.conversationId! } });
  await chat.app.db.prisma.channelIdentity.update({ where: { id: conv.identityId }, data: { memberId: member.id } });
  return { w, key: { personKey: memberKey(member.id) } };
}

/** Takes the contest answering `right` of the three questions right, one per `step` seconds. */
async function takeContest(w: ReturnType<Transcript['worker']>, key: { personKey: string }, start: number, step: number, right: number) {
  chat.setNow(at(start));
  await w.says('bat dau');
  for (let p = 0; p < 3; p++) {
    chat.setNow(at(start + step * (p + 1)));
    const bot = await w.says(await typedAnswer(chat, CONTEST, key, p, p < right));
    if (p < 2) expect(bot.text).toMatch(new RegExp(`Câu ${p + 2}/3`));
    else expect(bot.text).toMatch(/hoàn thành bài thi/);
  }
}

describe('contest results', () => {
  test('a member is recognised without identity questions; ranks follow score, then time', async () => {
    const a = await memberWorker('member-a', 'Le Thi Hoa');
    let bot = await a.w.says('du thi');
    expect(bot.text).toMatch(/đoàn viên Le Thi Hoa/);
    expect(bot.text).not.toMatch(/họ và tên đầy đủ/);
    expect(bot.choices.map((c) => c.label)).toEqual(['Bắt đầu', 'Để sau']);
    await takeContest(a.w, a.key, 0, 30, 3); // 3/3 in 90 s

    const b = await memberWorker('member-b', 'Pham Van Nam');
    await b.w.says('du thi');
    await takeContest(b.w, b.key, 100, 20, 3); // 3/3 in 60 s: first

    const c = await memberWorker('member-c', 'Do Thi Mai');
    await c.w.says('du thi');
    await takeContest(c.w, c.key, 200, 10, 2); // 2/3 in 30 s: fast but one wrong

    // a non-member of another unit, same score and time as c: they share a rank
    const d = chat.worker('guest-d');
    chat.setNow(at(300));
    await d.says('du thi');
    await d.says('dong y');
    await d.says('Vu Van Long');
    await d.says('0903 111 222');
    await d.says('Cong ty Co khi Dong Thap');
    await takeContest(d, { personKey: phoneKey(phoneHash(chat.app.services.keyring, '+84903111222')) }, 300, 10, 2);

    chat.setNow(at(400));
    bot = await a.w.says('du thi');
    expect(bot.text).toMatch(/đã dùng hết 1 lượt thi/);
    expect(bot.text).toMatch(/đúng 3\/3 câu, thời gian làm bài 1 phút 30 giây/);
    expect(bot.text).toMatch(/Xếp hạng hiện tại: 2\/4/);

    const board = await leaderboard(chat.app.db.prisma, CONTEST, at(400));
    expect(board.map((s) => [s.rank, s.fullName, s.score, s.durationMs])).toEqual([
      [1, 'Pham Van Nam', 3, 60_000],
      [2, 'Le Thi Hoa', 3, 90_000],
      [3, 'Do Thi Mai', 2, 30_000],
      [3, 'Vu Van Long', 2, 30_000],
    ]);
    expect(board[0]!.orgUnitCode).toBe(DEMO_UNITS.bacNinhParksUnion);

    const units = await unitLeaderboard(chat.app.db.prisma, CONTEST, at(400));
    expect(units[0]).toMatchObject({ orgUnitCode: DEMO_UNITS.bacNinhParksUnion, participants: 3, topScore: 3 });
    expect(units[1]).toMatchObject({ orgUnitCode: null, unitName: 'Cong ty Co khi Dong Thap', participants: 1 });
    const unit = await chat.app.db.prisma.orgUnit.findUniqueOrThrow({ where: { code: DEMO_UNITS.bacNinhParksUnion } });
    const ofUnit = await leaderboard(chat.app.db.prisma, CONTEST, at(400), { orgUnitId: unit.id });
    expect(ofUnit.map((s) => s.fullName)).toEqual(['Pham Van Nam', 'Le Thi Hoa', 'Do Thi Mai']);
  });

  test('the organizers export CSV and XLSX; opening the phones leaves an audit row', async () => {
    const rows = await resultRows(chat.app.db.prisma, chat.app.services.keyring, CONTEST, at(400), { actorType: 'officer', actorId: 'btc-1' });
    const csv = toCsv(rows);
    expect(csv.startsWith('\uFEFFHạng,Họ và tên,Đơn vị')).toBe(true);
    expect(csv).toMatch(/\r\n1,Pham Van Nam,/);
    expect(csv).toMatch(/3,Vu Van Long,Cong ty Co khi Dong Thap,,2,3,30,.*,webchat,,0903 111 222\r\n/);
    const audit = await chat.app.db.prisma.auditLog.findFirstOrThrow({ where: { entity: 'contest', entityId: CONTEST } });
    expect(audit).toMatchObject({ actorType: 'officer', actorId: 'btc-1', action: 'export_results' });

    const xlsx = await toXlsx(chat.app.db.prisma, CONTEST, at(400), rows);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx as unknown as ArrayBuffer);
    const sheet = wb.getWorksheet('Kết quả')!;
    expect(sheet.getRow(2).getCell(2).value).toBe('Pham Van Nam');
    expect(sheet.rowCount).toBe(5);
    expect(wb.getWorksheet('Theo đơn vị')!.getRow(2).getCell(3).value).toBe(3);
  });

  test('an attempt abandoned in the middle resumes on return while its clock runs', async () => {
    const e = await memberWorker('member-e', 'Ngo Van Tam');
    chat.setNow(at(500));
    await e.w.says('du thi');
    await e.w.says('bat dau');
    chat.setNow(at(510));
    await e.w.says(await typedAnswer(chat, CONTEST, e.key, 0));
    await e.w.says('menu');
    chat.setNow(at(520));
    const bot = await e.w.says('du thi');
    expect(bot.text).toMatch(/lượt thi dở dang/);
    expect(bot.text).toMatch(/Câu 2\/3/);
  });

  test('an approved registration counts as a registered member, even before a member row exists', async () => {
    const w = chat.worker('approved-f');
    await w.says('menu');
    const conv = await chat.app.db.prisma.conversation.findUniqueOrThrow({ where: { id: w.conversationId! } });
    const unit = await chat.app.db.prisma.orgUnit.findUniqueOrThrow({ where: { code: DEMO_UNITS.bacNinhParksUnion } });
    const k = chat.app.services.keyring;
    await chat.app.db.prisma.registration.create({
      data: {
        code: 'DK-2026-QUIZ01',
        status: 'da_duyet',
        fullName: 'Trinh Van Duc',
        dobEnc: k.seal('1990-01-01'),
        gender: 'male',
        cccdEnc: k.seal('001090000111'),
        cccdHash: k.lookupHash('cccd', '001090000111'),
        phoneEnc: k.seal('+84912000111'),
        phoneHash: k.lookupHash('phone', '+84912000111'),
        employer: 'Cong ty A',
        workplaceAddress: 'KCN Que Vo',
        provinceCode: '24',
        orgUnitId: unit.id,
        routedToId: unit.id,
        identityId: conv.identityId,
        channel: 'webchat',
        decidedAt: at(0),
      },
    });
    chat.setNow(at(600));
    const bot = await w.says('du thi');
    expect(bot.text).toMatch(/đoàn viên Trinh Van Duc/);
    expect(bot.choices.map((c) => c.label)).toEqual(['Bắt đầu', 'Để sau']);
  });

  test('a member who enters on an unlinked channel with their phone is still one person', async () => {
    // the approved applicant above (phone 0912 000 111) now writes from Zalo, not linked yet
    const z = chat.worker('approved-f-zalo', 'zalo');
    chat.setNow(at(610));
    await z.says('du thi');
    await z.says('dong y');
    await z.says('Trinh Van Duc');
    await z.says('0912 000 111');
    await z.says('KCN Que Vo');
    let bot = await z.says('bat dau');
    expect(bot.text).toMatch(/Câu 1\/3/);
    const attempt = await chat.app.db.prisma.contestAttempt.findFirstOrThrow({ where: { contestId: CONTEST, channel: 'zalo' } });
    expect(attempt.personKey).toBe(`r:${chat.app.services.keyring.lookupHash('cccd', '001090000111')}`);
    // and back on web chat, recognised as the member, the running attempt is the same one
    bot = await chat.worker('approved-f').says('du thi');
    expect(bot.text).toMatch(/lượt thi dở dang/);
  });
});
