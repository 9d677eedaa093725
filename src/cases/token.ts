import type { Keyring } from '../security/crypto.ts';
import { OFFICER_ROLES, type OfficerContext, type OfficerRole } from '../officers/context.ts';

export type { OfficerContext } from '../officers/context.ts';

export interface OfficerClaims extends OfficerContext {
  unitCode: string;
  /** seconds since epoch */
  exp: number;
}

const b64 = (s: string) => Buffer.from(s, 'utf8').toString('base64url');

/**
 * A bearer token for the officer API until officer login exists (a later issue): base64url JSON
 * claims, a dot, the keyring's HMAC over them. Exported for tests and the coming console.
 */
export function mintOfficerToken(
  keyring: Keyring,
  claims: { officerId: string; unitCode: string; scopePath: string; role?: OfficerRole },
  opts: { now?: Date; ttlSeconds?: number } = {},
): string {
  const now = opts.now ?? new Date();
  const exp = Math.floor(now.getTime() / 1000) + (opts.ttlSeconds ?? 8 * 3600);
  const payload = b64(JSON.stringify({ officerId: claims.officerId, unitCode: claims.unitCode, scopePath: claims.scopePath, ...(claims.role ? { role: claims.role } : {}), exp }));
  return `${payload}.${keyring.sign(payload)}`;
}

/** The claims of a valid, unexpired token; null for anything else (no reason given to the caller). */
export function verifyOfficerToken(keyring: Keyring, token: string, now: Date = new Date()): OfficerClaims | null {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined || !keyring.verify(payload, signature)) return null;
  try {
    const c = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Partial<OfficerClaims>;
    if (typeof c.officerId !== 'string' || typeof c.unitCode !== 'string' || typeof c.scopePath !== 'string') return null;
    // a scope must be a whole path segment ("/TLD/P24/"), or "/TLD/P2" would also match "/TLD/P24/"
    if (!/^\/.+\/$/.test(c.scopePath)) return null;
    if (typeof c.exp !== 'number' || c.exp * 1000 <= now.getTime()) return null;
    const role = (OFFICER_ROLES as readonly unknown[]).includes(c.role) ? (c.role as OfficerRole) : undefined;
    if (c.role !== undefined && !role) return null;
    return { officerId: c.officerId, unitCode: c.unitCode, scopePath: c.scopePath, ...(role ? { role } : {}), exp: c.exp };
  } catch {
    return null;
  }
}
