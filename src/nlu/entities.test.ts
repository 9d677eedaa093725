import { describe, expect, it } from 'vitest';
import { extractEntities, type Entity } from './entities.ts';

const pick = (text: string, kind: Entity['entity']) => extractEntities(text).filter((e) => e.entity === kind).map((e) => e.value);

describe('extractEntities', () => {
  it('finds registration and grievance codes however they are typed', () => {
    expect(pick('mã của tôi là DK-2026-7KQ4MX', 'case_code')).toEqual(['DK-2026-7KQ4MX']);
    expect(pick('pa 2026 k7m2qx sao r', 'case_code')).toEqual(['PA-2026-K7M2QX']);
  });

  it('finds a valid CCCD and a mobile number, and ignores digit runs that are neither', () => {
    const es = extractEntities('cccd 001203012345, sdt 0912.345.678, ma nv 12345678');
    expect(es.filter((e) => e.entity === 'cccd').map((e) => e.value)).toEqual(['001203012345']);
    expect(es.filter((e) => e.entity === 'phone').map((e) => e.value)).toEqual(['+84912345678']);
  });

  it('reads money in the ways workers write it', () => {
    expect(pick('lương 5 triệu', 'money')).toEqual([5_000_000]);
    expect(pick('no 5.000.000đ', 'money')).toEqual([5_000_000]);
    expect(pick('luong 5tr5 thoi', 'money')).toEqual([5_500_000]);
    expect(pick('tien an 500k', 'money')).toEqual([500_000]);
  });

  it('reads hours and days', () => {
    expect(pick('tăng ca 40 tiếng trong 3 ngày', 'duration')).toEqual([
      { amount: 40, unit: 'hours' },
      { amount: 3, unit: 'days' },
    ]);
  });

  it('reads dates with and without a year', () => {
    expect(pick('nghỉ từ 05/03/2025', 'date')).toEqual(['2025-03-05']);
    expect(pick('ngay 15 thang 8', 'date')).toEqual(['--08-15']);
    expect(pick('31/02/2025', 'date')).toEqual([]);
  });

  it('finds provinces by name, old name and common abbreviation, but not inside ordinary words', () => {
    expect(pick('tôi làm ở Bắc Ninh', 'province')).toEqual(['24']);
    expect(pick('cty o tp hcm', 'province')).toEqual(['79']);
    expect(pick('em lam o binh duong', 'province')).toEqual(['79']);
    expect(pick('cong ty no luong em', 'province')).toEqual([]);
  });

  it('gives offsets into the text the worker wrote', () => {
    const text = 'Tăng ca 40 tiếng ở Hà Nội';
    for (const e of extractEntities(text)) expect(text.slice(e.start, e.end)).toBe(e.text);
  });
});
