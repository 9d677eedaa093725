import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS, type ChannelId, type InboundAttachment } from '../../src/core/model.ts';
import { DEMO_UNITS } from '../../src/org/seed-data.ts';
import { openTranscript, type Transcript } from '../../test/transcript.ts';
import { codeIn, fillUpToEvidence, keyIn, photo, sendsFiles, WAGES, type Filing } from '../../test/cases/helpers.ts';
import { caseByCode, noticeRows, noticesTo, officerOf, officerSets } from '../../test/cases/officer-helpers.ts';

/**
 * Filing a grievance, on every channel: the worker's words and links are sealed, the case is
 * routed, the time limits are shown, and a status change reaches the worker in their language.
 */
describe('grievance filing on every channel', () => {
  let chat: Transcript;
  beforeAll(async () => {
    chat = await openTranscript();
  });
  afterAll(() => chat.close());

  const unitId = async (code: string) => (await chat.app.db.prisma.orgUnit.findUniqueOrThrow({ where: { code } })).id;

  for (const channel of CHANNELS) {
    it(`${channel}: files a wage case with two photos; it goes to the grassroots union`, async () => {
      const id = `photos-${channel}`;
      const w = chat.worker(id, channel);
      const evidence = await fillUpToEvidence(w);
      expect(evidence.text).toMatch(/đừng gửi ảnh CCCD/);
      expect((await sendsFiles(chat, id, channel, [photo(1)])).text).toMatch(/Đã nhận 1 tệp/);
      expect((await sendsFiles(chat, id, channel, [photo(2, 2_500_000)])).text).toMatch(/Đã nhận 2 tệp/);
      expect((await w.says('xong')).text).toMatch(/giữ kín tên/);
      const summary = await w.says(WAGES.anonymous);
      expect(summary.text).toMatch(/Bằng chứng: 2 tệp/);
      expect(summary.text).toMatch(/Công đoàn cơ sở Công ty TNHH May Sông Hồng Việt/);

      const done = await w.says('dung roi');
      const code = codeIn(done.text)!;
      expect(code).toMatch(/^PA-2026-\d{6}$/);
      expect(keyIn(done.text)).toMatch(/^[2-9A-Z]{6}$/);
      expect(done.text).toMatch(/chuyển tới Công đoàn cơ sở Công ty TNHH May Sông Hồng Việt/);
      // 35 workers unpaid: urgent even though the worker did not say so
      expect(done.text).toMatch(/KHẨN CẤP/);
      // BLLĐ Art. 190 from the discovery date 15/10/2026
      expect(done.text).toMatch(/6 tháng, tức đến 15\/04\/2027/);
      expect(done.text).toMatch(/1 năm, tức đến 15\/10\/2027/);

      const c = await caseByCode(chat, code);
      expect(c).toMatchObject({ category: 'wages', status: 'moi', urgent: true, urgency: 'wages_many', affectedCount: 35, anonymous: false, channel, discoveredOn: '2026-10-15' });
      expect(c.routedToId).toBe(await unitId(DEMO_UNITS.garmentBacNinh));
      expect(c.descriptionEnc).not.toMatch(/no luong/);
      expect(chat.app.services.keyring.open(c.descriptionEnc)).toBe(WAGES.description);
      const files = await chat.app.db.prisma.grievanceAttachment.findMany({ where: { caseId: c.id }, orderBy: { size: 'asc' } });
      expect(files.map((f) => [f.type, f.mime, f.size, f.name, f.channel])).toEqual([
        ['image', 'image/jpeg', 800_000, 'bang-luong-1.jpg', channel],
        ['image', 'image/jpeg', 2_500_000, 'bang-luong-2.jpg', channel],
      ]);
      expect(files[0]!.refEnc).not.toMatch(/cdn\.example/);
      expect(chat.app.services.keyring.open(files[0]!.refEnc!)).toBe('https://cdn.example.test/photo-1.jpg');
      const history = await chat.app.db.prisma.grievanceCaseEvent.findMany({ where: { caseId: c.id } });
      expect(history.map((h) => [h.kind, h.toStatus])).toEqual([['created', 'moi']]);
      expect(await chat.app.db.prisma.consent.count({ where: { identityId: c.identityId, purpose: 'grievance', granted: true } })).toBe(1);
    });

    it(`${channel}: an anonymous filing of a non-member whose workplace has no union goes to the provincial federation`, async () => {
      const id = `anon-${channel}`;
      const w = chat.worker(id, channel);
      const f: Filing = {
        category: 'bi duoi viec',
        employer: 'cty tnhh abc logistics',
        province: 'tp hcm',
        union: 'chua co cong doan',
        description: 'toi bi cho nghi viec ngay ma khong co quyet dinh bang van ban, khong duoc bao truoc',
        discovered: '1/11/2026',
        affected: 'chi minh toi',
        urgency: 'khong',
        anonymous: 'giu kin',
      };
      await fillUpToEvidence(w, f, 'bi duoi viec');
      expect((await w.says('khong co')).text).toMatch(/giữ kín tên/);
      const summary = await w.says(f.anonymous);
      expect(summary.text).toMatch(/Giữ kín tên: Giữ kín tên tôi/);
      expect(summary.text).toMatch(/Bằng chứng: 0 tệp/);
      const done = await w.says('ok');
      expect(done.text).toMatch(/Liên đoàn Lao động Thành phố Hồ Chí Minh|Liên đoàn Lao động TP/);
      expect(done.text).toMatch(/giữ kín với phía công ty/);
      // dismissal: court without mediation first (Art. 188)
      expect(done.text).toMatch(/không bắt buộc qua hòa giải/);
      const c = await caseByCode(chat, codeIn(done.text)!);
      expect(c).toMatchObject({ category: 'dismissal', anonymous: true, urgent: false, affectedCount: 1, memberId: null, orgUnitId: null });
      expect(c.routedToId).toBe(await unitId(DEMO_UNITS.hcmcFederation));
    });

    it(`${channel}: a status change is pushed to the worker in their language`, async () => {
      const id = `push-${channel}`;
      const w = chat.worker(id, channel);
      await w.says('english');
      await fillUpToEvidence(w, { ...WAGES, urgency: 'not urgent', affected: '1' }, 'file a complaint');
      await w.says('none');
      await w.says('no need');
      const done = await w.says('yes');
      expect(done.text).toMatch(/Your complaint has been recorded/);
      const c = await caseByCode(chat, codeIn(done.text)!);
      const officer = await officerOf(chat, DEMO_UNITS.bacNinhFederation);
      const r = await officerSets(chat, officer, c.id, 'dang_xu_ly', 'We met HR on Monday.');
      expect(r.kind).toBe('changed');
      const notices = await noticesTo(chat, w.conversationId!);
      expect(notices).toHaveLength(1);
      expect(notices[0]).toMatch(new RegExp(`Your complaint ${c.code} has been updated: In progress`));
      expect(notices[0]).toMatch(/We met HR on Monday/);
      expect(notices[0]).not.toMatch(/internal note/);
      const sent = await noticeRows(chat, w.conversationId!);
      // queued on the worker's own channel; delivery through each real adapter is in test/cases/channels-notice.test.ts
      expect(sent.map((s) => s.channel)).toEqual([channel]);
      if (channel === 'webchat') expect(sent.map((s) => s.status)).toEqual(['sent']);
      const history = await chat.app.db.prisma.grievanceCaseEvent.findMany({ where: { caseId: c.id }, orderBy: { id: 'asc' } });
      expect(history.map((h) => [h.kind, h.fromStatus, h.toStatus, h.actorType])).toEqual([
        ['created', null, 'moi', 'worker'],
        ['status', 'moi', 'dang_xu_ly', 'officer'],
      ]);
    });
  }
});

describe('grievance: starting and bad input', () => {
  let chat: Transcript;
  beforeAll(async () => {
    chat = await openTranscript();
  });
  afterAll(() => chat.close());

  it.each([
    ['phan anh'],
    ['khieu nai'],
    ['cty no luong'],
    ['bi duoi viec'],
    ['e bi sa thai'],
    ['toi muon gui phan anh'],
    ['cty ko dong bhxh cho e'],
    ['i want to file a complaint'],
  ])('"%s" starts the grievance flow', async (text) => {
    const r = await chat.worker(`start-${text}`).says(text);
    expect(r.text).toMatch(/xử lý thông tin phản ánh|processes your complaint/);
  });

  it('"Gửi phản ánh" and "Tra cứu phản ánh" are on the main menu, in that order after registration', async () => {
    const r = await chat.worker('menu').says('menu');
    const labels = r.choices.map((c) => c.label);
    expect(labels.indexOf('Gửi phản ánh')).toBeGreaterThan(labels.indexOf('Gia nhập Công đoàn'));
    expect(labels.indexOf('Tra cứu phản ánh')).toBe(labels.indexOf('Gửi phản ánh') + 1);
  });

  it('refusing consent stores nothing', async () => {
    const w = chat.worker('refuse');
    await w.says('phan anh');
    expect((await w.says('khong dong y')).text).toMatch(/không ghi nhận thông tin nào/);
    expect(await chat.app.db.prisma.consent.count({ where: { purpose: 'grievance' } })).toBe(0);
  });

  async function atDescription(id: string, channel: ChannelId = 'webchat') {
    const w = chat.worker(id, channel);
    await w.says('phan anh');
    await w.says('dong y');
    await w.says('tang ca');
    await w.says('cty may song hong viet');
    await w.says('bac ninh');
    const r = await w.says('1');
    expect(r.text).toMatch(/kể lại sự việc/);
    return w;
  }

  it('an empty or too short description is refused with a clear reason', async () => {
    const w = await atDescription('empty-desc');
    expect((await w.says('   ')).text).toMatch(/chưa kể sự việc/);
    expect((await w.says('no')).text).toMatch(/hơi ngắn/);
    const photoInstead = await sendsFiles(chat, 'empty-desc', 'webchat', [photo(9)]);
    expect(photoInstead.text).toMatch(/Ảnh và giấy tờ bạn gửi ở bước sau/);
    expect((await w.says('bat tang ca 4 tieng moi ngay khong tra tien')).text).toMatch(/phát hiện sự việc từ ngày nào/);
  });

  async function atEvidence(id: string, channel: ChannelId) {
    const w = chat.worker(id, channel);
    await fillUpToEvidence(w, { ...WAGES, affected: '2' });
    return w;
  }

  it.each(CHANNELS)('%s: a 20 MB file is refused in Vietnamese and nothing is kept of it', async (channel) => {
    const id = `big-${channel}`;
    const w = await atEvidence(id, channel);
    const r = await sendsFiles(chat, id, channel, [{ type: 'video', mime: 'video/mp4', size: 20 * 1024 * 1024, name: 'quay-xuong.mp4', url: 'https://x.test/v' }]);
    expect(r.text).toMatch(/Tệp "quay-xuong\.mp4" nặng 20 MB, vượt quá giới hạn 10 MB/);
    expect(r.text).toMatch(/gửi thêm|Không có|bằng chứng/);
    await w.says('khong co');
    await w.says('khong can');
    const summary = await w.says('dung roi');
    const c = await caseByCode(chat, codeIn(summary.text)!);
    expect(await chat.app.db.prisma.grievanceAttachment.count({ where: { caseId: c.id } })).toBe(0);
  });

  it.each<[string, InboundAttachment]>([
    ['a spreadsheet', { type: 'file', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', name: 'cham-cong.xlsx', size: 30_000 }],
    ['an executable posing as a video', { type: 'video', mime: 'application/x-msdownload', name: 'video.exe', size: 30_000 }],
    ['a sticker', { type: 'sticker', url: 'https://x.test/s' }],
  ])('%s is refused as an unsupported type', async (_what, attachment) => {
    const id = `type-${attachment.type}-${attachment.mime ?? 'none'}`;
    await atEvidence(id, 'webchat');
    const r = await sendsFiles(chat, id, 'webchat', [attachment]);
    expect(r.text).toMatch(/chưa nhận được loại tệp này/);
  });

  it('a PDF and a Word file are accepted', async () => {
    await atEvidence('docs', 'telegram');
    const r = await sendsFiles(chat, 'docs', 'telegram', [
      { type: 'file', mime: 'application/pdf', name: 'quyet-dinh.pdf', size: 120_000 },
      { type: 'file', name: 'hop-dong.docx', size: 40_000 },
    ]);
    expect(r.text).toMatch(/Đã nhận 2 tệp/);
  });

  it('a dismissal discovered more than a year ago says the court limit has passed', async () => {
    const w = chat.worker('old');
    await fillUpToEvidence(w, { ...WAGES, category: 'sa thai', discovered: '1/9/2025', affected: '1' });
    await w.says('khong co');
    await w.says('khong can');
    const done = await w.says('dung roi');
    expect(done.text).toMatch(/đã quá 1 năm/);
    expect(done.text).not.toMatch(/tức đến/);
  });

  it('a worker whose application is on file is offered that workplace', async () => {
    const { register } = await import('../registration/test-helpers.ts');
    const w = chat.worker('member');
    await register(w);
    await w.says('phan anh');
    await w.says('dong y');
    const r = await w.says('bao hiem xa hoi');
    expect(r.text).toMatch(/Theo hồ sơ đăng ký của bạn, bạn làm việc tại cty may song hong viet \(Công đoàn cơ sở Công ty TNHH May Sông Hồng Việt\)/);
    expect((await w.says('dung roi')).text).toMatch(/kể lại sự việc/);
  });
});
