import { fold } from '../lang/fold.ts';

export type PhoneError = 'format' | 'landline' | 'foreign';
export type PhoneResult =
  | {
      ok: true;
      /** E.164, e.g. '+84912345678' */
      value: string;
      /** the old 11-digit number it was converted from (2018 renumbering), e.g. '01683456789' */
      convertedFrom?: string;
    }
  | { ok: false; error: PhoneError };

/**
 * 2018 conversion of 11-digit mobile prefixes (domain.md 6.3). Old records and long-time
 * subscribers still quote them; the converted number is the one that rings today.
 */
export const OLD_PREFIXES: ReadonlyMap<string, string> = new Map([
  ['0162', '032'], ['0163', '033'], ['0164', '034'], ['0165', '035'],
  ['0166', '036'], ['0167', '037'], ['0168', '038'], ['0169', '039'],
  ['0120', '070'], ['0121', '079'], ['0122', '077'], ['0126', '076'], ['0128', '078'],
  ['0123', '083'], ['0124', '084'], ['0125', '085'], ['0127', '081'], ['0129', '082'],
  ['0186', '056'], ['0188', '058'],
  ['0199', '059'],
]);

/**
 * Mobile prefixes in use (Viettel, VinaPhone, MobiFone, Vietnamobile, Gmobile/Wintel, Itel,
 * Reddi). 055 is Wintel/Reddi and is valid; 095 (ex S-Fone) is not. Carriers are never
 * blocked by prefix because numbers are portable; this only tells mobiles from everything else.
 */
const MOBILE = /^0(?:3[2-9]|5[25689]|7[06-9]|8[1-9]|9[0-46-9])\d{7}$/;

const LABEL = /^(?:so\s+)?(?:dien thoai|dt|sdt|phone|tel|mobile|zalo|di dong)?\s*(?:la\s+)?[:.]?\s*/;

/**
 * Parses a Vietnamese mobile number: "0912 345 678", "0912.345.678", "+84 912 345 678",
 * "84912345678", "(+84) 912-345-678", "+84 (0) 912 345 678", "912345678" (leading 0 dropped),
 * old 11-digit "0168 345 6789" (converted to 038...). Errors: 'landline' (02x area codes),
 * 'foreign' (another country code), 'format' (anything else, including 1800/1900 service numbers).
 */
export function parseMobile(text: string): PhoneResult {
  if (text.length > 100) return { ok: false, error: 'format' };
  const compact = fold(text.normalize('NFKC'))
    .replace(LABEL, '')
    .replace(/[\s.\-()\u200B-\u200D\u2060\uFEFF]/g, '');
  if (!/^\+?\d+$/.test(compact)) return { ok: false, error: 'format' };

  let national: string;
  if (compact.startsWith('+') || compact.startsWith('00')) {
    const international = compact.replace(/^(?:\+|00)/, '');
    if (!international.startsWith('84')) return { ok: false, error: 'foreign' };
    national = toNational(international.slice(2));
  } else if (compact.startsWith('84') && (compact.length === 11 || compact.length === 12)) {
    national = toNational(compact.slice(2));
  } else if (compact.startsWith('0')) {
    national = compact;
  } else if (compact.length === 9) {
    national = `0${compact}`;
  } else {
    return { ok: false, error: 'format' };
  }

  let convertedFrom: string | undefined;
  if (national.length === 11 && national.startsWith('01')) {
    const newPrefix = OLD_PREFIXES.get(national.slice(0, 4));
    if (newPrefix === undefined) return { ok: false, error: 'format' };
    convertedFrom = national;
    national = newPrefix + national.slice(4);
  }
  if (MOBILE.test(national)) {
    const value = `+84${national.slice(1)}`;
    return convertedFrom === undefined ? { ok: true, value } : { ok: true, value, convertedFrom };
  }
  if (/^02\d{8,9}$/.test(national)) return { ok: false, error: 'landline' };
  return { ok: false, error: 'format' };
}

/** Digits after +84, with the trunk 0 people keep writing ("+84 (0) 912...") dropped. */
function toNational(afterCountryCode: string): string {
  return afterCountryCode.startsWith('0') ? afterCountryCode : `0${afterCountryCode}`;
}

/** '+84912345678' -> '0912 345 678', the grouping Vietnamese readers expect. */
export function formatPhoneVi(e164: string): string {
  const m = /^\+84(\d{3})(\d{3})(\d{3})$/.exec(e164);
  return m === null ? e164 : `0${m[1]} ${m[2]} ${m[3]}`;
}

/** '+84912345678' -> '0912***678' for confirmations and logs. */
export function maskPhone(e164: string): string {
  const m = /^\+84(\d{3})\d{3}(\d{3})$/.exec(e164);
  return m === null ? '*'.repeat(Math.max(0, e164.length - 3)) + e164.slice(-3) : `0${m[1]}***${m[2]}`;
}
