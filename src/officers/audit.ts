/**
 * Audit rows written by officers' requests. A refused request (outside the scope, unknown id,
 * role too low) leaves a row too: repeated probing of other units is what an admin looks for.
 */
import type { FastifyReply } from 'fastify';
import type { Prisma } from '../generated/prisma/client.ts';
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
