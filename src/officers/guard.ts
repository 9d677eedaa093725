import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Keyring } from '../security/crypto.ts';
import { verifyOfficerToken } from '../cases/token.ts';
import { hasRole, type OfficerContext, type OfficerRole } from './context.ts';
import { SESSION_COOKIE, type ResolvedSession, type ResolveOptions } from './sessions.ts';

/**
 * Resolves the officer behind a request, or answers 401/403 itself and returns null. Every
 * officer route starts with it, so authentication lives in one place.
 */
export type OfficerGuard = (
  req: FastifyRequest,
  reply: FastifyReply,
  opts?: { roles?: readonly OfficerRole[]; /** the route is only ever called by the console itself (the event stream) */ background?: boolean },
) => Promise<OfficerContext | null>;

/**
 * The console marks the requests it makes by itself (refetch after a live event, fallback polls)
 * with this header; the event stream is background by its route. They show the officer is there
 * (online, for assignment) but are not activity: they do not keep an idle session alive.
 */
export const BACKGROUND_HEADER = 'x-console-background';
export const isBackgroundRequest = (req: FastifyRequest): boolean => req.headers[BACKGROUND_HEADER] === '1';

/**
 * Cookie sessions need the database and the CSRF plugin; the console's auth routes
 * (src/http/officer-auth.ts) provide them by decorating the Fastify instance, so the one guard
 * created in routes.ts serves bearer tokens always and sessions once login exists.
 */
export interface OfficerSessionAuth {
  resolve(token: string, opts?: ResolveOptions): Promise<ResolvedSession | null>;
  /** true when the request carries the CSRF token issued for this session */
  csrfValid(req: FastifyRequest, reply: FastifyReply, sessionId: string): Promise<boolean>;
  /**
   * False when the id names an officer account that has been deactivated: their bearer tokens
   * stop working at once. Ids without an account (API clients' tokens) are not refused here.
   */
  bearerAllowed(officerId: string): Promise<boolean>;
  /** leaves an audit row for a request refused by role (a probe of what one may not do) */
  auditRefusal(ctx: OfficerContext, req: FastifyRequest): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    officerSessionAuth?: OfficerSessionAuth;
  }
}

export interface OfficerGuardDeps {
  keyring: Keyring;
  clock: () => Date;
  /** overrides the instance's decoration (tests) */
  sessions?: OfficerSessionAuth;
}

/** How a request was authenticated: /me and /logout need the session behind a cookie. */
export type RequestAuth = { via: 'bearer' } | { via: 'cookie'; sessionId: string; token: string };
const authOfRequest = new WeakMap<FastifyRequest, RequestAuth>();
export const requestAuth = (req: FastifyRequest): RequestAuth | undefined => authOfRequest.get(req);

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** The session token from the Cookie header (read here, so it works whether or not @fastify/cookie ran). */
export function sessionTokenOf(req: FastifyRequest): string | null {
  const parsed = (req as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies?.[SESSION_COOKIE];
  if (parsed) return parsed;
  const m = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]+)`).exec(req.headers.cookie ?? '');
  return m ? decodeURIComponent(m[1]!) : null;
}

/**
 * Bearer tokens (src/cases/token.ts): the API clients' way in, no CSRF (a browser never adds the
 * header by itself). The ua_session cookie: the console's way in; unsafe methods must then carry
 * the session's CSRF token in x-csrf-token.
 */
export function createOfficerGuard(deps: OfficerGuardDeps): OfficerGuard {
  const unauthorized = (reply: FastifyReply) => {
    void reply.code(401).send({ error: 'unauthorized', message: 'A valid officer token or session is required' });
    return null;
  };
  return async (req, reply, opts = {}) => {
    const sessions = deps.sessions ?? req.server.officerSessionAuth;
    let ctx: OfficerContext;
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    if (bearer) {
      const claims = verifyOfficerToken(deps.keyring, bearer[1]!, deps.clock());
      if (!claims || (sessions && !(await sessions.bearerAllowed(claims.officerId)))) return unauthorized(reply);
      ctx = { officerId: claims.officerId, scopePath: claims.scopePath, ...(claims.role ? { role: claims.role } : {}) };
      authOfRequest.set(req, { via: 'bearer' });
    } else {
      const token = sessionTokenOf(req);
      const background = opts.background === true || isBackgroundRequest(req);
      const session = token && sessions ? await sessions.resolve(token, { background }) : null;
      if (!session || !token || !sessions) return unauthorized(reply);
      if (!SAFE_METHODS.has(req.method) && !(await sessions.csrfValid(req, reply, session.sessionId))) {
        void reply.code(403).send({ error: 'csrf', message: 'Missing or invalid x-csrf-token header' });
        return null;
      }
      ctx = session.ctx;
      authOfRequest.set(req, { via: 'cookie', sessionId: session.sessionId, token });
    }
    if (opts.roles && !hasRole(ctx, opts.roles)) {
      await sessions?.auditRefusal(ctx, req);
      void reply.code(403).send({ error: 'forbidden', message: 'Your role does not allow this' });
      return null;
    }
    return ctx;
  };
}
