import type { Tx } from '../app/services.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { OfficerContext } from '../officers/context.ts';

/**
 * The org path of a unit named in a list filter (?unit=), when it lies inside the officer's scope.
 * A unit outside the scope and an unknown code are the same miss, and the miss is audited: a
 * filter is a way of asking "does this unit have cases?", so it answers 404 like a read would.
 */
export async function unitFilterPath(db: PrismaClient | Tx, ctx: OfficerContext, code: string, entity: string, now: Date): Promise<string | null> {
  const unit = await db.orgUnit.findUnique({ where: { code }, select: { path: true } });
  if (unit && unit.path.startsWith(ctx.scopePath)) return unit.path;
  await db.auditLog.create({
    data: { at: now, actorType: 'officer', actorId: ctx.officerId, action: `${entity}.list_denied`, entity, entityId: code.slice(0, 40), details: { scopePath: ctx.scopePath, unit: code.slice(0, 40) } },
  });
  return null;
}

/** ?limit & ?offset of an officer list: whole numbers or the name of the bad one. */
export function pagingOf(q: Record<string, unknown>): { limit?: number; offset?: number } | { error: string } {
  const out: { limit?: number; offset?: number } = {};
  for (const k of ['limit', 'offset'] as const) {
    if (q[k] === undefined) continue;
    const n = Number(q[k]);
    if (!Number.isInteger(n) || n < 0) return { error: k };
    out[k] = n;
  }
  return out;
}
