import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openTranscript, type Transcript } from '../../test/transcript.ts';
import { AN, register } from '../registration/test-helpers.ts';

let chat: Transcript;
let code: string;

beforeAll(async () => {
  chat = await openTranscript();
  code = await register(chat.worker('applicant'), AN);
});
afterAll(async () => {
  await chat?.close();
});

describe('tra cứu hồ sơ', () => {
  test('on the same chat, the applications are listed without asking anything', async () => {
    const bot = await chat.worker('applicant').says('tra cuu ho so');
    expect(bot.text).toContain(`Mã hồ sơ: ${code}`);
    expect(bot.text).toMatch(/Trạng thái: chờ duyệt/);
    expect(bot.text).toMatch(/Ngày gửi: 22\/11\/2026/);
    expect(bot.text).toMatch(/Công đoàn cơ sở: Công đoàn cơ sở Công ty TNHH May Sông Hồng Việt/);
  });

  test('from another chat, code and CCCD together show the status', async () => {
    const w = chat.worker('other-phone', 'telegram');
    let bot = await w.says('kiem tra ho so');
    expect(bot.text).toMatch(/nhập mã hồ sơ/);
    bot = await w.says('DK 2026 abc');
    expect(bot.text).toMatch(/Mã hồ sơ chưa đúng dạng/);
    bot = await w.says(code.toLowerCase().replace(/-/g, ' '));
    expect(bot.text).toMatch(/số căn cước \(12 chữ số\)/);
    bot = await w.says('001 095 012 345');
    expect(bot.text).toContain(`Mã hồ sơ: ${code}`);
    expect(bot.text).toMatch(/Trạng thái: chờ duyệt/);
    // the CCCD is sealed in the state too
    const conv = await chat.app.db.prisma.conversation.findUniqueOrThrow({ where: { id: w.conversationId! } });
    expect(JSON.stringify(conv.state)).not.toContain('001095012345');
  });

  test('a wrong pair says "không tìm thấy" and reveals nothing about whether the code exists', async () => {
    const lookup = async (id: string, c: string, cccd: string) => {
      const w = chat.worker(id);
      await w.says('hồ sơ của tôi');
      await w.says(c);
      return (await w.says(cccd)).text;
    };
    const rightCodeWrongCccd = await lookup('guess-1', code, '001095012346');
    const unknownCode = await lookup('guess-2', 'DK-2026-ZZZZZZ', '001095012345');
    expect(rightCodeWrongCccd).toMatch(/không tìm thấy hồ sơ nào khớp/);
    expect(unknownCode).toBe(rightCodeWrongCccd);
    expect(rightCodeWrongCccd).not.toContain(code);
  });

  test('a rejection shows its reason and date', async () => {
    const applicant = await chat.app.db.prisma.registration.findUniqueOrThrow({ where: { code } });
    await chat.app.db.prisma.registration.update({
      where: { id: applicant.id },
      data: { status: 'tu_choi', decisionNote: 'Bạn giữ chức giám đốc doanh nghiệp', decidedAt: new Date('2026-11-25T03:00:00Z') },
    });
    const bot = await chat.worker('applicant').says('tra cứu hồ sơ');
    expect(bot.text).toMatch(/Trạng thái: từ chối/);
    expect(bot.text).toMatch(/Lý do: Bạn giữ chức giám đốc doanh nghiệp/);
    expect(bot.text).toMatch(/Ngày có kết quả: 25\/11\/2026/);
    await chat.app.db.prisma.registration.update({
      where: { id: applicant.id },
      data: { status: 'cho_duyet', decisionNote: null, decidedAt: null },
    });
  });

  test('in English from the menu', async () => {
    const w = chat.worker('english-lookup');
    await w.says('English');
    let bot = await w.taps('Check my application');
    expect(bot.text).toMatch(/application code/);
    await w.says(code);
    bot = await w.says('001095012345');
    expect(bot.text).toContain(`Application code: ${code}`);
    expect(bot.text).toMatch(/Status: pending review/);
  });

  test('a tap on a menu entry in the middle of another flow starts that flow', async () => {
    const w = chat.worker('switcher');
    await w.says('dang ky');
    // e.g. Messenger's persistent menu, always visible while the consent question is open
    const bot = await w.tapsKey('flow:registration-status', 'Tra cứu hồ sơ');
    expect(bot.text).toMatch(/nhập mã hồ sơ/);
  });
});
