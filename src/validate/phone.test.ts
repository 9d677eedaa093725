import { describe, expect, it } from 'vitest';
import { OLD_PREFIXES, formatPhoneVi, maskPhone, parseMobile } from './phone.ts';

describe('parseMobile: accepted', () => {
  it.each([
    ['0912345678'],
    ['0912 345 678'],
    ['0912.345.678'],
    ['0912-345-678'],
    ['(091) 234-5678'],
    ['+84912345678'],
    ['+84 912 345 678'],
    ['(+84) 912 345 678'],
    ['+84 (0) 912 345 678'],
    ['84912345678'],
    ['0084912345678'],
    ['912345678'],
    ['SĐT: 0912 345 678'],
    ['sdt 0912345678'],
    ['０９１２３４５６７８'],
    ['\u200B0912345678'],
  ])('%j -> +84912345678', (text) => {
    expect(parseMobile(text)).toEqual({ ok: true, value: '+84912345678' });
  });

  it.each([
    ['0321234567', '+84321234567'], // Viettel
    ['0862345678', '+84862345678'],
    ['0812345678', '+84812345678'], // VinaPhone
    ['0701234567', '+84701234567'], // MobiFone
    ['0921234567', '+84921234567'], // Vietnamobile
    ['0591234567', '+84591234567'], // Gmobile
    ['0991234567', '+84991234567'],
    ['0551234567', '+84551234567'], // Wintel/Reddi
    ['0871234567', '+84871234567'], // Itel
  ])('accepts carrier prefix %s', (text, value) => {
    expect(parseMobile(text)).toEqual({ ok: true, value });
  });

  it('converts old 11-digit numbers and says so', () => {
    expect(parseMobile('0168 345 6789')).toEqual({ ok: true, value: '+84383456789', convertedFrom: '01683456789' });
    expect(parseMobile('01203456789')).toMatchObject({ value: '+84703456789' });
    expect(parseMobile('01213456789')).toMatchObject({ value: '+84793456789' });
    expect(parseMobile('01273456789')).toMatchObject({ value: '+84813456789' });
    expect(parseMobile('01993456789')).toMatchObject({ value: '+84593456789' });
    expect(parseMobile('+84 168 345 6789')).toMatchObject({ ok: true, value: '+84383456789' });
  });

  it('has one entry per 2018 prefix in the conversion table', () => {
    expect(OLD_PREFIXES.size).toBe(21);
  });
});

describe('parseMobile: rejected', () => {
  it('reports landlines', () => {
    expect(parseMobile('024 3826 1234')).toEqual({ ok: false, error: 'landline' });
    expect(parseMobile('028.3829.1234')).toEqual({ ok: false, error: 'landline' });
    expect(parseMobile('+84 24 3826 1234')).toEqual({ ok: false, error: 'landline' });
  });

  it('reports foreign numbers', () => {
    expect(parseMobile('+1 415 555 1234')).toEqual({ ok: false, error: 'foreign' });
    expect(parseMobile('+82 10 1234 5678')).toEqual({ ok: false, error: 'foreign' });
    expect(parseMobile('0082 10 1234 5678')).toEqual({ ok: false, error: 'foreign' });
  });

  it.each([
    [''],
    ['abc'],
    ['091234567'],
    ['09123456789'],
    ['0951234567'], // ex S-Fone, not in service
    ['0501234567'],
    ['1900 1234'],
    ['1800 1091'],
    ['01303456789'],
    ['0912345678 0987654321'],
    ['0912345678x'],
    ['<script>alert(1)</script>'],
    ['9'.repeat(4096)],
  ])('%j -> format', (text) => {
    expect(parseMobile(text)).toEqual({ ok: false, error: 'format' });
  });
});

describe('formatPhoneVi / maskPhone', () => {
  it('formats 0xxx xxx xxx', () => {
    expect(formatPhoneVi('+84912345678')).toBe('0912 345 678');
    expect(formatPhoneVi('+84383456789')).toBe('0383 456 789');
  });
  it('leaves non-Vietnamese values alone', () => {
    expect(formatPhoneVi('+14155551234')).toBe('+14155551234');
  });
  it('masks the middle digits', () => {
    expect(maskPhone('+84912345678')).toBe('0912***678');
    expect(maskPhone('+14155551234')).toBe('*********234');
  });
});
