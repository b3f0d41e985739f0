// Spreadsheet dates are serial day numbers (1900 system: day 1 = 1900-01-01, counted from 1899-12-30 so the
// Lotus leap-year bug cancels out for every date after February 1900). Planners' dates have no time zone.
import { isIsoDate } from '../../domain';
import type { IsoDate } from '../../domain';

const EPOCH = Date.UTC(1899, 11, 30);
const DAY = 86_400_000;

/** 'YYYY-MM-DD' -> serial day number. */
export function isoToSerial(date: IsoDate): number {
  return (Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) - EPOCH) / DAY;
}

/** Serial day number (a time part is ignored) -> 'YYYY-MM-DD'; null outside 1900..9999. */
export function serialToIso(serial: number): IsoDate | null {
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2958466) return null;
  return new Date(EPOCH + Math.floor(serial) * DAY).toISOString().slice(0, 10) as IsoDate;
}

function pad(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

function build(y: number, m: number, d: number): IsoDate | null {
  const iso = `${y}-${pad(m)}-${pad(d)}`;
  return isIsoDate(iso) ? iso : null;
}

const MONTHS = ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'];

export type TextDateResult = { readonly ok: true; readonly date: IsoDate } | { readonly ok: false; readonly reason: string };

/**
 * Reads a date typed as text in the common formats: 2026-11-27, 2026/11/27, 27.11.2026, 27-Nov-2026,
 * Nov 27 2026, and slash dates 11/27/2026 or 27/11/2026 when the day makes the order unambiguous
 * (03/04/2026 is refused rather than guessed: a wrong guess moves a shipment by a month).
 */
export function parseTextDate(input: string): TextDateResult {
  const s = input.trim();
  let m = /^(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})(?:[T ].*)?$/.exec(s);
  if (m) {
    const d = build(Number(m[1]), Number(m[2]), Number(m[3]));
    return d ? { ok: true, date: d } : { ok: false, reason: 'not a calendar date' };
  }
  m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(s);
  if (m) {
    const d = build(Number(m[3]), Number(m[2]), Number(m[1]));
    return d ? { ok: true, date: d } : { ok: false, reason: 'not a calendar date' };
  }
  m = /^(\d{1,2})[-/ ]([A-Za-z]{3,9})[-/ ,]+(\d{4})$/.exec(s);
  if (m) {
    const month = MONTHS.indexOf(m[2]!.slice(0, 3).toLowerCase());
    const d = month >= 0 ? build(Number(m[3]), month + 1, Number(m[1])) : null;
    return d ? { ok: true, date: d } : { ok: false, reason: 'not a calendar date' };
  }
  m = /^([A-Za-z]{3,9})\.? (\d{1,2}),? (\d{4})$/.exec(s);
  if (m) {
    const month = MONTHS.indexOf(m[1]!.slice(0, 3).toLowerCase());
    const d = month >= 0 ? build(Number(m[3]), month + 1, Number(m[2])) : null;
    return d ? { ok: true, date: d } : { ok: false, reason: 'not a calendar date' };
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})$/.exec(s);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = Number(m[3]);
    const us = build(y, a, b);
    const eu = build(y, b, a);
    if (us && eu && us !== eu) return { ok: false, reason: 'ambiguous day/month order' };
    const d = us ?? eu;
    return d ? { ok: true, date: d } : { ok: false, reason: 'not a calendar date' };
  }
  return { ok: false, reason: 'not a date format this app reads' };
}
