import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { servicesAvailable } from '../env.ts';
import { openWorld, type World } from './world.ts';
import { MORNING, newBroadcast, outboxCount, recipients } from './helpers.ts';
import { planBroadcast } from '../../src/broadcasts/plan.ts';
import { control } from '../../src/broadcasts/control.ts';
import { channelCounts, tick } from '../../src/broadcasts/sender.ts';
import { runBroadcast } from '../../src/broadcasts/runner.ts';
import { sweep } from '../../src/pipeline/recovery.ts';
import { subscribeOfficerEvents } from '../../src/officers/events.ts';
import { MemoryNotifier } from '../../src/queue/notifier.ts';

const available = await servicesAvailable();
const at = (iso: string) => new Date(iso);

describe.skipIf(!available)('sending a broadcast through the delivery queue', () => {
  let w: World;
  beforeEach(async () => {
    w = await openWorld(MORNING);
  });
  afterEach(async () => {
    await w?.close();
  });
  afterAll(() => {});

  async function started(input: Parameters<typeof newBroadcast>[1] = {}) {
    const b = await newBroadcast(w, input);
    await planBroadcast(w.deps, b.id);
    expect((await control(w.deps, b.id, 'start')).ok).toBe(true);
    return b;
  }

  it('keeps quiet hours 22:00-08:00 (Hanoi): nothing goes inside, the rest resumes at 08:00', async () => {
    for (let i = 0; i < 30; i++) await w.addPerson({ unit: 'a', channels: [{ channel: 'telegram' }] });
    const b = await started();
    // 21:59:58 in Hanoi: only two seconds of the channel's rate (10/s × 0.8) may still go
    w.now.value = at('2026-03-10T14:59:58Z');
    await tick(w.deps, b.id);
    expect(await outboxCount(w)).toBe(16);
    // 22:00:01: what delivery has not taken yet is taken back, nothing new is written
    w.now.value = at('2026-03-10T15:00:01Z');
    const quiet = await tick(w.deps, b.id);
    expect(quiet).toEqual({ state: 'quiet', wakeAt: at('2026-03-11T01:00:00Z') });
    expect(await outboxCount(w)).toBe(0);
    await w.deliverAll();
    expect(w.sent).toHaveLength(0);
    // 03:00 at night: still nothing
    w.now.value = at('2026-03-10T20:00:00Z');
    expect((await tick(w.deps, b.id)).state).toBe('quiet');
    expect(await outboxCount(w)).toBe(0);
    // 08:00: sending resumes
    w.now.value = at('2026-03-11T01:00:00Z');
    await tick(w.deps, b.id, { maxBatch: 100 });
    await w.deliverAll();
    expect(w.sent).toHaveLength(30);
  });

  it('keeps the Zalo caps (1 a day, 4 a month per follower) and windows', async () => {
    const p = await w.addPerson({ unit: 'a', channels: [{ channel: 'zalo', lastInboundHoursAgo: 1 }] });
    const first = await started();
    await tick(w.deps, first.id);
    await w.deliverAll();
    await tick(w.deps, first.id);
    expect(w.sent).toHaveLength(1);

    // a second broadcast the same day waits for tomorrow 08:00 (the 7-day window is still open then)
    const second = await started();
    const [r] = await recipients(w, second.id);
    expect(r).toMatchObject({ channel: 'zalo', status: 'pending', reason: 'zalo_daily_cap' });
    expect(new Date(r!.not_before!)).toEqual(at('2026-03-11T01:00:00Z'));
    const waiting = await tick(w.deps, second.id);
    expect(waiting).toMatchObject({ state: 'sending', fed: 0, wakeAt: at('2026-03-11T01:00:00Z') });
    await w.deliverAll();
    expect(w.sent).toHaveLength(1);
    w.now.value = at('2026-03-11T01:30:00Z');
    await tick(w.deps, second.id);
    await w.deliverAll();
    expect(w.sent).toHaveLength(2);

    // four this month already (two more on earlier days): the fifth cannot go this month, and
    // the worker's window closes long before the 1st of April
    await w.db.sql.query(
      `INSERT INTO broadcast_recipient (broadcast_id, identity_id, channel, status, queued_at)
       SELECT gen_random_uuid(), identity_id, 'zalo', 'sent', d FROM conversation, unnest(ARRAY['2026-03-02T03:00Z', '2026-03-05T03:00Z']::timestamptz[]) d
        WHERE id = $1::uuid`,
      [p.conversations[0]],
    );
    w.now.value = at('2026-03-12T03:00:00Z');
    await w.db.sql.query(`UPDATE conversation SET last_inbound_at = $2 WHERE id = $1::uuid`, [p.conversations[0], at('2026-03-12T02:00:00Z')]);
    const fifth = await started();
    expect((await recipients(w, fifth.id))[0]).toMatchObject({ status: 'skipped', reason: 'zalo_monthly_cap' });
    expect(await tick(w.deps, fifth.id)).toEqual({ state: 'done' });
    expect(w.sent).toHaveLength(2);
  });

  it('two broadcasts planned and started in the same minute share a Zalo follower\'s one daily slot', async () => {
    for (let i = 0; i < 6; i++) await w.addPerson({ unit: 'a', channels: [{ channel: 'zalo', lastInboundHoursAgo: 2 }] });
    // both plans see nobody capped yet: each says all six go now
    const a = await newBroadcast(w, { title: 'A' });
    const b = await newBroadcast(w, { title: 'B' });
    expect((await planBroadcast(w.deps, a.id)).reachableNow).toBe(6);
    expect((await planBroadcast(w.deps, b.id)).reachableNow).toBe(6);
    expect((await control(w.deps, a.id, 'start')).ok).toBe(true);
    expect((await control(w.deps, b.id, 'start')).ok).toBe(true);
    // ticked side by side, as two runner processes would
    await Promise.all([tick(w.deps, a.id), tick(w.deps, b.id)]);
    await w.deliverAll();
    expect(w.sent).toHaveLength(6);
    const byFollower = new Map<string, number>();
    for (const s of w.sent) byFollower.set(s.externalId, (byFollower.get(s.externalId) ?? 0) + 1);
    expect([...byFollower.values()]).toEqual([1, 1, 1, 1, 1, 1]);
    // the later of the two waits for tomorrow 08:00 with the reason recorded
    const waiting = [...(await recipients(w, a.id)), ...(await recipients(w, b.id))].filter((r) => r.status === 'pending');
    expect(waiting).toHaveLength(6);
    for (const r of waiting) expect(r).toMatchObject({ reason: 'zalo_daily_cap', not_before: at('2026-03-11T01:00:00Z') });
  });

  it('keeps the OA\'s monthly proactive Zalo budget across broadcasts planned before either sent', async () => {
    w.deps.zaloProactivePerMonth = 3;
    // silent for 3 days: reachable on Zalo only with a proactive message
    for (let i = 0; i < 5; i++) await w.addPerson({ unit: 'a', channels: [{ channel: 'zalo', lastInboundHoursAgo: 72 }] });
    const policy = { zalo: { proactiveQuota: 10, dailyCap: 5, monthlyCap: 10 } };
    const a = await newBroadcast(w, { title: 'A', policy });
    const b = await newBroadcast(w, { title: 'B', policy });
    const planA = await planBroadcast(w.deps, a.id);
    const planB = await planBroadcast(w.deps, b.id);
    // each plan alone fits in what is left (3 of 3), so each counts 3 now and 2 without quota
    for (const plan of [planA, planB]) {
      expect(plan.quotaLeftThisMonth).toEqual({ zaloProactive: 3 });
      expect(plan.reachableNow).toBe(3);
      expect(plan.channels.find((c) => c.channel === 'zalo')!.never.reasons).toEqual({ zalo_no_quota: 2 });
    }
    expect((await control(w.deps, a.id, 'start')).ok).toBe(true);
    expect((await control(w.deps, b.id, 'start')).ok).toBe(true);
    await Promise.all([tick(w.deps, a.id), tick(w.deps, b.id)]);
    await w.deliverAll();
    await Promise.all([tick(w.deps, a.id), tick(w.deps, b.id)]);
    // together they spent the month's 3, not 6; the rest is skipped with the reason
    expect(w.sent).toHaveLength(3);
    const all = [...(await recipients(w, a.id)), ...(await recipients(w, b.id))];
    expect(all.filter((r) => r.status === 'sent')).toHaveLength(3);
    expect(all.filter((r) => r.status === 'skipped' && r.reason === 'zalo_no_quota')).toHaveLength(7);
    // the next broadcast this month sees nothing left
    const c = await newBroadcast(w, { title: 'C', policy });
    expect((await planBroadcast(w.deps, c.id)).quotaLeftThisMonth).toEqual({ zaloProactive: 0 });
  });

  it('small batches never overspend the monthly budget either', async () => {
    for (let i = 0; i < 6; i++) await w.addPerson({ unit: 'a', channels: [{ channel: 'zalo', lastInboundHoursAgo: 72 }] });
    const b = await started({ policy: { zalo: { proactiveQuota: 10, dailyCap: 5, monthlyCap: 10 } } });
    // planned while the budget looked ample (all six go now); by sending time only 2 are left
    expect((await recipients(w, b.id)).filter((r) => r.status === 'pending')).toHaveLength(6);
    w.deps.zaloProactivePerMonth = 2;
    // batches of three rows
    for (let i = 0; i < 10; i++) {
      const r = await tick(w.deps, b.id, { maxBatch: 3 });
      await w.deliverAll();
      if (r.state === 'done') break;
    }
    expect(w.sent).toHaveLength(2);
    const rows = await recipients(w, b.id);
    expect(rows.filter((r) => r.status === 'sent')).toHaveLength(2);
    expect(rows.filter((r) => r.status === 'skipped' && r.reason === 'zalo_no_quota')).toHaveLength(4);
  });

  it('re-checks windows just before sending: a Messenger window that closed meanwhile is skipped', async () => {
    await w.addPerson({ unit: 'a', channels: [{ channel: 'messenger', lastInboundHoursAgo: 20 }] });
    const b = await started();
    w.now.value = new Date(MORNING.getTime() + 5 * 3_600_000); // 25 h after their last message
    await tick(w.deps, b.id);
    expect((await recipients(w, b.id))[0]).toMatchObject({ status: 'skipped', reason: 'messenger_window_closed' });
    expect(await outboxCount(w)).toBe(0);
  });

  it('pauses, resumes and cancels; counts per channel with reasons', async () => {
    for (let i = 0; i < 12; i++) await w.addPerson({ unit: 'a', channels: [{ channel: 'telegram' }] });
    const events: string[] = [];
    const notifier = new MemoryNotifier();
    w.deps.notifier = notifier;
    subscribeOfficerEvents(notifier, '/TLD/', (e) => events.push(e.type));
    const b = await started();
    await tick(w.deps, b.id, { maxBatch: 4 });
    expect(await outboxCount(w)).toBe(4);

    expect((await control(w.deps, b.id, 'pause')).ok).toBe(true);
    expect(await outboxCount(w)).toBe(0); // taken back before delivery claimed them
    expect(await tick(w.deps, b.id)).toEqual({ state: 'paused' });
    await w.deliverAll();
    expect(w.sent).toHaveLength(0);
    expect((await control(w.deps, b.id, 'pause')).ok).toBe(false);

    expect((await control(w.deps, b.id, 'resume')).ok).toBe(true);
    await tick(w.deps, b.id, { maxBatch: 4 });
    await w.deliverAll();
    await tick(w.deps, b.id, { maxBatch: 4 }); // settles those 4, queues 4 more
    expect(w.sent).toHaveLength(4);

    expect((await control(w.deps, b.id, 'cancel')).ok).toBe(true);
    await w.deliverAll();
    expect(w.sent).toHaveLength(4);
    expect(await channelCounts(w.deps, b.id)).toEqual([{ channel: 'telegram', total: 12, pending: 0, queued: 0, sent: 4, failed: 0, skipped: 8 }]);
    expect((await recipients(w, b.id)).filter((r) => r.status === 'skipped').every((r) => r.reason === 'cancelled')).toBe(true);
    expect(events).toContain('broadcast.progress');
  });

  it('a failing recipient does not hold back the others', async () => {
    const people = [];
    for (let i = 0; i < 5; i++) people.push(await w.addPerson({ unit: 'a', channels: [{ channel: 'telegram' }] }));
    const blocked = await w.db.sql.query<{ external_id: string }>(`SELECT external_id FROM conversation WHERE id = $1::uuid`, [people[1]!.conversations[0]]);
    const flaky = await w.db.sql.query<{ external_id: string }>(`SELECT external_id FROM conversation WHERE id = $1::uuid`, [people[3]!.conversations[0]]);
    w.behaviour.set('telegram', (req) =>
      req.externalId === blocked[0]!.external_id
        ? { ok: false, retry: false, reason: 'Telegram 403: bot was blocked by the user' }
        : req.externalId === flaky[0]!.external_id
          ? { ok: false, retry: true, reason: 'Telegram 502' }
          : { ok: true },
    );
    const b = await started();
    await tick(w.deps, b.id);
    await w.deliverAll();
    await tick(w.deps, b.id);
    expect(w.sent).toHaveLength(3);
    const counts = (await channelCounts(w.deps, b.id))[0]!;
    expect(counts).toMatchObject({ sent: 3, failed: 1, queued: 1 });
    const failed = (await recipients(w, b.id)).find((r) => r.status === 'failed');
    expect(failed?.reason).toContain('blocked');
  });

  it('a crash in the middle resumes without sending anything twice', async () => {
    for (let i = 0; i < 20; i++) await w.addPerson({ unit: 'a', channels: [{ channel: i % 2 ? 'telegram' : 'webchat' }] });
    const b = await started();
    // 1. the loop dies after a batch: its delivery hints are lost with the process
    await tick(w.deps, b.id, { maxBatch: 3 });
    w.queue.hints.clear();
    // 2. the process dies inside a batch, after the statement committed but before it returned
    const realSql = w.deps.sql;
    let crashes = 0;
    w.deps.sql = {
      query: async (text, params) => {
        const rows = await realSql.query(text, params);
        if (text.includes('INSERT INTO outbox_message') && crashes++ === 0) throw new Error('killed');
        return rows as never;
      },
    };
    await expect(tick(w.deps, b.id, { maxBatch: 3 })).rejects.toThrow('killed');
    // 3. ... and once before its statement reached the database
    w.deps.sql = {
      query: async (text, params) => {
        if (text.includes('INSERT INTO outbox_message')) throw new Error('connection lost');
        return realSql.query(text, params);
      },
    };
    await expect(tick(w.deps, b.id, { maxBatch: 3 })).rejects.toThrow('connection lost');
    w.deps.sql = realSql;
    // a new process: the recovery sweep re-hints the outbox rows, the loop carries on
    await sweep(realSql, w.queue, 0);
    const r = await runBroadcast(w.deps, b.id, { maxBatch: 3, sleep: async () => void (await w.deliverAll()), owner: 'second-process' });
    expect(r).toEqual({ state: 'done' });
    await w.deliverAll();
    expect(w.sent).toHaveLength(20);
    expect(new Set(w.sent.map((s) => s.externalId)).size).toBe(20);
    expect(await outboxCount(w)).toBe(20);
    expect((await channelCounts(w.deps, b.id)).reduce((n, c) => n + c.sent, 0)).toBe(20);
  });
});
