import { fold } from '../lang/fold.ts';
import type { Gender } from './gender.ts';
import { type Province, newProvinceForCccdCode, oldProvinceByCode } from './provinces.ts';

export type CccdError =
  | 'format'
  | 'old_cmnd'
  | 'province'
  | 'century_gender'
  | 'future_year'
  | 'mismatch_year'
  | 'mismatch_gender';

export type CccdResult =
  | {
      ok: true;
      /** the 12 digits */
      value: string;
      /** first three digits: the old province of birth registration, not where the worker lives */
      provinceCode: string;
      oldProvinceName: string;
      /** the unit that old province belongs to since 01/07/2025 */
      province: Province;
      gender: Gender;
      birthYear: number;
    }
  | { ok: false; error: CccdError };

export interface CccdCrossCheck {
  /** 'YYYY-MM-DD', typically from parseDateOfBirth */
  dob?: string;
  gender?: Gender;
  /** reference date for the future-year check; defaults to now */
  today?: Date;
}

/** Labels people type before the number: "CCCD: ...", "số căn cước 0012...", "số định danh ...". */
const LABEL = /^(?:so\s+)?(?:the\s+)?(?:cccd|cmnd|can cuoc(?: cong dan)?|(?:so\s+)?dinh danh(?: ca nhan)?|id)?\s*(?:so\s+)?(?:la\s+)?[:.#]?\s*/;

/**
 * Parses a 12-digit personal ID (CCCD / số định danh cá nhân). Structure per the Ministry of
 * Public Security rule (domain.md 6.1): 3 digits old-province code, 1 digit century+gender,
 * 2 digits birth year, 6 random digits. There is NO check digit; nothing here pretends otherwise.
 * A 9-digit answer is the old CMND: reported as 'old_cmnd' so the bot can ask for the new number.
 * The province code is never compared with where the worker lives (it is the birth registration).
 */
export function parseCccd(text: string, check: CccdCrossCheck = {}): CccdResult {
  if (text.length > 200) return { ok: false, error: 'format' };
  const digits = fold(text.normalize('NFKC'))
    .replace(LABEL, '')
    .replace(/[\s.\-_\u200B-\u200D\u2060\uFEFF]/g, '');
  if (!/^\d+$/.test(digits)) return { ok: false, error: 'format' };
  if (digits.length === 9) return { ok: false, error: 'old_cmnd' };
  if (digits.length !== 12) return { ok: false, error: 'format' };

  const provinceCode = digits.slice(0, 3);
  const old = oldProvinceByCode(provinceCode);
  const province = newProvinceForCccdCode(provinceCode);
  if (old === undefined || province === undefined) return { ok: false, error: 'province' };

  const marker = Number(digits[3]);
  const century = 1900 + Math.floor(marker / 2) * 100;
  const gender: Gender = marker % 2 === 0 ? 'male' : 'female';
  const birthYear = century + Number(digits.slice(4, 6));
  // the calendar year in Vietnam (UTC+7, no DST)
  const currentYear = new Date((check.today ?? new Date()).getTime() + 7 * 3_600_000).getUTCFullYear();
  // 4–9 encode the 2100s–2300s: no such card can exist yet, the digit itself is wrong
  if (century > 2000) return { ok: false, error: 'century_gender' };
  if (birthYear > currentYear) return { ok: false, error: 'future_year' };

  if (check.dob !== undefined) {
    const dobYear = Number(check.dob.slice(0, 4));
    if (dobYear !== birthYear) return { ok: false, error: 'mismatch_year' };
  }
  if (check.gender !== undefined && check.gender !== gender) return { ok: false, error: 'mismatch_gender' };
  return { ok: true, value: digits, provinceCode, oldProvinceName: old.name, province, gender, birthYear };
}

/** '001203012345' -> '001******345': enough for the worker to recognise it, not to reuse it. */
export function maskCccd(value: string): string {
  const digits = value.replace(/\D/g, '');
  if (digits.length < 8) return '*'.repeat(digits.length);
  return digits.slice(0, 3) + '*'.repeat(digits.length - 6) + digits.slice(-3);
}
