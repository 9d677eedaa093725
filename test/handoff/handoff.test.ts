/**
 * Human handoff as the worker lives it, through the real pipeline and the officer API: asking,
 * the queue and its positions, an officer taking the chat, replying, the bot staying silent,
 * notes, closing with a one-tap rating; outside opening hours; urgent cases first; idle resume.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OfficerApp } from '../permissions/officer-app.ts';
import { api, handoffOf, MONDAY_9AM, noticesTo, openInbox, ownerOf, resetQueue, sweepNow, UNIT } from './helpers.ts';
import { fillUpToEvidence } from '../cases/helpers.ts';

let t: OfficerApp;
beforeAll(async () => {
  t = await openInbox();
}, 300_000);
afterAll(async () => t?.close());
beforeEach(async () => resetQueue(t));

describe('handoff to an officer and back', () => {
  it('ask → queued with position → officer takes → reply reaches the worker → bot silent → note → close → rating', async () => {
    const lan = t.worker('lan');
    const minh = t.worker('minh');

    let bot = await lan.says('gặp cán bộ');
    expect(bot.text).toMatch(/chuyển cuộc trò chuyện cho cán bộ/);
    expect(bot.text).toMatch(/vị trí số 1/);
    expect(bot.text).not.toMatch(/ngoài giờ/);
    bot = await minh.says('gap can bo');
    expect(bot.text).toMatch(/vị trí số 2/);
    const lanId = lan.conversationId!;
    expect(await ownerOf(t, lanId)).toBe('human');
    expect(await handoffOf(t, lanId)).toMatchObject({ status: 'waiting', reason: 'worker_asked', urgent: false });

    const hoa = await t.officer({ unitCode: UNIT, name: 'Nguyễn Thị Hoa', capacity: 2 });
    const other = await t.officer({ unitCode: UNIT, name: 'Trần Văn Bình', capacity: 2 });
    let r = await api(t, hoa, 'GET', '/api/officer/conversations?view=waiting');
    expect(r.status).toBe(200);
    expect(r.body.conversations.map((c: { id: string; queuePosition: number }) => [c.id, c.queuePosition])).toEqual([
      [lanId, 1],
      [minh.conversationId, 2],
    ]);
    expect(r.body.conversations[0]).toMatchObject({ channel: 'webchat', handoffStatus: 'waiting', unit: { code: UNIT }, replyWindow: { state: 'unlimited' } });

    r = await api(t, hoa, 'POST', `/api/officer/conversations/${lanId}/take`);
    expect(r.status).toBe(200);
    expect(r.body.conversation).toMatchObject({ handoffStatus: 'active', assignedTo: { id: hoa.id, name: 'Nguyễn Thị Hoa' } });
    expect((await api(t, other, 'POST', `/api/officer/conversations/${lanId}/take`)).body.error).toBe('taken');
    expect((await api(t, other, 'POST', `/api/officer/conversations/${lanId}/take`)).status).toBe(409);
    expect((await noticesTo(t, lanId)).join('\n')).toMatch(/Cán bộ công đoàn Nguyễn Thị Hoa đã nhận/);
    // minh moved up
    expect((await minh.says('gặp cán bộ')).text).toMatch(/vẫn đang chờ.*vị trí số 1/);

    r = await api(t, hoa, 'POST', `/api/officer/conversations/${lanId}/reply`, { text: 'Chào chị Lan, chị cần hỗ trợ việc gì?' });
    expect(r.status).toBe(200);
    expect(r.body.replyWindow).toEqual({ state: 'unlimited', closesAt: null });
    await t.app.drain(lanId);
    const sent = await t.app.db.prisma.outboxMessage.findUniqueOrThrow({ where: { id: BigInt(r.body.outboxId) } });
    expect(sent).toMatchObject({ status: 'sent', officerId: hoa.id });
    expect(await noticesTo(t, lanId)).toContain('Chào chị Lan, chị cần hỗ trợ việc gì?');
    expect((await handoffOf(t, lanId)).firstResponseAt).toEqual(MONDAY_9AM);

    // the bot stays silent while the officer owns the chat, even for what it would normally answer
    expect((await lan.says('cty no luong 3 thang roi')).messages).toEqual([]);
    expect((await lan.says('dang ky cong doan')).messages).toEqual([]);

    r = await api(t, hoa, 'POST', `/api/officer/conversations/${lanId}/notes`, { text: 'Chị Lan bị nợ lương 3 tháng, cần hướng dẫn gửi phản ánh.' });
    expect(r.status).toBe(201);
    r = await api(t, hoa, 'GET', `/api/officer/conversations/${lanId}`);
    expect(r.status).toBe(200);
    const lines = r.body.messages.map((m: { direction: string; author: string; text: string }) => `${m.direction}/${m.author}: ${m.text.split('\n')[0]}`);
    expect(lines).toContain('in/worker: gặp cán bộ');
    expect(lines).toContain('out/officer: Chào chị Lan, chị cần hỗ trợ việc gì?');
    expect(lines).toContain('in/worker: cty no luong 3 thang roi');
    expect(lines).toContain('note/officer: Chị Lan bị nợ lương 3 tháng, cần hướng dẫn gửi phản ánh.');
    expect(lines.indexOf('out/officer: Chào chị Lan, chị cần hỗ trợ việc gì?')).toBeLessThan(lines.indexOf('in/worker: cty no luong 3 thang roi'));
    expect(r.body.member).toBeNull();
    expect(await t.app.db.prisma.auditLog.count({ where: { actorId: hoa.id, action: 'conversation.read', entityId: lanId } })).toBe(1);
    // notes are sealed at rest
    const note = await t.app.db.prisma.handoffNote.findFirstOrThrow({ where: { conversationId: lanId } });
    expect(note.textEnc).not.toMatch(/nợ lương/);

    r = await api(t, hoa, 'GET', '/api/officer/queue');
    expect(r.body).toMatchObject({ waiting: 1, urgent: 0, active: 1 });

    r = await api(t, hoa, 'POST', `/api/officer/conversations/${lanId}/close`);
    expect(r.status).toBe(200);
    expect(r.body.conversation.handoffStatus).toBe('closed');
    expect(await ownerOf(t, lanId)).toBe('bot');
    const notices = await noticesTo(t, lanId);
    expect(notices.at(-2)).toMatch(/đã kết thúc cuộc trò chuyện/);
    expect(notices.at(-1)).toMatch(/đánh giá thế nào.*1 😞 Rất tệ.*5 😍 Rất tốt/s);
    // a place freed: the longest-waiting conversation (minh) goes to the officer with the most
    // free places, the one idle longest on a tie (Bình, who has not had any yet)
    expect(await handoffOf(t, minh.conversationId!)).toMatchObject({ status: 'active', assignedOfficerId: other.id });
    expect((await noticesTo(t, minh.conversationId!)).join('\n')).toMatch(/Trần Văn Bình đã nhận/);

    bot = await lan.says('5');
    expect(bot.text).toMatch(/Cảm ơn bạn đã đánh giá/);
    expect(bot.choices.length).toBeGreaterThan(3); // the menu again: the bot is back
    expect((await handoffOf(t, lanId)).csat).toBe(5);
    r = await api(t, hoa, 'GET', '/api/officer/conversations?view=closed');
    expect(r.body.conversations[0]).toMatchObject({ id: lanId, csat: 5, handoffStatus: 'closed' });

    // typed without diacritics, the face's word is understood too
    expect((await api(t, hoa, 'POST', `/api/officer/conversations/${minh.conversationId}/close`)).body.error).toBe('taken');
    expect((await api(t, other, 'POST', `/api/officer/conversations/${minh.conversationId}/close`)).status).toBe(200);
    expect((await minh.says('tot')).text).toMatch(/Cảm ơn bạn đã đánh giá/);
    expect((await handoffOf(t, minh.conversationId!)).csat).toBe(4);
  });

  it('outside opening hours the worker is told when officers are back, and the SLA runs from then', async () => {
    // Sunday 22/11/2026 20:00 in Vietnam
    t.setNow(new Date('2026-11-22T20:00:00+07:00'));
    const dem = t.worker('dem');
    const bot = await dem.says('gap can bo');
    expect(bot.text).toMatch(/vị trí số 1/);
    expect(bot.text).toMatch(/ngoài giờ làm việc.*Thứ Hai–Thứ Sáu 07:30–17:00; Thứ Bảy 07:30–11:30/s);
    expect(bot.text).toMatch(/từ 07:30 Thứ Hai \(23\/11\)/);
    const h = await handoffOf(t, dem.conversationId!);
    expect(h.slaDueAt).toEqual(new Date('2026-11-23T07:40:00+07:00'));
  });

  it('an urgent case jumps the queue', async () => {
    const a = t.worker('a');
    const b = t.worker('b');
    expect((await a.says('gặp cán bộ')).text).toMatch(/vị trí số 1/);
    t.setNow(new Date(MONDAY_9AM.getTime() + 60_000));
    expect((await b.says('gặp cán bộ')).text).toMatch(/vị trí số 2/);
    t.setNow(new Date(MONDAY_9AM.getTime() + 120_000));
    // 35 workers unpaid: an urgent grievance at the same union
    const c = t.worker('c');
    await fillUpToEvidence(c);
    await c.says('khong co');
    await c.says('khong can giu kin');
    const done = await c.says('dung roi');
    expect(done.text).toMatch(/KHẨN CẤP/);
    expect(done.text).toMatch(/đánh dấu KHẨN để được ưu tiên.*vị trí số 1/s);
    expect(await handoffOf(t, c.conversationId!)).toMatchObject({ urgent: true, reason: 'urgent_case', status: 'waiting' });
    expect((await a.says('gặp cán bộ')).text).toMatch(/vị trí số 2/);

    const officer = await t.officer({ unitCode: UNIT, capacity: 1 });
    const r = await api(t, officer, 'GET', '/api/officer/conversations?view=waiting');
    expect(r.body.conversations.map((x: { id: string }) => x.id)).toEqual([c.conversationId, a.conversationId, b.conversationId]);
    expect(r.body.conversations[0]).toMatchObject({ urgent: true, reason: 'urgent_case' });
    // a new officer's free place is offered by the scheduled check: the urgent one first
    expect(await sweepNow(t)).toMatchObject({ assigned: 1 });
    expect(await handoffOf(t, c.conversationId!)).toMatchObject({ status: 'active', assignedOfficerId: officer.id });
    expect((await api(t, officer, 'POST', `/api/officer/conversations/${a.conversationId}/take`)).body.error).toBe('capacity_full');
  });

  it('the bot takes the chat back when nobody writes for the idle time', async () => {
    const officer = await t.officer({ unitCode: UNIT });
    const w = t.worker('idle');
    // an officer with a free place: assigned at once
    expect((await w.says('gặp cán bộ')).text).toMatch(/đã nhận cuộc trò chuyện/);
    const id = w.conversationId!;
    expect((await api(t, officer, 'POST', `/api/officer/conversations/${id}/reply`, { text: 'Bạn cần giúp gì?' })).status).toBe(200);
    t.setNow(new Date(MONDAY_9AM.getTime() + 29 * 60_000));
    expect(await sweepNow(t)).toMatchObject({ resumed: 0 });
    t.setNow(new Date(MONDAY_9AM.getTime() + 31 * 60_000));
    expect(await sweepNow(t)).toMatchObject({ resumed: 1 });
    expect(await handoffOf(t, id)).toMatchObject({ status: 'closed', closedBy: 'idle' });
    expect(await ownerOf(t, id)).toBe('bot');
    expect((await noticesTo(t, id)).at(-1)).toMatch(/tạm dừng vì một lúc lâu không có tin nhắn/);
    expect((await w.says('menu')).choices.length).toBeGreaterThan(3);
  });

  it('the worker takes the chat back with "menu"; three misunderstood messages in a row hand it over', async () => {
    const w = t.worker('back');
    await w.says('gặp cán bộ');
    const bot = await w.says('menu');
    expect(bot.text).toMatch(/quay lại hỗ trợ/);
    expect(await handoffOf(t, w.conversationId!)).toMatchObject({ status: 'closed', closedBy: 'worker' });

    const lost = t.worker('lost');
    await lost.says('xyzzy plugh');
    expect(await ownerOf(t, (lost.conversationId)!)).toBe('bot');
    await lost.says('qwrt zxcv');
    const third = await lost.says('blorp snarf');
    expect(third.text).toMatch(/chuyển cuộc trò chuyện cho cán bộ/);
    expect(await handoffOf(t, lost.conversationId!)).toMatchObject({ status: 'waiting', reason: 'misunderstood' });
  });

  it('a legal question the knowledge base cannot answer hands over, showing where it came from', async () => {
    const w = t.worker('legal');
    await w.says('hoi luat');
    const unsure = await w.says('thu tuc ly hon don phuong can giay to gi');
    expect(unsure.choices.map((c) => c.key)).toContain('cmd:human');
    expect((await w.taps('Gặp cán bộ')).text).toMatch(/vị trí số 1/);
    expect(await handoffOf(t, w.conversationId!)).toMatchObject({ status: 'waiting', reason: 'worker_asked', context: { flow: 'legal-qa' } });
  });

  it('an officer of another union sees none of it and gets 404, audited, on every action', async () => {
    const w = t.worker('scoped');
    await w.says('gặp cán bộ');
    const id = w.conversationId!;
    const stranger = await t.officer({ unitCode: 'CS24-0002', role: 'unit_admin' });
    expect((await api(t, stranger, 'GET', '/api/officer/conversations?view=unit')).body.conversations).toEqual([]);
    expect((await api(t, stranger, 'GET', '/api/officer/queue')).body).toMatchObject({ waiting: 0, active: 0 });
    const attempts: Array<['GET' | 'POST', string, unknown?]> = [
      ['GET', ''],
      ['POST', '/take'],
      ['POST', '/reply', { text: 'xin chào' }],
      ['POST', '/notes', { text: 'ghi chú' }],
      ['POST', '/transfer', { unitCode: 'CS24-0002' }],
      ['POST', '/close'],
    ];
    for (const [method, action, payload] of attempts) {
      const r = await api(t, stranger, method, `/api/officer/conversations/${id}${action}`, payload);
      expect(r.status, `${method} ${action}`).toBe(404);
      expect(r.body.error).toBe('not_found');
    }
    const audited = await t.app.db.prisma.auditLog.count({ where: { actorId: stranger.id, entityId: id, action: { endsWith: '_denied' } } });
    expect(audited).toBe(attempts.length);
    expect(await handoffOf(t, id)).toMatchObject({ status: 'waiting', assignedOfficerId: null });
    expect(await t.app.db.prisma.handoffNote.count({ where: { conversationId: id } })).toBe(0);
  });
});
