import { randomInt } from 'node:crypto';
import { CODE_ALPHABET, vnYear } from '../registration/code.ts';

/**
 * Case codes are sequential per year ("PA-2026-000123") because officers read and sort them;
 * that makes them guessable, so every lookup by code from another chat also needs the access
 * key handed to the worker at filing.
 */
export function formatCaseCode(year: number, seq: number): string {
  return `PA-${year}-${String(seq).padStart(6, '0')}`;
}

/** The canonical code from what a worker typed ("pa 2026 123", "PA-2026-000123"); null otherwise. */
export function parseCaseCode(typed: string): string | null {
  const compact = typed.normalize('NFKC').toUpperCase().replace(/[\s.\-_/]+/g, '');
  const m = /^PA(\d{4})(\d{1,6})$/.exec(compact);
  if (!m) return null;
  const seq = Number(m[2]);
  return seq > 0 ? formatCaseCode(Number(m[1]), seq) : null;
}

export { vnYear };

const KEY_LENGTH = 6;

/** 31^6 ≈ 887 million keys: with the attempt limit of a flow, guessing one is hopeless. */
export function newAccessKey(pick: (n: number) => number = randomInt): string {
  let key = '';
  for (let i = 0; i < KEY_LENGTH; i++) key += CODE_ALPHABET[pick(CODE_ALPHABET.length)];
  return key;
}

/** The key as typed, in any case with stray spaces; null when it cannot be one of ours. */
export function parseAccessKey(typed: string): string | null {
  const compact = typed.normalize('NFKC').toUpperCase().replace(/[\s.\-_]+/g, '');
  return new RegExp(`^[${CODE_ALPHABET}]{${KEY_LENGTH}}$`).test(compact) ? compact : null;
}
