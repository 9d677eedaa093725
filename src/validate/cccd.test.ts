import { describe, expect, it } from 'vitest';
import { maskCccd, parseCccd } from './cccd.ts';

const TODAY = new Date('2026-11-22T05:00:00Z');
const p = (text: string, check: Parameters<typeof parseCccd>[1] = {}) => parseCccd(text, { today: TODAY, ...check });

describe('parseCccd: structure', () => {
  it('reads province, century+gender and year', () => {
    const r = p('001203012345');
    expect(r).toMatchObject({
      ok: true,
      value: '001203012345',
      provinceCode: '001',
      oldProvinceName: 'Hà Nội',
      gender: 'male',
      birthYear: 2003,
    });
    if (r.ok) expect(r.province.code).toBe('01');
  });

  it('decodes every century/gender digit in use', () => {
    expect(p('079090123456')).toMatchObject({ ok: true, gender: 'male', birthYear: 1990 });
    expect(p('079190123456')).toMatchObject({ ok: true, gender: 'female', birthYear: 1990 });
    expect(p('079205123456')).toMatchObject({ ok: true, gender: 'male', birthYear: 2005 });
    expect(p('079305123456')).toMatchObject({ ok: true, gender: 'female', birthYear: 2005 });
  });

  it('maps the old birth province to the new unit', () => {
    const r = p('074185001234');
    expect(r).toMatchObject({ ok: true, oldProvinceName: 'Bình Dương' });
    if (r.ok) expect(r.province.shortName).toBe('TP Hồ Chí Minh');
  });

  it.each([
    ['001 203 012 345'],
    ['001.203.012.345'],
    ['001-203-012-345'],
    ['CCCD: 001203012345'],
    ['số căn cước 001203012345'],
    ['Số CCCD là 001 203 012 345'],
    ['００１２０３０１２３４５'],
    ['\u200B001203012345\u200B'],
  ])('accepts %j', (text) => {
    expect(p(text)).toMatchObject({ ok: true, value: '001203012345' });
  });
});

describe('parseCccd: errors', () => {
  it.each([
    [''],
    ['00120301234'],
    ['0012030123456'],
    ['00120301234a'],
    ['001203O12345'],
    ['+84912345678'],
    ['<script>alert(1)</script>'],
    ['1'.repeat(4096)],
  ])('%j -> format', (text) => {
    expect(p(text)).toEqual({ ok: false, error: 'format' });
  });

  it('recognises a 9-digit old CMND', () => {
    expect(p('123456789')).toEqual({ ok: false, error: 'old_cmnd' });
    expect(p('CMND 123 456 789')).toEqual({ ok: false, error: 'old_cmnd' });
  });

  it('rejects province codes outside the 63-province list', () => {
    for (const code of ['000', '003', '050', '097', '099', '123']) {
      expect(p(`${code}090123456`), code).toEqual({ ok: false, error: 'province' });
    }
  });

  it('rejects century digits for the 2100s and later', () => {
    for (const d of ['4', '5', '6', '7', '8', '9']) {
      expect(p(`001${d}90123456`), d).toEqual({ ok: false, error: 'century_gender' });
    }
  });

  it('rejects a birth year after this year', () => {
    expect(p('001227012345')).toEqual({ ok: false, error: 'future_year' });
    expect(p('001226012345')).toMatchObject({ ok: true, birthYear: 2026 });
  });

  it('cross-checks the date of birth and the gender', () => {
    expect(p('001190012345', { dob: '1990-05-03', gender: 'female' })).toMatchObject({ ok: true });
    expect(p('001190012345', { dob: '1991-05-03' })).toEqual({ ok: false, error: 'mismatch_year' });
    expect(p('001190012345', { dob: '2090-05-03' })).toEqual({ ok: false, error: 'mismatch_year' });
    expect(p('001190012345', { gender: 'male' })).toEqual({ ok: false, error: 'mismatch_gender' });
    expect(p('001090012345', { gender: 'female' })).toEqual({ ok: false, error: 'mismatch_gender' });
  });
});

describe('maskCccd', () => {
  it('keeps the first and last three digits', () => {
    expect(maskCccd('001203012345')).toBe('001******345');
  });
  it('masks short or odd input entirely rather than leak it', () => {
    expect(maskCccd('12345')).toBe('*****');
    expect(maskCccd('123456789')).toBe('123***789');
  });
});
