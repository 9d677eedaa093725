/**
 * Góp ý dự thảo, as conversations: a worker answers a survey on a draft in two sittings a day
 * apart, typing without diacritics, on every channel; one response per person; closed surveys;
 * who is asked.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ChannelId } from '../../src/core/model.ts';
import { openTranscript, type Transcript } from '../../test/transcript.ts';
import { register } from '../registration/test-helpers.ts';
import { DAY, NOW, linkWorker, member, overtimeSurvey, store } from './test-helpers.ts';

const CHANNELS: ChannelId[] = ['webchat', 'zalo', 'messenger', 'telegram'];

let chat: Transcript;
beforeEach(async () => {
  chat = await openTranscript({ now: NOW });
});
afterEach(async () => {
  await chat.close();
});

async function openedAnswers(surveyId: string) {
  const rows = await chat.app.db.prisma.surveyResponse.findMany({ where: { surveyId } });
  return rows.map((r) => {
    const a = { ...(r.answers as Record<string, unknown>) };
    if (typeof a.comment === 'string') a.comment = chat.app.services.keyring.open(a.comment);
    return { ...r, answers: a };
  });
}

describe.each(CHANNELS)('a survey answered in two sittings a day apart on %s', (channel) => {
  it('starts from the draft summary, saves each answer, resumes the next day and submits once', async () => {
    await store(chat, overtimeSurvey());
    const id = `worker-${channel}`;
    const w = chat.worker(id, channel);
    await linkWorker(chat, w, id, channel, await member(chat, 'CS24-0001'));

    // day 1: the draft, its link, then two answers
    const intro = await w.says('gop y du thao');
    expect(intro.text).toMatch(/Góp ý dự thảo về giờ làm thêm/);
    expect(intro.text).toMatch(/nâng trần làm thêm lên 60 giờ/);
    expect(intro.text).toContain('https://duthaoonline.quochoi.vn/');
    expect(intro.text).toMatch(/Câu 1\/4: Bạn thấy đề xuất 60 giờ\/tháng thế nào\?/);
    expect(intro.choices.map((c) => c.label)).toEqual(['Đồng ý', 'Giữ 40 giờ', 'Nên giảm xuống']);

    expect((await w.says('giu 40 gio')).text).toMatch(/Câu 2\/4: Bạn lo ngại điều gì\?/);
    expect((await w.says('1, 3')).text).toMatch(/Câu 3\/4: .*Quy định ghi rõ sự đồng ý/);
    // the worker leaves here

    // day 2: back where they were, scale typed as a word, free text without diacritics
    chat.setNow(new Date(NOW.getTime() + DAY));
    const back = await w.says('khao sat');
    expect(back.text).toMatch(/quay lại/);
    expect(back.text).toMatch(/Câu 3\/4/);
    expect((await w.says('bon')).text).toMatch(/Câu 4\/4: Ý kiến khác của bạn\?/);
    const review = await w.says('de nghi giu tran 40 gio/thang, cong nhan da qua met roi');
    expect(review.text).toMatch(/Giữ 40 giờ/);
    expect(review.text).toMatch(/Sức khỏe, An toàn lao động/);
    expect(review.text).toMatch(/4\/5/);
    expect(review.text).toMatch(/de nghi giu tran 40 gio/);
    expect(review.text).toMatch(/gửi ý kiến này/);
    // what the worker wrote is never in the conversation state in clear
    const conv = await chat.app.db.prisma.conversation.findUniqueOrThrow({ where: { id: w.conversationId! } });
    expect(JSON.stringify(conv.state)).not.toContain('qua met');
    const draft = await chat.app.db.prisma.surveyParticipation.findFirstOrThrow();
    expect(draft.draftEnc).not.toContain('qua met');

    const thanks = await w.says('gui');
    expect(thanks.text).toMatch(/Cảm ơn bạn! Ý kiến của bạn về «Góp ý dự thảo về giờ làm thêm» đã được ghi nhận/);

    const [row, ...more] = await openedAnswers('thu-lam-them');
    expect(more).toHaveLength(0);
    expect(row!.answers).toEqual({
      cap: 'keep_40',
      worries: ['health', 'safety'],
      consent: 4,
      comment: 'de nghi giu tran 40 gio/thang, cong nhan da qua met roi',
    });
    expect(row!.channel).toBe(channel);
    expect(row!.orgUnitCode).toBe('CS24-0001');
    expect(row!.provinceCode).toBe('24');
    expect(row!.submittedAt.toISOString()).toBe(new Date(NOW.getTime() + DAY).toISOString());

    // a second attempt is politely refused
    expect((await w.says('gop y')).text).toMatch(/đã gửi ý kiến cho «Góp ý dự thảo về giờ làm thêm» rồi/);
    expect(await chat.app.db.prisma.surveyResponse.count()).toBe(1);
  });
});

describe('resuming and one response per person across channels', () => {
  it('a member starts on Zalo, goes to the menu, continues on Telegram the next day; Messenger is refused', async () => {
    await store(chat, overtimeSurvey());
    const memberId = await member(chat, 'CS79-0001', 'Trần Thị Bình');
    const zalo = chat.worker('binh-zalo', 'zalo');
    const telegram = chat.worker('binh-tg', 'telegram');
    const messenger = chat.worker('binh-fb', 'messenger');
    await linkWorker(chat, zalo, 'binh-zalo', 'zalo', memberId);
    await linkWorker(chat, telegram, 'binh-tg', 'telegram', memberId);
    await linkWorker(chat, messenger, 'binh-fb', 'messenger', memberId);

    await zalo.says('lay y kien');
    await zalo.says('so 1');
    await zalo.says('menu');

    chat.setNow(new Date(NOW.getTime() + DAY));
    const resumed = await telegram.says('khao sat');
    expect(resumed.text).toMatch(/Bạn đã trả lời 1\/4 câu/);
    expect(resumed.text).toMatch(/Câu 2\/4/);
    await telegram.taps('Gia đình');
    await telegram.taps('5');
    await telegram.taps('Bỏ qua');
    expect((await telegram.taps('Gửi ý kiến')).text).toMatch(/Cảm ơn bạn!/);

    expect((await messenger.says('gop y')).text).toMatch(/đã gửi ý kiến .* rồi/);
    expect((await zalo.says('gop y')).text).toMatch(/đã gửi ý kiến .* rồi/);
    const rows = await openedAnswers('thu-lam-them');
    expect(rows).toHaveLength(1);
    expect(rows[0]!.answers).toEqual({ cap: 'agree', worries: ['family'], consent: 5, comment: null });
  });

  it('a worker can change an answer from the review', async () => {
    await store(chat, overtimeSurvey());
    const w = chat.worker('w-edit');
    await w.says('khao sat');
    await w.says('1');
    await w.says('suc khoe');
    await w.says('4 diem');
    await w.says('bo qua');
    expect((await w.says('sua')).text).toMatch(/sửa câu số mấy/);
    expect((await w.says('3')).text).toMatch(/Câu 3\/4/);
    const review = await w.says('2');
    expect(review.text).toMatch(/2\/5/);
    await w.says('gui');
    const [row] = await openedAnswers('thu-lam-them');
    expect(row!.answers).toMatchObject({ consent: 2, comment: null });
  });

  it('explains what it expects when an answer does not fit', async () => {
    await store(chat, overtimeSurvey());
    const w = chat.worker('w-typo');
    await w.says('gop y');
    expect((await w.says('chac la vay')).text).toMatch(/chưa nhận ra lựa chọn[\s\S]*Câu 1\/4/);
    await w.says('dong y');
    expect((await w.says('1,2,3')).text).toMatch(/tối đa 2 phương án/);
    await w.says('2');
    expect((await w.says('muoi')).text).toMatch(/từ 1 đến 5/);
    await w.says('3');
    expect((await w.says('x'.repeat(1001))).text).toMatch(/1001 ký tự, quá giới hạn 1000/);
  });
});

describe('open and close times', () => {
  it('a closed survey is not offered, and answers after the close are rejected', async () => {
    await store(chat, overtimeSurvey());
    const w = chat.worker('late');
    await w.says('gop y');
    await w.says('1');
    chat.setNow(new Date('2027-01-01T08:00:00+07:00'));
    const late = await w.says('1');
    expect(late.text).toMatch(/đã hết hạn nhận ý kiến lúc 23:59 31\/12\/2026/);
    expect(await chat.app.db.prisma.surveyResponse.count()).toBe(0);

    expect((await chat.worker('other').says('gop y')).text).toMatch(/chưa có đợt lấy ý kiến nào/);
  });

  it('a survey not yet open is not offered', async () => {
    await store(chat, overtimeSurvey({ opens_at: '2026-12-01T00:00:00+07:00' }));
    expect((await chat.worker('early').says('gop y')).text).toMatch(/chưa có đợt lấy ý kiến nào/);
  });
});

describe('who is asked', () => {
  it('a survey for a unit reaches members in its subtree only; members-only excludes other workers', async () => {
    const textile = overtimeSurvey({ id: 'det-may', short_title: { vi: 'Dệt may', en: 'Textile' }, target: { audience: 'members', units: ['S01'] } });
    const everyone = overtimeSurvey();
    await store(chat, textile, everyone);

    // Tổng công ty May Đồng Tiến Phát sits under the textile sector union (S01)
    const inSector = chat.worker('dong-tien');
    const sectorUnit = await chat.app.db.prisma.orgUnit.findFirstOrThrow({ where: { path: { contains: '/S01/' }, kind: 'grassroots' } });
    await linkWorker(chat, inSector, 'dong-tien', 'webchat', await member(chat, sectorUnit.code));
    const offered = await inSector.says('gop y');
    expect(offered.choices.map((c) => c.label).sort()).toEqual(['Dệt may', 'Giờ làm thêm']);

    const bacNinh = chat.worker('bac-ninh');
    await linkWorker(chat, bacNinh, 'bac-ninh', 'webchat', await member(chat, 'CS24-0001'));
    const only = await bacNinh.says('gop y');
    expect(only.text).toMatch(/Góp ý dự thảo về giờ làm thêm/);
    expect(only.choices.map((c) => c.label)).not.toContain('Dệt may');

    await store(chat, overtimeSurvey({ target: { audience: 'members', units: ['TLD'] } }));
    expect((await chat.worker('not-a-member').says('gop y')).text).toMatch(/chưa có đợt lấy ý kiến nào/);
  });

  it('a worker who is not a member yet is placed by their membership application; anonymous surveys say so', async () => {
    await store(
      chat,
      overtimeSurvey({ id: 'bac-ninh-an-danh', anonymous: true, target: { audience: 'everyone', units: ['P24'] } }),
      overtimeSurvey({ id: 'chi-tphcm', short_title: { vi: 'TP HCM', en: 'HCMC' }, target: { audience: 'everyone', units: ['P79'] } }),
    );
    const w = chat.worker('applicant', 'zalo');
    expect((await w.says('gop y')).text).toMatch(/chưa có đợt lấy ý kiến nào/);
    await register(w); // applies to the garment union in Bắc Ninh (CS24-0001)
    const intro = await w.says('gop y');
    expect(intro.text).toMatch(/Khảo sát này ẩn danh/);
    expect(intro.text).toMatch(/Câu 1\/4/);
    for (const a of ['1', '2', '5', 'bo qua', 'gui']) await w.says(a);
    const [row, ...more] = await chat.app.db.prisma.surveyResponse.findMany();
    expect(more).toHaveLength(0);
    expect(row).toMatchObject({ surveyId: 'bac-ninh-an-danh', memberId: null, identityId: null, channel: null, orgUnitCode: 'CS24-0001', provinceCode: '24' });
  });
});
