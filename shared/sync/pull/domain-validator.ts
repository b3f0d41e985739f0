/** The pull's record validator for canonical entities: the domain's fast checker, issues mapped to sync issues. */
import { isEntityName, validateRecord } from '../../domain';
import type { RecordValidator } from './types';

/** Validates one served record of a canonical entity; an unknown entity name is itself an issue. */
export const validateCanonicalRecord: RecordValidator = (entity, value) => {
  if (!isEntityName(entity)) {
    return { ok: false, issues: [{ recordId: '(any)', field: '(entity)', expected: 'a canonical entity name', found: entity, message: `unknown entity "${entity}"` }] };
  }
  const result = validateRecord(entity, value);
  if (result.ok) return { ok: true, value: result.value as unknown as Record<string, unknown> };
  return {
    ok: false,
    issues: result.issues.map((i) => ({ recordId: i.recordId, field: i.field, expected: i.expected, found: i.found, message: i.message })),
  };
};
