import { describe, expect, it } from 'vitest';
import { normalizeForNlu } from './normalize.ts';

describe('normalizeForNlu', () => {
  it('reads accented, unaccented and teencode spellings of one request the same way', () => {
    const forms = ['Tôi muốn đăng ký công đoàn', 'toi muon dang ky cong doan', 'toi mun dki cđ', 'Tooi muoons ddawng kys cong ddoanf'];
    const normal = forms.map(normalizeForNlu);
    expect(new Set(normal).size).toBe(1);
    expect(normal[0]).toBe('toi muon dang ky cong doan');
  });

  it('expands the chat shorthand a classifier can afford to guess', () => {
    expect(normalizeForNlu('e hoi lg ot bn')).toBe('em hoi luong tang ca bao nhieu');
    expect(normalizeForNlu('cty ko dong bhxh cho mik')).toBe('cong ty khong dong bao hiem xa hoi cho minh');
  });

  it('keeps "cccd" as the ID card, not a stutter of "cđ"', () => {
    expect(normalizeForNlu('so cccd cua e')).toBe('so can cuoc cua em');
  });

  it('reduces codes and numbers to their kind, and tells DK from PA', () => {
    expect(normalizeForNlu('DK-2026-7KQ4MX sao roi')).toBe('xxmadk sao roi');
    expect(normalizeForNlu('pa 2026 k7m2qx sao roi')).toBe('xxmapa sao roi');
    expect(normalizeForNlu('tang ca 40h, no 5tr, goi 0912345678')).toBe('tang ca xxthoiluong no xxtien goi xxsodt');
  });

  it('turns empty and punctuation-only input into an empty string', () => {
    expect(normalizeForNlu('  ?!… 😊 ')).toBe('');
  });
});
