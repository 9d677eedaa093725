/*
 * Arithmetic for questions that are sums. Every rate comes from domain.md §3 with its article;
 * nothing here guesses a figure the law leaves to the employer (the number of working days in a
 * month is asked for, not assumed).
 */

export type DayKind = 'normal' | 'weekly_rest' | 'holiday';

/** Art. 98(1): overtime at least 150% / 200% / 300% of the normal hourly wage. */
export const OT_RATE: Record<DayKind, number> = { normal: 1.5, weekly_rest: 2, holiday: 3 };
/** Art. 98(2): night work +30%. */
export const NIGHT_BONUS = 0.3;
/** Art. 98(3): night overtime +20% of the daytime wage of that day. */
export const NIGHT_OT_BONUS = 0.2;

export interface OvertimeInput {
  hourlyWage: number;
  hours: number;
  day: DayKind;
  night: boolean;
  /** for night OT on a normal day: whether the worker also did daytime OT that day */
  daytimeOvertimeSameDay?: boolean;
}

export interface OvertimeResult {
  /** multiplier of the normal hourly wage, e.g. 1.5, 2, 3.9 */
  rate: number;
  perHour: number;
  total: number;
}

/**
 * Night OT = OT rate + 30% + 20% × the daytime rate of that day: on a holiday 300 + 30 + 60 =
 * 390%; on a normal day without daytime OT the daytime rate is the plain 100%: 150 + 30 + 20 = 200%.
 */
export function overtimePay(i: OvertimeInput): OvertimeResult {
  if (!(i.hourlyWage > 0) || !(i.hours > 0)) throw new RangeError('hourly wage and hours must be positive');
  const base = OT_RATE[i.day];
  const dayRate = i.day === 'normal' && !i.daytimeOvertimeSameDay ? 1 : base;
  const rate = i.night ? base + NIGHT_BONUS + NIGHT_OT_BONUS * dayRate : base;
  const perHour = Math.round(i.hourlyWage * rate);
  return { rate: Math.round(rate * 100) / 100, perHour, total: Math.round(i.hourlyWage * rate * i.hours) };
}

/** Hourly wage from a monthly one: monthly ÷ working days of the month ÷ hours per day. */
export function hourlyFromMonthly(monthly: number, workingDays: number, hoursPerDay = 8): number {
  return monthly / workingDays / hoursPerDay;
}

/** Art. 46: odd months ≤ 6 count as half a year, more than 6 as a whole year. */
export function serviceYears(months: number): number {
  const whole = Math.floor(months / 12);
  const odd = months % 12;
  return whole + (odd === 0 ? 0 : odd <= 6 ? 0.5 : 1);
}

export interface AllowanceResult {
  years: number;
  months: number;
  amount: number;
  /** under 12 months of service: no allowance (Art. 46(1), 47(1)) */
  eligible: boolean;
}

/** Art. 46: half a month's average wage (last 6 months) per year of counted service. */
export function severancePay(avgMonthlyWage: number, serviceMonths: number): AllowanceResult {
  const years = serviceYears(serviceMonths);
  const eligible = serviceMonths >= 12;
  return { years, months: eligible ? years / 2 : 0, amount: eligible ? Math.round(avgMonthlyWage * years * 0.5) : 0, eligible };
}

/** Art. 47: one month's wage per year of counted service, at least two months' wages. */
export function jobLossAllowance(avgMonthlyWage: number, serviceMonths: number): AllowanceResult {
  const years = serviceYears(serviceMonths);
  const eligible = serviceMonths >= 12;
  const months = eligible ? Math.max(2, years) : 0;
  return { years, months, amount: Math.round(avgMonthlyWage * months), eligible };
}

/** NĐ 293/2025 Art. 5, in force 01/01/2026. */
export const MINIMUM_WAGE = {
  1: { monthly: 5_310_000, hourly: 25_500 },
  2: { monthly: 4_730_000, hourly: 22_700 },
  3: { monthly: 4_140_000, hourly: 20_000 },
  4: { monthly: 3_700_000, hourly: 17_800 },
} as const;
export type Region = keyof typeof MINIMUM_WAGE;

/** Vietnamese money format: 5.310.000 */
export function vnd(n: number): string {
  return Math.round(n).toString().replace(/\B(?=(\d{3})+(?!\d))/g, '.');
}
