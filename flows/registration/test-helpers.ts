/**
 * Shared by the registration and status transcript tests: the answers of a complete, valid
 * application, typed the way workers type (no diacritics, teencode), and row counters.
 */
import type { Transcript, Worker, BotReply } from '../../test/transcript.ts';

export interface Applicant {
  name: string;
  dob: string;
  gender: string;
  cccd: string;
  phone: string;
  employer: string;
  address: string;
  province: string;
  /** reply to the union list: "1", a label, or "chua co cong doan co so" */
  union: string;
}

export const AN: Applicant = {
  name: 'nguyen van an',
  dob: '15/3/1995',
  gender: 'nam',
  cccd: '001095012345',
  phone: '0912 345 678',
  employer: 'cty may song hong viet',
  address: 'lo c5 kcn que vo',
  province: 'bac ninh',
  union: '1',
};

/** Answers every step up to the summary; returns the summary reply. */
export async function fillUpToSummary(w: Worker, a: Applicant = AN, start = 'dang ky'): Promise<BotReply> {
  await w.says(start);
  await w.says('dong y');
  let last: BotReply | undefined;
  for (const answer of [a.name, a.dob, a.gender, a.cccd, a.phone, a.employer, a.address, a.province, a.union]) {
    last = await w.says(answer);
  }
  return last!;
}

/** A complete application; returns the reference code from the bot's confirmation. */
export async function register(w: Worker, a: Applicant = AN): Promise<string> {
  await fillUpToSummary(w, a);
  const done = await w.says('dung roi');
  const code = /DK-\d{4}-[A-Z0-9]{6}/.exec(done.text)?.[0];
  if (!code) throw new Error(`no code in: ${done.text}`);
  return code;
}

export interface Counts {
  registration: number;
  consent: number;
  audit: number;
}

export async function counts(chat: Transcript): Promise<Counts> {
  const p = chat.app.db.prisma;
  const [registration, consent, audit] = await Promise.all([p.registration.count(), p.consent.count(), p.auditLog.count()]);
  return { registration, consent, audit };
}
