import { describe, expect, test } from 'vitest';
import { parseHours, parseMoney, parseRegion, parseService, parseWorkingDays } from './amounts.ts';
import { hourlyFromMonthly, jobLossAllowance, MINIMUM_WAGE, overtimePay, serviceYears, severancePay, vnd } from './calc.ts';

describe('overtime pay (Điều 98)', () => {
  test('rates by day kind, hand-checked', () => {
    expect(overtimePay({ hourlyWage: 40_000, hours: 10, day: 'normal', night: false })).toEqual({ rate: 1.5, perHour: 60_000, total: 600_000 });
    expect(overtimePay({ hourlyWage: 40_000, hours: 8, day: 'weekly_rest', night: false })).toEqual({ rate: 2, perHour: 80_000, total: 640_000 });
    expect(overtimePay({ hourlyWage: 40_000, hours: 8, day: 'holiday', night: false })).toEqual({ rate: 3, perHour: 120_000, total: 960_000 });
  });

  test('night overtime: 390% on a holiday, 200% on a normal day without daytime OT (domain.md §3.3)', () => {
    expect(overtimePay({ hourlyWage: 30_000, hours: 2, day: 'holiday', night: true })).toEqual({ rate: 3.9, perHour: 117_000, total: 234_000 });
    expect(overtimePay({ hourlyWage: 30_000, hours: 2, day: 'normal', night: true }).rate).toBe(2);
    expect(overtimePay({ hourlyWage: 30_000, hours: 2, day: 'normal', night: true, daytimeOvertimeSameDay: true }).rate).toBe(2.1);
  });

  test('hourly wage from a monthly one needs the working days', () => {
    expect(hourlyFromMonthly(8_000_000, 25)).toBe(40_000);
    expect(() => overtimePay({ hourlyWage: 0, hours: 1, day: 'normal', night: false })).toThrow(RangeError);
  });
});

describe('severance (Điều 46) and job-loss allowance (Điều 47)', () => {
  test('odd months: ≤ 6 count half a year, more than 6 a whole year', () => {
    expect(serviceYears(41)).toBe(3.5); // 3 years 5 months
    expect(serviceYears(43)).toBe(4); // 3 years 7 months
    expect(serviceYears(36)).toBe(3);
    expect(serviceYears(42)).toBe(3.5);
  });

  test('half a month per year; nothing under 12 months', () => {
    expect(severancePay(10_000_000, 41)).toEqual({ years: 3.5, months: 1.75, amount: 17_500_000, eligible: true });
    expect(severancePay(10_000_000, 11)).toMatchObject({ amount: 0, eligible: false });
  });

  test('a month per year, at least two months', () => {
    expect(jobLossAllowance(9_000_000, 60)).toMatchObject({ years: 5, months: 5, amount: 45_000_000 });
    expect(jobLossAllowance(9_000_000, 14)).toMatchObject({ years: 1.5, months: 2, amount: 18_000_000 });
  });
});

describe('regional minimum wage (NĐ 293/2025)', () => {
  test('the four regions', () => {
    expect(MINIMUM_WAGE[1]).toEqual({ monthly: 5_310_000, hourly: 25_500 });
    expect(MINIMUM_WAGE[4]).toEqual({ monthly: 3_700_000, hourly: 17_800 });
    expect(vnd(MINIMUM_WAGE[2].monthly)).toBe('4.730.000');
  });
});

describe('reading amounts, hours and regions', () => {
  test.each([
    ['8 trieu', 8_000_000],
    ['8tr', 8_000_000],
    ['8tr5', 8_500_000],
    ['8 triệu rưỡi', 8_500_000],
    ['8,5 triệu', 8_500_000],
    ['8.000.000đ', 8_000_000],
    ['luong 6.500.000 dong', 6_500_000],
    ['30k mot gio', 30_000],
    ['khong co so tien', null],
  ])('%s → %s', (text, vnd) => expect(parseMoney(text)).toBe(vnd));

  test('hours, service, working days, region', () => {
    expect(parseHours('tang ca 10h')).toBe(10);
    expect(parseHours('2,5 tiếng')).toBe(2.5);
    expect(parseService('làm 3 năm 5 tháng')).toBe(41);
    expect(parseService('18 thang')).toBe(18);
    expect(parseWorkingDays('26 ngay cong')).toBe(26);
    expect(parseRegion('vùng II')).toBe(2);
    expect(parseRegion('vung 4')).toBe(4);
    expect(parseRegion('ha noi')).toBeNull();
  });
});
