// Reads one editable cell into a value, the way the grid reads a typed value: blanks mean "no override",
// numbers may arrive as numbers, numeric text or formula results, dates as serial numbers or typed text.
import type { IsoDate } from '../../domain';
import { parseTextDate, serialToIso } from '../xlsx/dates';
import type { RawCell } from '../xlsx/read-xlsx';
import { LOCK_NO, LOCK_YES } from './layout';

export type Read<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly expected: string };

/** How a cell is described in a message: "blank", 12, "abc", a formula and its result. */
export function describeCell(cell: RawCell | undefined): string {
  if (cell === undefined || (cell.value === null && cell.error === undefined && !cell.formula)) return 'blank';
  if (cell.error !== undefined) return `the error ${cell.error}${cell.formula ? ` from =${cell.formula}` : ''}`;
  const v = cell.value === null ? 'no computed value' : typeof cell.value === 'string' ? JSON.stringify(cell.value) : String(cell.value);
  return cell.formula ? `=${cell.formula} (${v})` : v;
}

/** The cell as plain text ('' for blank). */
export function cellText(cell: RawCell | undefined): string {
  if (cell === undefined || cell.value === null) return '';
  return typeof cell.value === 'string' ? cell.value.trim() : String(cell.value);
}

/** A usable value or the reason it is not (error values, formulas never calculated). */
function usable(cell: RawCell | undefined): Read<RawCell['value']> {
  if (cell === undefined) return { ok: true, value: null };
  if (cell.error !== undefined) return { ok: false, expected: 'a value, not a spreadsheet error' };
  if (cell.formula !== undefined && cell.formula !== '' && cell.value === null) {
    return { ok: false, expected: 'a value (the formula has no computed result: recalculate and save the workbook)' };
  }
  return { ok: true, value: typeof cell.value === 'string' ? cell.value.trim() : cell.value };
}

/** A whole number or blank (null); grouping commas like 1,200 are accepted in text. */
export function readWholeNumber(cell: RawCell | undefined, expected: string): Read<number | null> {
  const u = usable(cell);
  if (!u.ok) return u;
  const v = u.value;
  if (v === null || v === '') return { ok: true, value: null };
  let n: number;
  if (typeof v === 'number') n = v;
  else if (typeof v === 'string' && /^[-+]?\d{1,3}(,\d{3})+$|^[-+]?\d+(\.0+)?$/.test(v)) n = Number(v.replace(/,/g, ''));
  else return { ok: false, expected };
  // Formula results such as =10/3*3 can land a hair off a whole number.
  const rounded = Math.round(n);
  if (Math.abs(n - rounded) > 1e-9 || !Number.isSafeInteger(rounded)) return { ok: false, expected };
  return { ok: true, value: rounded };
}

/** Yes/no; blank is no. */
export function readYesNo(cell: RawCell | undefined): Read<boolean> {
  const u = usable(cell);
  if (!u.ok) return u;
  const v = u.value;
  if (v === null) return { ok: true, value: false };
  if (typeof v === 'boolean') return { ok: true, value: v };
  const t = String(v).trim().toLowerCase();
  if ((LOCK_YES as readonly string[]).includes(t)) return { ok: true, value: true };
  if ((LOCK_NO as readonly string[]).includes(t)) return { ok: true, value: false };
  return { ok: false, expected: 'Yes or No (or blank)' };
}

/** Trimmed text ('' for blank). */
export function readText(cell: RawCell | undefined): Read<string> {
  const u = usable(cell);
  if (!u.ok) return u;
  return { ok: true, value: u.value === null ? '' : String(u.value).trim() };
}

/** A date as a serial number (formatted date cell) or typed text; blank is null. */
export function readDate(cell: RawCell | undefined): Read<IsoDate | null> {
  const u = usable(cell);
  if (!u.ok) return u;
  const v = u.value;
  const expected = 'a date such as 2026-12-01 (also 01.12.2026, 1-Dec-2026, or 12/25/2026 when the day is over 12)';
  if (v === null || v === '') return { ok: true, value: null };
  if (typeof v === 'number') {
    const d = serialToIso(v);
    return d ? { ok: true, value: d } : { ok: false, expected };
  }
  if (typeof v === 'boolean') return { ok: false, expected };
  const r = parseTextDate(v);
  return r.ok ? { ok: true, value: r.date } : { ok: false, expected: `${expected}; this one is ${r.reason}` };
}
