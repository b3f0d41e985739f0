// Who may approve a decision. Two sources of requirement: the governed policy's thresholds by role (value, quantity,
// customer tier), and the governance rule that a decision proposed under a draft policy needs a supervisor —
// a draft has not been through governance, so a planner may not approve what it produced, whatever the amounts.
import type { CustomerTier, Role } from '../../domain';
import type { Policy } from '../../engine/policy';
import type { PolicyRef } from '../policy/versions';

/** What the approval check needs to know about one decision. */
export interface ApprovalSubject {
  readonly decisionId: string;
  /** The policy version the decision was proposed under (a draft or a governed version). */
  readonly proposedUnder: PolicyRef;
  /** The role the decision itself asks for (e.g. finance for a credit-hold release), if any. */
  readonly requiredRole?: Role;
  readonly valueCents?: number;
  readonly qty?: number;
  /** The most strategic tier among the customers the decision touches. */
  readonly tier?: CustomerTier;
}

export interface ApprovalVerdict {
  readonly allowed: boolean;
  /** The least role that satisfies every rule except thresholds. */
  readonly requiredRole: Role;
  /** Why not, one sentence per rule broken; empty when allowed. */
  readonly reasons: readonly string[];
}

/** The role a decision needs before thresholds: supervisor when proposed under a draft, else its own required role. */
export function requiredApproverRole(subject: Pick<ApprovalSubject, 'proposedUnder' | 'requiredRole'>): Role {
  const own = subject.requiredRole ?? 'planner';
  if (subject.proposedUnder.status === 'draft' && own === 'planner') return 'supervisor';
  return own;
}

/** True when `role` meets a requirement for `required` (a planner requirement is met by any role). */
function satisfies(role: Role, required: Role): boolean {
  return required === 'planner' || role === required;
}

/**
 * Decides whether `role` may approve the decision under the governed policy's thresholds. The governed policy (not
 * the draft) sets the limits: decisions are approved under the governed version.
 */
export function checkApproval(subject: ApprovalSubject, role: Role, governed: Policy): ApprovalVerdict {
  const reasons: string[] = [];
  const requiredRole = requiredApproverRole(subject);
  if (subject.proposedUnder.status === 'draft' && role !== 'supervisor') {
    reasons.push(`${subject.decisionId} was proposed under draft policy ${subject.proposedUnder.id}: a supervisor must approve it.`);
  } else if (!satisfies(role, requiredRole)) {
    reasons.push(`${subject.decisionId} needs the ${requiredRole} role; you are signed in as ${role}.`);
  }
  const limit = governed.approvals[role];
  if (subject.valueCents !== undefined && subject.valueCents > limit.maxValueCents) {
    reasons.push(`${subject.decisionId}: value ${(subject.valueCents / 100).toFixed(2)} is above the ${role} limit of ${(limit.maxValueCents / 100).toFixed(2)}.`);
  }
  if (subject.qty !== undefined && subject.qty > limit.maxQty) {
    reasons.push(`${subject.decisionId}: quantity ${subject.qty} is above the ${role} limit of ${limit.maxQty}.`);
  }
  if (subject.tier !== undefined && subject.tier < limit.minTier) {
    reasons.push(`${subject.decisionId}: a tier ${subject.tier} customer is above what a ${role} may decide (tier ${limit.minTier} and below).`);
  }
  return { allowed: reasons.length === 0, requiredRole, reasons };
}
