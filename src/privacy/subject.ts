import type { Tx } from '../app/services.ts';
import type { Keyring } from '../security/crypto.ts';

/**
 * Whose data a request is about, once they proved it. Only ids: the flow keeps this in the
 * conversation state, which must never hold personal data in clear.
 */
export interface Subject {
  /** cccd_dob: the CCCD and date of birth of a membership application; chat_account: only what
   *  this chat account itself sent (the platform authenticated the account) */
  verifiedBy: 'cccd_dob' | 'chat_account';
  /** the asking chat account first, then the other accounts of the same person */
  identityIds: string[];
  memberId: string | null;
  registrationIds: string[];
  /** org_unit.path of the unit that handles this person's requests (officer scope), if known */
  scopePath: string | null;
}

export type VerifyResult = { ok: true; subject: Subject } | { ok: false; reason: 'no_match' | 'locked' };

const FAILURE_ACTION = 'privacy.verify_failed';
const WINDOW_MS = 24 * 3_600_000;

/** Only the chat account: nothing to prove beyond what the platform's signature already did. */
export function chatAccountSubject(identityId: string): Subject {
  return { verifiedBy: 'chat_account', identityIds: [identityId], memberId: null, registrationIds: [], scopePath: null };
}

/**
 * Proof by the CCCD and the date of birth given at registration, checked against the keyed hash
 * and the sealed date: it works on every channel (web chat has no contact button, and a typed
 * phone number proves nothing). A wrong pair and an unknown CCCD give the same answer, and
 * failures are counted per CCCD and per chat account (audit rows), so neither a date of birth
 * nor a CCCD can be guessed by trying: after `maxFailures` in 24 hours the check is refused
 * without being run.
 */
export async function verifyByCccdDob(
  tx: Tx,
  keyring: Keyring,
  input: { identityId: string; cccd: string; dob: string; now: Date; maxFailures: number },
): Promise<VerifyResult> {
  const hash = keyring.lookupHash('cccd', input.cccd);
  const since = new Date(input.now.getTime() - WINDOW_MS);
  // each failure writes one row per key (the CCCD's hash, the chat account): the worse one counts
  const perKey = await Promise.all([
    tx.auditLog.count({ where: { action: FAILURE_ACTION, at: { gte: since }, entity: 'cccd_hash', entityId: hash } }),
    tx.auditLog.count({ where: { action: FAILURE_ACTION, at: { gte: since }, entity: 'channel_identity', entityId: input.identityId } }),
  ]);
  if (Math.max(...perKey) >= input.maxFailures) return { ok: false, reason: 'locked' };

  const reg = await tx.registration.findUnique({
    where: { cccdHash: hash },
    select: { id: true, dobEnc: true, memberId: true, identityId: true, routedTo: { select: { path: true } } },
  });
  let matches = false;
  if (reg) {
    try {
      matches = keyring.open(reg.dobEnc) === input.dob;
    } catch {
      matches = false;
    }
  }
  if (!reg || !matches) {
    await tx.auditLog.createMany({
      data: [
        { at: input.now, actorType: 'subject', actorId: input.identityId, action: FAILURE_ACTION, entity: 'cccd_hash', entityId: hash },
        { at: input.now, actorType: 'subject', actorId: input.identityId, action: FAILURE_ACTION, entity: 'channel_identity', entityId: input.identityId },
      ],
    });
    return { ok: false, reason: 'no_match' };
  }

  const member = reg.memberId
    ? await tx.member.findUnique({ where: { id: reg.memberId }, select: { id: true, orgUnit: { select: { path: true } } } })
    : await tx.member.findUnique({ where: { cccdHash: hash }, select: { id: true, orgUnit: { select: { path: true } } } });
  const linked = member ? await tx.channelIdentity.findMany({ where: { memberId: member.id }, select: { id: true } }) : [];
  const identityIds = [...new Set([input.identityId, reg.identityId, ...linked.map((l) => l.id)])];
  await tx.auditLog.create({
    data: { at: input.now, actorType: 'subject', actorId: input.identityId, action: 'privacy.verified', entity: 'registration', entityId: reg.id },
  });
  return {
    ok: true,
    subject: {
      verifiedBy: 'cccd_dob',
      identityIds,
      memberId: member?.id ?? null,
      registrationIds: [reg.id],
      scopePath: member?.orgUnit?.path ?? reg.routedTo.path,
    },
  };
}
