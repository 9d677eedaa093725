import type { Tx } from '../app/services.ts';
import type { OfficerContext } from '../officers/context.ts';
import { revokeCards } from './cards.ts';
import { auditOfficer, isUuid, likePrefix } from './scope.ts';

/** A member locked for a change, found only when their unit is inside the officer's scope; a miss is audited. */
async function lockMemberInScope(tx: Tx, ctx: OfficerContext, id: string, now: Date): Promise<{ id: string; unit_path: string } | null> {
  const rows = isUuid(id)
    ? await tx.$queryRawUnsafe<Array<{ id: string; unit_path: string }>>(
        `SELECT m.id::text, u.path AS unit_path
           FROM member m JOIN org_unit u ON u.id = m.org_unit_id
          WHERE m.id = $1::uuid AND u.path LIKE $2 || '%'
            FOR UPDATE OF m`,
        id,
        likePrefix(ctx.scopePath),
      )
    : [];
  const row = rows[0];
  if (!row) await auditOfficer(tx, ctx, 'member.write_denied', 'member', isUuid(id) ? id : 'invalid', now);
  return row ?? null;
}

export type RevokeResult = { kind: 'revoked'; revoked: number; unitPath: string } | { kind: 'not_found' };

/** An officer revokes a member's card (lost, misused, issued in error): the verification page says "revoked" from now on. */
export async function revokeMemberCard(tx: Tx, ctx: OfficerContext, memberId: string, reason: string, now: Date): Promise<RevokeResult> {
  const m = await lockMemberInScope(tx, ctx, memberId, now);
  if (!m) return { kind: 'not_found' };
  const revoked = await revokeCards(tx, m.id, reason, ctx.officerId, now);
  // the reason stays on the card row: free text may name people, the audit trail holds ids only
  await auditOfficer(tx, ctx, 'member_card.revoked', 'member', m.id, now, { revoked });
  return { kind: 'revoked', revoked, unitPath: m.unit_path };
}

/**
 * Membership ends (left the union, expelled, data erased on request): the member is marked ended
 * and every card stops verifying. For callers in other areas (personal-data deletion, a future
 * officer action); `actor` is what the audit row names, e.g. {type:'worker', id: identityId}.
 */
export async function endMembership(tx: Tx, memberId: string, reason: string, actor: { type: 'officer' | 'worker' | 'system'; id: string }, now: Date): Promise<number> {
  await tx.member.update({ where: { id: memberId }, data: { status: 'ended', endedAt: now } });
  const revoked = await revokeCards(tx, memberId, reason, actor.id, now);
  await tx.auditLog.create({
    data: { at: now, actorType: actor.type, actorId: actor.id, action: 'member.ended', entity: 'member', entityId: memberId, details: { revoked, reason } },
  });
  return revoked;
}
