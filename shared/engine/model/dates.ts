// Day numbers: the engine compares dates as integers (days since 1970-01-01, UTC) and converts back only for output.
// Snapshots repeat a few hundred distinct dates across 100k lines, so both directions are cached.
import type { IsoDate } from '../../domain';

const toDay = new Map<string, number>();
const toIso = new Map<number, IsoDate>();

/** Days since 1970-01-01 for a 'YYYY-MM-DD' (or the date part of an ISO date-time). */
export function dayOf(date: string): number {
  const key = date.length === 10 ? date : date.slice(0, 10);
  let d = toDay.get(key);
  if (d === undefined) {
    d = Math.round(Date.UTC(Number(key.slice(0, 4)), Number(key.slice(5, 7)) - 1, Number(key.slice(8, 10))) / 86_400_000);
    toDay.set(key, d);
  }
  return d;
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
