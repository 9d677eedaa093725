import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servicesAvailable } from '../env.ts';
import { openWorld, type World } from './world.ts';
import { MORNING, newBroadcast, recipients } from './helpers.ts';
import { planBroadcast, PlanError } from '../../src/broadcasts/plan.ts';
import { control } from '../../src/broadcasts/control.ts';
import { tick } from '../../src/broadcasts/sender.ts';

const available = await servicesAvailable();

describe.skipIf(!available)('broadcast planner', () => {
  let w: World;
  beforeAll(async () => {
    w = await openWorld(MORNING);
  });
  afterAll(async () => {
    await w?.close();
  });

  it('reaches a person on two channels once, on the preferred channel that reaches them now', async () => {
    const twoChannels = await w.addPerson({ unit: 'a', channels: [{ channel: 'zalo', lastInboundHoursAgo: 1 }, { channel: 'telegram' }] });
    // Messenger window closed (30 h): Telegram reaches them now, so Telegram wins over the preferred Messenger
    const closedMessenger = await w.addPerson({ unit: 'a', channels: [{ channel: 'messenger', lastInboundHoursAgo: 30 }, { channel: 'telegram' }] });
    const b = await newBroadcast(w, { audience: { units: ['CS-A'] } });
    const plan = await planBroadcast(w.deps, b.id);
    const rows = await recipients(w, b.id);
    expect(rows).toHaveLength(2);
    expect(rows.find((r) => r.member_id === twoChannels.memberId)).toMatchObject({ channel: 'zalo', status: 'pending', quota_class: 'free' });
    expect(rows.find((r) => r.member_id === closedMessenger.memberId)).toMatchObject({ channel: 'telegram', status: 'pending' });
    expect(plan.reachableNow).toBe(2);

    // the preference order is the broadcast's to choose
    const tg = await newBroadcast(w, { audience: { units: ['CS-A'] }, policy: { order: ['telegram', 'zalo', 'messenger', 'webchat'] } });
    await planBroadcast(w.deps, tg.id);
    expect((await recipients(w, tg.id)).map((r) => r.channel)).toEqual(['telegram', 'telegram']);

    // sending it: each person gets exactly one message through the delivery worker
    await control(w.deps, b.id, 'start');
    await tick(w.deps, b.id);
    await w.deliverAll();
    expect(w.sent.map((s) => s.channel).sort()).toEqual(['telegram', 'zalo']);
    expect(w.sent.every((s) => s.text === 'Chúc mừng năm mới')).toBe(true);
  });

  it('says who cannot be reached and why, per channel', async () => {
    await w.addPerson({ unit: 'b', channels: [{ channel: 'messenger', lastInboundHoursAgo: 30 }] });
    await w.addPerson({ unit: 'b', channels: [{ channel: 'zalo', lastInboundHoursAgo: 100 }] });
    await w.addPerson({ unit: 'b', channels: [{ channel: 'zalo', lastInboundHoursAgo: 200 }] });
    await w.addPerson({ unit: 'b', channels: [{ channel: 'zalo', lastInboundHoursAgo: 2, unfollowed: true }] });
    await w.addPerson({ unit: 'b', channels: [] });
    await w.addPerson({ unit: 'b', channels: [{ channel: 'webchat', lastInboundHoursAgo: 500 }] });
    const b = await newBroadcast(w, { audience: { units: ['CS-B'] } });
    const plan = await planBroadcast(w.deps, b.id);
    const by = Object.fromEntries(plan.channels.map((c) => [c.channel, c]));
    expect(by.messenger?.never.reasons).toEqual({ messenger_window_closed: 1 });
    expect(by.zalo?.never.reasons).toEqual({ zalo_no_quota: 1, zalo_window_closed: 1, unfollowed: 1 });
    expect(by.none?.never.reasons).toEqual({ no_channel: 1 });
    expect(by.webchat?.now).toBe(1);
    expect(plan).toMatchObject({ total: 6, reachableNow: 1, never: 5 });

    // with proactive quota the 100 h Zalo follower (48 h - 7 d) is reachable, and the plan counts the quota
    const q = await newBroadcast(w, { audience: { units: ['CS-B'] }, policy: { zalo: { proactiveQuota: 10 } } });
    const withQuota = await planBroadcast(w.deps, q.id);
    expect(withQuota.quotaUsed.zaloProactive).toBe(1);
    expect(withQuota.channels.find((c) => c.channel === 'zalo')).toMatchObject({ now: 1, quota: { free: 0, proactive: 1 } });

    // a quota of 0 with a zero budget left: past the quota nobody else is counted on it
    const tiny = await newBroadcast(w, { audience: { units: ['CS-B'] }, policy: { zalo: { proactiveQuota: 0 } } });
    expect((await planBroadcast(w.deps, tiny.id)).quotaUsed.zaloProactive).toBe(0);
  });

  it('never leaves the creating officer\'s scope', async () => {
    const inA = await w.addPerson({ unit: 'a', channels: [{ channel: 'telegram' }] });
    const inB = await w.addPerson({ unit: 'b', channels: [{ channel: 'telegram' }] });
    const nonMemberA = await w.addPerson({ unit: 'a', member: false, channels: [{ channel: 'telegram' }] });
    const b = await newBroadcast(w, { audience: { membership: 'all' } }, w.units.a.path);
    await planBroadcast(w.deps, b.id);
    const rows = await recipients(w, b.id);
    const convs = rows.map((r) => r.conversation_id);
    expect(convs).toContain(inA.conversations[0]);
    expect(convs).toContain(nonMemberA.conversations[0]);
    expect(convs).not.toContain(inB.conversations[0]);
    // asking for a unit outside the scope is refused, not widened
    const wide = await newBroadcast(w, { audience: { units: ['CS-B'] } }, w.units.a.path);
    await expect(planBroadcast(w.deps, wide.id)).rejects.toBeInstanceOf(PlanError);
    // and an officer of B cannot even see A's broadcast
    await expect(planBroadcast(w.deps, b.id, w.units.b.path)).rejects.toMatchObject({ code: 'not_found' });
  });

  it('filters by custom list and registration date', async () => {
    await w.addPerson({ unit: 'a', memberNo: 'CUSTOM-1', channels: [{ channel: 'telegram' }], joinedAt: new Date('2020-01-01Z') });
    await w.addPerson({ unit: 'a', memberNo: 'CUSTOM-2', channels: [{ channel: 'telegram' }], joinedAt: new Date('2026-02-01Z') });
    const list = await newBroadcast(w, { audience: { memberNos: ['CUSTOM-1', 'CUSTOM-2', 'NOBODY'] } });
    expect((await planBroadcast(w.deps, list.id)).total).toBe(2);
    const recent = await newBroadcast(w, { audience: { memberNos: ['CUSTOM-1', 'CUSTOM-2'], registeredAfter: new Date('2026-01-01Z') } });
    expect((await planBroadcast(w.deps, recent.id)).total).toBe(1);
  });
});
