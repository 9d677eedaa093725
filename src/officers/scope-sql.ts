/**
 * Scope filters in raw SQL. A scope is an org path prefix ("/TLD/P24/"); LIKE needs its wildcards
 * escaped, or a code holding "_" would match more than its own subtree.
 */
import { Prisma } from '../generated/prisma/client.ts';

export const likePrefix = (path: string): string => `${path.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

/** `<column> LIKE '<path>%'`: the column's path is inside the subtree of `path`. */
export const pathWithin = (column: Prisma.Sql, path: string): Prisma.Sql => Prisma.sql`${column} LIKE ${likePrefix(path)}`;

/** A unit (by code) inside the scope, or null: unknown and outside look the same to the caller. */
export async function unitInScope(
  db: Prisma.TransactionClient,
  scopePath: string,
  code: string,
): Promise<{ id: string; code: string; name: string; path: string; kind: string } | null> {
  const unit = await db.orgUnit.findUnique({ where: { code }, select: { id: true, code: true, name: true, path: true, kind: true } });
  return unit && unit.path.startsWith(scopePath) ? unit : null;
}

export const isUuid = (s: string): boolean => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
