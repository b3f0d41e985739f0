// Branded scalar types: units, money and dates that cannot be mixed up at compile time.
// A Qty is a whole number of stocking units; Cents is integer money in minor units (never floats of dollars).

declare const brand: unique symbol;
/** Attaches a compile-time-only label to a primitive; costs nothing at runtime. */
export type Brand<T, B extends string> = T & { readonly [brand]: B };

/** A whole, non-negative number of stocking units (pieces, not cases). */
export type Qty = Brand<number, 'Qty'>;
/** Integer money in minor units (cents). 12.50 USD is 1250. */
export type Cents = Brand<number, 'Cents'>;
/** A calendar date 'YYYY-MM-DD' (no time zone: it is the planner's business day). */
export type IsoDate = Brand<string, 'IsoDate'>;
/** An instant 'YYYY-MM-DDTHH:mm:ss(.sss)Z', always UTC. */
export type IsoDateTime = Brand<string, 'IsoDateTime'>;

function isCalendarDay(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = m === 2 ? ((y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28) : m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
  return d <= days;
}

function digits(s: string, from: number, count: number): number {
  let n = 0;
  for (let i = from; i < from + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

// Char-code parsing instead of regexes: dates are on the hot path of validating 100k order lines.
function datePartOk(s: string): boolean {
  if (s.charCodeAt(4) !== 45 || s.charCodeAt(7) !== 45) return false;
  const y = digits(s, 0, 4);
  const m = digits(s, 5, 2);
  const d = digits(s, 8, 2);
  return y >= 0 && m >= 0 && d >= 0 && isCalendarDay(y, m, d);
}

/** True for a real calendar date written 'YYYY-MM-DD'. */
export function isIsoDate(value: unknown): value is IsoDate {
  return typeof value === 'string' && value.length === 10 && datePartOk(value);
}

/** True for a UTC instant 'YYYY-MM-DDTHH:mm:ss(.fraction)Z' with a real date and time. */
export function isIsoDateTime(value: unknown): value is IsoDateTime {
  if (typeof value !== 'string' || value.length < 20 || value.charCodeAt(value.length - 1) !== 90 /* Z */) return false;
  if (value.charCodeAt(10) !== 84 /* T */ || value.charCodeAt(13) !== 58 || value.charCodeAt(16) !== 58 || !datePartOk(value)) return false;
  const hh = digits(value, 11, 2);
  const mm = digits(value, 14, 2);
  const ss = digits(value, 17, 2);
  if (hh < 0 || hh > 23 || mm < 0 || mm > 59 || ss < 0 || ss > 59) return false;
  if (value.length === 20) return true;
  // A fraction: '.' then at least one digit, up to the final Z.
  return value.charCodeAt(19) === 46 && value.length > 21 && digits(value, 20, value.length - 21) >= 0;
}

/** True for a non-negative safe integer (a valid Qty or Cents). */
export function isNonNegativeInteger(value: unknown): value is number {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
}

/** Validates and brands a quantity; throws RangeError naming the bad value (use at trusted construction sites). */
export function qty(n: number): Qty {
  if (!isNonNegativeInteger(n)) throw new RangeError(`Qty expected a non-negative integer, found ${String(n)}`);
  return n as Qty;
}

/** Validates and brands an amount of money in cents; throws RangeError for fractions, negatives or NaN. */
export function cents(n: number): Cents {
  if (!isNonNegativeInteger(n)) throw new RangeError(`Cents expected a non-negative integer, found ${String(n)}`);
  return n as Cents;
}

/** Validates and brands a 'YYYY-MM-DD' date. */
export function isoDate(s: string): IsoDate {
  if (!isIsoDate(s)) throw new RangeError(`IsoDate expected 'YYYY-MM-DD', found ${JSON.stringify(s)}`);
  return s;
}

/** Validates and brands a UTC instant. */
export function isoDateTime(s: string): IsoDateTime {
  if (!isIsoDateTime(s)) throw new RangeError(`IsoDateTime expected 'YYYY-MM-DDTHH:mm:ss.sssZ', found ${JSON.stringify(s)}`);
  return s;
}

/** Adds whole days to a date (UTC arithmetic, no clock). */
export function addDays(date: IsoDate, days: number): IsoDate {
  const t = Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) + days * 86_400_000;
  return new Date(t).toISOString().slice(0, 10) as IsoDate;
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  const a = Date.UTC(Number(from.slice(0, 4)), Number(from.slice(5, 7)) - 1, Number(from.slice(8, 10)));
  const b = Date.UTC(Number(to.slice(0, 4)), Number(to.slice(5, 7)) - 1, Number(to.slice(8, 10)));
  return Math.round((b - a) / 86_400_000);
}
