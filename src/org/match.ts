/**
 * Pure text matching for org-unit search: query tokenisation with Vietnamese abbreviations,
 * and a score that tolerates missing diacritics, typos, joined words and word prefixes.
 * Kept free of database code so it can be tested and tuned on its own.
 */
import { fold } from '../lang/fold.ts';

/** Folded, punctuation-free tokens: "Cty TNHH May Sông-Hồng" → cty tnhh may song hong. */
export function tokenize(text: string): string[] {
  return fold(text)
    .replace(/[^a-z0-9]+/g, ' ')
    .split(' ')
    .filter((t) => t !== '');
}

/**
 * Abbreviations people type in chat. Expanded before matching because names in the register are
 * written out in full ("Công ty Cổ phần"), except TNHH which stays as it is on both sides.
 */
const ABBREVIATIONS: Readonly<Record<string, readonly string[]>> = {
  cty: ['cong', 'ty'],
  ct: ['cong', 'ty'],
  congty: ['cong', 'ty'],
  tct: ['tong', 'cong', 'ty'],
  cp: ['co', 'phan'],
  ctcp: ['cong', 'ty', 'co', 'phan'],
  tmcp: ['thuong', 'mai', 'co', 'phan'],
  mtv: ['mot', 'thanh', 'vien'],
  cd: ['cong', 'doan'],
  cdcs: ['cong', 'doan', 'co', 'so'],
  ndcs: ['nghiep', 'doan', 'co', 'so'],
  vn: ['viet', 'nam'],
  tp: ['thanh', 'pho'],
  hcm: ['ho', 'chi', 'minh'],
  tphcm: ['thanh', 'pho', 'ho', 'chi', 'minh'],
  xnk: ['xuat', 'nhap', 'khau'],
  sx: ['san', 'xuat'],
  tm: ['thuong', 'mai'],
  dv: ['dich', 'vu'],
  sxtm: ['san', 'xuat', 'thuong', 'mai'],
  xd: ['xay', 'dung'],
  nh: ['ngan', 'hang'],
  bv: ['benh', 'vien'],
  dh: ['dai', 'hoc'],
  kcn: ['khu', 'cong', 'nghiep'],
};

/**
 * Words that occur in a large share of unit names. They still count a little in the score but
 * never drive the database prefilter, which would otherwise return most of the table.
 */
const GENERIC = new Set([
  'cong', 'ty', 'doan', 'co', 'so', 'tnhh', 'phan', 'mot', 'thanh', 'vien', 'tong', 'chi', 'nhanh',
  'viet', 'nam', 'vina', 'group', 'quoc', 'te', 'mien', 'nghiep', 'khu', 'xa', 'phuong', 'va',
]);

/**
 * Words that say what a firm does rather than which firm it is. "may abcxyz" names the firm
 * "abcxyz"; a garment factory called anything else is not a match, however common "may" is.
 * Some collide with name syllables once folded (Đại/đại học, Bảo/bao bì); that only means a query
 * made of those words alone is treated as a trade, which still matches.
 */
const INDUSTRY = new Set([
  'may', 'mac', 'det', 'soi', 'giay', 'da', 'tui', 'xach', 'dien', 'tu', 'linh', 'kien', 'che', 'bien', 'thuy', 'san',
  'go', 'noi', 'that', 'logistics', 'van', 'tai', 'xay', 'dung', 'khi', 'nhua', 'bao', 'bi', 'thuc', 'pham', 'duoc',
  'thep', 'vat', 'lieu', 'xuat', 'thuong', 'mai', 'dich', 'vu', 've', 'ky', 'thuat', 'nhap', 'khau', 'nong', 'hoa',
  'chat', 'cao', 'su', 'bon', 'xi', 'mang', 'ngan', 'hang', 'benh', 'truong', 'dai', 'hoc', 'kinh', 'doanh', 'dau',
  'electronics', 'textile', 'apparel', 'footwear', 'precision', 'industrial', 'tech', 'global',
]);

export type TokenRole = 'generic' | 'industry' | 'brand';

export interface QueryToken {
  token: string;
  /**
   * generic words weigh little and never drive the prefilter; when a query has brand words,
   * a unit must match at least one of them
   */
  role: TokenRole;
}

const roleOf = (token: string): TokenRole => (GENERIC.has(token) ? 'generic' : INDUSTRY.has(token) ? 'industry' : 'brand');

export function queryTokens(query: string): QueryToken[] {
  const seen = new Set<string>();
  const out: QueryToken[] = [];
  for (const raw of tokenize(query)) {
    for (const token of ABBREVIATIONS[raw] ?? [raw]) {
      if (seen.has(token)) continue;
      seen.add(token);
      out.push({ token, role: roleOf(token) });
    }
  }
  return out;
}

/** Optimal string alignment distance (Levenshtein plus adjacent transpositions), capped. */
export function editDistance(a: string, b: string, cap = 3): number {
  if (Math.abs(a.length - b.length) > cap) return cap + 1;
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    let rowMin = Infinity;
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(d[(i - 1) * cols + j]! + 1, d[i * cols + j - 1]! + 1, d[(i - 1) * cols + j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        v = Math.min(v, d[(i - 2) * cols + j - 2]! + 1);
      }
      d[i * cols + j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > cap) return cap + 1;
  }
  return d[rows * cols - 1]!;
}

/** How well one query word matches one unit word, 0..1. */
function wordMatch(q: string, c: string): number {
  if (q === c) return 1;
  if (q.length >= 3 && c.startsWith(q)) return 0.85; // typed the start of the word
  const longer = Math.max(q.length, c.length);
  if (longer < 4) return 0;
  // Vietnamese syllables are short, and one changed letter is usually another real word
  // (ninh/binh/minh, hong/long), so short words only forgive swapped letters ("hogn").
  if (longer <= 4) return isTransposition(q, c) ? 0.75 : 0;
  const dist = editDistance(q, c, 2);
  if (dist <= 1) return 0.8;
  if (dist === 2 && longer >= 6) return 0.6;
  return 0;
}

function isTransposition(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff.push(i);
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
}

/** The best match of q against the unit's words, also trying adjacent words joined ("songhong"). */
function bestMatch(q: string, words: readonly string[]): number {
  let best = 0;
  for (let i = 0; i < words.length && best < 1; i++) {
    const w = words[i]!;
    best = Math.max(best, wordMatch(q, w));
    const next = words[i + 1];
    if (next !== undefined && q.length >= 5 && q.startsWith(w)) {
      const joined = w + next;
      if (q === joined) best = Math.max(best, 0.95);
      else if (editDistance(q, joined, 1) <= 1) best = Math.max(best, 0.75);
    }
  }
  return best;
}

/** A query word has to reach this to count as found; below it the unit is not a candidate. */
const FOUND = 0.6;

/**
 * Score of a unit (its search key, already folded) for a query, 0 when it should not be shown.
 * Mostly recall (how much of what was typed is found), some precision (how little of the
 * unit's distinctive name is left unexplained), and a bonus when the words appear in order.
 */
export function scoreUnit(tokens: readonly QueryToken[], searchKey: string): number {
  if (tokens.length === 0) return 0;
  // search_key is folded already; name and employer often repeat each other, so dedupe.
  const all = searchKey.replace(/[^a-z0-9]+/g, ' ').trim().split(' ');
  const words = [...new Set(all)];
  let weightSum = 0;
  let matched = 0;
  let distinctiveFound = 0;
  let brandFound = 0;
  const distinctive = tokens.filter((t) => t.role !== 'generic');
  const brands = distinctive.filter((t) => t.role === 'brand').length;
  for (const t of tokens) {
    // Trade words are phrased many ways ("may mặc", "dệt may", "electronics" for "điện tử"), so
    // missing one costs less than missing a word of the firm's own name.
    const w = t.role === 'generic' ? 0.25 : t.role === 'industry' || t.token.length <= 2 ? 0.5 : 1;
    const m = bestMatch(t.token, words);
    weightSum += w;
    if (m >= FOUND) {
      matched += w * m;
      if (t.role !== 'generic') distinctiveFound++;
      if (t.role === 'brand') brandFound++;
    }
  }
  if (brands > 0 && brandFound === 0) return 0;
  if (distinctive.length > 0 ? distinctiveFound === 0 : matched === 0) return 0;
  const recall = matched / weightSum;

  const unitDistinct = words.filter((w) => !GENERIC.has(w) && !/^\d+$/.test(w));
  let explained = 0;
  for (const w of unitDistinct) {
    if (tokens.some((t) => wordMatch(t.token, w) >= FOUND || (t.token.length >= 5 && t.token.startsWith(w)))) explained++;
  }
  const precision = unitDistinct.length === 0 ? 1 : explained / unitDistinct.length;

  // Words typed next to each other that stand next to each other in the name ("sông hồng")
  // say more than the same words scattered over a long name.
  let pairs = 0;
  let adjacent = 0;
  const spaced = ` ${all.join(' ')} `;
  for (let i = 0; i + 1 < distinctive.length; i++) {
    pairs++;
    if (spaced.includes(` ${distinctive[i]!.token} ${distinctive[i + 1]!.token} `)) adjacent++;
  }
  const together = pairs === 0 ? 0 : (0.1 * adjacent) / pairs;

  return 0.8 * recall + 0.2 * precision + together;
}
