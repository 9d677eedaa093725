import { describe, expect, it } from 'vitest';
import { daysInMonth, formatDateVi, parseDateOfBirth } from './date.ts';

// 22/11/2026 at noon in Vietnam
const TODAY = new Date('2026-11-22T05:00:00Z');
const p = (text: string) => parseDateOfBirth(text, TODAY);

describe('parseDateOfBirth: accepted formats (day first, always)', () => {
  it.each([
    ['05/03/1990'],
    ['5/3/1990'],
    ['05-03-1990'],
    ['5.3.1990'],
    ['5 3 1990'],
    ['5 / 3 / 1990'],
    ['05031990'],
    ['ngày 5 tháng 3 năm 1990'],
    ['ngay 5 thang 3 nam 1990'],
    ['Ngày 05 tháng 03 năm 1990'],
    ['5 tháng 3 năm 1990'],
    ['mùng 5 tháng 3, 1990'],
    ['ngày 5 tháng 3/1990'],
    ['sinh ngày 05/03/1990 ạ'],
    ['ngày sinh: 5-3-1990'],
    ['1990-03-05'],
    ['０５/０３/１９９０'],
    ['05/03/1990'.normalize('NFD')],
    ['\u200B05/03/1990\u200B'],
  ])('%s -> 1990-03-05', (text) => {
    expect(p(text)).toEqual({ ok: true, value: '1990-03-05', year: 1990, month: 3, day: 5 });
  });

  it('never reads mm/dd: 03/05 is 3 May', () => {
    expect(p('03/05/1990')).toMatchObject({ ok: true, value: '1990-05-03' });
    expect(p('12/31/1990')).toEqual({ ok: false, error: 'invalid_date' });
  });
});

describe('parseDateOfBirth: errors', () => {
  it('asks for four-digit years', () => {
    expect(p('5/3/90')).toEqual({ ok: false, error: 'year_two_digits' });
    expect(p('050390')).toEqual({ ok: false, error: 'year_two_digits' });
    expect(p('ngày 5 tháng 3 năm 90')).toEqual({ ok: false, error: 'year_two_digits' });
  });

  it.each([
    [''],
    ['hôm qua'],
    ['1990'],
    ['tháng 3 năm 1990'],
    ['5/3'],
    ['5/3/990'],
    ['0912345678'],
    ['5/3/1990 hoặc 6/3/1990'],
    ['1/2/3/1990'],
    ['<script>alert(1)</script>'],
    ['1'.repeat(4096)],
  ])('%j -> format', (text) => {
    expect(p(text)).toEqual({ ok: false, error: 'format' });
  });

  it('checks the real calendar', () => {
    expect(p('31/02/1990')).toEqual({ ok: false, error: 'invalid_date' });
    expect(p('31/04/1990')).toEqual({ ok: false, error: 'invalid_date' });
    expect(p('29/02/1991')).toEqual({ ok: false, error: 'invalid_date' });
    expect(p('29/02/1900')).toEqual({ ok: false, error: 'invalid_date' });
    expect(p('29/02/2000')).toMatchObject({ ok: true, value: '2000-02-29' });
    expect(p('29/02/1992')).toMatchObject({ ok: true });
    expect(p('00/03/1990')).toEqual({ ok: false, error: 'invalid_date' });
    expect(p('05/13/1990')).toEqual({ ok: false, error: 'invalid_date' });
    expect(p('05/00/1990')).toEqual({ ok: false, error: 'invalid_date' });
    expect(p('05/03/0990')).toEqual({ ok: false, error: 'invalid_date' });
  });

  it('rejects future dates', () => {
    expect(p('23/11/2026')).toEqual({ ok: false, error: 'future' });
    expect(p('01/01/2030')).toEqual({ ok: false, error: 'future' });
  });

  it('requires 15 full years on today', () => {
    expect(p('22/11/2011')).toMatchObject({ ok: true, value: '2011-11-22' });
    expect(p('23/11/2011')).toEqual({ ok: false, error: 'too_young' });
    expect(p('22/11/2026')).toEqual({ ok: false, error: 'too_young' });
  });

  it('refuses more than 100 years', () => {
    expect(p('22/11/1926')).toMatchObject({ ok: true });
    expect(p('23/11/1925')).toMatchObject({ ok: true });
    expect(p('22/11/1925')).toEqual({ ok: false, error: 'too_old' });
    expect(p('01/01/1800')).toEqual({ ok: false, error: 'too_old' });
  });

  it('uses the Vietnamese calendar day, not UTC', () => {
    // 21/11 at 18:00 UTC is already 22/11 01:00 in Hà Nội
    const lateUtc = new Date('2026-11-21T18:00:00Z');
    expect(parseDateOfBirth('22/11/2011', lateUtc)).toMatchObject({ ok: true });
  });

  it('treats a 29/02 birthday as reached on 01/03 in common years', () => {
    expect(parseDateOfBirth('29/02/2012', new Date('2027-02-28T05:00:00Z'))).toEqual({ ok: false, error: 'too_young' });
    expect(parseDateOfBirth('29/02/2012', new Date('2027-03-01T05:00:00Z'))).toMatchObject({ ok: true });
  });
});

describe('formatDateVi / daysInMonth', () => {
  it('formats dd/mm/yyyy', () => {
    expect(formatDateVi('1990-03-05')).toBe('05/03/1990');
    expect(formatDateVi('2000-12-31')).toBe('31/12/2000');
  });
  it('refuses anything but YYYY-MM-DD', () => {
    expect(() => formatDateVi('05/03/1990')).toThrow(RangeError);
  });
  it('knows month lengths', () => {
    expect(daysInMonth(2024, 2)).toBe(29);
    expect(daysInMonth(2100, 2)).toBe(28);
    expect(daysInMonth(2025, 12)).toBe(31);
  });
});
