/**
 * What admins see of officers and units: lists filtered by scope in the query, and the unit
 * picker's accent-less search.
 */
import { Prisma } from '../generated/prisma/client.ts';
import { queryTokens, scoreUnit } from '../org/match.ts';
import { asRole, type OfficerView } from './accounts.ts';
import type { OfficerRole } from './context.ts';
import { pathWithin } from './scope-sql.ts';

type Db = Prisma.TransactionClient;

export interface OfficerFilters {
  /** subtree already checked to be inside the scope */
  unitPath?: string;
  role?: OfficerRole;
  /** folded text found in the name or username */
  q?: string;
  active?: boolean;
  limit: number;
  offset: number;
}

interface OfficerListRow {
  id: string;
  username: string;
  name: string;
  role: string;
  capacity: number;
  active: boolean;
  last_login_at: Date | null;
  unit_id: string;
  unit_code: string;
  unit_name: string;
  unit_path: string;
}

export type OfficerListItem = OfficerView & { lastLoginAt: Date | null };

/** Officers whose unit lies inside `scopePath`, by unit then name. */
export async function listOfficers(db: Db, scopePath: string, f: OfficerFilters): Promise<OfficerListItem[]> {
  const where: Prisma.Sql[] = [pathWithin(Prisma.sql`u.path`, scopePath)];
  if (f.unitPath) where.push(pathWithin(Prisma.sql`u.path`, f.unitPath));
  if (f.role) where.push(Prisma.sql`o.role = ${f.role}`);
  if (f.active !== undefined) where.push(Prisma.sql`o.active = ${f.active}`);
  if (f.q) {
    const like = `%${f.q.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(Prisma.sql`(lower(o.name) LIKE ${like} OR o.username LIKE ${like})`);
  }
  const rows = await db.$queryRaw<OfficerListRow[]>(Prisma.sql`
    SELECT o.id::text AS id, o.username, o.name, o.role, o.capacity, o.active, o.last_login_at,
           u.id::text AS unit_id, u.code AS unit_code, u.name AS unit_name, u.path AS unit_path
    FROM officer o JOIN org_unit u ON u.id = o.unit_id
    WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY u.path, o.name, o.id
    LIMIT ${f.limit} OFFSET ${f.offset}`);
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    name: r.name,
    role: asRole(r.role),
    unit: { id: r.unit_id, code: r.unit_code, name: r.unit_name, path: r.unit_path },
    capacity: r.capacity,
    active: r.active,
    lastLoginAt: r.last_login_at,
  }));
}

export interface UnitItem {
  id: string;
  code: string;
  name: string;
  kind: string;
  path: string;
}

interface UnitRow extends UnitItem {
  search_key: string;
}

/**
 * Units inside the scope for pickers and filters. `q` is matched without diacritics and with the
 * org search's abbreviations ("cty may song hong", "CS24-0001"), best match first; without `q`,
 * the tree order.
 */
export async function searchUnits(db: Db, scopePath: string, opts: { q?: string; underPath?: string; kind?: string; limit: number }): Promise<UnitItem[]> {
  const where: Prisma.Sql[] = [pathWithin(Prisma.sql`path`, scopePath)];
  if (opts.underPath) where.push(pathWithin(Prisma.sql`path`, opts.underPath));
  if (opts.kind) where.push(Prisma.sql`kind::text = ${opts.kind}`);
  const tokens = opts.q ? queryTokens(opts.q) : [];
  const q = opts.q?.trim() ?? '';
  if (q) {
    // words are [a-z0-9]+ after tokenize(): safe inside a tsquery
    const tsquery = tokens.map((t) => `${t.token}:*`).join(' & ');
    const code = `${q.toUpperCase().replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    where.push(
      tsquery
        ? Prisma.sql`(to_tsvector('simple'::regconfig, search_key) @@ to_tsquery('simple'::regconfig, ${tsquery}) OR code LIKE ${code})`
        : Prisma.sql`code LIKE ${code}`,
    );
  }
  // with a query, rank a generous window in TypeScript; without, the tree order is the answer
  const window = q ? Math.max(opts.limit * 5, 200) : opts.limit;
  const rows = await db.$queryRaw<UnitRow[]>(Prisma.sql`
    SELECT id::text AS id, code, name, kind::text AS kind, path, search_key
    FROM org_unit WHERE ${Prisma.join(where, ' AND ')}
    ORDER BY path LIMIT ${window}`);
  const ranked = q
    ? rows
        .map((r) => ({ r, score: r.code.toUpperCase().startsWith(q.toUpperCase()) ? 2 : scoreUnit(tokens, r.search_key) }))
        .sort((a, b) => b.score - a.score || a.r.path.localeCompare(b.r.path))
        .map((x) => x.r)
    : rows;
  return ranked.slice(0, opts.limit).map(({ id, code, name, kind, path }) => ({ id, code, name, kind, path }));
}
