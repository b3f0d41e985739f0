// Runtime validation at every boundary (HTTP, IPC, Excel, IndexedDB). A failure names the record, the
// field, what was expected and what was found. The hot path is a hand-rolled walk over the field specs
// (no allocation when valid); the zod schemas express the same rules for composition and JSON Schema.
import { checkRecord, describeFound } from './fields';
import type { FieldFailure, RecordSpec } from './fields';
import { ENTITY_INFO } from './entities';
import type { EntityName, EntityRecord } from './entities';
import type { Decision, DecisionType } from './decision';
import { DECISION_TYPES } from './decision';
import type { Tombstone } from './records';
import { decisionPayloadSpecs, decisionSpec, tombstoneSpec } from './specs';

/** What went wrong with one field of one record. */
export interface ValidationIssue {
  /** Entity URL name, or 'decisions' / 'snapshot' / another boundary's record label. */
  readonly entity: string;
  /** The record's id, or `row N` (1-based) when it has no usable id. */
  readonly recordId: string;
  readonly field: string;
  readonly expected: string;
  readonly found: string;
  /** e.g. `order-lines "OL-1042-3": field "orderedQty" expected a non-negative integer, found -4` */
  readonly message: string;
}

export type ValidationResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly issues: readonly ValidationIssue[] };

const keyCache = new Map<RecordSpec, readonly string[]>();
function keysOf(spec: RecordSpec): readonly string[] {
  let keys = keyCache.get(spec);
  if (keys === undefined) {
    keys = Object.keys(spec);
    keyCache.set(spec, keys);
  }
  return keys;
}

/** Formats the standard one-line message for an issue. */
export function formatIssue(entity: string, recordId: string, field: string, expected: string, found: string): string {
  const who = recordId.startsWith('row ') ? `${entity} ${recordId}` : `${entity} ${JSON.stringify(recordId)}`;
  return `${who}: field "${field}" expected ${expected}, found ${found}`;
}

function recordIdOf(value: unknown, index?: number): string {
  const id = typeof value === 'object' && value !== null ? (value as { id?: unknown }).id : undefined;
  if (typeof id === 'string' && id.length > 0) return id;
  return index === undefined ? '(no id)' : `row ${index + 1}`;
}

function toIssues(entity: string, recordId: string, failures: readonly FieldFailure[]): ValidationIssue[] {
  return failures.map((f) => ({ entity, recordId, ...f, message: formatIssue(entity, recordId, f.field, f.expected, f.found) }));
}

/** Validates any value against a record spec; `entity` is the label used in messages. */
export function validateAgainstSpec<T>(entity: string, spec: RecordSpec, value: unknown, index?: number): ValidationResult<T> {
  const failures: FieldFailure[] = [];
  checkRecord(spec, keysOf(spec), value, '', failures);
  if (failures.length === 0) return { ok: true, value: value as T };
  return { ok: false, issues: toIssues(entity, recordIdOf(value, index), failures) };
}

/** Validates one record of an entity. The value is returned as-is (not copied) when valid. */
export function validateRecord<E extends EntityName>(entity: E, value: unknown, index?: number): ValidationResult<EntityRecord<E>> {
  return validateAgainstSpec<EntityRecord<E>>(entity, ENTITY_INFO[entity].spec, value, index);
}

/** Validates a served row: a full record or a tombstone `{ id, deleted: true }`. */
export function validateListItem<E extends EntityName>(entity: E, value: unknown, index?: number): ValidationResult<EntityRecord<E> | Tombstone> {
  if (typeof value === 'object' && value !== null && (value as { deleted?: unknown }).deleted !== undefined) {
    return validateAgainstSpec<Tombstone>(entity, tombstoneSpec, value, index);
  }
  return validateRecord(entity, value, index);
}

/**
 * Validates many records; collects at most `maxIssues` issues (default 100) so a broken file of 100k rows
 * still yields a readable report. Valid input is returned as the same array.
 */
export function validateRecords<E extends EntityName>(
  entity: E,
  values: readonly unknown[],
  options: { maxIssues?: number; allowTombstones?: boolean } = {},
): ValidationResult<EntityRecord<E>[]> {
  const max = options.maxIssues ?? 100;
  const spec = ENTITY_INFO[entity].spec;
  const keys = keysOf(spec);
  const tombKeys = keysOf(tombstoneSpec);
  const issues: ValidationIssue[] = [];
  const failures: FieldFailure[] = [];
  for (let i = 0; i < values.length && issues.length < max; i++) {
    const v = values[i];
    const isTomb = options.allowTombstones === true && typeof v === 'object' && v !== null && (v as { deleted?: unknown }).deleted !== undefined;
    checkRecord(isTomb ? tombstoneSpec : spec, isTomb ? tombKeys : keys, v, '', failures);
    if (failures.length > 0) {
      issues.push(...toIssues(entity, recordIdOf(v, i), failures).slice(0, max - issues.length));
      failures.length = 0;
    }
  }
  if (issues.length === 0) return { ok: true, value: values as EntityRecord<E>[] };
  return { ok: false, issues };
}

/** Validates a decision, including the payload required by its type. */
export function validateDecision(value: unknown, index?: number): ValidationResult<Decision> {
  const failures: FieldFailure[] = [];
  checkRecord(decisionSpec, keysOf(decisionSpec), value, '', failures);
  const type = typeof value === 'object' && value !== null ? (value as { type?: unknown }).type : undefined;
  const payload = typeof value === 'object' && value !== null ? (value as { payload?: unknown }).payload : undefined;
  if ((DECISION_TYPES as readonly unknown[]).includes(type) && typeof payload === 'object' && payload !== null && !Array.isArray(payload)) {
    const spec = decisionPayloadSpecs[type as DecisionType];
    checkRecord(spec, keysOf(spec), payload, 'payload.', failures);
  }
  if (failures.length === 0) return { ok: true, value: value as Decision };
  return { ok: false, issues: toIssues('decisions', recordIdOf(value, index), failures) };
}

/** Builds one issue by hand, for checks beyond a single field's type (e.g. unknown SKU, reserved > ordered). */
export function makeIssue(entity: string, recordId: string, field: string, expected: string, foundValue: unknown): ValidationIssue {
  const found = describeFound(foundValue);
  return { entity, recordId, field, expected, found, message: formatIssue(entity, recordId, field, expected, found) };
}
