import { z } from 'zod';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { OfficerContext } from '../officers/context.ts';
import type { ExportColumn } from '../http/export.ts';
import type { Keyring } from '../security/crypto.ts';
import { auditOfficer, isUuid } from './scope.ts';

export const REGISTRATION_STATUSES = ['cho_duyet', 'da_duyet', 'tu_choi'] as const;

export const ListQuery = z.object({
  status: z.enum(REGISTRATION_STATUSES).optional(),
  /** org unit code: that unit's subtree, intersected with the officer's scope */
  unit: z.string().trim().min(1).max(40).optional(),
  /** default 50 for a page; an export without a limit takes up to EXPORT_MAX rows */
  limit: z.coerce.number().int().min(1).max(200).optional(),
  offset: z.coerce.number().int().min(0).max(1_000_000).default(0),
  format: z.enum(['csv', 'xlsx']).optional(),
});
export type ListQuery = z.infer<typeof ListQuery>;

export const EXPORT_MAX = 10_000;

/** The routed unit inside the scope: the scope filter is part of every query below. */
const inScope = (ctx: OfficerContext) => ({ routedTo: { path: { startsWith: ctx.scopePath } } });

export interface RegistrationRow {
  id: string;
  code: string;
  status: string;
  employer: string;
  provinceCode: string;
  channel: string;
  unit: { code: string; name: string } | null;
  routedTo: { code: string; name: string };
  viaFederation: boolean;
  createdAt: Date;
  decidedAt: Date | null;
}

/**
 * Applications in the officer's scope, without personal data (no name, CCCD, phone, birth
 * date): a list or its export is therefore not a read of personal data and is not audited.
 * Pending ones come oldest first (the order they should be decided in); others newest first.
 * A `unit` filter naming a unit outside the scope (or none at all) answers null, audited like
 * any other refused request, so a filter cannot probe the tree beyond the scope either.
 */
export async function listRegistrations(db: PrismaClient, ctx: OfficerContext, q: ListQuery, now: Date): Promise<RegistrationRow[] | null> {
  const and: object[] = [inScope(ctx)];
  if (q.status) and.push({ status: q.status });
  if (q.unit) {
    const unit = await db.orgUnit.findUnique({ where: { code: q.unit }, select: { id: true, path: true } });
    if (!unit || !unit.path.startsWith(ctx.scopePath)) {
      await auditOfficer(db, ctx, 'registration.list_denied', 'registration', unit?.id ?? 'unknown_unit', now);
      return null;
    }
    and.push({ routedTo: { path: { startsWith: unit.path } } });
  }
  const rows = await db.registration.findMany({
    where: { AND: and },
    orderBy: [{ createdAt: q.status === 'cho_duyet' ? 'asc' : 'desc' }, { id: 'asc' }],
    take: q.limit ?? (q.format ? EXPORT_MAX : 50),
    skip: q.offset,
    select: {
      id: true,
      code: true,
      status: true,
      employer: true,
      provinceCode: true,
      channel: true,
      orgUnitId: true,
      createdAt: true,
      decidedAt: true,
      orgUnit: { select: { code: true, name: true } },
      routedTo: { select: { code: true, name: true } },
    },
  });
  return rows.map(({ orgUnitId, orgUnit, ...r }) => ({ ...r, unit: orgUnit, viaFederation: orgUnitId === null }));
}

/** Columns of the CSV/XLSX export (headers in Vietnamese: officers open it in Excel); still no personal data. */
export const EXPORT_COLUMNS: ReadonlyArray<ExportColumn<RegistrationRow>> = [
  { key: 'code', header: 'Mã hồ sơ', width: 18 },
  { key: 'status', header: 'Trạng thái', width: 12 },
  { key: 'employer', header: 'Doanh nghiệp', width: 40 },
  { key: 'provinceCode', header: 'Mã tỉnh', width: 8 },
  { key: 'unit', header: 'Công đoàn cơ sở', width: 40, value: (r) => r.unit?.name ?? '' },
  { key: 'routedTo', header: 'Đơn vị xét duyệt', width: 40, value: (r) => r.routedTo.name },
  { key: 'channel', header: 'Kênh', width: 10 },
  { key: 'createdAt', header: 'Ngày gửi', width: 22 },
  { key: 'decidedAt', header: 'Ngày quyết định', width: 22 },
];

/**
 * One application with its personal data opened for the deciding officer. The read, and a
 * refused read (unknown id or outside the scope: indistinguishable to the caller), are audited.
 */
export async function getRegistration(db: PrismaClient, keyring: Keyring, ctx: OfficerContext, id: string, now: Date) {
  const row = isUuid(id)
    ? await db.registration.findFirst({
        where: { id, ...inScope(ctx) },
        include: { orgUnit: { select: { code: true, name: true } }, routedTo: { select: { code: true, name: true, path: true } } },
      })
    : null;
  if (!row) {
    await auditOfficer(db, ctx, 'registration.read_denied', 'registration', isUuid(id) ? id : 'invalid', now);
    return null;
  }
  const [member, card] = row.memberId
    ? await Promise.all([
        db.member.findUnique({ where: { id: row.memberId }, select: { id: true, memberNo: true, status: true, joinedAt: true } }),
        db.memberCard.findFirst({ where: { memberId: row.memberId }, orderBy: { issuedAt: 'desc' }, select: { id: true, issuedAt: true, revokedAt: true, revokeReason: true } }),
      ])
    : [null, null];
  await auditOfficer(db, ctx, 'registration.read', 'registration', id, now, { fields: ['cccd', 'phone', 'dob'] });
  return {
    registration: {
      id: row.id,
      code: row.code,
      status: row.status,
      fullName: row.fullName,
      dob: keyring.open(row.dobEnc),
      gender: row.gender,
      cccd: keyring.open(row.cccdEnc),
      phone: keyring.open(row.phoneEnc),
      employer: row.employer,
      workplaceAddress: row.workplaceAddress,
      provinceCode: row.provinceCode,
      unit: row.orgUnit,
      routedTo: { code: row.routedTo.code, name: row.routedTo.name },
      viaFederation: row.orgUnitId === null,
      channel: row.channel,
      locale: row.locale,
      decisionNote: row.decisionNote,
      decidedBy: row.decidedBy,
      createdAt: row.createdAt,
      decidedAt: row.decidedAt,
      member: member
        ? {
            ...member,
            card: card ? { id: card.id, issuedAt: card.issuedAt, valid: card.revokedAt === null, revokedAt: card.revokedAt, revokeReason: card.revokeReason } : null,
          }
        : null,
    },
  };
}
