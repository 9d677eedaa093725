/**
 * Officer API test helpers: an app on the embedded database with the officer routes, officer
 * accounts, and logins through the real login route (cookie + CSRF token).
 *
 *   const t = await openOfficerApp();
 *   const a = await t.officer({ unitCode: 'CS24-0001', role: 'unit_admin' });
 *   const s = await t.login(a.username, a.password);
 *   await t.app.http.inject({ method: 'POST', url: '/api/officer/...', headers: s.headers(true) });
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { openTranscript, type Transcript, type TranscriptOptions } from '../transcript.ts';
import { registerHttp } from '../../src/http/routes.ts';
import { registerOfficerAuthRoutes, type OfficerAuthOptions } from '../../src/http/officer-auth.ts';
import { registerOfficerAdminRoutes } from '../../src/http/officer-admin.ts';
import { createOfficerGuard } from '../../src/officers/guard.ts';
import { createOfficer } from '../../src/officers/accounts.ts';
import type { OfficerRole } from '../../src/officers/context.ts';
import { mintOfficerToken } from '../../src/cases/token.ts';

export interface TestOfficer {
  id: string;
  username: string;
  password: string;
  role: OfficerRole;
  unitCode: string;
  scopePath: string;
  /** Authorization header of a bearer token for this officer */
  bearer: Record<string, string>;
}

export interface Session {
  cookie: string;
  csrfToken: string;
  /** the Cookie header, plus x-csrf-token when `unsafe` */
  headers(unsafe?: boolean): Record<string, string>;
}

export interface OfficerApp extends Transcript {
  http: FastifyInstance;
  officer(o: { unitCode: string; role?: OfficerRole; username?: string; password?: string; name?: string; capacity?: number }): Promise<TestOfficer>;
  login(username: string, password: string, ip?: string): Promise<Session>;
}

/** Cookie header value from a response's set-cookie headers (name=value pairs only). */
export function cookiesOf(setCookie: string | string[] | undefined): string {
  const list = setCookie === undefined ? [] : Array.isArray(setCookie) ? setCookie : [setCookie];
  return list.map((c) => c.split(';')[0]!).filter((c) => !c.endsWith('=')).join('; ');
}

export async function openOfficerApp(
  opts: TranscriptOptions & {
    /** register every HTTP route (registerHttp) instead of only the auth/admin ones */
    full?: boolean;
    auth?: OfficerAuthOptions;
    /** called before any route is registered (e.g. an onRoute hook) */
    beforeRoutes?: (http: FastifyInstance) => void;
  } = {},
): Promise<OfficerApp> {
  const chat = await openTranscript(opts);
  const app = chat.app;
  const http = app.http;
  opts.beforeRoutes?.(http);
  const clock = () => app.services.clock();
  if (opts.full) {
    await registerHttp(http, { config: app.config, db: app.db, adapters: app.adapters, log: app.log, queue: app.queue, notifier: app.notifier, keyring: app.services.keyring, clock });
  } else {
    const keyring = app.services.keyring;
    const deps = { config: app.config, db: app.db, adapters: app.adapters, log: app.log, queue: app.queue, notifier: app.notifier, keyring, clock, guard: createOfficerGuard({ keyring, clock }) };
    await registerOfficerAuthRoutes(http, deps, opts.auth);
    await registerOfficerAdminRoutes(http, deps);
  }
  await http.ready();

  return {
    ...chat,
    http,
    async officer(o) {
      const username = o.username ?? `cb${randomUUID().slice(0, 8)}`;
      const password = o.password ?? `pw-${randomUUID()}`;
      const role = o.role ?? 'officer';
      const created = await createOfficer(app.db.prisma, { username, name: o.name ?? `Cán bộ ${username}`, password, role, unitCode: o.unitCode, capacity: o.capacity });
      const token = mintOfficerToken(app.services.keyring, { officerId: created.id, unitCode: o.unitCode, scopePath: created.scopePath, role }, { now: clock() });
      return { id: created.id, username, password, role, unitCode: o.unitCode, scopePath: created.scopePath, bearer: { authorization: `Bearer ${token}` } };
    },
    async login(username, password, ip) {
      const res = await http.inject({ method: 'POST', url: '/api/officer/login', payload: { username, password }, ...(ip ? { remoteAddress: ip } : {}) });
      if (res.statusCode !== 200) throw new Error(`login failed: ${res.statusCode} ${res.body}`);
      const cookie = cookiesOf(res.headers['set-cookie']);
      const csrfToken = (res.json() as { csrfToken: string }).csrfToken;
      return { cookie, csrfToken, headers: (unsafe = false) => ({ cookie, ...(unsafe ? { 'x-csrf-token': csrfToken } : {}) }) };
    },
  };
}
