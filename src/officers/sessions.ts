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
/** lastSeenAt is written at most this often: one UPDATE per minute per officer, not per request */
const TOUCH_EVERY_MS = 60_000;
/** an officer with a session used this recently counts as online */
export const ONLINE_WITHIN_MS = 5 * 60_000;

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
    data: { tokenHash: hashSessionToken(token), officerId, createdAt: now, lastSeenAt: now, expiresAt },
    select: { id: true },
  });
  return { id: row.id, token, expiresAt };
}

export interface ResolvedSession {
  sessionId: string;
  ctx: OfficerContext;
  unitCode: string;
}

/**
 * The officer behind a session token, or null when the token is unknown, revoked, past its
 * absolute or idle limit, or the officer is inactive. Keeps the session alive (lastSeenAt).
 */
export async function resolveSession(db: Db, token: string, now: Date): Promise<ResolvedSession | null> {
  if (token.length < 20 || token.length > 100) return null;
  const session = await db.officerSession.findUnique({ where: { tokenHash: hashSessionToken(token) } });
  if (!session || session.revokedAt) return null;
  const t = now.getTime();
  if (session.expiresAt.getTime() <= t || session.lastSeenAt.getTime() + SESSION_IDLE_MS <= t) return null;
  const officer = await db.officer.findUnique({ where: { id: session.officerId }, select: { id: true, role: true, unitId: true, active: true } });
  if (!officer || !officer.active) return null;
  const unit = await db.orgUnit.findUnique({ where: { id: officer.unitId }, select: { path: true, code: true } });
  if (!unit) return null;
  if (t - session.lastSeenAt.getTime() >= TOUCH_EVERY_MS) {
    await db.officerSession.update({ where: { id: session.id }, data: { lastSeenAt: now } });
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

/** Which of these officers have a live session used within ONLINE_WITHIN_MS. */
export async function onlineOfficerIds(db: Db, officerIds: readonly string[], now: Date): Promise<Set<string>> {
  if (officerIds.length === 0) return new Set();
  const rows = await db.officerSession.findMany({
    where: {
      officerId: { in: [...officerIds] },
      revokedAt: null,
      expiresAt: { gt: now },
      lastSeenAt: { gt: new Date(now.getTime() - ONLINE_WITHIN_MS) },
    },
    select: { officerId: true },
    distinct: ['officerId'],
  });
  return new Set(rows.map((r) => r.officerId));
}
