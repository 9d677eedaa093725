import { describe, expect, it } from 'vitest';
import { addWorkingDays, deadlinesFor } from '../../src/privacy/deadlines.ts';

// Decree 356/2025 Art. 5 (domain.md 5.3): acknowledge in 2 working days; complete view/correct/
// provide in 10 days, withdrawal in 15, deletion in 20.
describe('legal deadlines of a data-subject request', () => {
  const monday = new Date('2026-11-23T10:00:00+07:00');
  const friday = new Date('2026-11-27T10:00:00+07:00');
  const saturdayNight = new Date('2026-11-28T23:30:00+07:00');

  it('counts completion in calendar days per kind', () => {
    const day = 86_400_000;
    expect(deadlinesFor('view', monday).dueAt.getTime() - monday.getTime()).toBe(10 * day);
    expect(deadlinesFor('export', monday).dueAt.getTime() - monday.getTime()).toBe(10 * day);
    expect(deadlinesFor('correct', monday).dueAt.getTime() - monday.getTime()).toBe(10 * day);
    expect(deadlinesFor('withdraw', monday).dueAt.getTime() - monday.getTime()).toBe(15 * day);
    expect(deadlinesFor('delete', monday).dueAt.getTime() - monday.getTime()).toBe(20 * day);
  });

  it('acknowledges within 2 working days, skipping the weekend in Vietnam time', () => {
    expect(addWorkingDays(monday, 2)).toEqual(new Date('2026-11-25T10:00:00+07:00'));
    expect(addWorkingDays(friday, 2)).toEqual(new Date('2026-12-01T10:00:00+07:00'));
    // 23:30 on Saturday in Hà Nội is still Saturday, though it is 16:30 UTC
    expect(addWorkingDays(saturdayNight, 2)).toEqual(new Date('2026-12-01T23:30:00+07:00'));
  });
});
