import type { PrismaClient } from '../generated/prisma/client.ts';
import type { Tx } from '../app/services.ts';
import type { OfficerContext } from '../officers/context.ts';

type Db = PrismaClient | Tx;

export const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/** The scope as a LIKE pattern prefix: "%" and "_" in a path are literal characters. */
export const likePrefix = (path: string) => path.replace(/[\\%_]/g, '\\$&');

/** An audit row for an officer's act on a registration or a member; ids only, never personal data. */
export async function auditOfficer(
  db: Db,
  ctx: OfficerContext,
  action: string,
  entity: 'registration' | 'member' | 'member_card',
  entityId: string,
  now: Date,
  details: Record<string, unknown> = {},
): Promise<void> {
  await db.auditLog.create({
    data: { at: now, actorType: 'officer', actorId: ctx.officerId, action, entity, entityId, details: { scopePath: ctx.scopePath, ...details } as object },
  });
}

export interface LockedRegistration {
  id: string;
  code: string;
  status: string;
  full_name: string;
  cccd_hash: string;
  phone_hash: string;
  province_code: string;
  org_unit_id: string | null;
  routed_to_id: string;
  identity_id: string;
  member_id: string | null;
  locale: string;
  routed_path: string;
  routed_name: string;
}

/**
 * A registration locked for a decision, found only inside the officer's scope (the routed
 * unit's path in the query). Two officers clicking at once queue on the row lock; the second
 * sees the first one's decision. A miss (unknown, malformed or out of scope: the caller cannot
 * tell which) is audited.
 */
export async function lockRegistrationInScope(tx: Tx, ctx: OfficerContext, id: string, now: Date): Promise<LockedRegistration | null> {
  const rows = isUuid(id)
    ? await tx.$queryRawUnsafe<LockedRegistration[]>(
        `SELECT r.id::text, r.code, r.status, r.full_name, r.cccd_hash, r.phone_hash, r.province_code,
                r.org_unit_id::text, r.routed_to_id::text, r.identity_id::text, r.member_id::text, r.locale,
                u.path AS routed_path, u.name AS routed_name
           FROM registration r JOIN org_unit u ON u.id = r.routed_to_id
          WHERE r.id = $1::uuid AND u.path LIKE $2 || '%'
            FOR UPDATE OF r`,
        id,
        likePrefix(ctx.scopePath),
      )
    : [];
  const row = rows[0];
  if (!row) await auditOfficer(tx, ctx, 'registration.write_denied', 'registration', isUuid(id) ? id : 'invalid', now);
  return row ?? null;
}
