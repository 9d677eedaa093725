import type { OrgKind } from '../generated/prisma/enums.ts';
import type { Gender } from '../validate/gender.ts';

export type { Gender };

/** cho_duyet (pending) | da_duyet (approved) | tu_choi (rejected); see prisma/schema.prisma */
export type RegistrationStatus = 'cho_duyet' | 'da_duyet' | 'tu_choi';

export interface NewRegistration {
  /** as the worker typed it; stored NFC */
  fullName: string;
  /** ISO date yyyy-mm-dd */
  dob: string;
  gender: Gender;
  /** 12 digits */
  cccd: string;
  /** E.164, +84… */
  phone: string;
  employer: string;
  workplaceAddress: string;
  /** one of the 34 provincial units in force */
  provinceCode: string;
  /** the grassroots union the worker picked; null when the workplace has none */
  orgUnitId: string | null;
  identityId: string;
  channel: string;
  locale: string;
  /** the turn's clock: code year and timestamps follow it, not the database server's */
  now: Date;
}

export interface UnitRef {
  id: string;
  name: string;
  kind: OrgKind;
}

export type CreateResult =
  | { kind: 'created'; id: string; code: string; status: RegistrationStatus; routedTo: UnitRef; viaFederation: boolean }
  | { kind: 'duplicate'; code: string; status: RegistrationStatus };

/** What a worker may see of one of their applications. */
export interface RegistrationView {
  code: string;
  status: RegistrationStatus;
  createdAt: Date;
  decidedAt: Date | null;
  decisionNote: string | null;
  /** the grassroots union chosen, if any */
  unitName: string | null;
  /** who decides: that union, or the provincial federation */
  routedToName: string;
}

export function asStatus(raw: string): RegistrationStatus {
  return raw === 'da_duyet' || raw === 'tu_choi' ? raw : 'cho_duyet';
}
