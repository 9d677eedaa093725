import { randomInt } from 'node:crypto';

/**
 * Reference codes a worker reads out over the phone or copies from one chat app to another:
 * "DK-2026-7KQ4MX". The alphabet drops 0/O, 1/I/L so a code survives handwriting and bad
 * fonts; 31^6 ≈ 887 million codes per year keep guessing pointless (a lookup also needs the CCCD).
 */
export const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const RANDOM_LENGTH = 6;

/** Vietnam has one time zone and no daylight saving, so +7 h gives the local calendar year. */
const VN_OFFSET_MS = 7 * 3600 * 1000;

export function vnYear(at: Date): number {
  return new Date(at.getTime() + VN_OFFSET_MS).getUTCFullYear();
}

export function newRegistrationCode(at: Date, pick: (n: number) => number = randomInt): string {
  let tail = '';
  for (let i = 0; i < RANDOM_LENGTH; i++) tail += CODE_ALPHABET[pick(CODE_ALPHABET.length)];
  return `DK-${vnYear(at)}-${tail}`;
}

const CODE_SHAPE = new RegExp(`^DK(\\d{4})([${CODE_ALPHABET}]{${RANDOM_LENGTH}})$`);

/**
 * The canonical code from what a worker typed: any case, spaces, dots or dashes between the
 * parts ("dk 2026 7kq4mx", "DK2026-7KQ4MX"). Null when it cannot be one of our codes.
 */
export function parseRegistrationCode(typed: string): string | null {
  const compact = typed.normalize('NFKC').toUpperCase().replace(/[\s.\-_/]+/g, '');
  const m = CODE_SHAPE.exec(compact);
  return m ? `DK-${m[1]}-${m[2]}` : null;
}
