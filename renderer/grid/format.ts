/**
 * Locale formatting for every grid cell and status line: one cached Intl formatter per locale and kind, because a
 * grid of 100k rows formats millions of cells and building Intl objects per cell is what makes scrolling stutter.
 */
import type { ColumnKind } from './column-spec';

let currentLocale: string = defaultLocale();

function defaultLocale(): string {
  const nav = (globalThis as { navigator?: { language?: string } }).navigator;
  return nav?.language || 'en-US';
}

/** The locale used by the grid and the formatters (the browser's by default). */
export function getLocale(): string {
  return currentLocale;
}

/** Switches the formatting locale (preferences; tests). */
export function setLocale(locale: string): void {
  currentLocale = locale;
}

const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(key: string, options: Intl.NumberFormatOptions, locale: string): Intl.NumberFormat {
  const k = `n|${locale}|${key}`;
  let f = cache.get(k) as Intl.NumberFormat | undefined;
  if (!f) {
    f = new Intl.NumberFormat(locale, options);
    cache.set(k, f);
  }
  return f;
}

function dateFormat(key: string, options: Intl.DateTimeFormatOptions, locale: string): Intl.DateTimeFormat {
  const k = `d|${locale}|${key}`;
  let f = cache.get(k) as Intl.DateTimeFormat | undefined;
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    cache.set(k, f);
  }
  return f;
}

/** 12,345 — whole units. */
export function formatQuantity(value: number, locale = currentLocale): string {
  return numberFormat('qty', { maximumFractionDigits: 0 }, locale).format(value);
}

/** 1,234.5 — up to three decimals. */
export function formatNumber(value: number, locale = currentLocale): string {
  return numberFormat('num', { maximumFractionDigits: 3 }, locale).format(value);
}

/** $1,234.50 */
export function formatMoney(value: number, currency = 'USD', locale = currentLocale): string {
  return numberFormat(`money|${currency}`, { style: 'currency', currency }, locale).format(value);
}

/** 0.925 -> 92.5 % (values are fractions). */
export function formatPercent(value: number, locale = currentLocale): string {
  return numberFormat('pct', { style: 'percent', maximumFractionDigits: 1 }, locale).format(value);
}

/** A calendar date; accepts ISO `YYYY-MM-DD` (read as that day, not as UTC midnight) or a full timestamp. */
export function formatDate(value: string | number | Date, locale = currentLocale): string {
  const d = toDate(value);
  return d ? dateFormat('date', { year: 'numeric', month: 'short', day: 'numeric' }, locale).format(d) : '';
}

/** Date and time to the minute. */
export function formatDateTime(value: string | number | Date, locale = currentLocale): string {
  const d = toDate(value);
  return d ? dateFormat('dt', { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' }, locale).format(d) : '';
}

/** Whole days as "3 d" / hours below a day as "5 h"; the input is an age in milliseconds. */
export function formatAge(ms: number, locale = currentLocale): string {
  if (ms < 0) ms = 0;
  const hours = ms / 3_600_000;
  if (hours < 24) return `${formatQuantity(Math.floor(hours), locale)} h`;
  return `${formatQuantity(Math.floor(hours / 24), locale)} d`;
}

/** "2 min ago", "yesterday": for the status bar's last sync time. */
export function formatRelative(from: Date | string | number, now: number = Date.now(), locale = currentLocale): string {
  const d = toDate(from);
  if (!d) return '';
  const seconds = Math.round((d.getTime() - now) / 1000);
  const rtf = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const abs = Math.abs(seconds);
  if (abs < 60) return rtf.format(seconds, 'second');
  if (abs < 3600) return rtf.format(Math.round(seconds / 60), 'minute');
  if (abs < 86_400) return rtf.format(Math.round(seconds / 3600), 'hour');
  return rtf.format(Math.round(seconds / 86_400), 'day');
}

/** Formats any cell value by its column kind; empty for null/undefined. */
export function formatByKind(kind: ColumnKind, value: unknown, currency?: string, locale = currentLocale): string {
  if (value === null || value === undefined || value === '') return '';
  switch (kind) {
    case 'quantity':
      return typeof value === 'number' ? formatQuantity(value, locale) : String(value);
    case 'number':
      return typeof value === 'number' ? formatNumber(value, locale) : String(value);
    case 'money':
      return typeof value === 'number' ? formatMoney(value, currency, locale) : String(value);
    case 'percent':
      return typeof value === 'number' ? formatPercent(value, locale) : String(value);
    case 'age':
      return typeof value === 'number' ? formatAge(value, locale) : String(value);
    case 'date':
      return typeof value === 'string' || typeof value === 'number' || value instanceof Date ? formatDate(value, locale) : String(value);
    case 'datetime':
      return typeof value === 'string' || typeof value === 'number' || value instanceof Date ? formatDateTime(value, locale) : String(value);
    case 'boolean':
      return value ? 'Yes' : 'No';
    default:
      return String(value);
  }
}

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Parses what the domain stores as dates; a bare ISO day is a local calendar day. */
export function toDate(value: string | number | Date): Date | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value;
  if (typeof value === 'number') return new Date(value);
  const day = ISO_DAY.exec(value);
  if (day) return new Date(Number(day[1]), Number(day[2]) - 1, Number(day[3]));
  const d = new Date(value);
  return Number.isNaN(d.getTime()) ? null : d;
}
