/**
 * The audit log as admins read it: rows whose actor is an officer of a unit inside the reader's
 * scope, newest first, paged by id (`before`), so a page never shifts when new rows arrive.
 */
import { Prisma } from '../generated/prisma/client.ts';
import { pathWithin } from './scope-sql.ts';

type Db = Prisma.TransactionClient;

export interface AuditFilters {
  actorId?: string;
  /** exact action, or a prefix when it ends with "." or "*" ("case." / "case.*") */
  action?: string;
  entity?: string;
  entityId?: string;
  /** only rows with an id below this one (the last id of the previous page) */
  before?: bigint;
  from?: Date;
  to?: Date;
  limit: number;
}

export interface AuditEntry {
  id: string;
  at: Date;
  actorType: string;
  actorId: string;
  actorName: string;
  actorUsername: string;
  action: string;
  entity: string;
  entityId: string;
  details: unknown;
}

interface Row {
  id: bigint;
  at: Date;
  actor_type: string;
  actor_id: string;
  actor_name: string;
  actor_username: string;
  action: string;
  entity: string;
  entity_id: string;
  details: unknown;
}

export async function listAuditEntries(db: Db, scopePath: string, f: AuditFilters): Promise<AuditEntry[]> {
  const where: Prisma.Sql[] = [Prisma.sql`a.actor_type = 'officer'`, pathWithin(Prisma.sql`u.path`, scopePath)];
  if (f.actorId) where.push(Prisma.sql`a.actor_id = ${f.actorId}`);
  if (f.action) {
    const prefix = /[.*]$/.test(f.action) ? f.action.replace(/\*$/, '') : null;
    where.push(prefix ? Prisma.sql`a.action LIKE ${`${prefix.replace(/[\\%_]/g, (c) => `\\${c}`)}%`}` : Prisma.sql`a.action = ${f.action}`);
  }
  if (f.entity) where.push(Prisma.sql`a.entity = ${f.entity}`);
  if (f.entityId) where.push(Prisma.sql`a.entity_id = ${f.entityId}`);
  if (f.before !== undefined) where.push(Prisma.sql`a.id < ${f.before}`);
  if (f.from) where.push(Prisma.sql`a.at >= ${f.from}`);
  if (f.to) where.push(Prisma.sql`a.at < ${f.to}`);
  const rows = await db.$queryRaw<Row[]>(Prisma.sql`
    SELECT a.id, a.at, a.actor_type, a.actor_id, o.name AS actor_name, o.username AS actor_username,
           a.action, a.entity, a.entity_id, a.details
    FROM audit_log a
    JOIN officer o ON a.actor_id = o.id::text
    JOIN org_unit u ON u.id = o.unit_id
    WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY a.id DESC
    LIMIT ${f.limit}`);
  return rows.map((r) => ({
    id: r.id.toString(),
    at: r.at,
    actorType: r.actor_type,
    actorId: r.actor_id,
    actorName: r.actor_name,
    actorUsername: r.actor_username,
    action: r.action,
    entity: r.entity,
    entityId: r.entity_id,
    details: r.details,
  }));
}
