/**
 * Reading what a planner typed or pasted into a cell. Strict on purpose: "12abc", "-3" in a quantity or "1.5" in a
 * whole-unit column are refused with what was expected, never silently coerced to something else.
 */
import type { ColumnKind, ParseResult } from './column-spec';
import { getLocale } from './format';

interface NumberSymbols {
  group: string;
  decimal: string;
}

const symbolsCache = new Map<string, NumberSymbols>();

function numberSymbols(locale: string): NumberSymbols {
  let s = symbolsCache.get(locale);
  if (!s) {
    const parts = new Intl.NumberFormat(locale).formatToParts(12345.6);
    s = {
      group: parts.find((p) => p.type === 'group')?.value ?? ',',
      decimal: parts.find((p) => p.type === 'decimal')?.value ?? '.',
    };
    symbolsCache.set(locale, s);
  }
  return s;
}

const SPACES = /[\s\u00a0\u202f]/g;

/** A number written in the locale (group separators optional but well placed), or null. */
export function parseLocaleNumber(raw: string, locale = getLocale()): number | null {
  const { group, decimal } = numberSymbols(locale);
  const spaceGroup = group.replace(SPACES, '') === '';
  let text = raw.trim();
  if (spaceGroup) text = text.replace(SPACES, ' ');
  const g = spaceGroup ? ' ' : group;
  const escape = (c: string) => c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const pattern = new RegExp(`^([-\u2212+]?)(\\d{1,3}(?:${escape(g)}\\d{3})+|\\d+)(?:${escape(decimal)}(\\d+))?$`);
  const m = pattern.exec(text);
  if (!m) return null;
  const sign = m[1] === '-' || m[1] === '\u2212' ? -1 : 1;
  const whole = (m[2] ?? '').split(g).join('');
  const value = Number(`${whole}${m[3] ? `.${m[3]}` : ''}`);
  return Number.isFinite(value) ? sign * value : null;
}

function dayOrder(locale: string): ('day' | 'month' | 'year')[] {
  return new Intl.DateTimeFormat(locale, { year: 'numeric', month: '2-digit', day: '2-digit' })
    .formatToParts(new Date(2001, 10, 22))
    .filter((p) => p.type === 'day' || p.type === 'month' || p.type === 'year')
    .map((p) => p.type as 'day' | 'month' | 'year');
}

function iso(y: number, m: number, d: number): string | null {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

/** ISO `YYYY-MM-DD`, or the locale's numeric order (11/22/2001 in en-US, 22.11.2001 in de-DE); returns ISO or null. */
export function parseLocaleDate(raw: string, locale = getLocale()): string | null {
  const text = raw.trim();
  const isoMatch = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text);
  if (isoMatch) return iso(Number(isoMatch[1]), Number(isoMatch[2]), Number(isoMatch[3]));
  const nums = text.split(/[./\-\s]+/).filter(Boolean);
  if (nums.length !== 3 || nums.some((n) => !/^\d+$/.test(n))) return null;
  const order = dayOrder(locale);
  const at = (part: 'day' | 'month' | 'year') => Number(nums[order.indexOf(part)]);
  const year = at('year');
  return iso(year < 100 ? 2000 + year : year, at('month'), at('day'));
}

const TRUE_WORDS = new Set(['true', 'yes', 'y', '1', 'x', 'on']);
const FALSE_WORDS = new Set(['false', 'no', 'n', '0', '', 'off']);

interface ParseOptions {
  min?: number;
  max?: number;
  options?: readonly string[];
  locale?: string;
}

function bounds(value: number, what: string, o: ParseOptions): ParseResult {
  if (o.min !== undefined && value < o.min) return { ok: false, expected: `${what} of ${o.min} or more` };
  if (o.max !== undefined && value > o.max) return { ok: false, expected: `${what} of ${o.max} or less` };
  return { ok: true, value };
}

/** The default parser of a column kind. */
export function parseByKind(kind: ColumnKind, raw: string, o: ParseOptions = {}): ParseResult {
  const locale = o.locale ?? getLocale();
  const text = raw.trim();
  switch (kind) {
    case 'quantity': {
      const n = parseLocaleNumber(text, locale);
      const min = o.min ?? 0;
      if (n === null || !Number.isInteger(n)) return { ok: false, expected: `a whole number${min === 0 ? ' of 0 or more' : ''}` };
      return bounds(n, 'a whole number', { ...o, min });
    }
    case 'number':
    case 'money':
    case 'age': {
      // Money may carry its currency sign or code ("$1,200", "1.200 EUR"); nothing else is stripped.
      const bare = kind === 'money' ? text.replace(/^\p{Sc}\s*|\s*\p{Sc}$|^[A-Z]{3}\s+|\s+[A-Z]{3}$/gu, '') : text;
      const n = parseLocaleNumber(bare, locale);
      if (n === null) return { ok: false, expected: 'a number' };
      return bounds(n, 'a number', o);
    }
    case 'percent': {
      const n = parseLocaleNumber(text.replace(/\s*%$/, ''), locale);
      if (n === null) return { ok: false, expected: 'a percentage such as 85 or 85 %' };
      return bounds(n / 100, 'a percentage', o);
    }
    case 'date':
    case 'datetime': {
      const d = parseLocaleDate(text, locale);
      return d ? { ok: true, value: d } : { ok: false, expected: 'a date such as 2026-03-31' };
    }
    case 'boolean': {
      const w = text.toLowerCase();
      if (TRUE_WORDS.has(w)) return { ok: true, value: true };
      if (FALSE_WORDS.has(w)) return { ok: true, value: false };
      return { ok: false, expected: 'yes or no' };
    }
    case 'enum': {
      const options = o.options ?? [];
      const hit = options.find((opt) => opt.toLowerCase() === text.toLowerCase());
      return hit !== undefined ? { ok: true, value: hit } : { ok: false, expected: `one of ${options.join(', ')}` };
    }
    default:
      return { ok: true, value: raw };
  }
}
