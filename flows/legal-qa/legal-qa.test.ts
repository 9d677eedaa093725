import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openTranscript, type Transcript } from '../../test/transcript.ts';
import { listForOfficers } from '../../src/legal/records.ts';

let chat: Transcript;

beforeAll(async () => {
  chat = await openTranscript();
});
afterAll(async () => {
  await chat?.close();
});

describe('hỏi đáp pháp luật', () => {
  test('an accent-less question about overtime pay gets Điều 98 with the rule and the options', async () => {
    const w = chat.worker('w-ot');
    let bot = await w.says('hoi luat');
    expect(bot.text).toMatch(/Bạn muốn hỏi gì về pháp luật lao động/);
    bot = await w.says('lam them gio ngay chu nhat duoc tra bao nhieu');
    expect(bot.text).toMatch(/200%/);
    expect(bot.text).toMatch(/Điều 98 Bộ luật Lao động 2019/);
    expect(bot.text).toMatch(/hiệu lực từ 01\/01\/2021/);
    expect(bot.text).toMatch(/cập nhật đến 22\/11\/2026/);
    expect(bot.text).toMatch(/Câu trả lời có hữu ích không\?/);
    expect(bot.choices.map((c) => c.label)).toEqual(['👍 Hữu ích', '👎 Chưa hữu ích', 'Xem chi tiết', 'Câu hỏi liên quan', 'Gặp cán bộ']);
    expect(bot.choices.find((c) => c.label === 'Gặp cán bộ')?.key).toBe('cmd:human');

    bot = await w.taps('Xem chi tiết');
    expect(bot.text).toMatch(/Tiền lương làm thêm giờ, làm việc vào ban đêm/);
    expect(bot.text).toMatch(/ít nhất 30%/);

    // typing a new question at the feedback prompt answers it
    bot = await w.says('con duoi 3 tuoi bi om thi nghi cham con dc may ngay');
    expect(bot.text).toMatch(/20 ngày/);
    expect(bot.text).toMatch(/Điều 44 Luật Bảo hiểm xã hội 2024/);

    bot = await w.taps('Câu hỏi liên quan');
    expect(bot.choices.length).toBeGreaterThan(1);
    bot = await w.says('1');
    expect(bot.text).toMatch(/Luật Bảo hiểm xã hội 2024/);
  });

  test('a teencode question about unpaid social insurance gets Điều 39 Luật BHXH', async () => {
    const w = chat.worker('w-teen', 'zalo');
    await w.says('hoi dap phap luat');
    const bot = await w.says('cty ko dong bhxh cho e thi sao');
    expect(bot.text).toMatch(/Điều 39 Luật Bảo hiểm xã hội 2024/);
    expect(bot.text).toMatch(/0,03%/);
  });

  test('a question the knowledge base cannot answer says so, offers a human and is listed for officers', async () => {
    const w = chat.worker('w-unknown');
    await w.says('hoi luat');
    let bot = await w.says('thu tuc ly hon don phuong can giay to gi');
    expect(bot.text).toMatch(/chưa chắc chắn/);
    expect(bot.text).not.toMatch(/Điều \d+/);
    expect(bot.choices.map((c) => c.key)).toContain('cmd:human');
    bot = await w.taps('Gặp cán bộ');
    expect(bot.text).toMatch(/cán bộ/);

    const items = await listForOfficers(chat.app.db.prisma, chat.app.services.keyring, 'officer-1');
    expect(items.some((i) => i.kind === 'unanswered' && i.question === 'thu tuc ly hon don phuong can giay to gi')).toBe(true);
    // sealed at rest, and reading them leaves an audit row
    const raw = await chat.app.db.prisma.legalUnanswered.findFirstOrThrow();
    expect(raw.question).not.toContain('ly hon');
    expect(await chat.app.db.prisma.auditLog.count({ where: { entity: 'legal_question' } })).toBeGreaterThan(0);
  });

  test('feedback is stored; an unhelpful answer is listed for officers and offers a human', async () => {
    const w = chat.worker('w-fb', 'telegram');
    await w.says('tu van phap luat');
    await w.says('nghi phep nam duoc bao nhieu ngay');
    let bot = await w.taps('👍 Hữu ích');
    expect(bot.text).toMatch(/Cảm ơn bạn đã góp ý/);
    expect(bot.text).toMatch(/câu hỏi tiếp theo/);
    bot = await w.says('thu viec toi da bao lau');
    expect(bot.text).toMatch(/Điều 25 Bộ luật Lao động 2019/);
    bot = await w.says('chua huu ich');
    expect(bot.text).toMatch(/đã ghi lại/);
    expect(bot.choices.map((c) => c.key)).toContain('cmd:human');

    const rows = await chat.app.db.prisma.legalFeedback.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.entryId.startsWith('qa-annual') || r.entryId.startsWith('blld-113'), r.helpful])).toContainEqual([true, true]);
    expect(rows.at(-1)).toMatchObject({ helpful: false });
    const items = await listForOfficers(chat.app.db.prisma, chat.app.services.keyring, 'officer-1');
    expect(items.find((i) => i.kind === 'unhelpful')?.question).toBe('thu viec toi da bao lau');
  });

  test('a calculator question: overtime pay for hours and a monthly wage', async () => {
    const w = chat.worker('w-calc');
    await w.says('hoi luat');
    let bot = await w.says('luong 8 trieu, tang ca 10 gio ngay thuong thi duoc bao nhieu');
    expect(bot.text).toMatch(/số ngày công/);
    bot = await w.says('luong 8 trieu 25 ngay cong tang ca 10 gio ngay thuong');
    // 8 000 000 ÷ 25 ÷ 8 = 40 000 đ/h; × 150% = 60 000; × 10 h = 600 000
    expect(bot.text).toMatch(/40\.000 đồng/);
    expect(bot.text).toMatch(/60\.000 đồng/);
    expect(bot.text).toMatch(/600\.000 đồng/);
    expect(bot.text).toMatch(/Điều 98 Bộ luật Lao động 2019/);
  });

  test('minimum wage for a province: the region is not guessed', async () => {
    const w = chat.worker('w-min');
    await w.says('hoi luat');
    let bot = await w.says('luong toi thieu o Bac Ninh la bao nhieu');
    expect(bot.text).toMatch(/chưa có bảng vùng lương/);
    expect(bot.text).toMatch(/Bắc Ninh/);
    bot = await w.says('luong toi thieu vung 2, cty tra 4 trieu co dung ko');
    expect(bot.text).toMatch(/4\.730\.000 đồng\/tháng/);
    expect(bot.text).toMatch(/THẤP HƠN/);
  });

  test('"tư vấn pháp luật lao động" alone asks for the question; the menu entry too', async () => {
    let bot = await chat.worker('w-generic').says('tu van phap luat lao dong');
    expect(bot.text).toMatch(/Bạn muốn hỏi gì/);
    const w = chat.worker('w-tap', 'messenger');
    await w.says('menu');
    bot = await w.taps('Hỏi đáp pháp luật');
    expect(bot.text).toMatch(/Bạn muốn hỏi gì/);
  });

  test('the menu lists Hỏi đáp pháp luật and English works', async () => {
    const w = chat.worker('w-menu');
    let bot = await w.says('menu');
    expect(bot.choices.map((c) => c.label)).toContain('Hỏi đáp pháp luật');
    bot = await w.says('English');
    bot = await w.says('labour law');
    expect(bot.text).toMatch(/What would you like to ask/);
    // the knowledge base is Vietnamese: an English-speaking worker gets the Vietnamese rule with an English frame
    bot = await w.says('tang ca ngay le duoc tra bao nhieu');
    expect(bot.text).toMatch(/Legal basis: clause 1, Article 98, Labour Code 2019/);
    expect(bot.text).toMatch(/300%/);
    expect(bot.text).toMatch(/Was this answer helpful\?/);
  });
});
