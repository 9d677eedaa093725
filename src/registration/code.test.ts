import { describe, expect, it } from 'vitest';
import { CODE_ALPHABET, newRegistrationCode, parseRegistrationCode, vnYear } from './code.ts';

describe('registration codes', () => {
  it('look like DK-2026-7KQ4MX and never use 0, O, 1, I or L', () => {
    expect(CODE_ALPHABET).not.toMatch(/[01OIL]/);
    for (let i = 0; i < 200; i++) {
      expect(newRegistrationCode(new Date('2026-11-22T02:00:00Z'))).toMatch(/^DK-2026-[2-9A-HJKMNP-Z]{6}$/);
    }
  });

  it('take the year of the Vietnamese calendar day', () => {
    // 31/12/2026 20:00 UTC is already 01/01/2027 in Hà Nội
    expect(vnYear(new Date('2026-12-31T20:00:00Z'))).toBe(2027);
    expect(newRegistrationCode(new Date('2026-12-31T20:00:00Z'), () => 0)).toBe('DK-2027-222222');
  });

  it('are read back from what a worker types', () => {
    expect(parseRegistrationCode('dk-2026-7kq4mx')).toBe('DK-2026-7KQ4MX');
    expect(parseRegistrationCode(' DK 2026 7KQ4MX ')).toBe('DK-2026-7KQ4MX');
    expect(parseRegistrationCode('DK20267KQ4MX')).toBe('DK-2026-7KQ4MX');
    expect(parseRegistrationCode('ＤＫ－２０２６－７ＫＱ４ＭＸ')).toBe('DK-2026-7KQ4MX');
    expect(parseRegistrationCode('DK-2026-7KQ4M0')).toBeNull();
    expect(parseRegistrationCode('DK-26-7KQ4MX')).toBeNull();
    expect(parseRegistrationCode('7KQ4MX')).toBeNull();
  });
});
