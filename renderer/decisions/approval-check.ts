/**
 * Who may approve what: the decision must still be proposed, the role must be the one the decision asks for (finance
 * for a credit-hold release), and its value, quantity and customer tier must be within the role's policy limits.
 * The sentence returned is what the planner reads, naming the decision and the limit.
 */
import type { Role } from '../../shared/domain';
import type { ApprovalLimit } from '../../shared/engine/policy';
import type { DecisionView } from '../state/rows';

const money = (cents: number) => new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' }).format(cents / 100);

/** Why `role` may not approve `d`, or null when it may. */
export function approvalRefusal(d: DecisionView, role: Role, limits: Readonly<Record<Role, ApprovalLimit>>): string | null {
  if (d.displayStatus !== 'proposed') return `${d.id}: already ${d.displayStatus.replace('-', ' ')}, only proposed decisions can be approved.`;
  if (d.requiredRole && d.requiredRole !== 'planner' && d.requiredRole !== role) {
    return `${d.id}: needs the ${d.requiredRole} role; you are signed in as ${role}.`;
  }
  const limit = limits[role];
  if (d.valueAtStakeCents !== undefined && d.valueAtStakeCents > limit.maxValueCents) {
    return `${d.id}: value ${money(d.valueAtStakeCents)} is above the ${role} limit of ${money(limit.maxValueCents)}; a supervisor must approve it.`;
  }
  if (d.qty !== undefined && d.qty > limit.maxQty) {
    return `${d.id}: quantity ${d.qty} is above the ${role} limit of ${limit.maxQty}; a supervisor must approve it.`;
  }
  if (d.tier !== undefined && d.tier < limit.minTier) {
    return `${d.id}: customer tier ${d.tier} is more strategic than a ${role} may decide for (tier ${limit.minTier} and below); a supervisor must approve it.`;
  }
  return null;
}
