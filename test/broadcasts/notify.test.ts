import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servicesAvailable } from '../env.ts';
import { openWorld, type World } from './world.ts';
import { MORNING } from './helpers.ts';
import { noticeContent, notifyPerson } from '../../src/broadcasts/notify.ts';
import { runBroadcast } from '../../src/broadcasts/runner.ts';

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
  });

  it('says why a notice cannot be delivered', async () => {
    const p = await w.addPerson({ unit: 'a', channels: [{ channel: 'messenger', lastInboundHoursAgo: 72 }] });
    const r = await notifyPerson(w.deps, { kind: 'case_status_changed', memberId: p.memberId!, unitPath: w.units.a.path, content: noticeContent('case_status_changed', { code: 'PA-1', status: 'đang xử lý' }) });
    expect(r).toMatchObject({ status: 'skipped', reason: 'messenger_window_closed' });
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
    expect(w.sent.slice(before).map((s) => s.text)).toEqual(['The contest "Tìm hiểu Bộ luật Lao động" opens at 08:00 11/03. Send "thi" to take part when it starts.']);
  });
});
