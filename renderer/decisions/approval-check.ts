/**
 * Who may approve what: the decision must still be proposed, the role must be the one the decision asks for (finance
 * for a credit-hold release), and its value, quantity and customer tier must be within the role's policy limits.
 * The sentence returned is what the planner reads, naming the decision and the limit.
 */
import type { Role } from '../../shared/domain';
import type { ApprovalLimit } from '../../shared/engine/policy';
import type { DecisionView } from '../state/rows';

const money = (cents: number) => new Intl.NumberFormat(undefined, { style: 'currency', currency: 'USD' }).format(cents / 100);

/** The roles whose limit would allow it, named for the message ("a supervisor or finance must approve it"). */
function whoMay(ok: (limit: ApprovalLimit) => boolean, limits: Readonly<Record<Role, ApprovalLimit>>, role: Role): string {
  const roles = (Object.keys(limits) as Role[]).filter((r) => r !== role && ok(limits[r]));
  return roles.length === 0 ? 'no role may approve it as it stands; split or reduce it' : `${roles.join(' or ')} must approve it`;
}

/** Why `role` may not approve `d`, or null when it may. */
export function approvalRefusal(d: DecisionView, role: Role, limits: Readonly<Record<Role, ApprovalLimit>>): string | null {
  if (d.displayStatus !== 'proposed') return `${d.id}: already ${d.displayStatus.replace('-', ' ')}, only proposed decisions can be approved.`;
  if (d.requiredRole && d.requiredRole !== 'planner' && d.requiredRole !== role) {
    return `${d.id}: needs the ${d.requiredRole} role; you are signed in as ${role}.`;
  }
  const limit = limits[role];
  if (d.valueAtStakeCents !== undefined && d.valueAtStakeCents > limit.maxValueCents) {
    const v = d.valueAtStakeCents;
    return `${d.id}: value ${money(v)} is above the ${role} limit of ${money(limit.maxValueCents)}; ${whoMay((l) => v <= l.maxValueCents, limits, role)}.`;
  }
  if (d.qty !== undefined && d.qty > limit.maxQty) {
    const q = d.qty;
    return `${d.id}: quantity ${q} is above the ${role} limit of ${limit.maxQty}; ${whoMay((l) => q <= l.maxQty, limits, role)}.`;
  }
  if (d.tier !== undefined && d.tier < limit.minTier) {
    const t = d.tier;
    return `${d.id}: customer tier ${t} is more strategic than a ${role} may decide for (tier ${limit.minTier} and below); ${whoMay((l) => t >= l.minTier, limits, role)}.`;
  }
  return null;
}
