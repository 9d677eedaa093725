/**
 * Console sessions and the audit log under a console left open: what the console does by itself
 * (event stream, refetches after events, fallback polls; marked X-Console-Background: 1) keeps
 * the officer "online" but not signed in forever, and live re-reads of a conversation do not
 * flood the audit log.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OfficerApp, Session } from '../permissions/officer-app.ts';
import { MONDAY_9AM, openInbox, UNIT } from '../handoff/helpers.ts';

let t: OfficerApp;
beforeAll(async () => {
  t = await openInbox();
}, 300_000);
afterAll(async () => t?.close());

const at = (minutes: number) => t.setNow(new Date(MONDAY_9AM.getTime() + minutes * 60_000));

async function get(s: Session, url: string, background = false): Promise<number> {
  const res = await t.http.inject({ method: 'GET', url, headers: { ...s.headers(), ...(background ? { 'x-console-background': '1' } : {}) } });
  return res.statusCode;
}

async function onlineCount(s: Session): Promise<number> {
  const res = await t.http.inject({ method: 'GET', url: '/api/officer/queue', headers: { ...s.headers(), 'x-console-background': '1' } });
  return (res.json() as { officersOnline: number }).officersOnline;
}

describe('idle expiry of a console left open', () => {
  it('background requests and the event stream do not keep the session alive; what the officer does does', async () => {
    at(0);
    const idle = await t.officer({ unitCode: UNIT, name: 'Cán bộ để máy' });
    const busy = await t.officer({ unitCode: UNIT, name: 'Cán bộ làm việc' });
    const left = await t.login(idle.username, idle.password);
    const working = await t.login(busy.username, busy.password);

    // the console left open: a poll every half hour, the stream reconnecting in between
    for (const m of [30, 60, 90, 119]) {
      at(m);
      expect(await get(left, '/api/officer/conversations?view=waiting', true)).toBe(200);
      expect(await get(left, '/api/officer/events?maxSeconds=0')).toBe(200);
      // the other officer clicks something at 10:00
      if (m === 60) expect(await get(working, '/api/officer/conversations?view=mine')).toBe(200);
    }
    // the open console is still there for assignment: online (the other officer, silent since
    // 10:00, is not)
    expect(await onlineCount(left)).toBe(1);

    // two hours after the officer last did something: signed out, stream included
    at(120);
    expect(await get(left, '/api/officer/conversations?view=waiting', true)).toBe(401);
    expect(await get(left, '/api/officer/events?maxSeconds=0')).toBe(401);
    expect(await get(left, '/api/officer/me')).toBe(401);
    // the one who clicked at 10:00 is signed in until 12:00
    expect(await get(working, '/api/officer/me', true)).toBe(200);
    at(179);
    expect(await get(working, '/api/officer/me', true)).toBe(200);
    at(180);
    expect(await get(working, '/api/officer/me', true)).toBe(401);
  });
});

describe('reading a conversation is audited once per officer per 10 minutes', () => {
  it('live re-reads add no rows; a new window, another officer and every refused read do', async () => {
    at(0);
    const hoa = await t.officer({ unitCode: UNIT, name: 'Nguyễn Thị Hoa' });
    const binh = await t.officer({ unitCode: UNIT, name: 'Trần Văn Bình' });
    const stranger = await t.officer({ unitCode: 'CS24-0002', name: 'Cán bộ đơn vị khác' });
    const w = t.worker('audited');
    await w.says('gặp cán bộ');
    const id = w.conversationId!;
    const url = `/api/officer/conversations/${id}`;
    const read = (who: { bearer: Record<string, string> }) => t.http.inject({ method: 'GET', url, headers: who.bearer });
    const rows = (actorId: string, action: string) => t.app.db.prisma.auditLog.count({ where: { actorId, action, entityId: id } });

    // the console re-reads on every event: five reads at once, then more over nine minutes
    const first = await Promise.all([1, 2, 3, 4, 5].map(() => read(hoa)));
    expect(first.map((r) => r.statusCode)).toEqual([200, 200, 200, 200, 200]);
    for (const m of [3, 6, 9]) {
      at(m);
      expect((await read(hoa)).statusCode).toBe(200);
    }
    expect(await rows(hoa.id, 'conversation.read')).toBe(1);
    expect(await rows(binh.id, 'conversation.read')).toBe(0);
    expect((await read(binh)).statusCode).toBe(200);
    expect(await rows(binh.id, 'conversation.read')).toBe(1);

    // ten minutes after the first: a new window, a new row
    at(10);
    expect((await read(hoa)).statusCode).toBe(200);
    expect((await read(hoa)).statusCode).toBe(200);
    expect(await rows(hoa.id, 'conversation.read')).toBe(2);

    // refused reads are never folded: each one is a probe on record
    for (let i = 0; i < 3; i++) expect((await read(stranger)).statusCode).toBe(404);
    expect(await rows(stranger.id, 'conversation.read_denied')).toBe(3);
    expect(await rows(stranger.id, 'conversation.read')).toBe(0);
  });
});
