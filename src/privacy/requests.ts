import type { Prisma, PrismaClient } from '../generated/prisma/client.ts';
import type { Tx } from '../app/services.ts';
import { deadlinesFor, type RequestKind } from './deadlines.ts';
import type { Subject } from './subject.ts';

/**
 * The register of data-subject requests (Law 91/2025 Art. 4(1) rights): each with the dates
 * the law sets (Decree 356/2025 Art. 5, see deadlines.ts), so officers can show every request
 * was answered in time.
 */
export interface LogRequestInput {
  kind: RequestKind;
  identityId: string;
  subject: Subject;
  receivedAt: Date;
  /** done in the same turn (view, export, delete...) or waiting for an officer */
  status: 'completed' | 'pending' | 'rejected';
  outcome?: Prisma.InputJsonValue;
  /** sealed description of a correction an officer must apply */
  detailEnc?: string;
}

export async function logRequest(tx: Tx, i: LogRequestInput): Promise<{ id: string; dueAt: Date }> {
  const { ackDueAt, dueAt } = deadlinesFor(i.kind, i.receivedAt);
  const row = await tx.dataSubjectRequest.create({
    data: {
      kind: i.kind,
      identityId: i.identityId,
      memberId: i.subject.memberId,
      verifiedBy: i.subject.verifiedBy,
      status: i.status,
      receivedAt: i.receivedAt,
      ackDueAt,
      dueAt,
      completedAt: i.status === 'pending' ? null : i.receivedAt,
      outcome: i.outcome ?? {},
      detailEnc: i.detailEnc ?? null,
      scopePath: i.subject.scopePath,
    },
    select: { id: true, dueAt: true },
  });
  return row;
}

export interface RequestListFilter {
  /** the officer's scope (org_unit.path prefix, "/TLD/P79/"); requests of their subtree only */
  scopePath: string;
  /** system admins also see requests with no known unit (chat-account-only requests) */
  includeUnscoped?: boolean;
  status?: 'pending' | 'completed' | 'rejected';
  kind?: RequestKind;
  /** only those past their completion date and not completed */
  overdueAt?: Date;
  limit?: number;
  /** id of the last row of the previous page (keyset pagination on receivedAt, id) */
  after?: { receivedAt: Date; id: string };
}

export interface RequestListRow {
  id: string;
  kind: string;
  status: string;
  identityId: string;
  memberId: string | null;
  verifiedBy: string;
  receivedAt: Date;
  ackDueAt: Date;
  dueAt: Date;
  completedAt: Date | null;
  outcome: Prisma.JsonValue;
  /** whether an officer must act (a correction waiting) */
  hasDetail: boolean;
  scopePath: string | null;
}

/**
 * Requests for the officer console, filtered by scope IN THE QUERY (DESIGN.md): the scope is a
 * prefix match on the handling unit's path. Oldest deadline first. The sealed detail is not
 * returned: opening it is a read of personal data, for the caller to audit and open itself.
 */
export async function listRequests(db: PrismaClient | Tx, f: RequestListFilter): Promise<RequestListRow[]> {
  const scope: Prisma.DataSubjectRequestWhereInput = f.includeUnscoped
    ? { OR: [{ scopePath: { startsWith: f.scopePath } }, { scopePath: null }] }
    : { scopePath: { startsWith: f.scopePath } };
  const and: Prisma.DataSubjectRequestWhereInput[] = [scope];
  if (f.status) and.push({ status: f.status });
  if (f.kind) and.push({ kind: f.kind });
  if (f.overdueAt) and.push({ dueAt: { lt: f.overdueAt }, status: 'pending' });
  if (f.after) {
    and.push({ OR: [{ receivedAt: { gt: f.after.receivedAt } }, { receivedAt: f.after.receivedAt, id: { gt: f.after.id } }] });
  }
  const rows = await db.dataSubjectRequest.findMany({
    where: { AND: and },
    orderBy: [{ receivedAt: 'asc' }, { id: 'asc' }],
    take: Math.min(f.limit ?? 50, 500),
  });
  return rows.map(({ detailEnc, ...r }) => ({ ...r, hasDetail: detailEnc !== null }));
}

/**
 * The correction a worker asked for, opened for an officer whose scope holds the request; the
 * read is audited like every officer read of personal data. null when out of scope or absent
 * (the caller answers 404 either way).
 */
export async function openRequestDetail(
  db: PrismaClient | Tx,
  keyring: { open(sealed: string): string },
  i: { id: string; scopePath: string; officerId: string; now: Date },
): Promise<{ field: string; value: string } | null> {
  const row = await db.dataSubjectRequest.findFirst({
    where: { id: i.id, scopePath: { startsWith: i.scopePath }, detailEnc: { not: null } },
    select: { detailEnc: true },
  });
  if (!row?.detailEnc) return null;
  await db.auditLog.create({
    data: { at: i.now, actorType: 'officer', actorId: i.officerId, action: 'privacy.request_detail_read', entity: 'data_subject_request', entityId: i.id },
  });
  const d = JSON.parse(keyring.open(row.detailEnc)) as { field: string; value: string };
  return { field: d.field, value: d.value };
}
