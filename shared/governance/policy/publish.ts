// Publishing a draft as the next governed version (POST /api/v1/policies): the request and its validation, the
// version the ERP makes of it, and the audit event saying who published what. Validation is strict, unlike a
// draft's: a governed policy is used exactly as published, so its weights must already sum to 100 (the policy
// screen normalises drafts when they are saved) and every segment must be known.
import type { IsoDateTime, Role } from '../../domain';
import type { Policy, PolicyIssue } from '../../engine/policy';
import { describeFound, validatePolicy } from '../../engine/policy';
import { SCORE_FACTORS } from '../../engine/types';
import type { PolicyPublishedEvent } from '../audit/events';
import { auditEventId } from '../audit/events';
import { fingerprint, stableJson } from '../audit/log';
import { comparePolicies } from './compare';
import { checkSegments } from './draft';
import type { PolicyVersion } from './versions';
import { policyRef } from './versions';

/** Roles that may publish a governed policy version. */
export const POLICY_PUBLISHER_ROLES: readonly Role[] = ['supervisor'];
export const MAX_POLICY_NAME_LENGTH = 120;
export const MAX_POLICY_NOTE_LENGTH = 2000;

/** Body of GET /api/v1/policies (ETag header: `policiesEtag(items)`). */
export interface PoliciesResponse {
  readonly items: readonly PolicyVersion[];
  /** Version number of the policy in force. */
  readonly activeVersion: number | null;
  readonly serverTime: string;
}

/** Body of POST /api/v1/policies. */
export interface PublishPolicyRequest {
  /** The newest version the publisher has seen (a draft's `basedOn`): refused with 412 when a newer one exists. */
  readonly baseVersion: number;
  readonly name: string;
  readonly note?: string;
  readonly policy: Policy;
}

/** 201 (published now) or 200 (replay of the same Idempotency-Key) body of POST /api/v1/policies. */
export interface PublishPolicyResult {
  readonly idempotencyKey: string;
  /** The new governed version, now the active one. */
  readonly version: PolicyVersion;
  readonly activeVersion: number;
  /** The audit event the ERP recorded with it (the workbench adds the same event to its local log). */
  readonly auditEvent: PolicyPublishedEvent;
}

/** The highest version number the ERP has issued (governed or retired); 0 when there is none. */
export function latestPolicyVersionNumber(versions: readonly PolicyVersion[]): number {
  let n = 0;
  for (const v of versions) if (v.status !== 'draft' && v.version > n) n = v.version;
  return n;
}

/** The ETag of the policy collection: changes with every publication. */
export function policiesEtag(versions: readonly PolicyVersion[]): string {
  return `"policies-v${latestPolicyVersionNumber(versions)}"`;
}

/** Why `role` may not publish, or null when it may. */
export function publishRefusal(role: Role | null): string | null {
  if (role !== null && POLICY_PUBLISHER_ROLES.includes(role)) return null;
  return `publishing a governed policy version needs the ${POLICY_PUBLISHER_ROLES.join(' or ')} role${role === null ? '' : `; signed in as ${role}`}`;
}

function issue(field: string, expected: string, value: unknown): PolicyIssue {
  const found = describeFound(value);
  return { field, expected, found, message: `policy publication: field "${field}" expected ${expected}, found ${found}` };
}

/** Checks a publish request field by field; policy fields are named `policy.<field>`. */
export function checkPublishRequest(body: unknown): { ok: true; request: PublishPolicyRequest } | { ok: false; issues: PolicyIssue[] } {
  if (typeof body !== 'object' || body === null || Array.isArray(body)) return { ok: false, issues: [issue('(body)', 'an object { baseVersion, name, note, policy }', body)] };
  const b = body as Record<string, unknown>;
  const issues: PolicyIssue[] = [];
  if (typeof b.baseVersion !== 'number' || !Number.isInteger(b.baseVersion) || b.baseVersion < 0) issues.push(issue('baseVersion', 'the governed version number the draft is based on', b.baseVersion));
  if (typeof b.name !== 'string' || b.name.trim() === '' || b.name.length > MAX_POLICY_NAME_LENGTH) issues.push(issue('name', `a name of 1 to ${MAX_POLICY_NAME_LENGTH} characters`, b.name));
  if (b.note !== undefined && (typeof b.note !== 'string' || b.note.length > MAX_POLICY_NOTE_LENGTH)) issues.push(issue('note', `a note of at most ${MAX_POLICY_NOTE_LENGTH} characters`, b.note));
  const prefix = (i: PolicyIssue): PolicyIssue => {
    const field = i.field === '(policy)' ? 'policy' : `policy.${i.field}`;
    return { ...i, field, message: `policy publication: field "${field}" expected ${i.expected}, found ${i.found}` };
  };
  const segmentIssues = checkSegments((b.policy as { segments?: unknown } | undefined)?.segments).map(prefix);
  const engine = validatePolicy(b.policy);
  const ours = new Set(segmentIssues.map((i) => i.field));
  issues.push(...segmentIssues, ...(engine.ok ? [] : engine.issues.map(prefix).filter((i) => !ours.has(i.field))));
  if (engine.ok) {
    const total = SCORE_FACTORS.reduce((s, f) => s + engine.policy.weights[f], 0);
    if (Math.abs(total - 100) > 1e-6) issues.push(issue('policy.weights', 'weights summing to 100 (save the draft first: the policy screen normalises them)', Math.round(total * 1e6) / 1e6));
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, request: { baseVersion: b.baseVersion as number, name: (b.name as string).trim(), ...(b.note === undefined ? {} : { note: b.note as string }), policy: b.policy as Policy } };
}

/** The version the ERP creates for an accepted request: the next number, in force from `at`. */
export function publishedVersion(args: { readonly versions: readonly PolicyVersion[]; readonly request: PublishPolicyRequest; readonly by: string; readonly at: IsoDateTime }): PolicyVersion {
  const n = latestPolicyVersionNumber(args.versions) + 1;
  return {
    id: `POL-${n}`,
    version: n,
    status: 'governed',
    name: args.request.name,
    effectiveFrom: args.at,
    createdBy: args.by,
    createdAt: args.at,
    basedOn: args.request.baseVersion === 0 ? null : args.request.baseVersion,
    note: args.request.note ?? '',
    policy: args.request.policy,
  };
}

/** The version list after a publication: the new version appended, every earlier governed version retired. */
export function withPublished(versions: readonly PolicyVersion[], published: PolicyVersion): PolicyVersion[] {
  return [...versions.map((v) => (v.status === 'governed' ? { ...v, status: 'retired' as const } : v)), published];
}

/** The audit event of a publication; `previous` is the version it was based on, to count the fields changed. */
export function policyPublishedEvent(args: { readonly version: PolicyVersion; readonly role: Role; readonly previous: PolicyVersion | undefined }): PolicyPublishedEvent {
  const v = args.version;
  const at = Date.parse(v.createdAt);
  return {
    id: auditEventId('policy-published', v.id, at),
    decisionId: v.id,
    orderLineIds: [],
    at,
    event: 'policy-published',
    actor: v.createdBy,
    role: args.role,
    policy: policyRef(v),
    basedOn: v.basedOn,
    name: v.name,
    changedFields: args.previous ? comparePolicies(args.previous.policy, v.policy).length : 0,
    ...(v.note === '' ? {} : { detail: v.note }),
  };
}

/**
 * The Idempotency-Key for publishing a draft: the draft's id and a fingerprint of exactly what is sent, so a retry
 * after a lost answer replays, while an edited draft is a new publication.
 */
export function publicationKey(draftId: string, request: PublishPolicyRequest): string {
  return `publish-${draftId}-${fingerprint(stableJson(request)).replace(':', '-')}`;
}
