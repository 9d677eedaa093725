import { fold } from './fold.ts';
import { normalizeForMatch } from './normalize.ts';

export interface MatchableOption {
  key: string;
  synonyms: string[];
}

export interface OptionMatch {
  key: string;
  /**
   * 1 exact; 0.95 equal once spaces are ignored; 0.7–0.9 the whole answer with typos;
   * 0.6–0.9 the option found as whole words inside a longer answer (higher when it covers more
   * of the answer); 0.3–0.55 found inside with typos. Callers wanting certainty can require ≥ 0.7.
   */
  score: number;
}

/**
 * Damerau-Levenshtein distance (optimal string alignment: adjacent swaps count 1, as in the
 * "dnag" for "dang" slips of phone keyboards). Stops early and returns max + 1 once the
 * distance is known to exceed `max`, so comparing a 4 KB message to a short synonym is cheap.
 */
export function damerauLevenshtein(a: string, b: string, max = Infinity): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur: number[] = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur.push(v);
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[b.length]!;
}

/**
 * Edits tolerated in a token of this length. Tokens of 1–3 letters must be exact: one edit
 * there turns "có" into "cô", "nam" into "năm"/"nữ"-like neighbours, "ba" into "bà".
 */
export function typoBudget(length: number): number {
  if (length <= 3) return 0;
  return length <= 6 ? 1 : 2;
}

/** Negations that flip a contained option: "không đăng ký" must not select "đăng ký". */
const NEGATIONS: ReadonlySet<string> = new Set(['khong', 'chua', 'dung', 'chang', 'cha']);

interface Candidate {
  key: string;
  score: number;
  /** token span in the answer for contained matches; whole-answer matches cover everything */
  span: [number, number];
}

function tokenwiseDistance(a: readonly string[], b: readonly string[]): number | null {
  let total = 0;
  for (let i = 0; i < a.length; i++) {
    const x = a[i]!;
    const y = b[i]!;
    const budget = typoBudget(Math.max(x.length, y.length));
    const d = damerauLevenshtein(x, y, budget);
    if (d > budget) return null;
    total += d;
  }
  return total;
}

function scoreSynonym(answer: readonly string[], syn: readonly string[]): Candidate | null {
  const whole: [number, number] = [0, answer.length];
  const a = answer.join(' ');
  const s = syn.join(' ');
  if (a === s) return { key: '', score: 1, span: whole };
  const aJoined = answer.join('');
  const sJoined = syn.join('');
  // a missing or extra space: "khieunai" for "khieu nai"
  if (aJoined === sJoined) return { key: '', score: 0.95, span: whole };
  if (answer.length === syn.length) {
    const d = tokenwiseDistance(answer, syn);
    if (d !== null) return { key: '', score: Math.max(0.7, 0.9 - 0.05 * d), span: whole };
  }
  if (syn.length > answer.length) return null;
  let best: Candidate | null = null;
  const coverage = syn.length / answer.length;
  for (let i = 0; i + syn.length <= answer.length; i++) {
    const prev = answer[i - 1];
    if (prev !== undefined && NEGATIONS.has(prev)) continue;
    const window = answer.slice(i, i + syn.length);
    const span: [number, number] = [i, i + syn.length];
    if (window.every((t, k) => t === syn[k])) {
      const c = { key: '', score: 0.6 + 0.3 * coverage, span };
      if (best === null || c.score > best.score) best = c;
      continue;
    }
    // fuzzy containment only for multi-letter words, otherwise "ba" would hide in every sentence
    if (sJoined.length < 4) continue;
    const d = tokenwiseDistance(window, syn);
    if (d !== null) {
      const c = { key: '', score: Math.max(0.3, 0.4 + 0.15 * coverage - 0.05 * d), span };
      if (best === null || c.score > best.score) best = c;
    }
  }
  return best;
}

/** "dạ"/"thưa" open and "ạ"/"nhé" close a polite reply; they must not count as an answer themselves. */
const POLITE_LEAD = new Set(['da', 'thua']);
const POLITE_TRAIL = new Set(['a', 'nhe', 'nha', 'ah', 'ak']);

function politeCore(words: string[]): string[] {
  let start = 0;
  let end = words.length;
  while (start < end && POLITE_LEAD.has(words[start]!)) start++;
  while (end > start && POLITE_TRAIL.has(words[end - 1]!)) end--;
  // "dạ" alone is the answer ("yes"), so keep it when nothing else is left
  return start < end ? words.slice(start, end) : words;
}

/**
 * Synonyms are the same few hundred menu labels on every message; normalizing them once keeps
 * matching cheap. Bounded so labels built from user data cannot grow it without limit.
 */
const synonymCache = new Map<string, string>();
const SYNONYM_CACHE_MAX = 5000;

function normalizedSynonym(synonym: string): string {
  let n = synonymCache.get(synonym);
  if (n === undefined) {
    n = normalizeForMatch(synonym);
    if (synonymCache.size >= SYNONYM_CACHE_MAX) synonymCache.clear();
    synonymCache.set(synonym, n);
  }
  return n;
}

const overlaps = (x: [number, number], y: [number, number]): boolean => x[0] < y[1] && y[0] < x[1];

/**
 * Matches a worker's free reply against a small closed set of options (yes/no, menu items).
 * Both sides go through normalizeForMatch, so synonyms can be written naturally with diacritics.
 * Returns null when nothing matches or when two keys match equally well, or when the answer
 * names two different options ("đăng ký và khiếu nại"): asking again is better than guessing.
 */
export function matchOption(text: string, options: readonly MatchableOption[]): OptionMatch | null {
  const answer = normalizeForMatch(text);
  if (answer === '') return null;
  const answerTokens = politeCore(answer.split(' '));
  const perKey = new Map<string, Candidate>();
  for (const option of options) {
    for (const synonym of option.synonyms) {
      const syn = normalizedSynonym(synonym);
      if (syn === '') continue;
      const c = scoreSynonym(answerTokens, syn.split(' '));
      if (c === null) continue;
      const known = perKey.get(option.key);
      if (known === undefined || c.score > known.score) perKey.set(option.key, { ...c, key: option.key });
    }
  }
  const ranked = [...perKey.values()].sort((x, y) => y.score - x.score);
  const [top, second] = ranked;
  if (top === undefined) return null;
  if (second !== undefined) {
    if (top.score - second.score < 1e-9) return null;
    // two separate options mentioned in one answer
    if (top.score < 0.95 && second.score >= 0.6 && !overlaps(top.span, second.span)) return null;
  }
  return { key: top.key, score: Math.round(top.score * 1000) / 1000 };
}

const NUMBER_WORDS: ReadonlyMap<string, number> = new Map([
  ['mot', 1],
  ['hai', 2],
  ['ba', 3],
  ['bon', 4],
  ['sau', 6],
  ['bay', 7],
  ['tam', 8],
  ['chin', 9],
  ['muoi', 10],
]);
/** Words that are ordinals only after "thứ"/"số": bare "nam" is the gender, "nhat"/"tu" are words. */
const ORDINAL_ONLY_WORDS: ReadonlyMap<string, number> = new Map([
  ['nhat', 1],
  ['tu', 4],
  ['nam', 5],
]);

const LEAD_WORDS = new Set(['em', 'anh', 'chi', 'toi', 'minh', 'tui', 'e', 'a', 'chon', 'lay', 'la', 'cho', 'xin']);
const TRAIL_WORDS = new Set(['a', 'nhe', 'nha', 'nhen', 'ah', 'ak', 'di', 'ha', 'vay', 'luon', 'nhi']);
const NOUN_WORDS = new Set(['lua chon', 'phuong an', 'dap an', 'muc', 'cau', 'option', 'cai', 'con', 'y']);

/**
 * Reads an option number from a reply to a numbered list: "2", "2.", "#2", "số 2", "sô 2",
 * "chọn 3", "lựa chọn 3", "thứ hai", "số hai", "cái đầu tiên", "cuối cùng", "2️⃣".
 * Returns the 1-based index when it lies in 1..count, otherwise null. Text with anything else
 * in it ("2 người", "12/03") is null so a date or a count is never taken as a choice.
 */
export function parseOrdinal(text: string, count: number): number | null {
  if (text.length > 100 || !Number.isInteger(count) || count < 1) return null;
  // "năm" with its breve is five; folded "nam" alone is far more likely the gender answer
  const saysFive = /(^|[^\p{L}])năm($|[^\p{L}])/u.test(text.normalize('NFC').toLowerCase());
  let words = fold(text.normalize('NFKC').replace(/\p{Cf}/gu, ''))
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  while (words.length > 1 && LEAD_WORDS.has(words[0]!)) words = words.slice(1);
  while (words.length > 1 && TRAIL_WORDS.has(words.at(-1)!)) words = words.slice(0, -1);
  let rest = words.join(' ');
  for (const noun of NOUN_WORDS) {
    if (rest.startsWith(noun + ' ')) {
      rest = rest.slice(noun.length + 1);
      break;
    }
  }
  if (rest === 'dau tien' || rest === 'thu nhat' || rest === 'so mot') return inRange(1, count);
  if (rest === 'cuoi cung' || rest === 'cuoi') return count;
  const m = /^(?:(so|thu) )?(\d{1,3}|[a-z]+)$/.exec(rest);
  if (m === null) return null;
  const [, prefix, value] = m;
  if (/^\d+$/.test(value!)) return inRange(Number(value), count);
  const plain = NUMBER_WORDS.get(value!);
  if (plain !== undefined) return inRange(plain, count);
  const ordinalOnly = ORDINAL_ONLY_WORDS.get(value!);
  if (ordinalOnly === undefined) return null;
  if (prefix !== undefined || (value === 'nam' && saysFive)) return inRange(ordinalOnly, count);
  return null;
}

function inRange(n: number, count: number): number | null {
  return n >= 1 && n <= count ? n : null;
}
