/**
 * Console sessions. The cookie carries a random 256-bit token; the database keeps only its
 * SHA-256, so a leaked table or backup does not hand out sessions. A session ends at an absolute
 * limit (a stolen cookie is not good forever) and after an idle limit (a console left open on a
 * shared office PC).
 */
import { createHash, randomBytes } from 'node:crypto';
import type { Prisma } from '../generated/prisma/client.ts';
import { asRole } from './accounts.ts';
import type { OfficerContext } from './context.ts';

type Db = Prisma.TransactionClient;

export const SESSION_COOKIE = 'ua_session';
export const SESSION_ABSOLUTE_MS = 12 * 3600_000;
export const SESSION_IDLE_MS = 2 * 3600_000;
/** lastSeenAt / presentAt are written at most this often: one UPDATE per minute per officer, not per request */
export const TOUCH_EVERY_MS = 60_000;
/** an officer whose console was there this recently (presentAt) counts as online */
export const ONLINE_WITHIN_MS = 5 * 60_000;

/**
 * The live sessions of officers online at $now, as an SQL condition on a session row `s`
 * ($now and $presentSince are the caller's parameter numbers). Shared by onlineOfficerIds, the
 * automatic assignment and the queue figures, so "online" means one thing everywhere.
 */
export function onlineSessionSql(s: string, nowParam: string, presentSinceParam: string, idleSinceParam: string): string {
  return `${s}.revoked_at IS NULL AND ${s}.expires_at > ${nowParam} AND ${s}.last_seen_at > ${idleSinceParam} AND ${s}.present_at > ${presentSinceParam}`;
}

export const hashSessionToken = (token: string): string => createHash('sha256').update(token, 'utf8').digest('hex');

export async function createSession(db: Db, officerId: string, now: Date): Promise<{ id: string; token: string; expiresAt: Date }> {
  // the officer's ended sessions go now: the table stays the size of the live ones (the audit
  // log keeps the logins and logouts)
  await db.officerSession.deleteMany({
    where: { officerId, OR: [{ revokedAt: { not: null } }, { expiresAt: { lte: now } }, { lastSeenAt: { lte: new Date(now.getTime() - SESSION_IDLE_MS) } }] },
  });
  const token = randomBytes(32).toString('base64url');
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_MS);
  const row = await db.officerSession.create({
    data: { tokenHash: hashSessionToken(token), officerId, createdAt: now, lastSeenAt: now, presentAt: now, expiresAt },
    select: { id: true },
  });
  return { id: row.id, token, expiresAt };
}

export interface ResolvedSession {
  sessionId: string;
  ctx: OfficerContext;
  unitCode: string;
}

export interface ResolveOptions {
  /**
   * The console asked by itself (event stream, refetch after an event, fallback poll): the
   * officer is there (presentAt) but did nothing, so the idle clock (lastSeenAt) is not reset;
   * otherwise an open console would never reach the idle expiry.
   */
  background?: boolean;
}

/**
 * The officer behind a session token, or null when the token is unknown, revoked, past its
 * absolute or idle limit, or the officer is inactive. Keeps the session alive (lastSeenAt) unless
 * the request was a background one, and records presence (presentAt) either way.
 */
export async function resolveSession(db: Db, token: string, now: Date, opts: ResolveOptions = {}): Promise<ResolvedSession | null> {
  if (token.length < 20 || token.length > 100) return null;
  const session = await db.officerSession.findUnique({ where: { tokenHash: hashSessionToken(token) } });
  if (!session || session.revokedAt) return null;
  const t = now.getTime();
  if (session.expiresAt.getTime() <= t || session.lastSeenAt.getTime() + SESSION_IDLE_MS <= t) return null;
  const officer = await db.officer.findUnique({ where: { id: session.officerId }, select: { id: true, role: true, unitId: true, active: true } });
  if (!officer || !officer.active) return null;
  const unit = await db.orgUnit.findUnique({ where: { id: officer.unitId }, select: { path: true, code: true } });
  if (!unit) return null;
  const touchSeen = !opts.background && t - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS;
  const touchPresent = t - session.presentAt.getTime() >= TOUCH_EVERY_MS;
  if (touchSeen || touchPresent) {
    await db.officerSession.update({ where: { id: session.id }, data: { presentAt: now, ...(touchSeen ? { lastSeenAt: now } : {}) } });
  }
  return { sessionId: session.id, ctx: { officerId: officer.id, scopePath: unit.path, role: asRole(officer.role) }, unitCode: unit.code };
}

export async function revokeSession(db: Db, token: string, now: Date): Promise<string | null> {
  const session = await db.officerSession.findUnique({ where: { tokenHash: hashSessionToken(token) }, select: { id: true, officerId: true, revokedAt: true } });
  if (!session || session.revokedAt) return null;
  await db.officerSession.update({ where: { id: session.id }, data: { revokedAt: now } });
  return session.officerId;
}

/** Ends every session of an officer (deactivation, password change). */
export async function revokeOfficerSessions(db: Db, officerId: string, now: Date): Promise<number> {
  const r = await db.officerSession.updateMany({ where: { officerId, revokedAt: null }, data: { revokedAt: now } });
  return r.count;
}

/**
 * An open event stream is presence without requests: its holder calls this every minute. Only a
 * live session is touched (a revoked or expired one stays offline); false when none was.
 */
export async function touchPresence(db: Db, sessionId: string, now: Date): Promise<boolean> {
  const r = await db.officerSession.updateMany({
    where: { id: sessionId, revokedAt: null, expiresAt: { gt: now }, lastSeenAt: { gt: new Date(now.getTime() - SESSION_IDLE_MS) } },
    data: { presentAt: now },
  });
  return r.count > 0;
}

/** Which of these officers have a live session whose console was there within ONLINE_WITHIN_MS. */
export async function onlineOfficerIds(db: Db, officerIds: readonly string[], now: Date): Promise<Set<string>> {
  if (officerIds.length === 0) return new Set();
  const rows = await db.officerSession.findMany({
    where: {
      officerId: { in: [...officerIds] },
      revokedAt: null,
      expiresAt: { gt: now },
      lastSeenAt: { gt: new Date(now.getTime() - SESSION_IDLE_MS) },
      presentAt: { gt: new Date(now.getTime() - ONLINE_WITHIN_MS) },
    },
    select: { officerId: true },
    distinct: ['officerId'],
  });
  return new Set(rows.map((r) => r.officerId));
}
