/**
 * Console login: POST /api/officer/login, POST /api/officer/logout, GET /api/officer/me,
 * POST /api/officer/me/password.
 *
 * - Passwords: argon2id; an unknown username is verified against a dummy hash so it costs the
 *   same time as a wrong password and the answer is the same 401.
 * - Lockout after 5 wrong passwords for 15 minutes (src/officers/lockout.ts), a per-IP rate limit
 *   (@fastify/rate-limit) on the login route: both answer 429 with retryAfterSeconds.
 * - The session cookie ua_session is HttpOnly, SameSite=Strict, Path=/, Secure in production.
 * - CSRF (@fastify/csrf-protection): the secret sits in the HttpOnly cookie ua_csrf, the token
 *   (login/me answer) is bound to the session id, and the guard checks x-csrf-token on every
 *   unsafe request that came with the cookie.
 */
import { randomBytes } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyCsrf from '@fastify/csrf-protection';
import fastifyRateLimit from '@fastify/rate-limit';
import { Redis } from 'ioredis';
import { z } from 'zod';
import type { OfficerRouteDeps } from './routes.ts';
import { hashPassword, normalizeUsername, verifyPassword, viewOfficer } from '../officers/accounts.ts';
import { auditOfficer } from '../officers/audit.ts';
import { requestAuth, type OfficerSessionAuth } from '../officers/guard.ts';
import { PhantomLockouts, recordFailure, recordSuccess } from '../officers/lockout.ts';
import { isUuid } from '../officers/scope-sql.ts';
import { createSession, resolveSession, revokeSession, SESSION_COOKIE } from '../officers/sessions.ts';

export const CSRF_COOKIE = 'ua_csrf';

export interface OfficerAuthOptions {
  /** login attempts per IP per window (default 30 per 5 minutes: an office behind one NAT at 8 am) */
  loginRateLimit?: { max: number; windowMs: number };
}

const LoginBody = z.object({ username: z.string().min(1).max(100), password: z.string().min(1).max(256) });
const PasswordChange = z.object({ currentPassword: z.string().min(1).max(256), newPassword: z.string().min(10).max(256) });

/** Retry-After style whole seconds, at least 1. */
const secondsUntil = (until: Date, now: Date) => Math.max(1, Math.ceil((until.getTime() - now.getTime()) / 1000));

export async function registerOfficerAuthRoutes(app: FastifyInstance, deps: OfficerRouteDeps, opts: OfficerAuthOptions = {}): Promise<void> {
  const prisma = deps.db.prisma;
  const now = deps.clock;
  const production = deps.config.NODE_ENV === 'production';
  const cookieOpts = { httpOnly: true, sameSite: 'strict' as const, path: '/', secure: production };

  if (!app.hasDecorator('parseCookie')) await app.register(fastifyCookie);
  // which session a CSRF check is about: set by csrfValid just before the plugin reads it
  const sessionOfRequest = new WeakMap<FastifyRequest, string>();
  if (!app.hasDecorator('csrfProtection')) {
    await app.register(fastifyCsrf, {
      sessionPlugin: '@fastify/cookie',
      cookieKey: CSRF_COOKIE,
      cookieOpts,
      getToken: (req) => {
        const h = req.headers['x-csrf-token'];
        return typeof h === 'string' ? h : undefined;
      },
      getUserInfo: (req) => sessionOfRequest.get(req) ?? '',
      // binds tokens to the session id with a server key: a token from another session fails
      csrfOpts: { hmacKey: deps.keyring.sign('officer-csrf-hmac-key') },
    });
  }
  if (!app.hasDecorator('rateLimit')) {
    const redis = deps.config.REDIS_URL ? new Redis(deps.config.REDIS_URL, { maxRetriesPerRequest: 2 }) : undefined;
    if (redis) app.addHook('onClose', async () => void redis.disconnect());
    await app.register(fastifyRateLimit, {
      global: false,
      ...(redis ? { redis, nameSpace: `${deps.config.REDIS_PREFIX}:login-rl:` } : {}),
    });
  }

  const sessions: OfficerSessionAuth = {
    resolve: (token, opts) => resolveSession(prisma, token, now(), opts),
    csrfValid: (req, reply, sessionId) =>
      new Promise<boolean>((resolve) => {
        sessionOfRequest.set(req, sessionId);
        // The plugin answers a failure through reply.send(error); this reply-like object turns
        // that into `false` so the guard answers 403 {error:'csrf'} itself, in the API's format.
        const probe = Object.create(reply, { send: { value: () => resolve(false) } }) as FastifyReply;
        try {
          app.csrfProtection.call(app, req, probe, () => resolve(true));
        } catch {
          resolve(false);
        }
      }),
    bearerAllowed: async (officerId) => {
      if (!isUuid(officerId)) return true;
      const row = await prisma.officer.findUnique({ where: { id: officerId }, select: { active: true } });
      return row?.active !== false;
    },
    auditRefusal: (ctx, req) =>
      auditOfficer(prisma, ctx, { action: 'access.forbidden_role', entity: 'route', entityId: `${req.method} ${req.routeOptions.url ?? ''}`, details: { role: ctx.role ?? 'officer' } }, now()),
  };
  if (!app.hasDecorator('officerSessionAuth')) app.decorate('officerSessionAuth', sessions);

  const phantoms = new PhantomLockouts();
  // same cost parameters as real hashes, so an unknown username takes as long as a wrong password
  const dummyHash = hashPassword(randomBytes(18).toString('base64url'));

  const limit = opts.loginRateLimit ?? { max: 30, windowMs: 5 * 60_000 };

  // Encapsulated so its error handler can shape the rate limiter's 429 and pass everything else up.
  await app.register(async (scope) => {
    scope.setErrorHandler((err: Error & { statusCode?: number; retryAfterSeconds?: number }, _req, reply) => {
      if (err.statusCode === 429 && typeof err.retryAfterSeconds === 'number') {
        return reply.code(429).send({ error: 'rate_limited', message: 'Too many login attempts from this address', retryAfterSeconds: err.retryAfterSeconds });
      }
      throw err;
    });

    scope.post(
      '/api/officer/login',
      {
        config: {
          rateLimit: {
            max: limit.max,
            timeWindow: limit.windowMs,
            keyGenerator: (req: FastifyRequest) => req.ip,
            errorResponseBuilder: (_req: FastifyRequest, ctx: { ttl: number }) =>
              Object.assign(new Error('rate limited'), { statusCode: 429, retryAfterSeconds: Math.max(1, Math.ceil(ctx.ttl / 1000)) }),
          },
        },
      },
      async (req, reply) => {
        const body = LoginBody.safeParse(req.body);
        if (!body.success) return reply.code(400).send({ error: 'bad_request', message: 'Expected {username, password}' });
        const username = normalizeUsername(body.data.username);
        const t = now();
        const officer = await prisma.officer.findUnique({ where: { username } });

        const lockedUntil = officer ? (officer.lockedUntil && officer.lockedUntil > t ? officer.lockedUntil : null) : phantoms.lockedUntil(username, t);
        if (lockedUntil) return locked(reply, lockedUntil, t);

        const ok = await verifyPassword(officer?.passwordHash ?? (await dummyHash), body.data.password);
        if (!officer || !ok || !officer.active) {
          let lockedNow: Date | null;
          if (officer) {
            lockedNow = await recordFailure(prisma, officer.id, t);
            await prisma.auditLog.create({
              data: { at: t, actorType: 'officer', actorId: officer.id, action: lockedNow ? 'officer.locked' : 'officer.login_failed', entity: 'officer', entityId: officer.id, details: { ip: req.ip } },
            });
          } else {
            // the typed username is not stored: it is sometimes a password typed in the wrong box
            lockedNow = phantoms.recordFailure(username, t);
          }
          if (lockedNow) return locked(reply, lockedNow, t);
          return reply.code(401).send({ error: 'invalid_credentials', message: 'Wrong username or password' });
        }

        await recordSuccess(prisma, officer.id, t);
        const session = await createSession(prisma, officer.id, t);
        await prisma.auditLog.create({
          data: { at: t, actorType: 'officer', actorId: officer.id, action: 'officer.login', entity: 'officer_session', entityId: session.id, details: { ip: req.ip } },
        });
        void reply.setCookie(SESSION_COOKIE, session.token, { ...cookieOpts, expires: session.expiresAt });
        // a fresh CSRF secret per login: the old cookie (another officer on this PC) is replaced
        req.cookies[CSRF_COOKIE] = undefined;
        const csrfToken = reply.generateCsrf({ userInfo: session.id });
        return { officer: await viewOfficer(prisma, officer.id), csrfToken };
      },
    );
  });

  function locked(reply: FastifyReply, until: Date, t: Date) {
    return reply.code(429).send({ error: 'locked', message: 'Too many failed logins; try again later', retryAfterSeconds: secondsUntil(until, t) });
  }

  // Logout needs no CSRF token: ending one's own session is harmless, and SameSite=Strict stops
  // another site from sending the cookie anyway.
  app.post('/api/officer/logout', async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const officerId = await revokeSession(prisma, token, now());
      if (officerId) {
        await prisma.auditLog.create({ data: { at: now(), actorType: 'officer', actorId: officerId, action: 'officer.logout', entity: 'officer', entityId: officerId } });
      }
    }
    void reply.clearCookie(SESSION_COOKIE, cookieOpts).clearCookie(CSRF_COOKIE, cookieOpts);
    return reply.code(204).send();
  });

  // An officer changes their own password (the CLI's and the demo's are shown once): the current
  // one is required, so a session left open on a shared PC cannot take the account over.
  app.post('/api/officer/me/password', async (req, reply) => {
    const ctx = await deps.guard(req, reply);
    if (!ctx) return reply;
    const body = PasswordChange.safeParse(req.body);
    if (!body.success) return reply.code(400).send({ error: 'bad_request', message: 'Expected {currentPassword, newPassword (10+ characters)}' });
    const officer = await prisma.officer.findUnique({ where: { id: ctx.officerId }, select: { id: true, passwordHash: true } });
    if (!officer) return reply.code(404).send({ error: 'not_found', message: 'No officer account behind this token' });
    if (!(await verifyPassword(officer.passwordHash, body.data.currentPassword))) {
      const lockedNow = await recordFailure(prisma, officer.id, now());
      await auditOfficer(prisma, ctx, { action: 'officer.password_change_failed', entity: 'officer', entityId: officer.id }, now());
      if (lockedNow) return locked(reply, lockedNow, now());
      return reply.code(403).send({ error: 'invalid_credentials', message: 'The current password is wrong' });
    }
    await prisma.officer.update({ where: { id: officer.id }, data: { passwordHash: await hashPassword(body.data.newPassword), failedLogins: 0 } });
    // every other session ends; this one stays
    const auth = requestAuth(req);
    const keep = auth?.via === 'cookie' ? auth.sessionId : undefined;
    await prisma.officerSession.updateMany({ where: { officerId: officer.id, revokedAt: null, ...(keep ? { id: { not: keep } } : {}) }, data: { revokedAt: now() } });
    await auditOfficer(prisma, ctx, { action: 'officer.password_changed', entity: 'officer', entityId: officer.id }, now());
    return reply.code(204).send();
  });

  app.get('/api/officer/me', async (req, reply) => {
    const ctx = await deps.guard(req, reply);
    if (!ctx) return reply;
    const officer = await viewOfficer(prisma, ctx.officerId);
    if (!officer) return reply.code(404).send({ error: 'not_found', message: 'No officer account behind this token' });
    const auth = requestAuth(req);
    const csrfToken = auth?.via === 'cookie' ? reply.generateCsrf({ userInfo: auth.sessionId }) : null;
    return { officer, csrfToken };
  });
}
