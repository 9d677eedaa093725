import type { PrismaClient } from '../generated/prisma/client.ts';
import type { OfficerContext } from '../officers/context.ts';

/**
 * Canned responses: replies an officer inserts by typing a `/` shortcut in the reply box. A row
 * belongs to a unit (its org path); an officer sees the rows of their own unit and of every unit
 * above it — a federation writes "/luong" once and every grassroots union under it has it — and
 * may change only rows of their own unit or below.
 */
export const CANNED_LOCALES = ['vi', 'en'] as const;
export type CannedLocale = (typeof CANNED_LOCALES)[number];

export interface CannedRow {
  id: string;
  shortcut: string;
  locale: string;
  text: string;
  unitPath: string;
  /** true when the officer may delete it (own unit or below) */
  editable: boolean;
}

/** "/Lương " -> "/luong": lower case, diacritics folded, one word; null when nothing is left. */
export function normalizeShortcut(input: string): string | null {
  const folded = input
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/^\/+/, '')
    .replace(/[^a-z0-9_-]/g, '');
  return folded.length >= 1 && folded.length <= 32 ? `/${folded}` : null;
}

/**
 * Every canned response visible in the scope: the row's unit path is a prefix of the officer's
 * scope (own unit and ancestors), or lies inside the scope. One query, the scope in the WHERE
 * (left() comparisons: no LIKE pattern to escape).
 */
export async function listCanned(prisma: PrismaClient, ctx: OfficerContext, locale?: CannedLocale): Promise<CannedRow[]> {
  const rows = await prisma.$queryRawUnsafe<Array<{ id: string; shortcut: string; locale: string; text: string; unit_path: string }>>(
    `SELECT id::text, shortcut, locale, text, unit_path FROM canned_response
      WHERE (left($1, length(unit_path)) = unit_path OR left(unit_path, length($1)) = $1)
        AND ($2::text IS NULL OR locale = $2)
      ORDER BY shortcut, locale, length(unit_path) DESC`,
    ctx.scopePath,
    locale ?? null,
  );
  return rows.map((r) => ({ id: r.id, shortcut: r.shortcut, locale: r.locale, text: r.text, unitPath: r.unit_path, editable: r.unit_path.startsWith(ctx.scopePath) }));
}

export type CreateResult = { kind: 'created'; row: CannedRow } | { kind: 'duplicate' };

/** Adds one to the officer's own unit; the same shortcut and language twice in a unit is refused. */
export async function createCanned(
  prisma: PrismaClient,
  ctx: OfficerContext,
  input: { shortcut: string; locale: CannedLocale; text: string },
  now: Date,
): Promise<CreateResult> {
  const existing = await prisma.cannedResponse.findFirst({ where: { unitPath: ctx.scopePath, shortcut: input.shortcut, locale: input.locale }, select: { id: true } });
  if (existing) return { kind: 'duplicate' };
  const row = await prisma.cannedResponse.create({
    data: { unitPath: ctx.scopePath, shortcut: input.shortcut, locale: input.locale, text: input.text, createdBy: isUuid(ctx.officerId) ? ctx.officerId : null, createdAt: now, updatedAt: now },
  });
  await prisma.auditLog.create({
    data: { at: now, actorType: 'officer', actorId: ctx.officerId, action: 'canned.created', entity: 'canned_response', entityId: row.id, details: { scopePath: ctx.scopePath, shortcut: row.shortcut } },
  });
  return { kind: 'created', row: { id: row.id, shortcut: row.shortcut, locale: row.locale, text: row.text, unitPath: row.unitPath, editable: true } };
}

/** Deletes one in scope (own unit or below); anything else — unknown, a parent's, another unit's — is a miss, audited. */
export async function deleteCanned(prisma: PrismaClient, ctx: OfficerContext, id: string, now: Date): Promise<boolean> {
  const deleted = isUuid(id) ? await prisma.cannedResponse.deleteMany({ where: { id, unitPath: { startsWith: ctx.scopePath } } }) : { count: 0 };
  await prisma.auditLog.create({
    data: {
      at: now,
      actorType: 'officer',
      actorId: ctx.officerId,
      action: deleted.count ? 'canned.deleted' : 'canned.write_denied',
      entity: 'canned_response',
      entityId: isUuid(id) ? id : 'invalid',
      details: { scopePath: ctx.scopePath },
    },
  });
  return deleted.count > 0;
}

export const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
