import { resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openTranscript, type Transcript } from '../../test/transcript.ts';
import { loadCatalog } from '../../src/benefits/load.ts';
import { readCatalog } from '../../src/benefits/read.ts';
import { DEMO_UNITS } from '../../src/org/seed-data.ts';
import { projectRoot } from '../../src/paths.ts';

let chat: Transcript;

// Tết season: the Tết 2026 programmes run (KH 34 to 03/03/2026, HCMC train to 01/03/2026)
const TET_SEASON = new Date('2026-01-20T09:00:00+07:00');
const AFTER_TET = new Date('2026-11-22T09:00:00+07:00');

beforeAll(async () => {
  chat = await openTranscript({ now: TET_SEASON });
  const catalog = readCatalog(resolve(projectRoot, 'content/benefits'));
  expect(catalog.errors).toEqual([]);
  await loadCatalog(chat.app.db.prisma, catalog.entries);
});
afterAll(async () => {
  await chat?.close();
});

const unitByCode = (code: string) => chat.app.db.prisma.orgUnit.findUniqueOrThrow({ where: { code } });

describe('benefit lookup (vi)', () => {
  test('"qua tet" typed without diacritics answers at once with the Tết programmes and how to apply', async () => {
    chat.setNow(TET_SEASON);
    const w = chat.worker('vi-tet');
    const bot = await w.says('cho e hoi qua tet nam nay');
    expect(bot.text).toMatch(/Tết Sum vầy/);
    expect(bot.text).toMatch(/Quà Tết Bính Ngọ 2026 của Tổng Liên đoàn/);
    expect(bot.text).toMatch(/Cách đăng ký: /);
    expect(bot.text).toMatch(/Nguồn: Kế hoạch 34\/KH-TLĐ/);
    // the HCMC train needs a known province: not offered on a guess
    expect(bot.text).not.toMatch(/Chuyến tàu Công đoàn/);
    expect(bot.text).toMatch(/chỉ hiện khi tôi biết nơi bạn làm việc/);
    expect(bot.choices.map((c) => c.label)).toEqual(['Đăng ký mục 1', 'Đăng ký mục 2', 'Theo hoàn cảnh', 'Chủ đề khác', 'Xong']);
    expect((await w.says('xong')).text).toMatch(/Cảm ơn bạn/);
  });

  test('expired programmes are never offered: after Tết 2026 only the yearly programme remains', async () => {
    chat.setNow(AFTER_TET);
    const w = chat.worker('vi-expired');
    const bot = await w.says('qua tet');
    expect(bot.text).toMatch(/Tết Sum vầy/);
    expect(bot.text).not.toMatch(/Bính Ngọ 2026/);
    expect(bot.choices.map((c) => c.label)).toEqual(['Đăng ký nhận hỗ trợ', 'Theo hoàn cảnh', 'Chủ đề khác', 'Xong']);
    // the worker taps an old "apply" button for the expired programme: nothing is filed
    const stale = await w.tapsKey('apply:tet-2026-qua-tong-lien-doan', 'Đăng ký mục 2');
    expect(stale.text).not.toMatch(/đồng ý cung cấp/);
    chat.setNow(TET_SEASON);
  });

  test('topics from the menu: "vay von", "giam gia" without diacritics', async () => {
    const w = chat.worker('vi-topics');
    await w.says('menu');
    let bot = await w.taps('Chế độ, phúc lợi');
    expect(bot.choices.map((c) => c.label)).toEqual(['Tết', 'Nhà ở', 'Vay vốn', 'Giảm giá', 'Ốm đau, khó khăn', 'Pháp lý', 'Theo hoàn cảnh']);
    bot = await w.says('giam gia');
    expect(bot.text).toMatch(/Phúc lợi đoàn viên/);
    expect(bot.text).toMatch(/\(dành cho đoàn viên\)/);
    expect(bot.text).not.toMatch(/Điểm phúc lợi đoàn viên TP Hồ Chí Minh/);
    // not applied for through the union: no apply button
    expect(bot.choices.map((c) => c.label)).toEqual(['Theo hoàn cảnh', 'Chủ đề khác', 'Xong']);
    bot = await w.says('chu de khac');
    bot = await w.says('3');
    // loans are provincial: none without a province
    expect(bot.text).toMatch(/chưa thấy chương trình nào/);
    // narrowing down from the topic list: the dialogue, then loans of the worker's province
    bot = await w.says('theo hoan canh');
    expect(bot.text).toMatch(/đoàn viên công đoàn chưa/);
  });

  test('eligibility dialogue in Bắc Ninh: the parks union programme reaches its grassroots unions, not HCMC or the textile sector', async () => {
    const w = chat.worker('vi-bac-ninh');
    await w.says('phuc loi');
    let bot = await w.says('theo hoan canh');
    expect(bot.text).toMatch(/đoàn viên công đoàn chưa/);
    bot = await w.says('roi');
    expect(bot.text).toMatch(/tỉnh, thành phố nào/);
    bot = await w.says('bac ninh');
    expect(bot.choices.at(-1)!.label).toBe('Bỏ qua');
    bot = await w.says('may song hong viet');
    expect(bot.choices[0]!.label).toBe('Công đoàn cơ sở Công ty TNHH May Sông Hồng Việt');
    bot = await w.says('1');
    expect(bot.text).toMatch(/hoàn cảnh nào/);
    bot = await w.taps('Ốm đau, bệnh nặng');
    expect(bot.text).toMatch(/bạn có thể được hưởng/);
    expect(bot.text).toMatch(/1\. Quỹ hỗ trợ đoàn viên khó khăn các KCN Bắc Ninh/);
    expect(bot.text).toMatch(/4\. Thăm hỏi khi ốm đau, tai nạn, khó khăn/);
    expect(bot.text).not.toMatch(/TP Hồ Chí Minh|Dệt May|Mái ấm/);
    expect(bot.text).toMatch(/Còn 2 chương trình chung khác/);

    // "Đăng ký nhận hỗ trợ" for the parks union programme: consent, name, phone, filed
    bot = await w.taps('Đăng ký mục 1');
    expect(bot.text).toMatch(/Quỹ hỗ trợ đoàn viên khó khăn các KCN Bắc Ninh/);
    expect(bot.text).toMatch(/mã hoá/);
    bot = await w.says('dong y');
    expect(bot.text).toMatch(/họ và tên/);
    bot = await w.says('tran thi hoa');
    expect(bot.messages[0]).toMatchObject({ kind: 'request_contact' });
    bot = await w.says('0987 654 321');
    const code = /PL-2026-[A-Z0-9]{6}/.exec(bot.text)?.[0];
    expect(code).toBeDefined();
    expect(bot.text).toMatch(/Công đoàn cơ sở Công ty TNHH May Sông Hồng Việt sẽ liên hệ/);

    const row = await chat.app.db.prisma.benefitRequest.findUniqueOrThrow({ where: { code: code! } });
    expect(row.routedToId).toBe((await unitByCode(DEMO_UNITS.garmentBacNinh)).id);
    expect(row).toMatchObject({ programmeId: 'demo-x24-ho-tro-kcn-bac-ninh', provinceCode: '24', isMember: true, situations: ['sick'] });
    // sealed at rest
    expect(row.phoneEnc).not.toMatch(/987/);
    expect(row.fullNameEnc).not.toMatch(/hoa/i);
    expect(chat.app.services.keyring.open(row.phoneEnc)).toBe('+84987654321');
    const consent = await chat.app.db.prisma.consent.findFirst({ where: { purpose: 'benefit_request' }, orderBy: { decidedAt: 'desc' } });
    expect(consent?.granted).toBe(true);
    // nothing personal left in the flow state
    const conv = await chat.app.db.prisma.conversation.findUniqueOrThrow({ where: { id: w.conversationId! } });
    expect(JSON.stringify(conv.state)).not.toMatch(/tran thi hoa|987654321/i);
  });

  test('in HCMC without a grassroots union: the city programmes show and the request goes to the city federation', async () => {
    const w = chat.worker('vi-hcm');
    await w.says('che do phuc loi');
    await w.says('theo hoan canh');
    await w.says('chua');
    await w.says('tp hcm');
    let bot = await w.says('bo qua');
    bot = await w.says('thu nhap thap');
    expect(bot.text).toMatch(/Chuyến tàu Công đoàn – Xuân 2026/);
    expect(bot.text).toMatch(/Vay vốn ưu đãi qua Quỹ CEP/);
    // members-only programmes are hidden from a worker who said they are not a member
    expect(bot.text).not.toMatch(/Điểm phúc lợi|Thăm hỏi khi ốm đau/);
    const cep = /(\d)\. Vay vốn ưu đãi qua Quỹ CEP/.exec(bot.text)![1];
    await w.taps(`Đăng ký mục ${cep}`);
    await w.says('dong y');
    await w.says('le van binh');
    bot = await w.sharesContact('+84901234567');
    const code = /PL-2026-[A-Z0-9]{6}/.exec(bot.text)![0];
    const row = await chat.app.db.prisma.benefitRequest.findUniqueOrThrow({ where: { code } });
    expect(row.routedToId).toBe((await unitByCode(DEMO_UNITS.hcmcFederation)).id);
    expect(row).toMatchObject({ programmeId: 'hcm-cep-vay-von', orgUnitId: null, isMember: false });

    // asking again for the same programme gives the first code back
    for (const answer of ['phuc loi', 'theo hoan canh', 'chua', 'tp hcm', 'bo qua', 'thu nhap thap']) bot = await w.says(answer);
    await w.taps(`Đăng ký mục ${cep}`);
    await w.says('dong y');
    await w.says('le van binh');
    bot = await w.says('0901234567');
    expect(bot.text).toMatch(new RegExp(`đã đăng ký chương trình này rồi \\(mã ${code}\\)`));
  });

  test('a refusal of consent stores nothing', async () => {
    const w = chat.worker('vi-refuse');
    await w.says('mai am cong doan');
    const before = await chat.app.db.prisma.benefitRequest.count();
    let bot = await w.taps('Đăng ký nhận hỗ trợ');
    // routing needs the province, asked only now
    expect(bot.text).toMatch(/tỉnh, thành phố nào/);
    bot = await w.says('ha noi');
    expect(bot.text).toMatch(/Mái ấm Công đoàn/);
    bot = await w.says('khong dong y');
    expect(bot.text).toMatch(/không lưu gì/);
    expect(await chat.app.db.prisma.benefitRequest.count()).toBe(before);
  });
});

describe('benefit lookup (en)', () => {
  test('an English worker browses by topic and by situation, with the same filters', async () => {
    const w = chat.worker('en-worker');
    await w.says('English');
    let bot = await w.says('union benefits');
    expect(bot.choices.map((c) => c.label)).toEqual(['Tết', 'Housing', 'Loans', 'Discounts', 'Sickness, hardship', 'Legal help', 'By my situation']);
    bot = await w.taps('Legal help');
    expect(bot.text).toMatch(/Legal advice and legal aid/);
    expect(bot.text).toMatch(/How to apply: /);
    expect(bot.text).toMatch(/Free legal aid is for members/);
    bot = await w.taps('By my situation');
    expect(bot.text).toMatch(/Are you a trade union member/);
    await w.says('yes');
    await w.says('dong nai');
    bot = await w.says('dong tien phat');
    expect(bot.choices[0]!.label).toMatch(/Đồng Tiến Phát/);
    await w.says('1');
    bot = await w.taps('Housing hardship');
    // under the textile sector union: its housing programme and the national one, nothing of Bắc Ninh
    expect(bot.text).toMatch(/Housing help for textile and garment members \(demo\)/);
    expect(bot.text).toMatch(/"Mái ấm Công đoàn"/);
    expect(bot.text).not.toMatch(/Bắc Ninh|Ho Chi Minh City/);
    expect(bot.text).toMatch(/What you get: /);
    expect(bot.choices.map((c) => c.label)).toContain('Apply for #1');
  });
});
