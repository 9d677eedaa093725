/**
 * Scope permissions over EVERY officer API route (issue 7 "Done when"): for each route Fastify
 * registered under /api/officer/ there must be a probe (test/permissions/probes/*.ts, contract in
 * probe.ts). For each probe, on a fresh setup inside unit A:
 *   1. as the unit admin of B (another grassroots union of the same province): 403 or 404, no
 *      change to any table, and an audit row naming B;
 *   2. then as the unit admin of A: the probe's okStatus (default any 2xx), so the probe is real.
 * B goes first so that A's request (which may change state) cannot make B's fail for another reason.
 * Every route except the public ones also refuses a request without credentials (401), and every
 * state-changing one refuses a console session (cookie) without its CSRF token (403 csrf).
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Probe } from './probe.ts';
import { openProbeWorld, type HarnessWorld } from './world.ts';

const here = dirname(fileURLToPath(import.meta.url));
const probeFiles = readdirSync(join(here, 'probes')).filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts')).sort();
const loaded: Array<{ file: string; probe: Probe }> = [];
for (const file of probeFiles) {
  const mod = (await import(pathToFileURL(join(here, 'probes', file)).href)) as { probes?: Probe[] };
  for (const probe of mod.probes ?? []) loaded.push({ file, probe });
}

/** Routes anyone may call without credentials. */
const PUBLIC = new Set(['POST /api/officer/login', 'POST /api/officer/logout']);
/**
 * Tables a refused request may legitimately write: the audit row it must leave, and session
 * bookkeeping. Anything else changing on a refused request is a leak of write access.
 */
const VOLATILE_TABLES = new Set(['audit_log', 'officer_session', '_prisma_migrations']);
/** A stream (SSE) or a hung handler must not hang the suite. */
const REQUEST_TIMEOUT_MS = 20_000;

const key = (p: { method: string; route: string }) => `${p.method} ${p.route}`;

describe('officer API permissions: every route, unit A vs unit B', () => {
  let w: HarnessWorld;
  beforeAll(async () => {
    w = await openProbeWorld();
  }, 120_000);
  afterAll(() => w?.close());

  const inject = async (method: string, url: string, headers: Record<string, string>, payload?: unknown) => {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${method} ${url} did not answer within ${REQUEST_TIMEOUT_MS} ms (a stream must end for a refused or probed request)`)), REQUEST_TIMEOUT_MS);
    });
    try {
      return await Promise.race([
        w.t.http.inject({ method: method as 'GET', url, headers, ...(payload === undefined ? {} : { payload: payload as object }) }),
        timeout,
      ]);
    } finally {
      clearTimeout(timer);
    }
  };

  /** Row count and content hash of every table that a refused request must leave alone. */
  const fingerprint = async (): Promise<Map<string, string>> => {
    const prisma = w.app.db.prisma;
    const tables = await prisma.$queryRaw<Array<{ t: string }>>`SELECT tablename AS t FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1`;
    const out = new Map<string, string>();
    for (const { t } of tables) {
      if (VOLATILE_TABLES.has(t)) continue;
      const [row] = await prisma.$queryRawUnsafe<Array<{ n: bigint; h: string | null }>>(
        `SELECT count(*) AS n, md5(string_agg(md5(x::text), '' ORDER BY md5(x::text))) AS h FROM "${t.replace(/"/g, '""')}" x`,
      );
      out.set(t, `${row?.n}:${row?.h}`);
    }
    return out;
  };
  const changed = (before: Map<string, string>, after: Map<string, string>) =>
    [...new Set([...before.keys(), ...after.keys()])].filter((t) => before.get(t) !== after.get(t));

  const maxAuditId = async () => (await w.app.db.prisma.auditLog.aggregate({ _max: { id: true } }))._max.id ?? 0n;

  it('has a probe for every officer route, and no probe for a route that does not exist', () => {
    const registered = new Set(w.routes.map(key));
    const probed = new Set(loaded.map((l) => key(l.probe)));
    const missing = [...registered].filter((r) => !probed.has(r)).sort();
    const stale = loaded.filter((l) => !registered.has(key(l.probe))).map((l) => `${key(l.probe)} (${l.file})`);
    expect(missing, `routes without a probe in test/permissions/probes/:\n  ${missing.join('\n  ')}`).toEqual([]);
    expect(stale, 'probes for routes that are not registered').toEqual([]);
    const dupes = loaded.map((l) => key(l.probe)).filter((k, i, all) => all.indexOf(k) !== i);
    expect(dupes, 'routes with two probes').toEqual([]);
  });

  it('refuses every non-public route without credentials (401)', async () => {
    const open: string[] = [];
    for (const r of w.routes) {
      if (PUBLIC.has(key(r))) continue;
      const url = r.route.replace(/:[A-Za-z_]+/g, '00000000-0000-4000-8000-000000000000');
      const res = await inject(r.method, url, {}, r.method === 'GET' || r.method === 'DELETE' ? undefined : {});
      if (res.statusCode !== 401) open.push(`${key(r)} -> ${res.statusCode}`);
    }
    expect(open).toEqual([]);
  });

  it('refuses a console session without its CSRF token on every state-changing route (403 csrf)', async () => {
    const session = await w.t.login('probe.admin.a', w.passwordA);
    const open: string[] = [];
    for (const r of w.routes) {
      if (PUBLIC.has(key(r)) || r.method === 'GET') continue;
      const url = r.route.replace(/:[A-Za-z_]+/g, '00000000-0000-4000-8000-000000000000');
      const res = await inject(r.method, url, session.headers(false), r.method === 'DELETE' ? undefined : {});
      if (res.statusCode !== 403 || (res.json() as { error?: string }).error !== 'csrf') open.push(`${key(r)} -> ${res.statusCode}`);
    }
    expect(open).toEqual([]);
    // the same session with its token gets past the check (and then answers as the route does)
    const me = await inject('GET', '/api/officer/me', session.headers(false));
    expect(me.statusCode).toBe(200);
  });

  for (const { file, probe } of loaded) {
    it(`${key(probe)} (${file})`, async () => {
      expect(w.routes.map(key), `${key(probe)} is not registered (routes.ts line missing?)`).toContain(key(probe));
      const { url, payload } = await probe.setup(w);
      const okStatus = (s: number) => (probe.okStatus ? probe.okStatus.includes(s) : s >= 200 && s < 300);

      if (probe.unscoped) {
        const asA = await inject(probe.method, url, w.asA, payload);
        expect(okStatus(asA.statusCode), `as A: ${asA.statusCode} ${asA.body.slice(0, 300)}`).toBe(true);
        const asB = await inject(probe.method, url, w.asB, payload);
        expect(asB.statusCode, `as B: ${asB.body.slice(0, 300)}`).toBeLessThan(500);
        // "nothing unit-specific": what B reads must not mention unit A or its officer
        if (probe.method === 'GET') {
          for (const secret of [w.unitA.code, w.unitA.path, w.officerA]) expect(asB.body, `as B the answer mentions ${secret}`).not.toContain(secret);
        }
        return;
      }

      const auditBefore = await maxAuditId();
      const before = await fingerprint();
      const asB = await inject(probe.method, url, w.asB, payload);
      expect([403, 404], `as B: ${asB.statusCode} ${asB.body.slice(0, 300)}`).toContain(asB.statusCode);
      if (asB.statusCode === 404) {
        // a refusal must not say more than "not found": no data, no hint that the thing exists
        const body = asB.json() as Record<string, unknown>;
        expect(Object.keys(body).sort(), `as B: ${asB.body}`).toEqual(['error', 'message']);
      }
      expect(changed(before, await fingerprint()), 'tables changed by the refused request').toEqual([]);
      const audits = await w.app.db.prisma.auditLog.findMany({ where: { id: { gt: auditBefore }, actorType: 'officer', actorId: w.officerB } });
      expect(audits.length, 'audit rows naming officer B').toBeGreaterThan(0);

      const asA = await inject(probe.method, url, w.asA, payload);
      expect(okStatus(asA.statusCode), `as A: ${asA.statusCode} ${asA.body.slice(0, 300)}`).toBe(true);
    }, 60_000);
  }
});
