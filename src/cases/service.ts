import type { Tx } from '../app/services.ts';
import type { ChannelId } from '../core/model.ts';
import type { Keyring } from '../security/crypto.ts';
import type { CheckedAttachment } from './attachments.ts';
import { formatCaseCode, newAccessKey, parseAccessKey, parseCaseCode, vnYear } from './code.ts';
import { routeCase } from './routing.ts';
import { asCaseStatus, CLOSED_STATUSES, MANY_WORKERS, type CaseCategory, type CaseStatus, type UnitRef, type Urgency } from './types.ts';

export const accessKeyHash = (keyring: Keyring, key: string) => keyring.lookupHash('case_access_key', key);

export interface NewCase {
  category: CaseCategory;
  urgency: Urgency | null;
  employer: string;
  provinceCode: string;
  orgUnitId: string | null;
  aboutUnion: boolean;
  description: string;
  discoveredOn: string | null;
  affectedCount: number;
  anonymous: boolean;
  attachments: CheckedAttachment[];
  memberId: string | null;
  identityId: string;
  conversationId: string;
  channel: ChannelId;
  locale: string;
  now: Date;
}

export interface CreatedCase {
  id: string;
  code: string;
  /** shown once to the worker; only its keyed hash is stored */
  accessKey: string;
  routedTo: UnitRef;
  viaFederation: boolean;
  urgent: boolean;
  urgency: Urgency | null;
}

/** Danger, many unpaid workers and imminent strikes are urgent; so are unpaid wages for a large group. */
export function effectiveUrgency(category: CaseCategory, urgency: Urgency | null, affected: number): Urgency | null {
  if (urgency) return urgency;
  if (category === 'wages' && affected >= MANY_WORKERS) return 'wages_many';
  return null;
}

/** Next number of the year's sequence; the row lock taken by the upsert holds until commit. */
async function nextSeq(tx: Tx, year: number): Promise<number> {
  const rows = await tx.$queryRawUnsafe<Array<{ last: number }>>(
    `INSERT INTO grievance_case_counter (year, last) VALUES ($1, 1)
     ON CONFLICT (year) DO UPDATE SET last = grievance_case_counter.last + 1
     RETURNING last`,
    year,
  );
  return Number(rows[0]!.last);
}

/** Files a case with its first history row and its evidence metadata, all in the caller's transaction. */
export async function createCase(tx: Tx, keyring: Keyring, input: NewCase): Promise<CreatedCase> {
  const { routedTo, orgUnitId, viaFederation } = await routeCase(tx, {
    orgUnitId: input.orgUnitId,
    provinceCode: input.provinceCode,
    aboutUnion: input.aboutUnion,
  });
  const urgency = effectiveUrgency(input.category, input.urgency, input.affectedCount);
  const code = formatCaseCode(vnYear(input.now), await nextSeq(tx, vnYear(input.now)));
  const accessKey = newAccessKey();
  const row = await tx.grievanceCase.create({
    data: {
      code,
      accessKeyHash: accessKeyHash(keyring, accessKey),
      category: input.category,
      urgent: urgency !== null,
      urgency,
      employer: input.employer,
      provinceCode: input.provinceCode,
      orgUnitId,
      routedToId: routedTo.id,
      routedPath: routedTo.path,
      aboutUnion: input.aboutUnion,
      descriptionEnc: keyring.seal(input.description),
      discoveredOn: input.discoveredOn,
      affectedCount: input.affectedCount,
      anonymous: input.anonymous,
      memberId: input.memberId,
      identityId: input.identityId,
      conversationId: input.conversationId,
      channel: input.channel,
      locale: input.locale,
      createdAt: input.now,
      updatedAt: input.now,
    },
    select: { id: true },
  });
  await tx.grievanceCaseEvent.create({
    data: { caseId: row.id, kind: 'created', toStatus: 'moi', actorType: 'worker', actorId: input.identityId, channel: input.channel, at: input.now },
  });
  await saveAttachments(tx, keyring, row.id, null, input.channel, input.attachments, input.now);
  await tx.auditLog.create({
    data: {
      at: input.now,
      actorType: 'worker',
      actorId: input.identityId,
      action: 'case.created',
      entity: 'grievance_case',
      entityId: row.id,
      // ids and routing only: never the worker's words in the audit trail
      details: { channel: input.channel, routedToId: routedTo.id, viaFederation, urgent: urgency !== null },
    },
  });
  return { id: row.id, code, accessKey, routedTo, viaFederation, urgent: urgency !== null, urgency };
}

async function saveAttachments(tx: Tx, keyring: Keyring, caseId: string, eventId: bigint | null, channel: string, list: CheckedAttachment[], now: Date) {
  if (list.length === 0) return;
  await tx.grievanceAttachment.createMany({
    data: list.map((a) => ({
      caseId,
      eventId,
      type: a.type,
      mime: a.mime ?? null,
      size: a.size ?? null,
      name: a.name ?? null,
      channel,
      refEnc: a.url ? keyring.seal(a.url) : null,
      createdAt: now,
    })),
  });
}

export interface CaseSummary {
  id: string;
  code: string;
  status: CaseStatus;
  category: CaseCategory;
  discoveredOn: string | null;
  createdAt: Date;
  updatedAt: Date;
  routedToId: string;
}

const SUMMARY = { id: true, code: true, status: true, category: true, discoveredOn: true, createdAt: true, updatedAt: true, routedToId: true } as const;

const toSummary = (r: { status: string; category: string } & Omit<CaseSummary, 'status' | 'category'>): CaseSummary => ({
  ...r,
  status: asCaseStatus(r.status),
  category: r.category as CaseCategory,
});

/** Cases filed from this chat identity, or linked to the same member from any chat, newest first. */
export async function listForWorker(tx: Tx, who: { identityId: string; memberId: string | null }): Promise<CaseSummary[]> {
  const rows = await tx.grievanceCase.findMany({
    where: { OR: [{ identityId: who.identityId }, ...(who.memberId ? [{ memberId: who.memberId }] : [])] },
    orderBy: { createdAt: 'desc' },
    take: 10,
    select: SUMMARY,
  });
  return rows.map(toSummary);
}

/** A case of this worker by id: a stale or forged choice key for someone else's case finds nothing. */
export async function findOwnCase(tx: Tx, who: { identityId: string; memberId: string | null }, id: string): Promise<CaseSummary | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const row = await tx.grievanceCase.findFirst({
    where: { id, OR: [{ identityId: who.identityId }, ...(who.memberId ? [{ memberId: who.memberId }] : [])] },
    select: SUMMARY,
  });
  return row ? toSummary(row) : null;
}

/**
 * A case by code AND access key in one query: an unknown code, someone else's code and a wrong
 * key all come back as null, so the answer never tells a stranger that a code exists.
 */
export async function findByCodeAndKey(tx: Tx, keyring: Keyring, code: string, key: string): Promise<CaseSummary | null> {
  const canonical = parseCaseCode(code);
  const k = parseAccessKey(key);
  if (!canonical || !k) return null;
  const row = await tx.grievanceCase.findFirst({ where: { code: canonical, accessKeyHash: accessKeyHash(keyring, k) }, select: SUMMARY });
  return row ? toSummary(row) : null;
}

export type AddResult = { kind: 'added'; status: CaseStatus } | { kind: 'closed' } | { kind: 'too_many_files' };

/**
 * The worker adds text and/or evidence to an open case. An answer to "chờ bổ sung" puts the case
 * back to "đang xử lý" with its own history row, so the officer sees the ball is in their court.
 */
export async function addInformation(
  tx: Tx,
  keyring: Keyring,
  caseId: string,
  input: { text: string | null; attachments: CheckedAttachment[]; identityId: string; channel: ChannelId; now: Date },
  maxAttachments: number,
): Promise<AddResult> {
  const c = await tx.grievanceCase.findUnique({ where: { id: caseId }, select: { status: true } });
  if (!c || CLOSED_STATUSES.has(asCaseStatus(c.status))) return { kind: 'closed' };
  if (input.attachments.length > 0) {
    const have = await tx.grievanceAttachment.count({ where: { caseId } });
    if (have + input.attachments.length > maxAttachments) return { kind: 'too_many_files' };
  }
  const event = await tx.grievanceCaseEvent.create({
    data: {
      caseId,
      kind: 'info_added',
      actorType: 'worker',
      actorId: input.identityId,
      noteEnc: input.text ? keyring.seal(input.text) : null,
      channel: input.channel,
      at: input.now,
    },
    select: { id: true },
  });
  await saveAttachments(tx, keyring, caseId, event.id, input.channel, input.attachments, input.now);
  let status = asCaseStatus(c.status);
  if (status === 'cho_bo_sung') {
    await tx.grievanceCaseEvent.create({
      data: { caseId, kind: 'status', fromStatus: status, toStatus: 'dang_xu_ly', actorType: 'worker', actorId: input.identityId, channel: input.channel, at: input.now },
    });
    status = 'dang_xu_ly';
  }
  await tx.grievanceCase.update({ where: { id: caseId }, data: { status, updatedAt: input.now } });
  return { kind: 'added', status };
}
