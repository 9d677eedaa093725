import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servicesAvailable } from '../env.ts';
import { openWorld, type World } from './world.ts';
import { MORNING, newBroadcast, outboxCount, recipients } from './helpers.ts';
import { planBroadcast } from '../../src/broadcasts/plan.ts';
import { sendDueReminders } from '../../src/quiz/reminder-sweep.ts';
import { noticeContent, notifyPerson } from '../../src/broadcasts/notify.ts';
import { runBroadcast } from '../../src/broadcasts/runner.ts';
import { getBroadcast } from '../../src/broadcasts/store.ts';
import { control } from '../../src/broadcasts/control.ts';

const available = await servicesAvailable();

describe.skipIf(!available)('event notifications through the broadcast machinery', () => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld(MORNING);
  });
  afterAll(async () => {
    await w?.close();
  });

  it('sends "registration approved" once, on the channel that reaches the worker now', async () => {
    // Zalo window long closed (10 days), Telegram open: the notice goes by Telegram
    const p = await w.addPerson({ unit: 'a', channels: [{ channel: 'zalo', lastInboundHoursAgo: 240 }, { channel: 'telegram' }] });
    const r = await notifyPerson(w.deps, {
      kind: 'registration_approved',
      memberId: p.memberId!,
      unitPath: w.units.a.path,
      content: noticeContent('registration_approved', { code: 'DK-2026-ABC123', memberNo: 'M-0001' }),
    });
    expect(r).toMatchObject({ status: 'queued', channel: 'telegram' });
    await w.deliverAll();
    expect(w.sent).toHaveLength(1);
    expect(w.sent[0]!.text).toContain('Hồ sơ đăng ký gia nhập Công đoàn DK-2026-ABC123 đã được duyệt');
    // one person's news is sealed at rest, like the outbox bodies
    const [stored] = await w.db.sql.query<{ content: unknown }>(`SELECT content FROM broadcast WHERE id = $1::uuid`, [r.broadcastId]);
    expect(JSON.stringify(stored!.content)).not.toMatch(/DK-2026-ABC123|M-0001|duyệt/);
    expect(stored!.content).toEqual({ sealed: expect.any(String) });
  });

  it('says why a notice cannot be delivered: a Zalo worker silent for 8 days', async () => {
    const p = await w.addPerson({ unit: 'a', channels: [{ channel: 'zalo', lastInboundHoursAgo: 8 * 24 }] });
    const r = await notifyPerson(w.deps, { kind: 'case_status_changed', memberId: p.memberId!, unitPath: w.units.a.path, content: noticeContent('case_status_changed', { code: 'PA-1', status: 'đang xử lý' }) });
    expect(r).toMatchObject({ status: 'skipped', reason: 'zalo_window_closed' });
    // the reason stays on the recipient row; nothing reaches the outbox, and the notice is finished
    expect(await recipients(w, r.broadcastId)).toEqual([expect.objectContaining({ channel: 'zalo', status: 'skipped', reason: 'zalo_window_closed' })]);
    expect(await outboxCount(w, `conversation_id = '${p.conversations[0]}'`)).toBe(0);
    expect((await w.db.sql.query(`SELECT status FROM broadcast WHERE id = $1::uuid`, [r.broadcastId]))[0]).toEqual({ status: 'done' });
  });

  it('Messenger outside 24 h: an account update goes with ACCOUNT_UPDATE, an officer\'s broadcast does not go at all', async () => {
    const p = await w.addPerson({ unit: 'b', channels: [{ channel: 'messenger', lastInboundHoursAgo: 72 }] });
    const r = await notifyPerson(w.deps, { kind: 'case_status_changed', memberId: p.memberId!, unitPath: w.units.b.path, content: noticeContent('case_status_changed', { code: 'PA-2', status: 'đang xử lý' }) });
    expect(r).toMatchObject({ status: 'queued', channel: 'messenger' });
    const rows = await w.db.sql.query<{ message_tag: string | null }>(`SELECT message_tag FROM outbox_message WHERE conversation_id = $1::uuid`, [p.conversations[0]]);
    expect(rows).toEqual([{ message_tag: 'ACCOUNT_UPDATE' }]);
    const before = w.sent.length;
    await w.deliverAll();
    expect(w.sent.slice(before).map((x) => [x.channel, x.text])).toEqual([['messenger', 'Phản ánh PA-2 của bạn đã chuyển sang trạng thái: đang xử lý.']]);

    // promotional: no tag, even when one is smuggled into the officer's policy
    const b = await newBroadcast(w, { audience: { membership: 'members', units: [w.units.b.code] }, policy: { messengerTag: 'ACCOUNT_UPDATE' } as never });
    expect(b.policy.messengerTag).toBeUndefined();
    await planBroadcast(w.deps, b.id);
    expect(await recipients(w, b.id)).toEqual([expect.objectContaining({ channel: 'messenger', status: 'skipped', reason: 'messenger_window_closed' })]);
  });

  it('keeps quiet hours: a notice at 23:00 waits for 08:00 without blocking the conversation', async () => {
    const p = await w.addPerson({ unit: 'a', member: false, channels: [{ channel: 'webchat', locale: 'en' }] });
    const identity = (await w.db.sql.query<{ id: string }>(`SELECT identity_id::text AS id FROM conversation WHERE id = $1::uuid`, [p.conversations[0]]))[0]!.id;
    w.now.value = new Date('2026-03-10T16:00:00Z'); // 23:00 in Hanoi
    const before = w.sent.length;
    const r = await notifyPerson(w.deps, { kind: 'contest_opening_soon', identityId: identity, unitPath: w.units.a.path, content: noticeContent('contest_opening_soon', { title: 'Tìm hiểu Bộ luật Lao động', opensAt: '08:00 11/03' }) });
    expect(r).toMatchObject({ status: 'waiting', channel: 'webchat' });
    expect(Number((await w.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM outbox_message WHERE conversation_id = $1::uuid`, [p.conversations[0]]))[0]!.n)).toBe(0);
    // 08:05 next morning: the runner sends it, in the worker's language
    w.now.value = new Date('2026-03-11T01:05:00Z');
    const done = await runBroadcast(w.deps, r.broadcastId, { sleep: async () => void (await w.deliverAll()) });
    expect(done).toEqual({ state: 'done' });
    expect(w.sent.slice(before).map((s) => s.text)).toEqual(['The contest "Tìm hiểu Bộ luật Lao động" opens at 08:00 11/03. Send "contest" to take part when it starts.']);
  });
  it('contest reminders: two workers sweeping at the same moment send each reminder once', async () => {
    w.now.value = new Date('2026-03-12T03:00:00Z'); // 10:00 in Hanoi; the contest opens tomorrow 09:00
    await w.db.sql.query(
      `INSERT INTO contest (id, title, title_en, organizer_code, opens_at, closes_at, time_limit_sec, questions)
       VALUES ('luat-2026', 'Tìm hiểu Luật Công đoàn 2024', 'Trade Union Law 2024', 'CS-A', '2026-03-13T02:00:00Z', '2026-03-20T02:00:00Z', 600, '[]'::jsonb)`,
    );
    const people = [];
    for (let i = 0; i < 6; i++) people.push(await w.addPerson({ unit: 'a', channels: [{ channel: 'telegram', lastInboundHoursAgo: 1 }] }));
    for (const p of people) {
      await w.db.sql.query(
        `INSERT INTO contest_reminder (id, contest_id, person_key, member_id, identity_id, conversation_id)
         SELECT gen_random_uuid(), 'luat-2026', 'm:' || $1, $1::uuid, c.identity_id, c.id FROM conversation c WHERE c.id = $2::uuid`,
        [p.memberId, p.conversations[0]],
      );
    }
    const before = w.sent.length;
    const [a, b] = await Promise.all([sendDueReminders(w.deps, 24), sendDueReminders(w.deps, 24)]);
    expect(a + b).toBe(6);
    expect(await sendDueReminders(w.deps, 24)).toBe(0);
    await w.deliverAll();
    const got = w.sent.slice(before);
    // six messages to six different people: nobody twice, nobody left out
    expect(got).toHaveLength(6);
    expect(new Set(got.map((x) => x.externalId)).size).toBe(6);
    expect(got[0]!.text).toBe('Cuộc thi "Tìm hiểu Luật Công đoàn 2024" sẽ mở lúc 13/03/2026 09:00. Nhắn "dự thi" để tham gia khi cuộc thi bắt đầu.');
    const rows = await w.db.sql.query<{ n: number }>(`SELECT count(*)::int AS n FROM contest_reminder WHERE notified_at IS NOT NULL AND broadcast_id IS NOT NULL`);
    expect(rows[0]!.n).toBe(6);
  });

  it('a notice takes no Zalo broadcast slot, and officers cannot open or pause a notice', async () => {
    w.now.value = new Date('2026-03-16T03:00:00Z'); // a new day in Hanoi, nobody capped yet today
    const p = await w.addPerson({ unit: 'b', channels: [{ channel: 'zalo', lastInboundHoursAgo: 1 }] });
    const n = await notifyPerson(w.deps, { kind: 'case_status_changed', memberId: p.memberId!, unitPath: w.units.b.path, content: noticeContent('case_status_changed', { code: 'PA-9', status: 'đang xử lý' }) });
    expect(n).toMatchObject({ status: 'queued', channel: 'zalo' });
    await w.deliverAll();
    // the same day, the union's broadcast still reaches this follower now
    const b = await newBroadcast(w, { audience: { membership: 'members', units: [w.units.b.code] } });
    await planBroadcast(w.deps, b.id);
    const mine = (await recipients(w, b.id)).find((r) => r.member_id === p.memberId);
    expect(mine).toMatchObject({ channel: 'zalo', status: 'pending', reason: null, not_before: null });
    // a scoped read (an officer's) does not see the notice; the sender's unscoped read does
    expect(await getBroadcast(w.deps.sql, n.broadcastId, '/TLD/')).toBeNull();
    expect(await getBroadcast(w.deps.sql, n.broadcastId)).not.toBeNull();
    expect(await control(w.deps, n.broadcastId, 'pause', '/TLD/')).toMatchObject({ ok: false, error: 'not_found' });
  });

  it('a notice that waited for 08:00 speaks the language the chat uses when it goes', async () => {
    w.now.value = new Date('2026-03-17T16:00:00Z'); // 23:00 in Hanoi
    const p = await w.addPerson({ unit: 'a', channels: [{ channel: 'telegram', locale: 'vi' }] });
    const n = await notifyPerson(w.deps, { kind: 'case_status_changed', memberId: p.memberId!, unitPath: w.units.a.path, content: noticeContent('case_status_changed', { code: 'PA-7', status: 'đang xử lý' }) });
    expect(n).toMatchObject({ status: 'waiting', channel: 'telegram' });
    // overnight the worker switched the chat to English
    await w.db.sql.query(`UPDATE conversation SET locale = 'en' WHERE id = $1::uuid`, [p.conversations[0]]);
    w.now.value = new Date('2026-03-18T01:00:00Z'); // 08:00
    const before = w.sent.length;
    expect(await runBroadcast(w.deps, n.broadcastId, { sleep: async () => void (await w.deliverAll()) })).toEqual({ state: 'done' });
    await w.deliverAll();
    expect(w.sent.slice(before).map((x) => x.text)).toEqual([expect.stringMatching(/^Your case PA-7 is now/)]);
  });
});
