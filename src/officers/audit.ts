/**
 * Audit rows written by officers' requests. A refused request (outside the scope, unknown id,
 * role too low) leaves a row too: repeated probing of other units is what an admin looks for.
 */
import type { FastifyReply } from 'fastify';
import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { OfficerContext } from './context.ts';

type Db = Prisma.TransactionClient;

export async function auditOfficer(
  db: Db,
  ctx: Pick<OfficerContext, 'officerId' | 'scopePath'>,
  row: { action: string; entity: string; entityId: string; details?: Record<string, unknown> },
  now: Date,
): Promise<void> {
  await db.auditLog.create({
    data: {
      at: now,
      actorType: 'officer',
      actorId: ctx.officerId,
      action: row.action,
      entity: row.entity,
      entityId: row.entityId,
      details: { scopePath: ctx.scopePath, ...row.details } as Prisma.InputJsonValue,
    },
  });
}

/**
 * Answers 404 for something outside the officer's scope (or unknown: the two must look the same)
 * and audits the attempt.
 */
export async function refuseOutOfScope(
  db: Db,
  reply: FastifyReply,
  ctx: OfficerContext,
  what: { entity: string; entityId: string; action?: string; message?: string },
  now: Date,
): Promise<FastifyReply> {
  await auditOfficer(db, ctx, { action: what.action ?? `${what.entity}.access_denied`, entity: what.entity, entityId: what.entityId.slice(0, 100) }, now);
  return reply.code(404).send({ error: 'not_found', message: what.message ?? `No such ${what.entity}` });
}

/** A granted read of the same thing by the same officer is audited once per this window. */
export const READ_AUDIT_WINDOW_MS = 10 * 60_000;

/**
 * Audits a granted read, but only the first of its window: a console open on a conversation
 * re-reads it on every live event, and one row per refresh would bury the log. Who read what and
 * when stays on record to within the window. (Refused reads never come here: each is audited.)
 * True when a row was written. The advisory lock makes two simultaneous reads write one row.
 */
export async function auditReadOnce(
  prisma: Pick<PrismaClient, '$transaction'>,
  ctx: Pick<OfficerContext, 'officerId' | 'scopePath'>,
  row: { action: string; entity: string; entityId: string; details?: Record<string, unknown> },
  now: Date,
  windowMs = READ_AUDIT_WINDOW_MS,
): Promise<boolean> {
  return prisma.$transaction(async (tx) => {
    const key = `audit-read:${ctx.officerId}:${row.action}:${row.entity}:${row.entityId}`;
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(${key}, 0))`;
    const seen = await tx.auditLog.findFirst({
      where: { actorType: 'officer', actorId: ctx.officerId, action: row.action, entity: row.entity, entityId: row.entityId, at: { gt: new Date(now.getTime() - windowMs) } },
      select: { id: true },
    });
    if (seen) return false;
    await auditOfficer(tx, ctx, row, now);
    return true;
  });
}
