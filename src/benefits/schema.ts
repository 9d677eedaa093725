import { z } from 'zod';
import { provinceByCode } from '../validate/provinces.ts';

/** The topics a worker can browse by; their words (vi and en) live in locales/<lang>/benefits.json. */
export const TOPICS = ['tet', 'housing', 'loan', 'discount', 'sickness', 'legal'] as const;
export type Topic = (typeof TOPICS)[number];

/** Hardship situations a programme may require; asked in the eligibility dialogue. */
export const SITUATIONS = ['sick', 'accident', 'housing', 'low_income', 'disaster'] as const;
export type Situation = (typeof SITUATIONS)[number];

const localized = z.strictObject({ vi: z.string().trim().min(1), en: z.string().trim().min(1) });

/** Dates are plain calendar days (Vietnam time); quoted or not, YAML 1.2 keeps them as strings. */
const day = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD')
  .refine((s) => !Number.isNaN(Date.parse(`${s}T00:00:00+07:00`)), 'not a real date');

export const programmeSchema = z
  .strictObject({
    // ≤ 57 so "apply:<id>" fits a 64-byte button key (Telegram callback_data)
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{2,56}$/, 'lower-case letters, digits and dashes, 3 to 57 characters'),
    title: localized,
    summary: localized,
    /** what the worker gets; amounts only where a source confirms them */
    gives: localized,
    howToApply: localized,
    eligibility: z.strictObject({
      membersOnly: z.boolean(),
      /** province codes (src/validate/provinces.ts); empty = every province */
      provinces: z
        .array(z.string().refine((c) => provinceByCode(c) !== undefined, 'unknown province code'))
        .default([]),
      /** org unit codes; a unit's programme applies to its whole subtree */
      units: z.array(z.string().min(1)).default([]),
      /** at least one of these must apply to the worker; empty = no hardship required */
      situations: z.array(z.enum(SITUATIONS)).default([]),
      note: localized.optional(),
    }),
    period: z.strictObject({ from: day.optional(), to: day.optional() }).optional(),
    source: z.strictObject({ citation: z.string().trim().min(3), url: z.url().optional() }),
    topics: z.array(z.enum(TOPICS)).min(1),
    /** extra search words, matched without diacritics ("qua tet", "ve tau") */
    keywords: z.array(z.string().trim().min(2)).default([]),
    /** the union takes applications for it, so "Đăng ký nhận hỗ trợ" is offered in chat */
    appliesThroughUnion: z.boolean(),
  })
  .refine((p) => !p.period?.from || !p.period.to || p.period.from <= p.period.to, {
    message: 'period.from is after period.to',
    path: ['period'],
  });

export type Programme = z.infer<typeof programmeSchema>;

export const catalogFileSchema = z.strictObject({ programmes: z.array(programmeSchema).min(1) });

export type Scope = 'national' | 'province' | 'unit';

export function scopeOf(p: Programme): Scope {
  if (p.eligibility.units.length > 0) return 'unit';
  if (p.eligibility.provinces.length > 0) return 'province';
  return 'national';
}

const VN = '+07:00';

/** First instant the programme runs (start of its first day in Vietnam), or null. */
export function startsAt(p: Programme): Date | null {
  return p.period?.from ? new Date(`${p.period.from}T00:00:00${VN}`) : null;
}

/** First instant it no longer runs: the day after `to`, so the last day counts in full. */
export function endsAt(p: Programme): Date | null {
  if (!p.period?.to) return null;
  return new Date(new Date(`${p.period.to}T00:00:00${VN}`).getTime() + 24 * 3600 * 1000);
}

export function runsAt(p: Programme, now: Date): boolean {
  const from = startsAt(p);
  const to = endsAt(p);
  return (!from || from <= now) && (!to || now < to);
}
