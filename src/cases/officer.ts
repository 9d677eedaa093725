import type { PrismaClient } from '../generated/prisma/client.ts';
import type { Tx } from '../app/services.ts';
import type { Keyring } from '../security/crypto.ts';
import { createCaseNotice } from './notice.ts';
import type { CreatedNotice } from '../broadcasts/notify.ts';
import { pagingOf } from './scope.ts';
import type { OfficerContext } from './token.ts';
import { asCaseStatus, canTransition, isCaseCategory, isCaseStatus, type CaseStatus } from './types.ts';

export type { OfficerContext } from './token.ts';

export interface CaseFilters {
  status?: string;
  category?: string;
  urgent?: boolean;
  /** org unit code; the unit's subtree, intersected with the officer's scope */
  unit?: string;
  limit?: number;
  offset?: number;
}

/** The scope filter every officer query carries: LIKE '<scopePath>%' on the routed unit's path. */
const inScope = (ctx: OfficerContext) => ({ routedPath: { startsWith: ctx.scopePath } });

const LIST = {
  id: true,
  code: true,
  status: true,
  category: true,
  urgent: true,
  urgency: true,
  employer: true,
  provinceCode: true,
  routedToId: true,
  routedPath: true,
  affectedCount: true,
  anonymous: true,
  channel: true,
  createdAt: true,
  updatedAt: true,
} as const;

/** Cases in the officer's scope; no personal data in a list row, so a list is not audited. */
export async function listCases(db: PrismaClient | Tx, ctx: OfficerContext, f: CaseFilters = {}) {
  const and: object[] = [inScope(ctx)];
  if (f.status) and.push({ status: f.status });
  if (f.category) and.push({ category: f.category });
  if (f.urgent !== undefined) and.push({ urgent: f.urgent });
  if (f.unit) {
    const unit = await db.orgUnit.findUnique({ where: { code: f.unit }, select: { path: true } });
    // an unknown unit filters to nothing rather than to everything (PostgreSQL refuses a NUL byte
    // in text, so no sentinel value: answer the empty list directly)
    if (!unit) return [];
    and.push({ routedPath: { startsWith: unit.path } });
  }
  const take = Math.min(Math.max(f.limit ?? 50, 1), 200);
  return db.grievanceCase.findMany({ where: { AND: and }, orderBy: [{ urgent: 'desc' }, { createdAt: 'desc' }], take, skip: f.offset ?? 0, select: LIST });
}

export function validateFilters(q: Record<string, unknown>): CaseFilters | { error: string } {
  const f: CaseFilters = {};
  if (q.status !== undefined) {
    if (!isCaseStatus(q.status)) return { error: 'status' };
    f.status = q.status;
  }
  if (q.category !== undefined) {
    if (!isCaseCategory(q.category)) return { error: 'category' };
    f.category = q.category;
  }
  if (q.urgency !== undefined) {
    if (q.urgency !== 'urgent' && q.urgency !== 'normal') return { error: 'urgency' };
    f.urgent = q.urgency === 'urgent';
  }
  if (q.unit !== undefined) {
    if (typeof q.unit !== 'string' || q.unit.length > 40) return { error: 'unit' };
    f.unit = q.unit;
  }
  const paging = pagingOf(q);
  return 'error' in paging ? paging : { ...f, ...paging };
}

async function audit(db: PrismaClient | Tx, ctx: OfficerContext, action: string, entityId: string, now: Date, details: object = {}) {
  await db.auditLog.create({
    data: { at: now, actorType: 'officer', actorId: ctx.officerId, action, entity: 'grievance_case', entityId, details: { scopePath: ctx.scopePath, ...details } },
  });
}

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);

/**
 * One case with its personal data opened, its history and evidence metadata. Both a read and a
 * refused read (out of scope or unknown — indistinguishable to the caller) leave an audit row.
 */
export async function getCase(db: PrismaClient, keyring: Keyring, ctx: OfficerContext, id: string, now: Date) {
  const row = isUuid(id) ? await db.grievanceCase.findFirst({ where: { id, ...inScope(ctx) } }) : null;
  if (!row) {
    await audit(db, ctx, 'case.read_denied', isUuid(id) ? id : 'invalid', now);
    return null;
  }
  const [events, attachments, routedTo] = await Promise.all([
    db.grievanceCaseEvent.findMany({ where: { caseId: id }, orderBy: { id: 'asc' } }),
    db.grievanceAttachment.findMany({ where: { caseId: id }, orderBy: { createdAt: 'asc' } }),
    db.orgUnit.findUnique({ where: { id: row.routedToId }, select: { code: true, name: true } }),
  ]);
  await audit(db, ctx, 'case.read', id, now);
  const { descriptionEnc, accessKeyHash: _hash, ...rest } = row;
  return {
    ...rest,
    routedTo,
    description: keyring.open(descriptionEnc),
    history: events.map((e) => ({
      id: e.id.toString(),
      kind: e.kind,
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actorType: e.actorType,
      actorId: e.actorId,
      note: e.noteEnc ? keyring.open(e.noteEnc) : null,
      channel: e.channel,
      at: e.at,
    })),
    // the platform ref is not shown: the bytes are served by the download route once stored
    attachments: attachments.map((a) => ({
      id: a.id,
      eventId: a.eventId?.toString() ?? null,
      type: a.type,
      mime: a.mime,
      size: a.size,
      name: a.name,
      channel: a.channel,
      status: a.fetchStatus,
      reason: a.fetchReason,
      download: a.fetchStatus === 'stored' ? `/api/officer/cases/${id}/attachments/${a.id}` : null,
      createdAt: a.createdAt,
    })),
  };
}

export type ChangeResult =
  /** notice: written in the transaction, `sendNotice` it after commit */
  | { kind: 'changed'; conversationId: string; status: CaseStatus; notice: CreatedNotice }
  | { kind: 'not_found' }
  | { kind: 'bad_transition'; from: CaseStatus };

const noticeTarget = (row: { conversation_id: string; identity_id: string; member_id: string | null; routed_path: string }) => ({
  conversationId: row.conversation_id,
  identityId: row.identity_id,
  memberId: row.member_id,
  routedPath: row.routed_path,
});

/** Loads a case for a write, locked and in scope; a miss is audited like a refused read. */
async function lockInScope(tx: Tx, ctx: OfficerContext, id: string, now: Date) {
  if (!isUuid(id)) return null;
  const rows = await tx.$queryRawUnsafe<Array<{ id: string; code: string; status: string; conversation_id: string; identity_id: string; member_id: string | null; routed_path: string }>>(
    `SELECT id::text, code, status, conversation_id::text, identity_id::text, member_id::text, routed_path FROM grievance_case
      WHERE id = $1::uuid AND routed_path LIKE $2 || '%' FOR UPDATE`,
    id,
    ctx.scopePath.replace(/[\\%_]/g, '\\$&'),
  );
  const row = rows[0];
  if (!row) await audit(tx, ctx, 'case.write_denied', id, now);
  return row ?? null;
}

/**
 * Changes the status with a history row; the worker is told on their own channel in their
 * language (`message` is what they read; `note` stays internal, sealed in the history).
 */
export async function changeStatus(
  tx: Tx,
  keyring: Keyring,
  ctx: OfficerContext,
  id: string,
  input: { status: CaseStatus; note?: string | null; message?: string | null },
  now: Date,
): Promise<ChangeResult> {
  const row = await lockInScope(tx, ctx, id, now);
  if (!row) return { kind: 'not_found' };
  const from = asCaseStatus(row.status);
  if (!canTransition(from, input.status)) return { kind: 'bad_transition', from };
  await tx.grievanceCase.update({ where: { id }, data: { status: input.status, updatedAt: now } });
  await tx.grievanceCaseEvent.create({
    data: {
      caseId: id,
      kind: 'status',
      fromStatus: from,
      toStatus: input.status,
      actorType: 'officer',
      actorId: ctx.officerId,
      noteEnc: input.note ? keyring.seal(input.note) : null,
      at: now,
    },
  });
  await audit(tx, ctx, 'case.status_changed', id, now, { from, to: input.status });
  const notice = await createCaseNotice(tx, keyring, noticeTarget(row), { kind: 'status', code: row.code, status: input.status, message: input.message ?? null }, now);
  return { kind: 'changed', conversationId: row.conversation_id, status: input.status, notice };
}

/** Asks the worker for more: the question goes to their chat and the case waits ("chờ bổ sung"). */
export async function requestInformation(tx: Tx, keyring: Keyring, ctx: OfficerContext, id: string, question: string, now: Date): Promise<ChangeResult> {
  const row = await lockInScope(tx, ctx, id, now);
  if (!row) return { kind: 'not_found' };
  const from = asCaseStatus(row.status);
  if (from !== 'cho_bo_sung' && !canTransition(from, 'cho_bo_sung')) return { kind: 'bad_transition', from };
  await tx.grievanceCase.update({ where: { id }, data: { status: 'cho_bo_sung', updatedAt: now } });
  await tx.grievanceCaseEvent.create({
    data: {
      caseId: id,
      kind: 'info_requested',
      fromStatus: from,
      toStatus: 'cho_bo_sung',
      actorType: 'officer',
      actorId: ctx.officerId,
      noteEnc: keyring.seal(question),
      at: now,
    },
  });
  await audit(tx, ctx, 'case.info_requested', id, now, { from });
  const notice = await createCaseNotice(tx, keyring, noticeTarget(row), { kind: 'request_info', code: row.code, question }, now);
  return { kind: 'changed', conversationId: row.conversation_id, status: 'cho_bo_sung', notice };
}
