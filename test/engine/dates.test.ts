// Day numbers are read from the digits of a date (model/dates.ts) instead of through Date.UTC; they must be the
// same numbers Date.UTC gives, for dates, date-times, leap days and days that overflow their month.
import { describe, expect, it } from 'vitest';
import { dayOf, isoOf } from '../../shared/engine/model/dates';

const viaDateUtc = (s: string): number => Math.round(Date.UTC(Number(s.slice(0, 4)), Number(s.slice(5, 7)) - 1, Number(s.slice(8, 10))) / 86_400_000);

describe('day numbers', () => {
  it('match Date.UTC for every day of 1899-2101, as dates and as date-times', () => {
    const wrong: string[] = [];
    for (let day = viaDateUtc('1899-01-01'); day <= viaDateUtc('2101-12-31'); day++) {
      const iso = new Date(day * 86_400_000).toISOString();
      if (dayOf(iso.slice(0, 10)) !== day || dayOf(iso) !== day) wrong.push(iso);
    }
    expect(wrong).toEqual([]);
  });

  it('roll an overflowing or zero day over like Date.UTC, and round-trip through isoOf', () => {
    for (const s of ['2026-02-29', '2026-02-31', '2024-02-30', '2026-12-32', '2026-04-00', '2000-03-00', '0099-01-01', '0100-03-01', '1970-01-01']) {
      expect(dayOf(s), s).toBe(viaDateUtc(s));
    }
    expect(isoOf(dayOf('2026-11-27T23:59:59.999Z'))).toBe('2026-11-27');
  });
});
