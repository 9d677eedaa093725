import type { Tx } from '../app/services.ts';
import type { Keyring } from '../security/crypto.ts';
import { parseFullName } from '../validate/name.ts';
import { parseMobile } from '../validate/phone.ts';
import { parseFreeText } from '../validate/text.ts';
import type { Subject } from './subject.ts';

/**
 * "Sửa thông tin" (Law 91/2025 Art. 4(1): the right to view and correct). A pending application
 * is the worker's own draft: the change applies at once, re-validated like at registration. An
 * approved member's record is the union's register: the change becomes a request an officer
 * checks and applies (it may need the ID card), within the 10 days of ND 356 Art. 5.
 */
export const CORRECTABLE = ['fullName', 'phone', 'workplace'] as const;
export type CorrectableField = (typeof CORRECTABLE)[number];

export type CorrectionParse = { ok: true; value: string } | { ok: false; error: string };

/** The same validators as the registration flow (src/validate). */
export function parseCorrection(field: CorrectableField, text: string): CorrectionParse {
  if (field === 'fullName') {
    const r = parseFullName(text);
    return r.ok ? { ok: true, value: r.value } : { ok: false, error: r.error };
  }
  if (field === 'phone') {
    const r = parseMobile(text);
    return r.ok ? { ok: true, value: r.value } : { ok: false, error: r.error };
  }
  const r = parseFreeText(text, { min: 2, max: 200 });
  return r.ok ? { ok: true, value: r.value } : { ok: false, error: r.error };
}

export type CorrectionTarget = { kind: 'pending_registration'; id: string } | { kind: 'member'; id: string } | { kind: 'none' };

export async function correctionTarget(tx: Tx, s: Subject): Promise<CorrectionTarget> {
  const pending = await tx.registration.findFirst({
    where: { status: 'cho_duyet', OR: [{ id: { in: s.registrationIds } }, { identityId: { in: s.identityIds } }] },
    orderBy: { createdAt: 'desc' },
    select: { id: true },
  });
  if (pending) return { kind: 'pending_registration', id: pending.id };
  if (s.memberId) return { kind: 'member', id: s.memberId };
  return { kind: 'none' };
}

/** Applies a correction to a pending application; `value` is already validated. */
export async function applyToPendingRegistration(tx: Tx, keyring: Keyring, id: string, field: CorrectableField, value: string): Promise<void> {
  if (field === 'fullName') await tx.registration.update({ where: { id }, data: { fullName: value } });
  else if (field === 'phone') {
    await tx.registration.update({ where: { id }, data: { phoneEnc: keyring.seal(value), phoneHash: keyring.lookupHash('phone', value) } });
  } else await tx.registration.update({ where: { id }, data: { employer: value } });
}
