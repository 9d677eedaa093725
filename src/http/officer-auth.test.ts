/**
 * Officer login, sessions, CSRF, lockout and rate limit, through the real routes on the embedded
 * database with a pinned clock.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cookiesOf, openOfficerApp, type OfficerApp, type TestOfficer } from '../../test/permissions/officer-app.ts';
import { DEMO_UNITS } from '../org/seed-data.ts';

const T0 = new Date('2026-11-22T08:00:00+07:00');
const later = (ms: number) => new Date(T0.getTime() + ms);
const H = 3600_000;

describe('officer login and sessions', () => {
  let t: OfficerApp;
  let lan: TestOfficer;
  const login = (username: string, password: string, ip = '10.0.0.1') =>
    t.http.inject({ method: 'POST', url: '/api/officer/login', payload: { username, password }, remoteAddress: ip });
  const me = (headers: Record<string, string>) => t.http.inject({ method: 'GET', url: '/api/officer/me', headers });

  beforeAll(async () => {
    t = await openOfficerApp({ now: T0 });
    lan = await t.officer({ unitCode: DEMO_UNITS.garmentBacNinh, role: 'officer', username: 'lan.nguyen', name: 'Nguyễn Thị Lan' });
  });
  afterAll(() => t.close());

  it('stores an argon2id hash, never the password', async () => {
    const row = await t.app.db.prisma.officer.findUniqueOrThrow({ where: { id: lan.id } });
    expect(row.passwordHash).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(row.passwordHash).not.toContain(lan.password);
  });

  it('logs in with a HttpOnly, SameSite=Strict, Path=/ cookie (not Secure outside production) and answers /me', async () => {
    t.setNow(T0);
    const res = await login('  LAN.Nguyen ', lan.password);
    expect(res.statusCode).toBe(200);
    const body = res.json() as { officer: { id: string; username: string; role: string; unit: { code: string; path: string }; capacity: number }; csrfToken: string };
    expect(body.officer).toMatchObject({ id: lan.id, username: 'lan.nguyen', role: 'officer', unit: { code: DEMO_UNITS.garmentBacNinh }, capacity: 2 });
    expect(body.csrfToken.length).toBeGreaterThan(10);
    const session = [res.headers['set-cookie']].flat().find((c) => c?.startsWith('ua_session='))!;
    expect(session).toMatch(/HttpOnly/);
    expect(session).toMatch(/SameSite=Strict/);
    expect(session).toMatch(/Path=\//);
    expect(session).not.toMatch(/Secure/);
    // only a hash of the token is stored
    const token = /^ua_session=([^;]+)/.exec(session)![1]!;
    expect(await t.app.db.prisma.officerSession.count({ where: { tokenHash: token } })).toBe(0);

    const m = await me({ cookie: cookiesOf(res.headers['set-cookie']) });
    expect(m.statusCode).toBe(200);
    expect((m.json() as { officer: { id: string }; csrfToken: string }).officer.id).toBe(lan.id);
    expect((m.json() as { csrfToken: string }).csrfToken).toBeTruthy();
    expect((await me({})).statusCode).toBe(401);
    expect((await me({ cookie: 'ua_session=forged-token-0123456789abcdef' })).statusCode).toBe(401);
  });

  it('answers a wrong password and an unknown username the same way', async () => {
    const wrong = await login('lan.nguyen', 'not-the-password', '10.0.0.2');
    const unknown = await login('nobody.here', 'not-the-password', '10.0.0.2');
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    expect(wrong.json()).toEqual(unknown.json());
    expect(wrong.json()).toMatchObject({ error: 'invalid_credentials' });
    await t.login('lan.nguyen', lan.password); // resets the failure count
  });

  it('locks an account for 15 minutes after 5 wrong passwords, whatever is typed next', async () => {
    const hung = await t.officer({ unitCode: DEMO_UNITS.garmentBacNinh, username: 'hung.tran' });
    t.setNow(T0);
    for (let i = 1; i <= 4; i++) expect((await login('hung.tran', `wrong-${i}`, '10.0.1.1')).statusCode).toBe(401);
    const fifth = await login('hung.tran', 'wrong-5', '10.0.1.1');
    expect(fifth.statusCode).toBe(429);
    expect(fifth.json()).toMatchObject({ error: 'locked', retryAfterSeconds: 900 });
    t.setNow(later(10 * 60_000));
    const right = await login('hung.tran', hung.password, '10.0.1.1');
    expect(right.statusCode).toBe(429);
    expect(right.json()).toMatchObject({ error: 'locked', retryAfterSeconds: 300 });
    t.setNow(later(15 * 60_000 + 1000));
    expect((await login('hung.tran', hung.password, '10.0.1.1')).statusCode).toBe(200);
    const audit = await t.app.db.prisma.auditLog.findMany({ where: { actorId: hung.id }, orderBy: { id: 'asc' } });
    expect(audit.map((a) => a.action)).toEqual([...Array(4).fill('officer.login_failed'), 'officer.locked', 'officer.login']);
  });

  it('locks unknown usernames too, so "locked" does not reveal which accounts exist', async () => {
    t.setNow(T0);
    for (let i = 1; i <= 4; i++) expect((await login('ghost.user', `x${i}`, '10.0.2.1')).statusCode).toBe(401);
    expect((await login('ghost.user', 'x5', '10.0.2.1')).json()).toMatchObject({ error: 'locked', retryAfterSeconds: 900 });
  });

  it('ends a session after 2 idle hours, and after 12 hours however active', async () => {
    t.setNow(T0);
    const idle = await t.login('lan.nguyen', lan.password);
    t.setNow(later(2 * H - 60_000));
    expect((await me(idle.headers())).statusCode).toBe(200);
    t.setNow(later(4 * H - 120_000)); // 2 h minus a minute after the last use
    expect((await me(idle.headers())).statusCode).toBe(200);
    t.setNow(later(6 * H));
    expect((await me(idle.headers())).statusCode).toBe(401);

    t.setNow(T0);
    const busy = await t.login('lan.nguyen', lan.password);
    for (let h = 1; h < 12; h++) {
      t.setNow(later(h * H));
      expect((await me(busy.headers())).statusCode).toBe(200);
    }
    t.setNow(later(12 * H));
    expect((await me(busy.headers())).statusCode).toBe(401);
  });

  it('logs out: the cookie is cleared and the session cannot be replayed', async () => {
    t.setNow(T0);
    const s = await t.login('lan.nguyen', lan.password);
    const out = await t.http.inject({ method: 'POST', url: '/api/officer/logout', headers: s.headers() });
    expect(out.statusCode).toBe(204);
    expect([out.headers['set-cookie']].flat().join('\n')).toMatch(/ua_session=;/);
    expect((await me(s.headers())).statusCode).toBe(401);
    expect(await t.app.db.prisma.auditLog.count({ where: { actorId: lan.id, action: 'officer.logout' } })).toBe(1);
  });

  it('changes one\'s own password with the current one; other sessions end, this one stays', async () => {
    t.setNow(T0);
    const kim = await t.officer({ unitCode: DEMO_UNITS.garmentBacNinh, username: 'kim.vu' });
    const here = await t.login('kim.vu', kim.password);
    const elsewhere = await t.login('kim.vu', kim.password);
    const change = (payload: object) => t.http.inject({ method: 'POST', url: '/api/officer/me/password', headers: here.headers(true), payload });
    expect((await change({ currentPassword: 'wrong-one', newPassword: 'mat-khau-moi-dai' })).statusCode).toBe(403);
    expect((await change({ currentPassword: kim.password, newPassword: 'short' })).statusCode).toBe(400);
    expect((await change({ currentPassword: kim.password, newPassword: 'mat-khau-moi-dai' })).statusCode).toBe(204);
    expect((await me(here.headers())).statusCode).toBe(200);
    expect((await me(elsewhere.headers())).statusCode).toBe(401);
    expect((await login('kim.vu', kim.password, '10.0.4.1')).statusCode).toBe(401);
    expect((await login('kim.vu', 'mat-khau-moi-dai', '10.0.4.1')).statusCode).toBe(200);
  });

  it('refuses an inactive officer: at login, on a live session and with a bearer token', async () => {
    t.setNow(T0);
    const mai = await t.officer({ unitCode: DEMO_UNITS.garmentBacNinh, username: 'mai.le' });
    const s = await t.login('mai.le', mai.password);
    expect((await me(mai.bearer)).statusCode).toBe(200);
    await t.app.db.prisma.officer.update({ where: { id: mai.id }, data: { active: false } });
    expect((await me(s.headers())).statusCode).toBe(401);
    expect((await me(mai.bearer)).statusCode).toBe(401);
    expect((await login('mai.le', mai.password, '10.0.3.1')).json()).toMatchObject({ error: 'invalid_credentials' });
  });
});

describe('CSRF on cookie sessions', () => {
  let t: OfficerApp;
  let admin: TestOfficer;
  beforeAll(async () => {
    t = await openOfficerApp({ now: T0 });
    admin = await t.officer({ unitCode: DEMO_UNITS.garmentBacNinh, role: 'unit_admin' });
  });
  afterAll(() => t.close());

  const create = (headers: Record<string, string>, username: string) =>
    t.http.inject({
      method: 'POST',
      url: '/api/officer/officers',
      headers,
      payload: { username, name: 'Đỗ Thị Hoa', password: 'mot-mat-khau-dai', role: 'officer', unitCode: DEMO_UNITS.garmentBacNinh },
    });

  it('refuses an unsafe request with the cookie but no or a wrong token, accepts the right one', async () => {
    const s = await t.login(admin.username, admin.password);
    const missing = await create(s.headers(), 'hoa.do1');
    expect(missing.statusCode).toBe(403);
    expect(missing.json()).toMatchObject({ error: 'csrf' });
    const wrong = await create({ ...s.headers(), 'x-csrf-token': 'abc-def' }, 'hoa.do2');
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({ error: 'csrf' });
    expect(await t.app.db.prisma.officer.count({ where: { username: { startsWith: 'hoa.do' } } })).toBe(0);
    expect((await create(s.headers(true), 'hoa.do3')).statusCode).toBe(201);
  });

  it('refuses a token issued to another session (even of the same officer)', async () => {
    const one = await t.login(admin.username, admin.password);
    const two = await t.login(admin.username, admin.password);
    const crossed = await create({ cookie: one.cookie, 'x-csrf-token': two.csrfToken }, 'hoa.do4');
    expect(crossed.statusCode).toBe(403);
    // the token from /me works like the one from login
    const fromMe = (await t.http.inject({ method: 'GET', url: '/api/officer/me', headers: one.headers() })).json() as { csrfToken: string };
    expect((await create({ cookie: one.cookie, 'x-csrf-token': fromMe.csrfToken }, 'hoa.do5')).statusCode).toBe(201);
  });

  it('does not ask bearer-token clients for a token', async () => {
    expect((await create(admin.bearer, 'hoa.do6')).statusCode).toBe(201);
  });
});

describe('login rate limit per address', () => {
  let t: OfficerApp;
  beforeAll(async () => {
    t = await openOfficerApp({ now: T0, auth: { loginRateLimit: { max: 3, windowMs: 60_000 } } });
  });
  afterAll(() => t.close());

  it('answers 429 rate_limited with retryAfterSeconds past the limit, for that address only', async () => {
    const attempt = (ip: string, i: number) => t.http.inject({ method: 'POST', url: '/api/officer/login', payload: { username: `who${i}`, password: 'x' }, remoteAddress: ip });
    for (let i = 0; i < 3; i++) expect((await attempt('192.0.2.7', i)).statusCode).toBe(401);
    const limited = await attempt('192.0.2.7', 3);
    expect(limited.statusCode).toBe(429);
    const body = limited.json() as { error: string; retryAfterSeconds: number };
    expect(body.error).toBe('rate_limited');
    expect(body.retryAfterSeconds).toBeGreaterThan(0);
    expect(body.retryAfterSeconds).toBeLessThanOrEqual(60);
    expect((await attempt('192.0.2.8', 4)).statusCode).toBe(401);
  });
});

describe('cookies in production', () => {
  let t: OfficerApp;
  beforeAll(async () => {
    t = await openOfficerApp({ now: T0, env: { NODE_ENV: 'production' } });
  });
  afterAll(() => t.close());

  it('marks the session and CSRF cookies Secure', async () => {
    const o = await t.officer({ unitCode: DEMO_UNITS.garmentBacNinh });
    const res = await t.http.inject({ method: 'POST', url: '/api/officer/login', payload: { username: o.username, password: o.password } });
    expect(res.statusCode).toBe(200);
    const cookies = [res.headers['set-cookie']].flat() as string[];
    expect(cookies.length).toBe(2);
    for (const c of cookies) {
      expect(c).toMatch(/; Secure/);
      expect(c).toMatch(/HttpOnly/);
      expect(c).toMatch(/SameSite=Strict/);
    }
  });
});
