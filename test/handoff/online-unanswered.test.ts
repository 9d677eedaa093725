/**
 * Automatic assignment goes to officers whose console is open (online), and a taken conversation
 * the officer leaves unanswered goes back to the queue. Told as the worker and the officers live
 * it: the worker asks through the real pipeline, officers sign in with console sessions.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { OfficerApp, Session, TestOfficer } from '../permissions/officer-app.ts';
import { handoffConfig } from '../../src/handoff/config.ts';
import { parseHours, openMsBetween } from '../../src/handoff/hours.ts';
import { dueUnanswered } from '../../src/handoff/unanswered.ts';
import { subscribeOfficerEvents, type OfficerEvent } from '../../src/officers/events.ts';
import { handoffOf, MONDAY_9AM, noticesTo, openInbox, resetQueue, sweepNow, UNIT } from './helpers.ts';

let t: OfficerApp;
const events: OfficerEvent[] = [];
beforeAll(async () => {
  // the default (online officers only), which the shared helper turns off for the older tests;
  // a long SLA so waiting chats stay at their union while the minutes pass
  t = await openInbox({ env: { HANDOFF_ASSIGN_ONLINE_ONLY: 'true', HANDOFF_SLA_MINUTES: '120' } });
  subscribeOfficerEvents(t.app.notifier, '/', (e) => events.push(e));
}, 300_000);
afterAll(async () => t?.close());
beforeEach(async () => {
  await resetQueue(t);
  events.length = 0;
});

const at = (minutes: number) => t.setNow(new Date(MONDAY_9AM.getTime() + minutes * 60_000));

async function signedIn(o: { name: string; capacity: number }): Promise<{ officer: TestOfficer; session: Session }> {
  const officer = await t.officer({ unitCode: UNIT, name: o.name, capacity: o.capacity });
  return { officer, session: await t.login(officer.username, officer.password) };
}

async function call(s: Session, method: 'GET' | 'POST', url: string, opts: { payload?: object; background?: boolean } = {}) {
  const headers = { ...s.headers(method === 'POST'), ...(opts.background ? { 'x-console-background': '1' } : {}) };
  const res = await t.http.inject({ method, url, headers, ...(opts.payload ? { payload: opts.payload } : {}) });
  return { status: res.statusCode, body: res.body ? JSON.parse(res.body) : null };
}

describe('automatic assignment prefers officers who are online', () => {
  it('nobody online: the chat waits in the unit queue; the first officer to open the console gets it', async () => {
    const hoa = await t.officer({ unitCode: UNIT, name: 'Nguyễn Thị Hoa', capacity: 2 });
    const lan = t.worker('lan-offline');
    const bot = await lan.says('gặp cán bộ');
    expect(bot.text).toMatch(/vị trí số 1/);
    expect(bot.text).not.toMatch(/đã nhận/);
    expect(await handoffOf(t, lan.conversationId!)).toMatchObject({ status: 'waiting', assignedOfficerId: null });
    // the scheduled check does not park it on Hoa either: she is not there
    expect(await sweepNow(t)).toMatchObject({ assigned: 0 });

    // Hoa signs in: the queue is visible to her, and the next check gives her the head
    at(1);
    const session = await t.login(hoa.username, hoa.password);
    const waiting = await call(session, 'GET', '/api/officer/conversations?view=waiting');
    expect(waiting.body.conversations.map((c: { id: string }) => c.id)).toEqual([lan.conversationId]);
    expect((await call(session, 'GET', '/api/officer/queue')).body).toMatchObject({ waiting: 1, officersOnline: 1 });
    expect(await sweepNow(t)).toMatchObject({ assigned: 1 });
    expect(await handoffOf(t, lan.conversationId!)).toMatchObject({ status: 'active', assignedOfficerId: hoa.id });
    expect((await noticesTo(t, lan.conversationId!)).join('\n')).toMatch(/Nguyễn Thị Hoa đã nhận cuộc trò chuyện/);
  });

  it('an online officer is chosen over an absent one with more free places; a signed-out one is absent', async () => {
    await t.officer({ unitCode: UNIT, name: 'Trần Văn Bình', capacity: 5 });
    const { officer: hoa, session } = await signedIn({ name: 'Nguyễn Thị Hoa', capacity: 1 });
    const minh = t.worker('minh-online');
    expect((await minh.says('gặp cán bộ')).text).toMatch(/Cán bộ công đoàn Nguyễn Thị Hoa đã nhận/);
    expect(await handoffOf(t, minh.conversationId!)).toMatchObject({ assignedOfficerId: hoa.id });

    // Hoa is full and Bình is not there: the next one waits
    const tu = t.worker('tu-online');
    expect((await tu.says('gặp cán bộ')).text).toMatch(/vị trí số 1/);
    expect(await handoffOf(t, tu.conversationId!)).toMatchObject({ status: 'waiting' });

    // signing out ends presence: a freed place does not pull a conversation to her
    expect((await call(session, 'POST', '/api/officer/logout', { payload: {} })).status).toBeLessThan(300);
    expect((await t.http.inject({ method: 'POST', url: `/api/officer/conversations/${minh.conversationId}/close`, headers: hoa.bearer })).statusCode).toBe(200);
    expect(await handoffOf(t, tu.conversationId!)).toMatchObject({ status: 'waiting', assignedOfficerId: null });
  });

  it("the console's background requests keep an officer online; silence for 5 minutes makes her absent", async () => {
    const { officer: hoa, session } = await signedIn({ name: 'Nguyễn Thị Hoa', capacity: 3 });
    at(6);
    const a = t.worker('a-presence');
    expect((await a.says('gặp cán bộ')).text).toMatch(/vị trí số 1/);
    // an automatic refresh of her open console (after a live event) shows she is there
    expect((await call(session, 'GET', '/api/officer/queue', { background: true })).status).toBe(200);
    expect(await sweepNow(t)).toMatchObject({ assigned: 1 });
    expect(await handoffOf(t, a.conversationId!)).toMatchObject({ status: 'active', assignedOfficerId: hoa.id });
  });
});

describe('a taken conversation left unanswered goes back to the queue', () => {
  it('requeued at the head after 10 minutes without an answer; the worker hears it once; the officer is told', async () => {
    const { officer: hoa, session: hoaS } = await signedIn({ name: 'Nguyễn Thị Hoa', capacity: 1 });
    const lan = t.worker('lan-unanswered');
    expect((await lan.says('gặp cán bộ')).text).toMatch(/Nguyễn Thị Hoa đã nhận/);
    const id = lan.conversationId!;
    at(1);
    const minh = t.worker('minh-behind');
    expect((await minh.says('gặp cán bộ')).text).toMatch(/vị trí số 1/);

    // Hoa answers once, then Lan writes again at 09:02 and nobody answers
    expect((await call(hoaS, 'POST', `/api/officer/conversations/${id}/reply`, { payload: { text: 'Chào chị, chị cần gì ạ?' } })).status).toBe(200);
    at(2);
    expect((await lan.says('Em bị nợ lương 2 tháng, em phải làm sao?')).messages).toEqual([]);
    at(11);
    expect(await sweepNow(t)).toMatchObject({ requeued: 0 });
    expect(await handoffOf(t, id)).toMatchObject({ status: 'active', assignedOfficerId: hoa.id });
    at(12);
    // Hoa's console has been silent since 09:01: she is away, nobody takes it automatically
    expect(await sweepNow(t)).toMatchObject({ requeued: 1, assigned: 0 });
    const h = await handoffOf(t, id);
    expect(h).toMatchObject({ status: 'waiting', assignedOfficerId: null, unansweredRequeues: 1, unansweredBy: hoa.id });
    expect(h.requestedAt).toEqual(MONDAY_9AM);
    // back at the head of the queue, ahead of Minh who asked later
    const binh = await signedIn({ name: 'Trần Văn Bình', capacity: 1 });
    const waiting = await call(binh.session, 'GET', '/api/officer/conversations?view=waiting');
    expect(waiting.body.conversations.map((c: { id: string; queuePosition: number }) => [c.id, c.queuePosition])).toEqual([
      [id, 1],
      [minh.conversationId, 2],
    ]);
    expect((await noticesTo(t, id)).filter((n) => /sớm nhất có thể/.test(n))).toHaveLength(1);
    expect(events).toContainEqual({ type: 'conversation.requeued', unitPath: expect.any(String), conversationId: id, officerId: hoa.id });
    const audit = await t.app.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'handoff.requeued_unanswered', entityId: id } });
    expect(audit).toMatchObject({ actorType: 'system', details: expect.objectContaining({ officerId: hoa.id, requeues: 1 }) });

    // Bình, online, gets the head; he too leaves Lan waiting: requeued again, the worker is not told twice
    expect(await sweepNow(t)).toMatchObject({ assigned: 1 });
    expect(await handoffOf(t, id)).toMatchObject({ status: 'active', assignedOfficerId: binh.officer.id });
    at(23);
    expect(await sweepNow(t)).toMatchObject({ requeued: 1 });
    expect(await handoffOf(t, id)).toMatchObject({ status: 'waiting', unansweredRequeues: 2, unansweredBy: binh.officer.id });
    expect((await noticesTo(t, id)).filter((n) => /sớm nhất có thể/.test(n))).toHaveLength(1);
    expect(await t.app.db.prisma.auditLog.count({ where: { action: 'handoff.requeued_unanswered', entityId: id } })).toBe(2);
  });

  it('an officer whose console stays open but who does not answer is not given the same chat straight back', async () => {
    const { officer: hoa, session } = await signedIn({ name: 'Nguyễn Thị Hoa', capacity: 1 });
    const lan = t.worker('lan-ignored');
    expect((await lan.says('gặp cán bộ')).text).toMatch(/Nguyễn Thị Hoa đã nhận/);
    at(1);
    const minh = t.worker('minh-next');
    expect((await minh.says('gặp cán bộ')).text).toMatch(/vị trí số 1/);
    // her console refreshes by itself all along: she counts as online
    for (const m of [4, 8]) {
      at(m);
      expect((await call(session, 'GET', '/api/officer/queue', { background: true })).status).toBe(200);
    }
    at(10);
    expect(await sweepNow(t)).toMatchObject({ requeued: 1, assigned: 1 });
    // Lan waits at the head for someone else (or for Hoa to take her by hand); Minh went to Hoa
    expect(await handoffOf(t, lan.conversationId!)).toMatchObject({ status: 'waiting', unansweredBy: hoa.id });
    expect(await handoffOf(t, minh.conversationId!)).toMatchObject({ status: 'active', assignedOfficerId: hoa.id });
    expect((await call(session, 'GET', '/api/officer/conversations?view=waiting', { background: true })).body.conversations[0]).toMatchObject({ id: lan.conversationId, queuePosition: 1 });
  });

  it('an officer who answers keeps the conversation; the clock only runs while a message waits', async () => {
    const { officer: hoa, session } = await signedIn({ name: 'Nguyễn Thị Hoa', capacity: 2 });
    const w = t.worker('answered');
    await w.says('gặp cán bộ');
    const id = w.conversationId!;
    at(5);
    expect((await call(session, 'POST', `/api/officer/conversations/${id}/reply`, { payload: { text: 'Tôi nghe đây.' } })).status).toBe(200);
    at(25);
    // twenty minutes in which nobody wrote: no answer was owed (the idle resume is for later)
    expect(await sweepNow(t)).toMatchObject({ requeued: 0, resumed: 0 });
    expect(await handoffOf(t, id)).toMatchObject({ status: 'active', assignedOfficerId: hoa.id, unansweredSince: null });
  });

  it('the waiting time counts only opening hours', () => {
    const hours = parseHours('mon-fri 07:30-17:00; sat 07:30-11:30');
    if (typeof hours === 'string') throw new Error(hours);
    // Saturday 28/11 11:25 → Monday 30/11 07:34: 5 minutes on Saturday, 4 on Monday
    expect(openMsBetween(hours, new Date('2026-11-28T11:25:00+07:00'), new Date('2026-11-30T07:34:00+07:00'))).toBe(9 * 60_000);
    // Friday 16:55 → Saturday 08:00: 5 minutes on Friday, 30 on Saturday morning
    expect(openMsBetween(hours, new Date('2026-11-27T16:55:00+07:00'), new Date('2026-11-28T08:00:00+07:00'))).toBe(35 * 60_000);
    expect(openMsBetween(hours, new Date('2026-11-29T10:00:00+07:00'), new Date('2026-11-29T12:00:00+07:00'))).toBe(0);
  });

  it('a message written just before closing is not requeued overnight', async () => {
    const cfg = handoffConfig({ HANDOFF_IDLE_MINUTES: '5000' });
    const sql = t.app.db.sql;
    const { officer } = await signedIn({ name: 'Lê Văn Muộn', capacity: 1 });
    const w = t.worker('late');
    await w.says('gặp cán bộ');
    const id = (await handoffOf(t, w.conversationId!)).id;
    expect(await handoffOf(t, w.conversationId!)).toMatchObject({ assignedOfficerId: officer.id });
    await sql.query(`UPDATE handoff SET unanswered_since = $2 WHERE id = $1::uuid`, [id, new Date('2026-11-23T16:55:00+07:00')]);
    const keyring = t.app.services.keyring;
    expect(await dueUnanswered(sql, { keyring, cfg, now: new Date('2026-11-24T07:34:00+07:00') })).toEqual([]);
    expect((await dueUnanswered(sql, { keyring, cfg, now: new Date('2026-11-24T07:36:00+07:00') })).map((r) => r.id)).toEqual([id]);
    expect(await dueUnanswered(sql, { keyring, cfg: handoffConfig({ HANDOFF_UNANSWERED_MINUTES: '0' }), now: new Date('2026-11-25T12:00:00+07:00') })).toEqual([]);
  });
});
