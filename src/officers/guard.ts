import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Keyring } from '../security/crypto.ts';
import { verifyOfficerToken } from '../cases/token.ts';
import { hasRole, type OfficerContext, type OfficerRole } from './context.ts';

/**
 * Resolves the officer behind a request, or answers 401/403 itself and returns null. Every
 * officer route starts with it, so authentication lives in one place.
 */
export type OfficerGuard = (req: FastifyRequest, reply: FastifyReply, opts?: { roles?: readonly OfficerRole[] }) => Promise<OfficerContext | null>;

export interface OfficerGuardDeps {
  keyring: Keyring;
  clock: () => Date;
}

/** Bearer tokens (src/cases/token.ts): the API clients' way in. */
export function createOfficerGuard(deps: OfficerGuardDeps): OfficerGuard {
  return async (req, reply, opts = {}) => {
    const m = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '');
    const claims = m ? verifyOfficerToken(deps.keyring, m[1]!, deps.clock()) : null;
    if (!claims) {
      void reply.code(401).send({ error: 'unauthorized', message: 'A valid officer token is required' });
      return null;
    }
    const ctx: OfficerContext = { officerId: claims.officerId, scopePath: claims.scopePath, ...(claims.role ? { role: claims.role } : {}) };
    if (opts.roles && !hasRole(ctx, opts.roles)) {
      void reply.code(403).send({ error: 'forbidden', message: 'Your role does not allow this' });
      return null;
    }
    return ctx;
  };
}
