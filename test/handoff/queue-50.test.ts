/**
 * The load case: 50 conversations wait for 3 officers of capacity 2. Pickup order is
 * FIFO with urgent first (every freed place goes to the head of the queue), no officer ever
 * carries more than their capacity, and a conversation left waiting past the SLA climbs the org
 * tree to the federation, its original union being told (live event + audit row). Pinned clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { subscribeOfficerEvents, type OfficerEvent } from '../../src/officers/events.ts';
import type { OfficerApp, TestOfficer } from '../permissions/officer-app.ts';
import { fillUpToEvidence } from '../cases/helpers.ts';
import { api, handoffOf, openInbox, sweepNow, UNIT } from './helpers.ts';

const T0 = new Date('2026-11-23T08:00:00+07:00');
const at = (seconds: number) => new Date(T0.getTime() + seconds * 1000);

let t: OfficerApp;
beforeAll(async () => {
  t = await openInbox({ now: T0 });
}, 300_000);
afterAll(async () => t?.close());

describe('50 conversations, 3 officers of capacity 2', () => {
  it('picks up FIFO with urgent first and escalates an SLA breach to the federation', { timeout: 600_000 }, async () => {
    // 45 workers ask for an officer one second apart; 5 others file urgent grievances in between
    const arrival: string[] = [];
    const urgent: string[] = [];
    let second = 0;
    for (let i = 1; i <= 50; i++) {
      t.setNow(at(second++));
      if (i % 10 === 0) {
        const w = t.worker(`urgent-${i}`);
        await fillUpToEvidence(w);
        await w.says('khong co');
        await w.says('khong can giu kin');
        t.setNow(at(second++));
        expect((await w.says('dung roi')).text).toMatch(/KHẨN/);
        urgent.push(w.conversationId!);
        arrival.push(w.conversationId!);
      } else {
        const w = t.worker(`w-${i}`);
        expect((await w.says('gặp cán bộ')).text).toMatch(/vị trí số \d+/);
        arrival.push(w.conversationId!);
      }
    }
    expect(urgent).toHaveLength(5);
    const normal = arrival.filter((id) => !urgent.includes(id));
    const expectedOrder = [...urgent, ...normal];

    const officers: TestOfficer[] = [];
    for (let i = 0; i < 3; i++) officers.push(await t.officer({ unitCode: UNIT, capacity: 2, name: `Cán bộ ${i + 1}` }));
    const waiting = await api(t, officers[0]!, 'GET', '/api/officer/conversations?view=waiting&limit=200');
    expect(waiting.body.conversations.map((c: { id: string }) => c.id)).toEqual(expectedOrder);
    expect(waiting.body.conversations.map((c: { queuePosition: number }) => c.queuePosition)).toEqual(expectedOrder.map((_, i) => i + 1));

    // officers come on duty: the scheduled check fills their six places from the head of the queue
    t.setNow(at(120));
    expect(await sweepNow(t)).toMatchObject({ assigned: 6, escalated: 0 });
    const pickup: string[] = [];
    const seen = new Set<string>();
    const record = async () => {
      const active = await t.app.db.prisma.handoff.findMany({ where: { status: 'active' }, orderBy: [{ assignedAt: 'asc' }, { seq: 'asc' }] });
      for (const h of active) if (!seen.has(h.conversationId)) {
        seen.add(h.conversationId);
        pickup.push(h.conversationId);
      }
      // nobody carries more than their capacity, and the load is spread
      const load = new Map<string, number>();
      for (const h of active) load.set(h.assignedOfficerId!, (load.get(h.assignedOfficerId!) ?? 0) + 1);
      for (const n of load.values()) expect(n).toBeLessThanOrEqual(2);
      return active;
    };
    let active = await record();
    expect(new Set(active.map((h) => h.assignedOfficerId)).size).toBe(3);

    // officers answer and close one conversation at a time, 5 seconds apart, 30 closings in all:
    // each freed place goes to the longest-waiting conversation
    for (let k = 0; k < 30; k++) {
      t.setNow(at(125 + k * 5));
      const oldest = active.sort((a, b) => a.assignedAt!.getTime() - b.assignedAt!.getTime() || Number(a.seq - b.seq))[0]!;
      const officer = officers.find((o) => o.id === oldest.assignedOfficerId)!;
      expect((await api(t, officer, 'POST', `/api/officer/conversations/${oldest.conversationId}/reply`, { text: 'Chào bạn' })).status).toBe(200);
      expect((await api(t, officer, 'POST', `/api/officer/conversations/${oldest.conversationId}/close`)).status).toBe(200);
      active = await record();
    }
    // the first six places were filled in one instant: the five urgent ones and the first to ask
    // (44 others were waiting); after that, one by one in queue order
    expect(new Set(pickup.slice(0, 6))).toEqual(new Set(expectedOrder.slice(0, 6)));
    expect(pickup.slice(6)).toEqual(expectedOrder.slice(6, 36));
    const stillWaiting = expectedOrder.slice(36);
    expect((await api(t, officers[0]!, 'GET', '/api/officer/queue')).body).toMatchObject({ waiting: 14, urgent: 0, active: 6 });

    // SLA (10 min from asking) passes for the 14 still waiting: they climb to the next unit up
    // (Công đoàn các KCN Bắc Ninh), and the grassroots union hears of it
    const unit = await t.app.db.prisma.orgUnit.findUniqueOrThrow({ where: { code: UNIT } });
    const heard: OfficerEvent[] = [];
    const unsubscribe = subscribeOfficerEvents(t.app.notifier, unit.path, (e) => heard.push(e));
    t.setNow(at(11 * 60));
    expect(await sweepNow(t)).toMatchObject({ escalated: 14, assigned: 0 });
    unsubscribe();
    const first = await handoffOf(t, stillWaiting[0]!);
    const park = await t.app.db.prisma.orgUnit.findUniqueOrThrow({ where: { id: first.unitId } });
    expect(park).toMatchObject({ code: 'X24-001', id: unit.parentId });
    expect(first).toMatchObject({ status: 'waiting', escalationLevel: 1, originUnitId: unit.id });
    expect(heard).toContainEqual({ type: 'conversation.updated', unitPath: unit.path, conversationId: stillWaiting[0] });
    const audit = await t.app.db.prisma.auditLog.findFirstOrThrow({ where: { action: 'handoff.escalated', entityId: stillWaiting[0] } });
    expect(audit.details).toMatchObject({ fromUnit: UNIT, toUnit: 'X24-001' });
    // the grassroots officers no longer see them in their queue
    expect((await api(t, officers[0]!, 'GET', '/api/officer/conversations?view=waiting')).body.conversations).toEqual([]);

    // another SLA period with nobody at the industrial-park union: the provincial federation
    t.setNow(at(22 * 60));
    expect(await sweepNow(t)).toMatchObject({ escalated: 14 });
    const federationOfficer = await t.officer({ unitCode: 'P24', role: 'federation_admin', capacity: 3 });
    const atFederation = await api(t, federationOfficer, 'GET', '/api/officer/conversations?view=waiting&limit=200');
    expect(atFederation.body.conversations.map((c: { id: string }) => c.id)).toEqual(stillWaiting);
    expect(atFederation.body.conversations[0]).toMatchObject({ unit: { code: 'P24' }, escalationLevel: 2, queuePosition: 1 });
    // the federation officer's free places: the longest-waiting escalated conversations first
    t.setNow(at(22 * 60 + 1));
    expect(await sweepNow(t)).toMatchObject({ assigned: 3 });
    for (const id of stillWaiting.slice(0, 3)) expect(await handoffOf(t, id)).toMatchObject({ status: 'active', assignedOfficerId: federationOfficer.id });
  });
});
