import { normalizeForMatch } from '../lang/normalize.ts';

/**
 * Shorthand that src/lang/teencode.ts leaves out because a button matcher must not guess, but a
 * classifier can afford to: a wrong expansion here only shifts a probability, and the word
 * features of the expansion are what the training examples (written in full) contain.
 */
const NLU_SHORTHAND: ReadonlyMap<string, string> = new Map([
  ['e', 'em'],
  ['a', 'anh'],
  ['mik', 'minh'],
  ['mh', 'minh'],
  ['bn', 'bao nhieu'],
  ['bnh', 'bao nhieu'],
  ['lg', 'luong'],
  ['luog', 'luong'],
  ['ot', 'tang ca'],
  ['tca', 'tang ca'],
  ['hs', 'ho so'],
  ['ktra', 'kiem tra'],
  ['kt', 'kiem tra'],
  ['tgian', 'thoi gian'],
  ['tg', 'thoi gian'],
  ['ns', 'noi'],
  ['dt', 'dien thoai'],
  ['dthoai', 'dien thoai'],
  ['nv', 'nhan vien'],
  ['cn', 'cong nhan'],
  ['ldong', 'lao dong'],
  ['hdong', 'hop dong'],
  ['hd', 'hop dong'],
  ['ql', 'quan ly'],
  ['qly', 'quan ly'],
  ['ttin', 'thong tin'],
  ['tt', 'thong tin'],
  ['bh', 'bao hiem'],
  ['bhiem', 'bao hiem'],
  ['tv', 'thanh vien'],
  ['dv', 'doan vien'],
  ['ktr', 'kiem tra'],
  ['vde', 'van de'],
  ['vd', 'van de'],
  ['nchuyen', 'noi chuyen'],
  ['gium', 'giup'],
  ['dum', 'giup'],
  ['zup', 'giup'],
  ['jup', 'giup'],
  ['gup', 'giup'],
  ['hong', 'khong'],
  ['hem', 'khong'],
  ['hum', 'khong'],
  ['bik', 'biet'],
  ['bit', 'biet'],
  ['ms', 'moi'],
  ['ngay', 'ngay'],
  ['trc', 'truoc'],
  ['sp', 'sep'],
  ['xep', 'sep'],
  ['cv', 'cong viec'],
  ['lv', 'lam viec'],
  ['t', 'toi'],
  ['hello', 'xin chao'],
  ['hi', 'xin chao'],
  ['helo', 'xin chao'],
  ['alo', 'alo'],
  ['ad', 'admin'],
  ['shop', 'admin'],
  ['mun', 'muon'],
  ['mu0n', 'muon'],
  ['mnuon', 'muon'],
  ['iu', 'yeu'],
  ['wa', 'qua'],
  ['ng', 'nguoi'],
]);

/** Case codes are rewritten before folding: "DK-2026-7KQ4MX" would otherwise read "đăng ký ...". */
export const CASE_CODE = /\b(PA|DK)[\s.\-_]*(\d{4})[\s.\-_]*([A-Z0-9]{4,8})\b/gi;

/** A digit token's shape, so "5tr", "40h" or a phone number teach the classifier its kind, not its value. */
function numberShape(token: string): string {
  if (/^\d{12}$/.test(token) || /^\d{9}$/.test(token)) return 'xxsoid';
  if (/^(?:0|84)\d{9,10}$/.test(token)) return 'xxsodt';
  if (/^\d+(?:k|tr|trieu|m|d|vnd|dong)\d*$/.test(token)) return 'xxtien';
  if (/^\d+(?:h|g|tieng|gio|ngay|thang|nam|tuan|p|phut)$/.test(token)) return 'xxthoiluong';
  if (/^\d+$/.test(token)) return 'xxso';
  return token;
}

/**
 * The classifier's view of a message: the shared normal form (normalizeForMatch: folding,
 * teencode, Telex/VNI leftovers, stutters), case codes and numbers reduced to their kind, and
 * the chat shorthand above expanded.
 */
export function normalizeForNlu(text: string): string {
  // the shared squeeze reads "cccd" as a stutter of "cd" (công đoàn) before its teencode lookup
  const coded = text
    .normalize('NFKC')
    // the prefix says which kind of case it is: DK a membership application, PA a grievance
    .replace(CASE_CODE, (_m, prefix: string) => (prefix.toLowerCase() === 'pa' ? ' xxmapa ' : ' xxmadk ')).replace(/\bc{3}d\b/giu, ' can cuoc ');
  const base = normalizeForMatch(coded);
  if (base === '') return '';
  return base
    .split(' ')
    .map((t) => (/\d/.test(t) ? numberShape(t) : (NLU_SHORTHAND.get(t) ?? NLU_SHORTHAND.get(t.replace(/(\p{L})\1+/gu, '$1')) ?? t)))
    .join(' ');
}
