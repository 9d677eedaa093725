import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHANNELS } from '../../src/core/model.ts';
import { DEMO_UNITS } from '../../src/org/seed-data.ts';
import { openTranscript, type Transcript, type Worker } from '../../test/transcript.ts';
import { codeIn, fillUpToEvidence, keyIn, photo, sendsFiles, WAGES } from '../../test/cases/helpers.ts';
import { caseByCode, noticesTo, officerAsks, officerOf, officerSets } from '../../test/cases/officer-helpers.ts';

/** Files a case with no evidence; returns its code and access key. */
async function file(w: Worker, description = WAGES.description): Promise<{ code: string; key: string }> {
  await fillUpToEvidence(w, { ...WAGES, description, affected: '3' });
  await w.says('khong co');
  await w.says('khong can');
  const done = await w.says('dung roi');
  return { code: codeIn(done.text)!, key: keyIn(done.text)! };
}

describe('tra cứu phản ánh', () => {
  let chat: Transcript;
  beforeAll(async () => {
    chat = await openTranscript();
  });
  afterAll(() => chat.close());

  it.each(['tra cuu phan anh', 'phan anh cua toi xu ly toi dau roi', 'don khieu nai cua e sao r', 'check my complaint'])(
    '"%s" opens the lookup, not a new complaint',
    async (text) => {
      const r = await chat.worker(`lookup-${text}`).says(text);
      expect(r.text).toMatch(/mã phản ánh|complaint code/);
      expect(r.text).not.toMatch(/đồng ý|agree/);
    },
  );

  for (const channel of CHANNELS) {
    it(`${channel}: the worker sees their own cases and statuses without any code`, async () => {
      const w = chat.worker(`own-${channel}`, channel);
      const { code } = await file(w);
      const r = await w.says('tra cuu phan anh');
      expect(r.text).toMatch(/Bạn có 1 phản ánh/);
      expect(r.text).toContain(`${code} · Nợ, chậm lương`);
      expect(r.text).toMatch(/Tình trạng: Mới tiếp nhận/);
      expect(r.choices.map((c) => c.label)).toEqual([code, 'Tra mã khác', 'Xong']);
      // an officer moves it; the list follows
      const c = await caseByCode(chat, code);
      await officerSets(chat, await officerOf(chat, DEMO_UNITS.root), c.id, 'dang_xu_ly');
      await w.says('menu');
      expect((await w.says('tra cuu phan anh')).text).toMatch(/Tình trạng: Đang xử lý/);
    });

    it(`${channel}: information is added later from another channel with the code and the access key`, async () => {
      const filer = chat.worker(`filer-${channel}`, 'zalo');
      const { code, key } = await file(filer);
      const c = await caseByCode(chat, code);
      const officer = await officerOf(chat, DEMO_UNITS.bacNinhFederation);
      await officerAsks(chat, officer, c.id, 'Bạn gửi giúp ảnh bảng lương tháng 9.');
      const [notice] = await noticesTo(chat, filer.conversationId!);
      expect(notice).toMatch(new RegExp(`cần bạn bổ sung thông tin cho phản ánh ${code}: Bạn gửi giúp ảnh bảng lương tháng 9`));

      const id = `elsewhere-${channel}`;
      const w = chat.worker(id, channel);
      expect((await w.says('tra cuu phan anh')).text).toMatch(/mã phản ánh/);
      expect((await w.says(code.toLowerCase().replace(/-/g, ' '))).text).toMatch(/mã bảo mật/);
      const found = await w.says(key.toLowerCase());
      expect(found.text).toContain(`${code} · Nợ, chậm lương`);
      expect(found.text).toMatch(/Tình trạng: Chờ bạn bổ sung thông tin/);
      expect(found.text).toMatch(/Khởi kiện ra Tòa án: trong 1 năm/);
      expect((await w.says('bo sung')).text).toMatch(/gửi thông tin bổ sung cho phản ánh/);
      expect((await w.says('bang luong thang 9 ghi thieu 26 gio tang ca')).text).toContain(`Đã thêm vào phản ánh ${code}`);
      expect((await sendsFiles(chat, id, channel, [photo(7)])).text).toContain(`Đã thêm vào phản ánh ${code}`);
      expect((await w.says('xong')).text).toMatch(/Cán bộ công đoàn sẽ xem thông tin bổ sung/);

      const after = await caseByCode(chat, code);
      expect(after.status).toBe('dang_xu_ly');
      const events = await chat.app.db.prisma.grievanceCaseEvent.findMany({ where: { caseId: c.id }, orderBy: { id: 'asc' } });
      expect(events.map((e) => [e.kind, e.toStatus, e.channel])).toEqual([
        ['created', 'moi', 'zalo'],
        ['info_requested', 'cho_bo_sung', null],
        ['info_added', null, channel],
        ['status', 'dang_xu_ly', channel],
        ['info_added', null, channel],
      ]);
      expect(chat.app.services.keyring.open(events[2]!.noteEnc!)).toBe('bang luong thang 9 ghi thieu 26 gio tang ca');
      const files = await chat.app.db.prisma.grievanceAttachment.findMany({ where: { caseId: c.id } });
      expect(files).toHaveLength(1);
      expect(files[0]!.eventId).toBe(events[4]!.id);
    });
  }

  it('a code that does not exist, a wrong key and someone else\'s code all get the same answer, revealing nothing', async () => {
    const owner = chat.worker('owner');
    const { code, key } = await file(owner, 'quan doc cong ty X quat thao va danh cong nhan o xuong 2 ngay 10/11');
    const attempts: string[] = [];
    const tries: Array<[string, string, string]> = [
      ['nokey', 'PA-2026-999999', key],
      ['wrongkey', code, key === 'ABCDEF' ? 'ABCDEG' : 'ABCDEF'],
    ];
    for (const [id, c, k] of tries) {
      const w = chat.worker(id, 'messenger');
      await w.says('tra cuu phan anh');
      await w.says(c);
      attempts.push((await w.says(k)).text);
    }
    expect(attempts[0]).toMatch(/không tìm thấy phản ánh nào khớp/);
    expect(attempts[1]).toBe(attempts[0]);
    for (const t of attempts) {
      expect(t).not.toContain(code);
      expect(t).not.toMatch(/Nợ, chậm lương|Tình trạng|quan doc/);
    }
    // a stranger's own list never shows another worker's case
    const stranger = chat.worker('nokey', 'messenger');
    const own = await stranger.says('tra cuu phan anh');
    expect(own.text).not.toContain(code);
  });

  it('a malformed code or key is asked again, and a forged choice key for another worker\'s case opens nothing', async () => {
    const owner = chat.worker('owner2');
    const { code } = await file(owner);
    const c = await caseByCode(chat, code);
    const w = chat.worker('forger');
    await file(w);
    await w.says('tra cuu phan anh');
    const r = await w.tapsKey(`case:${c.id}`, code);
    expect(r.text).not.toContain(code);
    const next = await w.says('thong tin gia mao cua nguoi khac');
    expect(next.text).not.toContain(code);
    // whatever the tap led to, nothing reached the owner's case
    const events = await chat.app.db.prisma.grievanceCaseEvent.findMany({ where: { caseId: c.id } });
    expect(events.map((e) => e.kind)).toEqual(['created']);

    const v = chat.worker('typo');
    await v.says('tra cuu phan anh');
    expect((await v.says('PA-2026')).text).toMatch(/có dạng PA-2026-000123/);
    await v.says(code);
    expect((await v.says('12')).text).toMatch(/6 chữ và số/);
  });

  it('a member is linked: the case carries the member, and their other linked chat lists it without a code', async () => {
    const p = chat.app.db.prisma;
    const member = await p.member.create({ data: { fullName: 'Nguyễn Thị Bình' } });
    const onZalo = chat.worker('member-zalo', 'zalo');
    const onTelegram = chat.worker('member-telegram', 'telegram');
    await onZalo.says('xin chao');
    await onTelegram.says('xin chao');
    // linking on verified evidence is the membership issue's job; here it is given
    await p.channelIdentity.updateMany({ where: { platformUserId: { in: ['member-zalo', 'member-telegram'] } }, data: { memberId: member.id } });
    const { code } = await file(onZalo);
    expect((await caseByCode(chat, code)).memberId).toBe(member.id);
    const r = await onTelegram.says('tra cuu phan anh');
    expect(r.text).toContain(code);
    expect(r.choices.map((c) => c.label)).toContain(code);
  });

  it('an imminent work stoppage is filed as urgent and the chat goes to an officer at once', async () => {
    const w = chat.worker('strike');
    await fillUpToEvidence(w, { ...WAGES, urgency: 'sap dinh cong' });
    await w.says('khong co');
    await w.says('khong can');
    const done = await w.says('dung roi');
    expect(done.text).toMatch(/KHẨN CẤP/);
    expect(done.text).toMatch(/chuyển cuộc trò chuyện cho cán bộ/);
    const c = await caseByCode(chat, codeIn(done.text)!);
    expect(c).toMatchObject({ urgent: true, urgency: 'strike' });
    const conv = await chat.app.db.prisma.conversation.findUniqueOrThrow({ where: { id: w.conversationId! } });
    expect(conv.owner).toBe('human');
  });

  it('a closed case takes no more information', async () => {
    const w = chat.worker('closed');
    const { code, key } = await file(w);
    const c = await caseByCode(chat, code);
    await officerSets(chat, await officerOf(chat, DEMO_UNITS.bacNinhFederation), c.id, 'da_giai_quyet', 'Công ty đã trả đủ lương.');
    const [notice] = await noticesTo(chat, w.conversationId!);
    expect(notice).toMatch(/vừa được cập nhật: Đã giải quyết/);
    expect(notice).toMatch(/Công ty đã trả đủ lương/);
    const other = chat.worker('closed-other', 'telegram');
    await other.says('tra cuu phan anh');
    await other.says(code);
    const r = await other.says(key);
    expect(r.text).toMatch(/Tình trạng: Đã giải quyết/);
    expect(r.text).toMatch(/đã khép lại/);
  });
});
