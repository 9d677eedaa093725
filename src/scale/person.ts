/**
 * One generated person, computed from (seed, index) alone. Nothing is remembered between people,
 * so 11 million of them stream in constant memory, and a benchmark can recompute member i's phone
 * or CCCD to look it up by its keyed hash without storing the plain values anywhere.
 *
 * Phone numbers, CCCD numbers, member numbers and registration codes are unique because each is an
 * affine permutation (a·i + b mod M, gcd(a, M) = 1) of the index into its own number space.
 */
import { SEED_PROVINCES } from '../org/data/provinces.ts';
import { CODE_ALPHABET } from '../registration/code.ts';
import { seededRandom } from '../util/random.ts';
import { FAMILY_NAMES, GIVEN_NAMES, MIDDLE_NAMES, MOBILE_PREFIXES } from './names.ts';

export interface Person {
  index: number;
  fullName: string;
  gender: 'nam' | 'nu';
  /** YYYY-MM-DD */
  dob: string;
  /** E.164, as src/validate/phone.ts produces it */
  phone: string;
  /** 12 digits: birth province (3), century+gender (1), year (2), serial (6) */
  cccd: string;
}

/** 32-bit mix of two integers (murmur3 finaliser): independent streams per person. */
export function mix(a: number, b: number): number {
  let h = (Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ Math.imul(b + 0x632be5ab, 0xc2b2ae35)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

/** A bijection of [0, size): a·i + b mod size. `a` is a prime that divides none of our sizes. */
export function permute(i: number, size: number, seed: number): number {
  const a = 1_000_003;
  if (i < 0 || i >= size) throw new RangeError(`index ${i} outside the permutation of ${size}`);
  // a·i < 2^53 for every size used here (< 9·10^9), so plain numbers stay exact
  return (a * i + (seed % size)) % size;
}

const PHONE_SPACE = MOBILE_PREFIXES.length * 10_000_000;
const BIRTH_YEARS = 40; // workers born 1966–2005
const CCCD_SPACE = SEED_PROVINCES.length * BIRTH_YEARS * 1_000_000;
const CODE_SPACE = CODE_ALPHABET.length ** 6;
/** The largest number of people (members + applicants) one seed can give unique numbers to. */
export const MAX_PEOPLE = Math.min(PHONE_SPACE, CCCD_SPACE);

const familyTotal = FAMILY_NAMES.reduce((s, [, w]) => s + w, 0);

function family(r: number): string {
  let x = r * familyTotal;
  for (const [name, w] of FAMILY_NAMES) {
    if ((x -= w) < 0) return name;
  }
  return FAMILY_NAMES[0]![0];
}

const pick = <T>(list: readonly T[], r: number): T => list[Math.floor(r * list.length)]!;

export function phoneOf(seed: number, index: number): string {
  const p = permute(index, PHONE_SPACE, seed);
  return `+84${MOBILE_PREFIXES[Math.floor(p / 10_000_000)]}${String(p % 10_000_000).padStart(7, '0')}`;
}

export function person(seed: number, index: number): Person {
  const rnd = seededRandom(mix(seed, index));
  const gender = rnd() < 0.52 ? 'nu' : 'nam';
  const g = gender === 'nu' ? 'female' : 'male';
  const fullName = `${family(rnd())} ${pick(MIDDLE_NAMES[g], rnd())} ${pick(GIVEN_NAMES[g], rnd())}`;

  const c = permute(index, CCCD_SPACE, seed ^ 0x0cccd);
  const province = SEED_PROVINCES[Math.floor(c / (BIRTH_YEARS * 1_000_000))]!;
  const year = 1966 + (Math.floor(c / 1_000_000) % BIRTH_YEARS);
  const century = (year >= 2000 ? 2 : 0) + (gender === 'nu' ? 1 : 0);
  const cccd = `0${province.code}${century}${String(year % 100).padStart(2, '0')}${String(c % 1_000_000).padStart(6, '0')}`;
  const month = 1 + Math.floor(rnd() * 12);
  const day = 1 + Math.floor(rnd() * 28);
  const dob = `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  return { index, fullName, gender, dob, phone: phoneOf(seed, index), cccd };
}

/** Member numbers: province of the union + a 9-digit serial, e.g. "DV79-000123457". */
export function memberNoOf(provinceCode: string, index: number): string {
  return `DV${provinceCode}-${String(index + 1).padStart(9, '0')}`;
}

/** "DK-2025-7KQ4MX": unique per index within the 887 million codes of the alphabet. */
export function registrationCodeOf(seed: number, index: number, year: number): string {
  let p = permute(index, CODE_SPACE, seed ^ 0x2e9);
  let tail = '';
  for (let k = 0; k < 6; k++) {
    tail = CODE_ALPHABET[p % CODE_ALPHABET.length] + tail;
    p = Math.floor(p / CODE_ALPHABET.length);
  }
  return `DK-${year}-${tail}`;
}

/**
 * Deterministic, time-ordered-like UUIDs: a fixed prefix per (seed, table) and the row index in
 * the low digits. Rows arrive in index order, so the primary key b-tree only ever appends.
 */
export function rowId(seed: number, table: number, index: number): string {
  const s = (seed >>> 0).toString(16).padStart(8, '0');
  const t = table.toString(16).padStart(4, '0');
  const n = index.toString(16).padStart(16, '0');
  return `${s}-${t}-8${n.slice(0, 3)}-8${n.slice(3, 6)}-${n.slice(6)}00`;
}
