import type { Tx } from '../app/services.ts';
import type { OfficerContext } from '../officers/context.ts';
import type { Keyring } from '../security/crypto.ts';
import { currentCard, issueCard } from './cards.ts';
import { cardImageUrl } from './links.ts';
import { createDecisionNotice } from './notices.ts';
import type { CreatedNotice } from '../broadcasts/notify.ts';
import { nextMemberNo } from './number.ts';
import { auditOfficer, lockRegistrationInScope, type LockedRegistration } from './scope.ts';

export type DecisionResult =
  | {
      kind: 'approved';
      registrationId: string;
      memberId: string;
      memberNo: string;
      /** null only when the card was revoked since the approval */
      cardUrl: string | null;
      /** true when the application had already been approved (a double click): nothing changed */
      already: boolean;
      /** the notice to the worker, written in the transaction: `sendNotice` it after commit (null: nothing to send) */
      notice: CreatedNotice | null;
      unitPath: string;
    }
  | { kind: 'rejected'; registrationId: string; already: boolean; notice: CreatedNotice | null; unitPath: string }
  | { kind: 'not_found' }
  | { kind: 'already_decided'; status: string };

/**
 * Admits the applicant (HD 38/HD-TLĐ §3.1): in the caller's ONE transaction the registration is
 * locked in scope, the Member is created or re-activated (matched by the CCCD's keyed hash, so a
 * returning member keeps their number), a member number is drawn, the worker's chat account is
 * linked to the member, a card is issued and the news is written as a notice to the worker. Approving
 * an approved application answers the same result and changes nothing: a double click, two
 * officers or a retried request are all harmless.
 */
export async function approveRegistration(
  tx: Tx,
  keyring: Keyring,
  ctx: OfficerContext,
  id: string,
  opts: { now: Date; verifyBase: string },
): Promise<DecisionResult> {
  const reg = await lockRegistrationInScope(tx, ctx, id, opts.now);
  if (!reg) return { kind: 'not_found' };
  if (reg.status === 'tu_choi') return { kind: 'already_decided', status: reg.status };
  if (reg.status === 'da_duyet') return alreadyApproved(tx, keyring, reg);

  const unitId = reg.org_unit_id ?? reg.routed_to_id;
  const member = await admit(tx, reg, unitId, opts.now);
  await tx.registration.update({
    where: { id: reg.id },
    data: { status: 'da_duyet', memberId: member.id, decidedAt: opts.now, decidedBy: ctx.officerId, decisionNote: null },
  });
  // Only an unlinked account is linked: an account already tied to someone else stays as it is.
  await tx.channelIdentity.updateMany({ where: { id: reg.identity_id, memberId: null }, data: { memberId: member.id } });
  const card = await issueCard(tx, keyring, { memberId: member.id, unitId, memberNo: member.memberNo, verifyBase: opts.verifyBase, issuedBy: ctx.officerId, now: opts.now });
  const cardUrl = cardImageUrl(card.verifyBase, card.token);
  await auditOfficer(tx, ctx, 'registration.approved', 'registration', reg.id, opts.now, { memberId: member.id, memberNo: member.memberNo, returning: member.returning });
  await auditOfficer(tx, ctx, 'member_card.issued', 'member_card', card.id, opts.now, { memberId: member.id });
  const notice = await createDecisionNotice(
    tx,
    keyring,
    { identityId: reg.identity_id, memberId: member.id, unitPath: reg.routed_path },
    { kind: 'approved', code: reg.code, unit: reg.routed_name, memberNo: member.memberNo, cardImageUrl: cardUrl },
    opts.now,
  );
  return { kind: 'approved', registrationId: reg.id, memberId: member.id, memberNo: member.memberNo, cardUrl, already: false, notice, unitPath: reg.routed_path };
}

async function alreadyApproved(tx: Tx, keyring: Keyring, reg: LockedRegistration): Promise<DecisionResult> {
  const member = reg.member_id ? await tx.member.findUnique({ where: { id: reg.member_id }, select: { id: true, memberNo: true } }) : null;
  if (!member?.memberNo) return { kind: 'already_decided', status: reg.status };
  const card = await currentCard(tx, keyring, member.id);
  return {
    kind: 'approved',
    registrationId: reg.id,
    memberId: member.id,
    memberNo: member.memberNo,
    cardUrl: card ? cardImageUrl(card.verifyBase, card.token) : null,
    already: true,
    notice: null,
    unitPath: reg.routed_path,
  };
}

/** The Member row for an approved application: a new one, or the same person returning. */
async function admit(tx: Tx, reg: LockedRegistration, unitId: string, now: Date): Promise<{ id: string; memberNo: string; returning: boolean }> {
  const existing = await tx.member.findUnique({ where: { cccdHash: reg.cccd_hash }, select: { id: true, memberNo: true, status: true, joinedAt: true } });
  if (existing) {
    const memberNo = existing.memberNo ?? (await nextMemberNo(tx, reg.province_code, now));
    const rejoining = existing.status !== 'active' || !existing.joinedAt;
    await tx.member.update({
      where: { id: existing.id },
      data: {
        memberNo,
        fullName: reg.full_name,
        phoneHash: reg.phone_hash,
        orgUnitId: unitId,
        status: 'active',
        endedAt: null,
        ...(rejoining ? { joinedAt: now } : {}),
      },
    });
    return { id: existing.id, memberNo, returning: true };
  }
  const memberNo = await nextMemberNo(tx, reg.province_code, now);
  const created = await tx.member.create({
    data: { memberNo, fullName: reg.full_name, orgUnitId: unitId, cccdHash: reg.cccd_hash, phoneHash: reg.phone_hash, status: 'active', joinedAt: now },
    select: { id: true },
  });
  return { id: created.id, memberNo, returning: false };
}

/**
 * Refuses an application with its reason (HD 38 §3.1: refusals are notified with reasons): the
 * reason is stored for the status lookup and sent to the worker's chat. Refusing a refused
 * application again changes nothing; an approved one cannot be refused (membership ends by
 * another act, which also revokes the card).
 */
export async function rejectRegistration(
  tx: Tx,
  keyring: Keyring,
  ctx: OfficerContext,
  id: string,
  reason: string,
  now: Date,
): Promise<DecisionResult> {
  const reg = await lockRegistrationInScope(tx, ctx, id, now);
  if (!reg) return { kind: 'not_found' };
  if (reg.status === 'da_duyet') return { kind: 'already_decided', status: reg.status };
  if (reg.status === 'tu_choi') return { kind: 'rejected', registrationId: reg.id, already: true, notice: null, unitPath: reg.routed_path };
  await tx.registration.update({ where: { id: reg.id }, data: { status: 'tu_choi', decisionNote: reason, decidedAt: now, decidedBy: ctx.officerId } });
  await auditOfficer(tx, ctx, 'registration.rejected', 'registration', reg.id, now);
  const notice = await createDecisionNotice(
    tx,
    keyring,
    { identityId: reg.identity_id, memberId: reg.member_id, unitPath: reg.routed_path },
    { kind: 'rejected', code: reg.code, unit: reg.routed_name, reason },
    now,
  );
  return { kind: 'rejected', registrationId: reg.id, already: false, notice, unitPath: reg.routed_path };
}
