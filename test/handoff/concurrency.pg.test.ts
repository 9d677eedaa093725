/**
 * Assignment is safe across processes: on PostgreSQL (several connections), scheduled checks
 * running at once and officers taking conversations at the same moment never put an officer over
 * capacity nor give one conversation to two officers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshSchema, type TestSchema } from '../env.ts';
import type { OfficerApp, TestOfficer } from '../permissions/officer-app.ts';
import { api, openInbox, sweepNow, UNIT } from './helpers.ts';

let schema: TestSchema;
let t: OfficerApp;
beforeAll(async () => {
  schema = await freshSchema('handoff');
  t = await openInbox({ env: { ...schema.env, DATABASE_POOL_MAX: '12' } });
}, 300_000);
afterAll(async () => {
  await t?.close();
  await schema?.drop();
});

describe('concurrent assignment on PostgreSQL', () => {
  it('parallel sweeps and takes respect every capacity; a conversation taken twice at once goes to one officer', { timeout: 300_000 }, async () => {
    const ids: string[] = [];
    for (let i = 0; i < 30; i++) {
      const w = t.worker(`c-${i}`);
      await w.says('gặp cán bộ');
      ids.push(w.conversationId!);
    }
    // two officers race for the same conversation
    const a = await t.officer({ unitCode: UNIT, capacity: 3 });
    const b = await t.officer({ unitCode: UNIT, capacity: 3 });
    const race = await Promise.all([a, b].map((o) => api(t, o, 'POST', `/api/officer/conversations/${ids[5]}/take`)));
    expect(race.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(race.find((r) => r.status === 409)!.body.error).toBe('taken');

    const officers: TestOfficer[] = [a, b, await t.officer({ unitCode: UNIT, capacity: 3 }), await t.officer({ unitCode: UNIT, capacity: 3 })];
    await Promise.all([
      ...Array.from({ length: 6 }, () => sweepNow(t)),
      ...Array.from({ length: 16 }, (_, i) => api(t, officers[i % 4]!, 'POST', `/api/officer/conversations/${ids[(i * 7) % 30]}/take`)),
    ]);
    const active = await t.app.db.prisma.handoff.findMany({ where: { status: 'active' } });
    const load = new Map<string, number>();
    for (const h of active) load.set(h.assignedOfficerId!, (load.get(h.assignedOfficerId!) ?? 0) + 1);
    // every place is filled (30 waited for 12), and nobody holds more than 3
    expect(active).toHaveLength(12);
    expect([...load.values()]).toEqual([3, 3, 3, 3]);
    expect(new Set(active.map((h) => h.conversationId)).size).toBe(12);
    expect(await t.app.db.prisma.handoff.count({ where: { status: 'waiting' } })).toBe(18);
  });
});
