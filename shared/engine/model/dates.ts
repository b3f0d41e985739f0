// Day numbers: the engine compares dates as integers (days since 1970-01-01, UTC) and converts back only for output.
// Day numbers are read straight from the digits; the odd date in another form, and day -> ISO text, are cached.
import type { IsoDate } from '../../domain';

const toDay = new Map<string, number>();
const toIso = new Map<number, IsoDate>();

/** Days since 1970-01-01 for a 'YYYY-MM-DD' (or the date part of an ISO date-time). */
export function dayOf(date: string): number {
  // Fast path, read from the character codes: a snapshot's 300k dates (often date-times, each a fresh string) would
  // otherwise each be sliced and hashed for the cache. Same day numbers as Date.UTC, which is linear in the day of
  // the month, so an overflowing day ('2026-02-31') rolls over the same way.
  if (date.length >= 10 && date.charCodeAt(4) === 45 && date.charCodeAt(7) === 45) {
    const y = digit(date, 0) * 1000 + digit(date, 1) * 100 + digit(date, 2) * 10 + digit(date, 3);
    const mo = digit(date, 5) * 10 + digit(date, 6);
    const d = digit(date, 8) * 10 + digit(date, 9);
    // Years below 100 mean 19xx to Date.UTC; anything unusual takes the general path below.
    if (y >= 100 && mo >= 1 && mo <= 12 && d >= 0 && d <= 99) return daysFromCivil(y, mo, d);
  }
  const key = date.length === 10 ? date : date.slice(0, 10);
  let day = toDay.get(key);
  if (day === undefined) {
    day = Math.round(Date.UTC(Number(key.slice(0, 4)), Number(key.slice(5, 7)) - 1, Number(key.slice(8, 10))) / 86_400_000);
    toDay.set(key, day);
  }
  return day;
}

/** A decimal digit at position k, or a large negative number (failing every range check) for anything else. */
function digit(s: string, k: number): number {
  const c = s.charCodeAt(k) - 48;
  return c >= 0 && c <= 9 ? c : -1e6;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (the era-based civil-to-days count). */
function daysFromCivil(y0: number, m: number, d: number): number {
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m > 2 ? m - 3 : m + 9) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The 'YYYY-MM-DD' of a day number. */
export function isoOf(day: number): IsoDate {
  let s = toIso.get(day);
  if (s === undefined) {
    s = new Date(day * 86_400_000).toISOString().slice(0, 10) as IsoDate;
    toIso.set(day, s);
  }
  return s;
}
