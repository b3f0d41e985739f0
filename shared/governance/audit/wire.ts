// The audit exchange with the ERP: POST /api/v1/audit with an Idempotency-Key and a batch of events, pushed with the
// decisions. Validation names the event index and field at fault, so a bad batch is refused whole, with a reason.
import { ROLES } from '../../domain';
import { describeFound } from '../../engine/policy';
import type { AuditEvent } from './events';
import { AUDIT_EVENT_KINDS, OVERRIDE_FIELDS } from './events';
import { POLICY_STATUSES } from '../policy/versions';

export const AUDIT_PATH = '/api/v1/audit';
export const POLICIES_PATH = '/api/v1/policies';
/** Most events one POST may carry. */
export const MAX_AUDIT_BATCH = 5000;

export interface AuditBatchRequest {
  readonly events: readonly AuditEvent[];
}

/** 201 (recorded now) or 200 (replay of the same key) body of POST /audit. */
export interface AuditBatchResult {
  readonly idempotencyKey: string;
  /** Events new to the ERP's log. */
  readonly recorded: number;
  /** Events the ERP already held identically (sent before under another key). */
  readonly alreadyRecorded: number;
  readonly recordedAt: string;
}

export interface AuditIssue {
  readonly field: string;
  readonly expected: string;
  readonly found: string;
  readonly message: string;
}

function isObj(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function checkPolicyRef(v: unknown, field: string, fail: (f: string, e: string, x: unknown) => void): void {
  if (!isObj(v)) return fail(field, 'a policy reference {id, version, status}', v);
  if (typeof v.id !== 'string' || v.id === '') fail(`${field}.id`, 'a policy id', v.id);
  if (typeof v.version !== 'number' || !Number.isInteger(v.version) || v.version < 0) fail(`${field}.version`, 'a version number', v.version);
  if (!(POLICY_STATUSES as readonly unknown[]).includes(v.status)) fail(`${field}.status`, `one of ${POLICY_STATUSES.join(', ')}`, v.status);
}

/** Checks one event's shape; issues name `${label}.field`. */
export function checkAuditEvent(v: unknown, label = 'event'): AuditIssue[] {
  const issues: AuditIssue[] = [];
  const fail = (field: string, expected: string, x: unknown) => {
    const found = describeFound(x);
    issues.push({ field, expected, found, message: `audit ${label}: field "${field}" expected ${expected}, found ${found}` });
  };
  if (!isObj(v)) {
    fail(label, 'an audit event object', v);
    return issues;
  }
  const str = (k: string) => {
    if (typeof v[k] !== 'string' || v[k] === '') fail(`${label}.${k}`, 'a non-empty string', v[k]);
  };
  str('id');
  str('decisionId');
  str('actor');
  if (typeof v.at !== 'number' || !Number.isInteger(v.at) || v.at < 0) fail(`${label}.at`, 'a time in epoch milliseconds', v.at);
  if (!Array.isArray(v.orderLineIds) || v.orderLineIds.some((x) => typeof x !== 'string')) fail(`${label}.orderLineIds`, 'a list of order line ids', v.orderLineIds);
  if (!(AUDIT_EVENT_KINDS as readonly unknown[]).includes(v.event)) {
    fail(`${label}.event`, `one of ${AUDIT_EVENT_KINDS.join(', ')}`, v.event);
    return issues;
  }
  switch (v.event) {
    case 'proposed':
      str('decisionType');
      checkPolicyRef(v.policy, `${label}.policy`, fail);
      break;
    case 'approved':
      if (v.role !== undefined && !(ROLES as readonly unknown[]).includes(v.role)) fail(`${label}.role`, `one of ${ROLES.join(', ')}`, v.role);
      checkPolicyRef(v.governedPolicy, `${label}.governedPolicy`, fail);
      if (isObj(v.governedPolicy) && v.governedPolicy.status !== 'governed') fail(`${label}.governedPolicy.status`, '"governed" (decisions are approved under a governed version)', v.governedPolicy.status);
      break;
    case 'rejected':
      if (v.role !== undefined && !(ROLES as readonly unknown[]).includes(v.role)) fail(`${label}.role`, `one of ${ROLES.join(', ')}`, v.role);
      str('reason');
      break;
    case 'override':
      str('orderLineId');
      if (!(OVERRIDE_FIELDS as readonly unknown[]).includes(v.field)) fail(`${label}.field`, `one of ${OVERRIDE_FIELDS.join(', ')}`, v.field);
      break;
    case 'sent':
      str('idempotencyKey');
      break;
    case 'policy-published':
      if (!(ROLES as readonly unknown[]).includes(v.role)) fail(`${label}.role`, `one of ${ROLES.join(', ')}`, v.role);
      checkPolicyRef(v.policy, `${label}.policy`, fail);
      if (isObj(v.policy) && v.policy.status !== 'governed') fail(`${label}.policy.status`, '"governed" (only governed versions are published)', v.policy.status);
      str('name');
      break;
    default:
      break;
  }
  return issues;
}

/** Checks a POST /audit body; at most `maxIssues` issues. */
export function checkAuditBatch(body: unknown, maxIssues = 50): { ok: true; events: AuditEvent[] } | { ok: false; issues: AuditIssue[] } {
  if (!isObj(body) || !Array.isArray(body.events)) {
    const found = describeFound(isObj(body) ? body.events : body);
    return { ok: false, issues: [{ field: 'events', expected: 'a list of audit events', found, message: `audit: field "events" expected a list of audit events, found ${found}` }] };
  }
  if (body.events.length > MAX_AUDIT_BATCH) {
    const found = String(body.events.length);
    return { ok: false, issues: [{ field: 'events', expected: `at most ${MAX_AUDIT_BATCH} events`, found, message: `audit: field "events" expected at most ${MAX_AUDIT_BATCH} events, found ${found}` }] };
  }
  const issues: AuditIssue[] = [];
  const ids = new Map<string, number>();
  body.events.forEach((e, i) => {
    if (issues.length >= maxIssues) return;
    issues.push(...checkAuditEvent(e, `events[${i}]`));
    const id = isObj(e) ? e.id : undefined;
    if (typeof id === 'string') {
      const first = ids.get(id);
      if (first !== undefined) issues.push({ field: `events[${i}].id`, expected: `an id not already in the batch (events[${first}])`, found: JSON.stringify(id), message: `audit events[${i}]: field "id" repeats events[${first}]` });
      else ids.set(id, i);
    }
  });
  return issues.length === 0 ? { ok: true, events: body.events as AuditEvent[] } : { ok: false, issues: issues.slice(0, maxIssues) };
}
