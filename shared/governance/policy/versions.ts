// Versioned policies: the ERP serves the governed versions; a planner may hold local drafts started from one.
// A version wraps the engine's Policy (shared/engine/policy.ts) and never redefines its fields.
import type { IsoDateTime, OrderType } from '../../domain';
import { isIsoDateTime } from '../../domain';
import type { Policy, SegmentStrategy } from '../../engine/policy';
import { describeFound, validatePolicy } from '../../engine/policy';

/**
 * A segment as governance reads and writes it: the engine's segment with its optional order type (absent on a line
 * = "standard"). Written while the engine's type was gaining `orderType`; now the same type, kept for its callers.
 */
export type GovernedSegment = SegmentStrategy & { readonly orderType?: OrderType };

/** The segments of a policy, with their order types visible. */
export function governedSegments(policy: Policy): readonly GovernedSegment[] {
  return policy.segments as readonly GovernedSegment[];
}

export const POLICY_STATUSES = ['governed', 'draft', 'retired'] as const;
/** governed: served by the ERP and approvable; draft: a planner's local trial; retired: a governed version superseded. */
export type PolicyStatus = (typeof POLICY_STATUSES)[number];

export interface PolicyVersion {
  /** Stable id, e.g. 'POL-3' for governed version 3, 'DRAFT-...' for a local draft. */
  readonly id: string;
  /** Governed: 1, 2, ... Draft: the governed version it was started from. */
  readonly version: number;
  readonly status: PolicyStatus;
  readonly name: string;
  /** When a governed version took effect; null for drafts. */
  readonly effectiveFrom: IsoDateTime | null;
  readonly createdBy: string;
  readonly createdAt: IsoDateTime;
  /** The governed version a draft or a newer version was derived from. */
  readonly basedOn: number | null;
  readonly note: string;
  readonly policy: Policy;
}

/** What a decision or an audit event keeps about a policy: enough to name it, not the whole policy. */
export interface PolicyRef {
  readonly id: string;
  readonly version: number;
  readonly status: PolicyStatus;
}

/** The reference a decision records for the policy version it was proposed or approved under. */
export function policyRef(v: PolicyVersion): PolicyRef {
  return { id: v.id, version: v.version, status: v.status };
}

/** The governed version in force: the highest governed version number (retired and drafts never count). */
export function activePolicyVersion(versions: readonly PolicyVersion[]): PolicyVersion | undefined {
  let best: PolicyVersion | undefined;
  for (const v of versions) if (v.status === 'governed' && (best === undefined || v.version > best.version)) best = v;
  return best;
}

/** Starts a local draft from a version (usually the active one). The draft keeps the policy values unchanged. */
export function startDraft(from: PolicyVersion, args: { readonly id: string; readonly by: string; readonly at: IsoDateTime; readonly name?: string }): PolicyVersion {
  const base = from.status === 'draft' ? (from.basedOn ?? from.version) : from.version;
  return {
    id: args.id,
    version: base,
    status: 'draft',
    name: args.name ?? `Draft from v${base}`,
    effectiveFrom: null,
    createdBy: args.by,
    createdAt: args.at,
    basedOn: base,
    note: '',
    policy: from.policy,
  };
}

/** A short human label: "v3 (governed)", "Draft from v3 (draft)". */
export function policyLabel(v: PolicyRef & { readonly name?: string }): string {
  if (v.status === 'draft') return `${v.name ?? `draft ${v.id}`} (draft from v${v.version})`;
  return `v${v.version} (${v.status})`;
}

/** One field of a policy version at fault. */
export interface PolicyVersionIssue {
  readonly field: string;
  readonly message: string;
}

/**
 * Checks a policy version as the ERP serves it: the envelope fields and the policy itself (strictly: a governed
 * policy is used as served, so it is never normalised). `label` prefixes every field, e.g. 'items[2]'.
 */
export function validatePolicyVersion(input: unknown, label = 'version'): { ok: true; version: PolicyVersion } | { ok: false; issues: PolicyVersionIssue[] } {
  const issues: PolicyVersionIssue[] = [];
  const fail = (field: string, expected: string, found: unknown) =>
    issues.push({ field: `${label}.${field}`, message: `policy version ${label}: field "${field}" expected ${expected}, found ${describeFound(found)}` });
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    return { ok: false, issues: [{ field: label, message: `policy version ${label}: expected an object, found ${describeFound(input)}` }] };
  }
  const v = input as Record<string, unknown>;
  if (typeof v.id !== 'string' || v.id === '') fail('id', 'a non-empty string', v.id);
  if (typeof v.version !== 'number' || !Number.isInteger(v.version) || v.version < 0) fail('version', 'a version number', v.version);
  if (!(POLICY_STATUSES as readonly unknown[]).includes(v.status)) fail('status', `one of ${POLICY_STATUSES.join(', ')}`, v.status);
  if (typeof v.name !== 'string') fail('name', 'a string', v.name);
  if (v.effectiveFrom !== null && !isIsoDateTime(v.effectiveFrom)) fail('effectiveFrom', 'null or a UTC instant', v.effectiveFrom);
  if (!isIsoDateTime(v.createdAt)) fail('createdAt', 'a UTC instant', v.createdAt);
  const r = validatePolicy(v.policy);
  if (!r.ok) for (const i of r.issues) issues.push({ field: `${label}.policy.${i.field}`, message: `policy version ${label}: ${i.message}` });
  return issues.length === 0 ? { ok: true, version: input as unknown as PolicyVersion } : { ok: false, issues };
}
