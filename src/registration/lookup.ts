import type { Tx } from '../app/services.ts';
import type { Keyring } from '../security/crypto.ts';
import { parseRegistrationCode } from './code.ts';
import { asStatus, type RegistrationStatus, type RegistrationView } from './types.ts';

export const cccdHash = (keyring: Keyring, cccd: string) => keyring.lookupHash('cccd', cccd);
export const phoneHash = (keyring: Keyring, e164: string) => keyring.lookupHash('phone', e164);

const VIEW_SELECT = {
  code: true,
  status: true,
  createdAt: true,
  decidedAt: true,
  decisionNote: true,
  orgUnit: { select: { name: true } },
  routedTo: { select: { name: true } },
} as const;

type ViewRow = {
  code: string;
  status: string;
  createdAt: Date;
  decidedAt: Date | null;
  decisionNote: string | null;
  orgUnit: { name: string } | null;
  routedTo: { name: string };
};

function toView(r: ViewRow): RegistrationView {
  return {
    code: r.code,
    status: asStatus(r.status),
    createdAt: r.createdAt,
    decidedAt: r.decidedAt,
    decisionNote: r.decisionNote,
    unitName: r.orgUnit?.name ?? null,
    routedToName: r.routedTo.name,
  };
}

/** The application already filed with this CCCD, if any (one per CCCD). */
export async function findByCccd(
  tx: Tx,
  keyring: Keyring,
  cccd: string,
): Promise<{ id: string; code: string; status: RegistrationStatus; identityId: string } | null> {
  const row = await tx.registration.findUnique({
    where: { cccdHash: cccdHash(keyring, cccd) },
    select: { id: true, code: true, status: true, identityId: true },
  });
  return row ? { ...row, status: asStatus(row.status) } : null;
}

/** Applications filed from this channel identity, newest first. */
export async function listForIdentity(tx: Tx, identityId: string): Promise<RegistrationView[]> {
  const rows = await tx.registration.findMany({
    where: { identityId },
    orderBy: { createdAt: 'desc' },
    select: VIEW_SELECT,
  });
  return rows.map(toView);
}

/**
 * An application by its code AND its CCCD, in one query: a wrong pair and an unknown code look
 * the same to the caller, so the lookup never tells a stranger that a code exists.
 */
export async function findByCodeAndCccd(tx: Tx, keyring: Keyring, code: string, cccd: string): Promise<RegistrationView | null> {
  const canonical = parseRegistrationCode(code);
  if (!canonical || !/^\d{12}$/.test(cccd)) return null;
  const row = await tx.registration.findFirst({
    where: { code: canonical, cccdHash: cccdHash(keyring, cccd) },
    select: VIEW_SELECT,
  });
  return row ? toView(row) : null;
}
