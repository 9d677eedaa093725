/**
 * Officer accounts: creation, the password KDF, and the officer as the API shows it.
 *
 * Passwords are hashed with argon2id at OWASP's minimum (19 MiB, 2 passes, 1 lane): ≈20-40 ms per
 * hash on one core, which also bounds what a login flood can cost.
 */
import { hash, verify } from '@node-rs/argon2';
import type { Prisma } from '../generated/prisma/client.ts';
import { OFFICER_ROLES, type OfficerRole } from './context.ts';

type Db = Prisma.TransactionClient;

const ARGON2 = { memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  // @node-rs/argon2's default algorithm is argon2id (the test checks the "$argon2id$" prefix)
  return hash(password, ARGON2);
}

export async function verifyPassword(passwordHash: string, password: string): Promise<boolean> {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/** Usernames are compared case-insensitively: stored lower case, trimmed. */
export function normalizeUsername(username: string): string {
  return username.trim().toLowerCase();
}

export const USERNAME_PATTERN = /^[a-z0-9][a-z0-9._-]{2,39}$/;

export class OfficerAccountError extends Error {
  constructor(
    readonly code: 'bad_username' | 'username_taken' | 'unknown_unit' | 'bad_role' | 'bad_capacity' | 'bad_password',
    message: string,
  ) {
    super(message);
  }
}

export interface NewOfficer {
  username: string;
  name: string;
  password: string;
  role: OfficerRole;
  /** org_unit.code of their unit; the scope is that unit's subtree */
  unitCode: string;
  /** concurrent handed-off conversations (default 2) */
  capacity?: number;
  /** who creates the account (null: CLI, seed, tests) */
  createdBy?: string | null;
}

/**
 * Creates an officer account. Policy checks on the password (length) belong to the callers at the
 * boundary (API, CLI); this only refuses an empty one. Throws OfficerAccountError.
 */
export async function createOfficer(db: Db, input: NewOfficer): Promise<{ id: string; scopePath: string; unitId: string }> {
  const username = normalizeUsername(input.username);
  if (!USERNAME_PATTERN.test(username)) throw new OfficerAccountError('bad_username', 'Username: 3-40 letters, digits, . _ -');
  if (!(OFFICER_ROLES as readonly string[]).includes(input.role)) throw new OfficerAccountError('bad_role', `Unknown role ${input.role}`);
  const capacity = input.capacity ?? 2;
  if (!Number.isInteger(capacity) || capacity < 0 || capacity > 50) throw new OfficerAccountError('bad_capacity', 'Capacity must be 0-50');
  if (input.password.length === 0) throw new OfficerAccountError('bad_password', 'Password must not be empty');
  const unit = await db.orgUnit.findUnique({ where: { code: input.unitCode }, select: { id: true, path: true } });
  if (!unit) throw new OfficerAccountError('unknown_unit', `No unit ${input.unitCode}`);
  if (await db.officer.findUnique({ where: { username }, select: { id: true } })) {
    throw new OfficerAccountError('username_taken', `Username ${username} is taken`);
  }
  const passwordHash = await hashPassword(input.password);
  try {
    const row = await db.officer.create({
      data: {
        username,
        name: input.name.trim(),
        passwordHash,
        role: input.role,
        unitId: unit.id,
        capacity,
        createdBy: input.createdBy ?? null,
      },
      select: { id: true },
    });
    return { id: row.id, scopePath: unit.path, unitId: unit.id };
  } catch (err) {
    // two creations of the same username racing: the unique index decides
    if ((err as { code?: string }).code === 'P2002') throw new OfficerAccountError('username_taken', `Username ${username} is taken`);
    throw err;
  }
}

/** The officer as every API answer shows it (contract: officer = {id, username, name, role, unit, capacity}). */
export interface OfficerView {
  id: string;
  username: string;
  name: string;
  role: OfficerRole;
  unit: { id: string; code: string; name: string; path: string };
  capacity: number;
  active: boolean;
}

export function asRole(role: string): OfficerRole {
  return (OFFICER_ROLES as readonly string[]).includes(role) ? (role as OfficerRole) : 'officer';
}

/** Role order: an officer may never grant a role above their own. */
export function roleRank(role: OfficerRole): number {
  return OFFICER_ROLES.indexOf(role);
}

interface OfficerRow {
  id: string;
  username: string;
  name: string;
  role: string;
  unitId: string;
  capacity: number;
  active: boolean;
}

/** Officers with their units, in the order given (unknown unit ids are kept with empty fields). */
export async function viewOfficers(db: Db, rows: OfficerRow[]): Promise<OfficerView[]> {
  const unitIds = [...new Set(rows.map((r) => r.unitId))];
  const units = await db.orgUnit.findMany({ where: { id: { in: unitIds } }, select: { id: true, code: true, name: true, path: true } });
  const byId = new Map(units.map((u) => [u.id, u]));
  return rows.map((r) => ({
    id: r.id,
    username: r.username,
    name: r.name,
    role: asRole(r.role),
    unit: byId.get(r.unitId) ?? { id: r.unitId, code: '', name: '', path: '' },
    capacity: r.capacity,
    active: r.active,
  }));
}

export const OFFICER_SELECT = { id: true, username: true, name: true, role: true, unitId: true, capacity: true, active: true } as const;

export async function viewOfficer(db: Db, id: string): Promise<OfficerView | null> {
  const row = await db.officer.findUnique({ where: { id }, select: OFFICER_SELECT });
  return row ? ((await viewOfficers(db, [row]))[0] ?? null) : null;
}
