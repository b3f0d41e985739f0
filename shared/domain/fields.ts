// Field specs: one declarative description per field, from which both the zod schema and the fast
// hot-path checker are built, so the two can never disagree about what is valid.
import { z } from 'zod';
import { isIsoDate, isIsoDateTime } from './brands';

export type FieldSpec =
  | { readonly kind: 'id' } // non-empty string
  | { readonly kind: 'text' } // any string
  | { readonly kind: 'qty' } // non-negative integer units
  | { readonly kind: 'cents' } // non-negative integer money
  | { readonly kind: 'int'; readonly min: number; readonly max?: number }
  | { readonly kind: 'number'; readonly min: number; readonly max?: number; readonly exclusiveMin?: boolean }
  | { readonly kind: 'bool' }
  | { readonly kind: 'date' }
  | { readonly kind: 'datetime' }
  | { readonly kind: 'enum'; readonly values: readonly (string | number)[] }
  | { readonly kind: 'literal'; readonly value: string | number | boolean }
  | { readonly kind: 'list'; readonly of: RecordSpec }
  | { readonly kind: 'numberMap' } // { [name]: finite number }
  | { readonly kind: 'object' }; // any plain object (checked elsewhere, e.g. a decision payload)

export interface FieldDef {
  readonly spec: FieldSpec;
  readonly optional?: boolean;
  /** For OpenAPI: what the field means (units, money in cents...). */
  readonly doc?: string;
}

export type RecordSpec = Readonly<Record<string, FieldDef>>;

/** One field that failed, relative to a record. */
export interface FieldFailure {
  readonly field: string;
  readonly expected: string;
  readonly found: string;
}

/** What a field expects, in words a planner or an integrator can act on. */
export function describeExpected(spec: FieldSpec): string {
  switch (spec.kind) {
    case 'id':
      return 'a non-empty string';
    case 'text':
      return 'a string';
    case 'qty':
      return 'a non-negative integer';
    case 'cents':
      return 'a non-negative integer amount of cents';
    case 'int':
      return spec.max === undefined ? `an integer >= ${spec.min}` : `an integer from ${spec.min} to ${spec.max}`;
    case 'number':
      if (spec.exclusiveMin) return spec.max === undefined ? `a number > ${spec.min}` : `a number > ${spec.min} and <= ${spec.max}`;
      return spec.max === undefined ? `a number >= ${spec.min}` : `a number from ${spec.min} to ${spec.max}`;
    case 'bool':
      return 'true or false';
    case 'date':
      return "a date 'YYYY-MM-DD'";
    case 'datetime':
      return "a UTC date-time 'YYYY-MM-DDTHH:mm:ss.sssZ'";
    case 'enum':
      return `one of ${spec.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'literal':
      return JSON.stringify(spec.value);
    case 'list':
      return 'a list';
    case 'numberMap':
      return 'an object of numbers';
    case 'object':
      return 'an object';
  }
}

/** Renders a found value briefly for a message: -4, "abc", null, nothing, a list of 3, an object. */
export function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value.length > 60 ? `${value.slice(0, 57)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (Array.isArray(value)) return `a list of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  return typeof value;
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** True when `value` satisfies a scalar spec (lists and maps are walked by checkRecord). */
function scalarOk(spec: FieldSpec, value: unknown): boolean {
  switch (spec.kind) {
    case 'id':
      return typeof value === 'string' && value.length > 0;
    case 'text':
      return typeof value === 'string';
    case 'qty':
    case 'cents':
      return typeof value === 'number' && Number.isSafeInteger(value) && value >= 0;
    case 'int':
      return typeof value === 'number' && Number.isSafeInteger(value) && value >= spec.min && (spec.max === undefined || value <= spec.max);
    case 'number':
      return (
        typeof value === 'number' &&
        Number.isFinite(value) &&
        (spec.exclusiveMin ? value > spec.min : value >= spec.min) &&
        (spec.max === undefined || value <= spec.max)
      );
    case 'bool':
      return typeof value === 'boolean';
    case 'date':
      return isIsoDate(value);
    case 'datetime':
      return isIsoDateTime(value);
    case 'enum':
      return (typeof value === 'string' || typeof value === 'number') && spec.values.includes(value);
    case 'literal':
      return value === spec.value;
    case 'object':
      return isPlainObject(value);
    case 'list':
    case 'numberMap':
      return false;
  }
}

/**
 * Checks a record against its spec without allocating on the happy path. Pushes one failure per bad field
 * (nested list fields are named like `inbound[1].eta`). Unknown extra fields are allowed and kept.
 */
export function checkRecord(spec: RecordSpec, keys: readonly string[], value: unknown, prefix: string, out: FieldFailure[]): void {
  if (!isPlainObject(value)) {
    out.push({ field: prefix === '' ? '(record)' : prefix.slice(0, -1), expected: 'an object', found: describeFound(value) });
    return;
  }
  for (let k = 0; k < keys.length; k++) {
    const key = keys[k] as string;
    const def = spec[key] as FieldDef;
    const v = value[key];
    if (v === undefined && def.optional) continue;
    const s = def.spec;
    if (s.kind === 'list') {
      if (!Array.isArray(v)) {
        out.push({ field: prefix + key, expected: 'a list', found: describeFound(v) });
        continue;
      }
      const innerKeys = Object.keys(s.of);
      for (let i = 0; i < v.length; i++) checkRecord(s.of, innerKeys, v[i], `${prefix}${key}[${i}].`, out);
    } else if (s.kind === 'numberMap') {
      if (!isPlainObject(v)) {
        out.push({ field: prefix + key, expected: 'an object of numbers', found: describeFound(v) });
        continue;
      }
      for (const [name, n] of Object.entries(v)) {
        if (typeof n !== 'number' || !Number.isFinite(n)) out.push({ field: `${prefix}${key}.${name}`, expected: 'a number', found: describeFound(n) });
      }
    } else if (!scalarOk(s, v)) {
      out.push({ field: prefix + key, expected: describeExpected(s), found: describeFound(v) });
    }
  }
}

/** Builds the zod schema for one field spec (same rules as checkRecord). */
export function zodForSpec(spec: FieldSpec): z.ZodType {
  switch (spec.kind) {
    case 'id':
      return z.string().min(1);
    case 'text':
      return z.string();
    case 'qty':
    case 'cents':
      return z.int().min(0);
    case 'int':
      return spec.max === undefined ? z.int().min(spec.min) : z.int().min(spec.min).max(spec.max);
    case 'number': {
      let n = spec.exclusiveMin ? z.number().gt(spec.min) : z.number().min(spec.min);
      if (spec.max !== undefined) n = n.max(spec.max);
      return n;
    }
    case 'bool':
      return z.boolean();
    case 'date':
      return z.iso.date();
    case 'datetime':
      return z.iso.datetime();
    case 'enum':
      return z.union(spec.values.map((v) => z.literal(v)) as unknown as [z.ZodLiteral, z.ZodLiteral]);
    case 'literal':
      return z.literal(spec.value);
    case 'list':
      return z.array(zodForRecord(spec.of));
    case 'numberMap':
      return z.record(z.string(), z.number());
    case 'object':
      return z.looseObject({});
  }
}

/** Builds a loose zod object (extra fields kept) for a record spec. */
export function zodForRecord(spec: RecordSpec): z.ZodObject {
  const shape: Record<string, z.ZodType> = {};
  for (const [key, def] of Object.entries(spec)) {
    let s = zodForSpec(def.spec);
    if (def.doc !== undefined) s = s.describe(def.doc);
    shape[key] = def.optional ? s.optional() : s;
  }
  return z.looseObject(shape);
}
