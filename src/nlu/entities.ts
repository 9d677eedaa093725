import { fold } from '../lang/fold.ts';
import { parseCccd } from '../validate/cccd.ts';
import { parseMobile } from '../validate/phone.ts';
import { findProvince, PROVINCES } from '../validate/provinces.ts';

export interface Entity {
  entity: 'case_code' | 'cccd' | 'phone' | 'province' | 'date' | 'money' | 'duration';
  /** canonical value: "DK-2026-7KQ4MX", "001203012345", "+84912345678", province code, ISO-ish date, VND, {amount, unit} */
  value: string | number | { amount: number; unit: 'hours' | 'days' | 'weeks' | 'months' | 'years' };
  /** offsets into the NFC form of the text */
  start: number;
  end: number;
  text: string;
}

/**
 * Folds character by character so offsets found in the folded text are offsets in the original
 * (NFC) text too: fold() squeezes spaces and would shift them.
 */
function foldSameLength(nfc: string): string {
  let out = '';
  for (const ch of nfc) {
    const f = ch === 'đ' || ch === 'Đ' ? 'd' : ch.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase();
    out += f.length === ch.length ? f : ch;
  }
  return out;
}

const CASE_CODE = /\b(pa|dk)[\s.\-_]*(\d{4})[\s.\-_]*([a-z0-9]{4,8})\b/g;
const DIGIT_RUN = /(?<![\d])\+?\d[\d .\-]{7,16}\d(?![\d])/g;
const MONEY =
  /(?<![\p{L}\d])(\d{1,3}(?:[.,]\d{3})+|\d+(?:[.,]\d+)?)\s*(trieu|tr|cu|m|ty|ti|nghin|ngan|k|dong|vnd|d)(\d)?(?![\p{L}])/gu;
const DURATION = /(?<![\p{L}\d])(\d+(?:[.,]\d+)?)\s*(tieng|gio|h|ngay|tuan|thang|nam)(?![\p{L}])/gu;
const DATE = /(?<![\d])(\d{1,2})[/\-.](\d{1,2})(?:[/\-.](\d{4}|\d{2}))?(?![\d])/g;
const DATE_WORDS = /\bngay\s+(\d{1,2})\s+thang\s+(\d{1,2})(?:\s+nam\s+(\d{4}))?/g;

const MONEY_UNIT: Record<string, number> = {
  trieu: 1e6, tr: 1e6, cu: 1e6, m: 1e6, ty: 1e9, ti: 1e9, nghin: 1e3, ngan: 1e3, k: 1e3, dong: 1, vnd: 1, d: 1,
};
const DURATION_UNIT: Record<string, 'hours' | 'days' | 'weeks' | 'months' | 'years'> = {
  tieng: 'hours', gio: 'hours', h: 'hours', ngay: 'days', tuan: 'weeks', thang: 'months', nam: 'years',
};

function toNumber(s: string): number {
  // "5.000.000" / "5,000,000" are thousands; "5,5" / "5.5" a decimal
  if (/^\d{1,3}(?:[.,]\d{3})+$/.test(s)) return Number(s.replace(/[.,]/g, ''));
  return Number(s.replace(',', '.'));
}

function overlaps(taken: Array<[number, number]>, s: number, e: number): boolean {
  return taken.some(([a, b]) => s < b && e > a);
}

/** Province names as folded word sequences, longest first so "ho chi minh" wins over "minh". */
const PROVINCE_ABBREVIATIONS = new Set(['hn', 'hcm', 'tphcm', 'hcmc', 'sg', 'sai gon', 'saigon', 'hp', 'brvt']);

function findProvinces(folded: string, nfc: string, taken: Array<[number, number]>): Entity[] {
  const out: Entity[] = [];
  const words = [...folded.matchAll(/[a-z]+/g)];
  const names = new Set(PROVINCES.map((p) => fold(p.shortName.replace(/^TP /, ''))));
  for (let i = 0; i < words.length; i++) {
    for (let n = 4; n >= 1; n--) {
      const slice = words.slice(i, i + n);
      if (slice.length < n) continue;
      const start = slice[0]!.index!;
      const last = slice[n - 1]!;
      const end = last.index! + last[0].length;
      const phrase = slice.map((m) => m[0]).join(' ');
      // only exact names and well-known abbreviations: fuzzy matching inside free text finds
      // provinces in ordinary words
      const exactish = n === 1 ? PROVINCE_ABBREVIATIONS.has(phrase) || names.has(phrase) : true;
      if (!exactish || overlaps(taken, start, end)) continue;
      const m = findProvince(phrase);
      if (!m) continue;
      const canonical = [fold(m.province.shortName.replace(/^TP /, '')), m.viaOldName ? fold(m.viaOldName) : ''];
      if (n > 1 && !canonical.some((c) => c.replace(/[^a-z]/g, '') === phrase.replace(/ /g, ''))) continue;
      out.push({ entity: 'province', value: m.province.code, start, end, text: nfc.slice(start, end) });
      taken.push([start, end]);
      i += n - 1;
      break;
    }
  }
  return out;
}

/**
 * Entities a worker's message carries: a case or registration code, a CCCD, a mobile number,
 * a province, a date, an amount of money ("5 triệu", "5.000.000đ", "5tr5") and a duration
 * ("40 tiếng", "3 ngày"). Validators from src/validate decide what counts, so the bot never
 * extracts a CCCD that the registration flow would reject.
 */
export function extractEntities(text: string): Entity[] {
  const nfc = text.normalize('NFC');
  const folded = foldSameLength(nfc);
  const taken: Array<[number, number]> = [];
  const out: Entity[] = [];
  const push = (e: Entity) => {
    out.push(e);
    taken.push([e.start, e.end]);
  };

  for (const m of folded.matchAll(CASE_CODE)) {
    const start = m.index!;
    const end = start + m[0].length;
    push({ entity: 'case_code', value: `${m[1]!.toUpperCase()}-${m[2]}-${m[3]!.toUpperCase()}`, start, end, text: nfc.slice(start, end) });
  }
  for (const m of folded.matchAll(DIGIT_RUN)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (overlaps(taken, start, end)) continue;
    const cccd = parseCccd(m[0]);
    if (cccd.ok) {
      push({ entity: 'cccd', value: cccd.value, start, end, text: nfc.slice(start, end) });
      continue;
    }
    const phone = parseMobile(m[0]);
    if (phone.ok) push({ entity: 'phone', value: phone.value, start, end, text: nfc.slice(start, end) });
  }
  for (const m of folded.matchAll(DATE_WORDS)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (overlaps(taken, start, end)) continue;
    const value = dateValue(m[1]!, m[2]!, m[3]);
    if (value) push({ entity: 'date', value, start, end, text: nfc.slice(start, end) });
  }
  for (const m of folded.matchAll(DATE)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (overlaps(taken, start, end)) continue;
    const value = dateValue(m[1]!, m[2]!, m[3]);
    if (value) push({ entity: 'date', value, start, end, text: nfc.slice(start, end) });
  }
  for (const m of folded.matchAll(MONEY)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (overlaps(taken, start, end)) continue;
    const unit = MONEY_UNIT[m[2]!]!;
    let value = toNumber(m[1]!) * unit;
    // "5tr5" is 5.5 million, "2m3" 2.3 million
    if (m[3] !== undefined && unit >= 1e6) value += Number(m[3]) * (unit / 10);
    // a bare "5 d" or "5 dong" is not money people talk about in wages; keep amounts ≥ 1,000
    if (value < 1000) continue;
    push({ entity: 'money', value: Math.round(value), start, end, text: nfc.slice(start, end) });
  }
  for (const m of folded.matchAll(DURATION)) {
    const start = m.index!;
    const end = start + m[0].length;
    if (overlaps(taken, start, end)) continue;
    push({ entity: 'duration', value: { amount: toNumber(m[1]!), unit: DURATION_UNIT[m[2]!]! }, start, end, text: nfc.slice(start, end) });
  }
  out.push(...findProvinces(folded, nfc, taken));
  return out.sort((a, b) => a.start - b.start);
}

function dateValue(d: string, mo: string, y: string | undefined): string | null {
  const day = Number(d);
  const month = Number(mo);
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  if (y === undefined) return `--${pad(month)}-${pad(day)}`;
  const year = y.length === 2 ? 2000 + Number(y) : Number(y);
  const probe = new Date(Date.UTC(year, month - 1, day));
  if (probe.getUTCMonth() !== month - 1) return null;
  return `${year}-${pad(month)}-${pad(day)}`;
}
