import { fold } from './fold.ts';
import { DK_AS_DUOC_AFTER, DK_AS_DUOC_BEFORE, DK_TOKENS, I_TO_Y, OO_WORDS, TEENCODE } from './teencode.ts';

/*
 * Vietnamese syllable shape, used to decide whether a token is Telex/VNI typed with the IME off.
 * Plain folded Vietnamese never contains w/f/j/z, never has s/r/x after its vowel and never
 * doubles a letter except "uu" (ưu), so a token that parses as a syllable only after reading
 * those letters as marks is almost certainly a Telex leftover. Requiring the decoded result to
 * be a real syllable is what keeps "cass", "hello", "zoom" or "google" untouched.
 */
const ONSETS = [
  'ngh', 'ng', 'nh', 'ch', 'gh', 'gi', 'kh', 'ph', 'th', 'tr', 'qu',
  'b', 'c', 'd', 'đ', 'g', 'h', 'k', 'l', 'm', 'n', 'p', 'r', 's', 't', 'v', 'x', '',
];

const OPEN_RHYMES =
  'a e ê i o ô ơ u ư y ai ao au ay âu ây eo êu ia iu oa oe oi ôi ơi ua uê ui uơ uy ưa ưi ưu ' +
  'iêu yêu oai oao oay oeo uây uôi ươi ươu uya uyu';

const FINALS_BY_NUCLEUS: Record<string, string> = {
  a: 'c ch m n ng nh p t',
  ă: 'c m n ng p t',
  â: 'c m n ng p t',
  e: 'c m n ng p t',
  ê: 'ch m n nh p t',
  i: 'ch m n nh p t',
  o: 'c m n ng p t',
  ô: 'c m n ng p t',
  ơ: 'm n p t',
  u: 'c m n ng p t',
  ư: 'c m n ng t',
  oa: 'c ch m n ng nh p t',
  oă: 'c m n ng t',
  oe: 'n t',
  uâ: 'n ng t',
  uê: 'ch nh',
  uy: 'ch n nh p t',
  iê: 'c m n ng p t',
  yê: 'm n t',
  uyê: 'n t',
  uô: 'c m n ng t',
  ươ: 'c m n ng p t',
};

const RHYMES: ReadonlySet<string> = new Set([
  ...OPEN_RHYMES.split(' '),
  ...Object.entries(FINALS_BY_NUCLEUS).flatMap(([n, fs]) => fs.split(' ').map((f) => n + f)),
]);
const FOLDED_RHYMES: ReadonlySet<string> = new Set([...RHYMES].map(fold));
const FOLDED_ONSETS = [...new Set(ONSETS.map(fold))];

/** Tones: 0 none, 1 sắc, 2 huyền, 3 hỏi, 4 ngã, 5 nặng (VNI numbering, Telex s f r x j). */
function isSyllable(base: string, tone: number, onsets: readonly string[], rhymes: ReadonlySet<string>): boolean {
  for (const onset of onsets) {
    if (!base.startsWith(onset)) continue;
    const rhyme = base.slice(onset.length);
    // "gì", "gỉ": gi with nothing after it is a whole syllable
    const ok = rhymes.has(rhyme) || (onset === 'gi' && rhyme === '');
    if (!ok) continue;
    // stop finals only carry sắc or nặng; "hocf" is not a syllable, so do not decode it
    if (/(?:p|t|c|ch)$/.test(rhyme) && tone !== 0 && tone !== 1 && tone !== 5) continue;
    return true;
  }
  return false;
}

/** Whether a folded token is already a plain Vietnamese syllable (no IME decoding needed). */
export function isPlainSyllable(folded: string): boolean {
  return OO_WORDS.has(folded) || isSyllable(folded, 0, FOLDED_ONSETS, FOLDED_RHYMES);
}

const TELEX_TONES: Record<string, number> = { s: 1, f: 2, r: 3, x: 4, j: 5 };
const HAT: Record<string, string> = { a: 'â', e: 'ê', o: 'ô' };
const HORN_BREVE: Record<string, string> = { a: 'ă', o: 'ơ', u: 'ư' };
const PLAIN_VOWEL = /[aeiouy]/;

function applyPendingW(chars: string[], tone: number): string | null {
  const s = chars.join('');
  // where a late "w" lands is a guess; try the usual placements and keep the first real syllable
  const candidates = [
    s.replace('uo', 'ươ'),
    replaceLast(s, 'o', 'ơ'),
    replaceLast(s, 'u', 'ư'),
    replaceLast(s, 'a', 'ă'),
  ];
  for (const c of candidates) if (c !== s && isSyllable(fixHornPair(c), tone, ONSETS, RHYMES)) return fixHornPair(c);
  return null;
}

function replaceLast(s: string, from: string, to: string): string {
  const i = s.lastIndexOf(from);
  return i < 0 ? s : s.slice(0, i) + to + s.slice(i + 1);
}

/** IMEs turn "ưo"/"uơ" into "ươ" once a final follows; mirror that so "dduwoc" reads được. */
function fixHornPair(s: string): string {
  return s.replace(/ưo(?=[a-zăâêôơư])/g, 'ươ').replace(/uơ(?=[cmnpti])/g, 'ươ');
}

/**
 * Decodes one lower-case ASCII token typed in Telex or VNI with the IME off ("dduwowcj",
 * "khoong", "luong6", "d9a8ng"; mixed Telex+VNI too, as Unikey's combined mode allows) and
 * returns it folded, or null when the token shows no marks or does not decode to a real syllable.
 */
export function decodeImeToken(token: string): string | null {
  if (!/^[a-z][a-z1-9]{1,11}$/.test(token) || OO_WORDS.has(token)) return null;
  const out: string[] = [];
  let tone = 0;
  let marks = 0;
  let seenVowel = false;
  let pendingW = false;
  for (const ch of token) {
    const last = out.length - 1;
    const prev = out[last];
    if (ch === 'd' && prev === 'd' && out.length === 1) {
      out[0] = 'đ';
    } else if (seenVowel && ch in TELEX_TONES) {
      // a second tone key ("cass") is the IME's undo: the writer meant the literal letter
      if (tone !== 0) return null;
      tone = TELEX_TONES[ch]!;
    } else if (ch >= '1' && ch <= '5') {
      if (!seenVowel || tone !== 0) return null;
      tone = Number(ch);
    } else if (ch === '6' || ch === '7' || ch === '8') {
      if (!applyVniVowelMark(out, ch)) return null;
    } else if (ch === '9') {
      if (out[0] !== 'd' && out[0] !== 'đ') return null;
      out[0] = 'đ';
    } else if (ch === 'w') {
      if (prev !== undefined && prev in HORN_BREVE) {
        out[last] = HORN_BREVE[prev]!;
        if (prev === 'o' && out[last - 1] === 'u') out[last - 1] = 'ư';
      } else if (!seenVowel) {
        // a bare "w" is ư in Telex: "nhw" = như
        out.push('ư');
        seenVowel = true;
      } else if (prev === 'ư' || prev === 'ơ' || prev === 'ă' || pendingW) {
        return null;
      } else {
        pendingW = true;
      }
    } else if (ch in HAT && prev === ch) {
      out[last] = HAT[ch]!;
    } else if (ch >= 'a' && ch <= 'z') {
      out.push(ch);
      if (PLAIN_VOWEL.test(ch)) seenVowel = true;
      continue;
    } else {
      return null;
    }
    marks++;
  }
  if (marks === 0) return null;
  let base: string | null = fixHornPair(out.join(''));
  if (pendingW) base = applyPendingW(out, tone);
  // a lone "đ" is what "d9" / "dd" spell; keep it rather than lose the letter
  if (base === 'đ') return 'd';
  if (base === null || !isSyllable(base, tone, ONSETS, RHYMES)) return null;
  return fold(base);
}

function applyVniVowelMark(out: string[], mark: string): boolean {
  const targets = mark === '6' ? 'aeo' : mark === '7' ? 'ou' : 'a';
  for (let i = out.length - 1; i >= 0; i--) {
    const c = out[i]!;
    if (!targets.includes(c)) continue;
    if (mark === '6') out[i] = HAT[c]!;
    else if (mark === '8') out[i] = 'ă';
    else {
      out[i] = c === 'o' ? 'ơ' : 'ư';
      if (c === 'o' && out[i - 1] === 'u') out[i - 1] = 'ư';
    }
    return true;
  }
  return false;
}

/** A VNI-looking token whose only digit is one trailing tone digit: "la2" (là) or "ca3" (ca 3)? */
function isWeakVni(token: string): boolean {
  return /^[a-z]+[1-5]$/.test(token);
}

function looksVni(token: string): boolean {
  return /^[a-z]+[a-z1-9]*$/.test(token) && /[a-z][1-9]/.test(token) && !/0/.test(token);
}

function squeezeDoubles(token: string): string {
  // "uu" is real folded Vietnamese (hưu, cứu); doubled vowels and final-position consonants are
  // stutters ("dangg", "kyy", "emm"); p/l/s/t/f doubles are left for English ("app", "hello", "cass")
  return token.replace(/([aeioycghkmn])\1/g, '$1');
}

function expandToken(token: string, allowWeakVni: boolean): string {
  if (/^\d+$/.test(token)) return token;
  // three or more of a letter is never spelling: "dangggg" -> "dang"
  const t = token.replace(/(\p{L})\1{2,}/gu, '$1');
  const teen = TEENCODE.get(t);
  if (teen !== undefined) return teen;
  if (DK_TOKENS.has(t)) return t;
  if (isPlainSyllable(t)) return I_TO_Y.get(t) ?? t;
  if (looksVni(t) && isWeakVni(t) && !allowWeakVni) return t;
  const decoded = decodeImeToken(t);
  if (decoded !== null) return I_TO_Y.get(decoded) ?? decoded;
  if (/\d/.test(t)) return t;
  const squeezed = squeezeDoubles(t);
  if (squeezed !== t) {
    const teen2 = TEENCODE.get(squeezed);
    if (teen2 !== undefined) return teen2;
    if (isPlainSyllable(squeezed)) return I_TO_Y.get(squeezed) ?? squeezed;
  }
  return t;
}

function resolveDk(prev: string | undefined, next: string | undefined): string {
  const before = prev?.split(' ').at(-1);
  const after = next?.split(' ')[0];
  if ((after !== undefined && DK_AS_DUOC_BEFORE.has(after)) || (before !== undefined && DK_AS_DUOC_AFTER.has(before))) {
    return 'duoc';
  }
  return 'dang ky';
}

/** Invisible format characters (zero-width space/joiner, BOM, soft hyphen, bidi marks). */
const FORMAT_CHARS = /\p{Cf}/gu;

/**
 * The one normal form every matcher compares: NFKC (full-width digits and letters from CJK
 * keyboards become ASCII), format characters dropped, lower case, diacritics folded (đ -> d),
 * punctuation and emoji turned into spaces, then per token: letter stutters squeezed, teencode
 * expanded, Telex/VNI leftovers decoded, kí/ký unified.
 * "Dduwowcj khoong?? 😊" -> "duoc khong".
 */
export function normalizeForMatch(text: string): string {
  const folded = fold(text.normalize('NFKC').replace(FORMAT_CHARS, ''))
    // thousands separators ("5.000.000", "0912.345.678") must not split a number into tokens
    .replace(/(\d)[.,](?=\d{3}(?!\d))/g, '$1')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
  if (folded === '') return '';
  const raw = folded.split(' ');
  // A single trailing tone digit is VNI only if the message shows VNI elsewhere too;
  // alone, "ca3" is far more likely "ca 3" (shift 3) than "cả".
  const vniTokens = raw.filter(looksVni).length;
  const expanded = raw.map((t) => expandToken(t, vniTokens >= 2));
  const resolved = expanded.map((t, i) => (DK_TOKENS.has(t) ? resolveDk(expanded[i - 1], expanded[i + 1]) : t));
  return resolved.join(' ');
}

/** Tokens of the normal form: tokens("Đăng ký BHXH") -> ["dang", "ky", "bao", "hiem", "xa", "hoi"]. */
export function tokens(text: string): string[] {
  const n = normalizeForMatch(text);
  return n === '' ? [] : n.split(' ');
}
