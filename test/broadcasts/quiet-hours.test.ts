import { describe, expect, it } from 'vitest';
import { finishAt, isQuiet, nextDayOpening, nextMonthOpening, nextSendable, vnDayStart } from '../../src/broadcasts/quiet-hours.ts';

// Hanoi is UTC+7: 22:00 local = 15:00Z, 08:00 local = 01:00Z
const d = (iso: string) => new Date(iso);

describe('quiet hours 22:00-08:00 Asia/Ho_Chi_Minh', () => {
  it('knows the night from the day at the edges', () => {
    expect(isQuiet(d('2026-03-10T14:59:59Z'))).toBe(false); // 21:59:59
    expect(isQuiet(d('2026-03-10T15:00:00Z'))).toBe(true); // 22:00
    expect(isQuiet(d('2026-03-10T00:59:59Z'))).toBe(true); // 07:59:59
    expect(isQuiet(d('2026-03-10T01:00:00Z'))).toBe(false); // 08:00
  });

  it('resumes at the next 08:00, across midnight and month ends', () => {
    expect(nextSendable(d('2026-03-10T16:30:00Z'))).toEqual(d('2026-03-11T01:00:00Z')); // 23:30 -> 08:00 next day
    expect(nextSendable(d('2026-03-10T20:00:00Z'))).toEqual(d('2026-03-11T01:00:00Z')); // 03:00 -> 08:00 same local day
    expect(nextSendable(d('2026-03-31T15:30:00Z'))).toEqual(d('2026-04-01T01:00:00Z'));
    expect(nextSendable(d('2026-03-10T05:00:00Z'))).toEqual(d('2026-03-10T05:00:00Z'));
  });

  it('counts days and months in Vietnamese time (Zalo caps)', () => {
    expect(vnDayStart(d('2026-03-10T18:00:00Z'))).toEqual(d('2026-03-10T17:00:00Z')); // 01:00 on the 11th local
    expect(nextDayOpening(d('2026-03-10T03:00:00Z'))).toEqual(d('2026-03-11T01:00:00Z'));
    expect(nextMonthOpening(d('2026-12-20T03:00:00Z'))).toEqual(d('2027-01-01T01:00:00Z'));
  });

  it('estimates a long send over several days of 14 sending hours', () => {
    // 20 hours of sending from 08:00: 14 h the first day, 6 h the next -> 14:00 local on day two
    expect(finishAt(d('2026-03-10T01:00:00Z'), 20 * 3600)).toEqual(d('2026-03-11T07:00:00Z'));
    // started at night: begins at 08:00
    expect(finishAt(d('2026-03-10T16:00:00Z'), 3600)).toEqual(d('2026-03-11T02:00:00Z'));
  });
});
