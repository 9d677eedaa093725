import type { Tx } from '../app/services.ts';
import type { PrismaClient } from '../generated/prisma/client.ts';
import type { OfficerContext } from '../officers/context.ts';
import type { Keyring } from '../security/crypto.ts';
import { pagingOf } from '../cases/scope.ts';
import { requestNoticeContent } from './request-notice.ts';
import { createNotice, type CreatedNotice } from '../broadcasts/notify.ts';
import { txSql } from '../cases/tx-sql.ts';
import { asRequestStatus, canMoveRequest, isRequestStatus, type RequestStatus } from './request-status.ts';

type Db = PrismaClient | Tx;

export interface RequestFilters {
  status?: RequestStatus;
  programme?: string;
  /** org unit code: that unit's subtree, intersected with the officer's scope */
  unit?: string;
  limit?: number;
  offset?: number;
}

const isUuid = (id: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id);
const likePrefix = (path: string) => path.replace(/[\\%_]/g, '\\$&');

export function validateRequestFilters(q: Record<string, unknown>): RequestFilters | { error: string } {
  const f: RequestFilters = {};
  if (q.status !== undefined) {
    if (!isRequestStatus(q.status)) return { error: 'status' };
    f.status = q.status;
  }
  for (const k of ['programme', 'unit'] as const) {
    if (q[k] === undefined) continue;
    if (typeof q[k] !== 'string' || q[k].length === 0 || q[k].length > 80) return { error: k };
    f[k] = q[k];
  }
  const paging = pagingOf(q);
  return 'error' in paging ? paging : { ...f, ...paging };
}

export interface RequestRow {
  id: string;
  code: string;
  programmeId: string;
  status: string;
  isMember: boolean;
  provinceCode: string;
  situations: string[];
  channel: string;
  unit: { code: string; name: string };
  createdAt: Date;
}

type RawRow = Omit<RequestRow, 'unit'> & { unitCode: string; unitName: string };

const COLUMNS = `r.id::text AS "id", r.code AS "code", r.programme_id AS "programmeId", r.status AS "status",
  r.is_member AS "isMember", r.province_code AS "provinceCode", r.situations AS "situations", r.channel AS "channel",
  r.created_at AS "createdAt", u.code AS "unitCode", u.name AS "unitName"`;

const toRow = ({ unitCode, unitName, ...r }: RawRow): RequestRow => ({ ...r, unit: { code: unitCode, name: unitName } });

/**
 * Requests routed into the officer's subtree, newest first. The scope is the routed unit's path
 * prefix, in the query. No name or phone in a list row, so a list is not audited.
 */
export async function listRequests(db: Db, ctx: OfficerContext, f: RequestFilters = {}): Promise<RequestRow[]> {
  const where = [`u.path LIKE $1 || '%'`];
  const params: unknown[] = [likePrefix(ctx.scopePath)];
  if (f.status) where.push(`r.status = $${params.push(f.status)}`);
  if (f.programme) where.push(`r.programme_id = $${params.push(f.programme)}`);
  if (f.unit) where.push(`u.path LIKE (SELECT replace(replace(path, '%', '\\%'), '_', '\\_') FROM org_unit WHERE code = $${params.push(f.unit)}) || '%'`);
  const limit = Math.min(Math.max(f.limit ?? 50, 1), 200);
  const rows = await db.$queryRawUnsafe<RawRow[]>(
    `SELECT ${COLUMNS} FROM benefit_request r JOIN org_unit u ON u.id = r.routed_to_id
      WHERE ${where.join(' AND ')} ORDER BY r.created_at DESC, r.id LIMIT ${limit} OFFSET ${Math.max(f.offset ?? 0, 0)}`,
    ...params,
  );
  return rows.map(toRow);
}

type ScopedRow = RawRow & { conversationId: string; identityId: string; memberId: string | null; routedPath: string };

async function inScope(db: Db, ctx: OfficerContext, id: string, lock = false): Promise<ScopedRow | null> {
  if (!isUuid(id)) return null;
  const rows = await db.$queryRawUnsafe<ScopedRow[]>(
    `SELECT ${COLUMNS}, r.conversation_id::text AS "conversationId", r.identity_id::text AS "identityId", r.member_id::text AS "memberId",
            u.path AS "routedPath"
       FROM benefit_request r JOIN org_unit u ON u.id = r.routed_to_id
      WHERE r.id = $1::uuid AND u.path LIKE $2 || '%'${lock ? ' FOR UPDATE OF r' : ''}`,
    id,
    likePrefix(ctx.scopePath),
  );
  return rows[0] ?? null;
}

async function audit(db: Db, ctx: OfficerContext, action: string, id: string, now: Date, details: object = {}) {
  await db.auditLog.create({
    data: { at: now, actorType: 'officer', actorId: ctx.officerId, action, entity: 'benefit_request', entityId: isUuid(id) ? id : 'invalid', details: { scopePath: ctx.scopePath, ...details } },
  });
}

/** One request with the worker's name and phone opened and its history; read and refused read both audited. */
export async function getRequest(db: PrismaClient, keyring: Keyring, ctx: OfficerContext, id: string, now: Date) {
  const row = await inScope(db, ctx, id);
  if (!row) {
    await audit(db, ctx, 'benefit_request.read_denied', id, now);
    return null;
  }
  const [sealed, events] = await Promise.all([
    db.benefitRequest.findUniqueOrThrow({ where: { id }, select: { fullNameEnc: true, phoneEnc: true, memberId: true, orgUnitId: true, locale: true } }),
    db.benefitRequestEvent.findMany({ where: { requestId: id }, orderBy: { id: 'asc' } }),
  ]);
  await audit(db, ctx, 'benefit_request.read', id, now);
  const { conversationId: _c, ...rest } = row;
  return {
    ...toRow(rest),
    fullName: keyring.open(sealed.fullNameEnc),
    phone: keyring.open(sealed.phoneEnc),
    memberId: sealed.memberId,
    orgUnitId: sealed.orgUnitId,
    locale: sealed.locale,
    history: events.map((e) => ({
      id: e.id.toString(),
      fromStatus: e.fromStatus,
      toStatus: e.toStatus,
      actorType: e.actorType,
      actorId: e.actorId,
      note: e.noteEnc ? keyring.open(e.noteEnc) : null,
      at: e.at,
    })),
  };
}

export type RequestChange =
  /** notice: written in the transaction, `sendNotice` it after commit */
  | { kind: 'changed'; conversationId: string; status: RequestStatus; notice: CreatedNotice }
  | { kind: 'not_found' }
  | { kind: 'bad_transition'; from: RequestStatus };

/**
 * Moves a request with a history row (the note sealed, internal) and tells the worker
 * (`message`, what they read) through the broadcast machinery's notice (their own chat first,
 * quiet hours and windows kept, Messenger ACCOUNT_UPDATE outside 24 h), written in the same
 * transaction; the caller hints `sendNotice` after commit.
 */
export async function changeRequestStatus(
  tx: Tx,
  keyring: Keyring,
  ctx: OfficerContext,
  id: string,
  input: { status: RequestStatus; note?: string | null; message?: string | null },
  now: Date,
): Promise<RequestChange> {
  const row = await inScope(tx, ctx, id, true);
  if (!row) {
    await audit(tx, ctx, 'benefit_request.write_denied', id, now);
    return { kind: 'not_found' };
  }
  const from = asRequestStatus(row.status);
  if (!canMoveRequest(from, input.status)) return { kind: 'bad_transition', from };
  await tx.benefitRequest.update({ where: { id }, data: { status: input.status } });
  await tx.benefitRequestEvent.create({
    data: { requestId: id, fromStatus: from, toStatus: input.status, actorType: 'officer', actorId: ctx.officerId, noteEnc: input.note ? keyring.seal(input.note) : null, at: now },
  });
  await audit(tx, ctx, 'benefit_request.status_changed', id, now, { from, to: input.status });
  const content = await requestNoticeContent(tx, { code: row.code, programmeId: row.programmeId, status: input.status, message: input.message ?? null });
  const notice = await createNotice(
    txSql(tx),
    keyring,
    { kind: 'benefit_request_status', memberId: row.memberId, identityId: row.identityId, conversationId: row.conversationId, unitPath: row.routedPath, content },
    now,
  );
  return { kind: 'changed', conversationId: row.conversationId, status: input.status, notice };
}
