/**
 * The ProbeWorld of probe.ts: the whole HTTP surface (registerHttp) on the embedded database,
 * two new grassroots unions A and B directly under the Bắc Ninh provincial federation, a unit
 * admin in each, and the list of routes Fastify registered under /api/officer/.
 */
import { randomUUID } from 'node:crypto';
import { fold } from '../../src/lang/fold.ts';
import { DEMO_UNITS } from '../../src/org/seed-data.ts';
import { openOfficerApp, type OfficerApp } from './officer-app.ts';
import type { ProbeMethod, ProbeUnit, ProbeWorld } from './probe.ts';

export interface RegisteredRoute {
  method: ProbeMethod;
  route: string;
}

export interface HarnessWorld extends ProbeWorld {
  t: OfficerApp;
  /** every method+route registered under /api/officer/ (HEAD and OPTIONS left out) */
  routes: RegisteredRoute[];
  /** officer A's password (for the probe of changing one's own password) */
  passwordA: string;
  close(): Promise<void>;
}

const PROBE_METHODS = new Set<string>(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

export async function openProbeWorld(opts: { now?: Date } = {}): Promise<HarnessWorld> {
  const routes: RegisteredRoute[] = [];
  const t = await openOfficerApp({
    now: opts.now ?? new Date('2026-11-23T09:00:00+07:00'),
    full: true,
    beforeRoutes: (http) =>
      http.addHook('onRoute', (r) => {
        if (!r.url.startsWith('/api/officer/')) return;
        for (const m of [r.method].flat()) {
          if (PROBE_METHODS.has(m) && !routes.some((x) => x.method === m && x.route === r.url)) routes.push({ method: m as ProbeMethod, route: r.url });
        }
      }),
  });
  const prisma = t.app.db.prisma;

  const fed = await prisma.orgUnit.findUniqueOrThrow({ where: { code: DEMO_UNITS.bacNinhFederation } });
  const federation: ProbeUnit = { id: fed.id, code: fed.code, path: fed.path, provinceCode: fed.provinceCode ?? '24' };
  const grassroots = async (code: string, name: string, employer: string): Promise<ProbeUnit> => {
    const u = await prisma.orgUnit.create({
      data: { code, name, employer, searchKey: fold(`${name} ${employer}`), kind: 'grassroots', parentId: fed.id, path: `${fed.path}${code}/`, provinceCode: federation.provinceCode },
    });
    return { id: u.id, code: u.code, path: u.path, provinceCode: federation.provinceCode };
  };
  const unitA = await grassroots('CS24-9001', 'Công đoàn cơ sở Công ty TNHH Thép An Phát', 'Công ty TNHH Thép An Phát');
  const unitB = await grassroots('CS24-9002', 'Công đoàn cơ sở Công ty Cổ phần Bao bì Bình Minh', 'Công ty Cổ phần Bao bì Bình Minh');

  const a = await t.officer({ unitCode: unitA.code, role: 'unit_admin', username: 'probe.admin.a', name: 'Quản trị A' });
  const b = await t.officer({ unitCode: unitB.code, role: 'unit_admin', username: 'probe.admin.b', name: 'Quản trị B' });

  let n = 0;
  return {
    t,
    app: t.app,
    routes,
    passwordA: a.password,
    unitA,
    unitB,
    federation,
    asA: a.bearer,
    asB: b.bearer,
    officerA: a.id,
    officerB: b.id,
    async conversationInA() {
      n += 1;
      const w = t.worker(`probe-worker-${n}-${randomUUID().slice(0, 6)}`, 'webchat');
      await w.says('xin chào');
      const conversationId = w.conversationId!;
      const conv = await prisma.conversation.findUniqueOrThrow({ where: { id: conversationId }, select: { identityId: true } });
      const member = await prisma.member.create({
        data: { fullName: `Đoàn viên thử ${n}`, orgUnitId: unitA.id, memberNo: `TEST-${randomUUID().slice(0, 8)}`, joinedAt: t.app.services.clock() },
      });
      await prisma.channelIdentity.update({ where: { id: conv.identityId }, data: { memberId: member.id } });
      return { conversationId, identityId: conv.identityId };
    },
    close: () => t.close(),
  };
}
