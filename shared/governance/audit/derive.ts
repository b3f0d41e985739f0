// Events read from the decision records themselves, for the parts of a decision's history that were not logged as
// events (a decision proposed or approved before governance events were written, or by a path that does not log
// them). The record says who proposed and approved and when; the policy is the one given as in force, and the
// event says it was derived so an auditor can tell.
import type { Decision } from '../../domain';
import type { AuditEvent } from './events';
import { auditEventId, orderLineIdsOf } from './events';
import type { PolicyRef } from '../policy/versions';

/** 'proposed' and 'approved' events for decisions whose log lacks them. */
export function eventsFromDecisionRecords(decisions: readonly Decision[], logged: readonly AuditEvent[], policyInForce: PolicyRef | null): AuditEvent[] {
  const has = new Set(logged.map((e) => `${e.decisionId}|${e.event}`));
  const unknownPolicy: PolicyRef = policyInForce ?? { id: 'unknown', version: 0, status: 'governed' };
  const out: AuditEvent[] = [];
  for (const d of decisions) {
    const lines = orderLineIdsOf(d);
    const proposedAt = Date.parse(d.proposedAt);
    if (!has.has(`${d.id}|proposed`) && Number.isFinite(proposedAt)) {
      out.push({
        id: auditEventId('proposed', d.id, proposedAt),
        decisionId: d.id,
        orderLineIds: lines,
        at: proposedAt,
        event: 'proposed',
        actor: d.proposedBy,
        detail: `${d.reason} (from the decision record)`,
        decisionType: d.type,
        ...(d.scoreSnapshot ? { scoreBreakdown: d.scoreSnapshot } : {}),
        policy: unknownPolicy,
        ...(d.valueAtStake !== undefined ? { valueCents: d.valueAtStake } : {}),
      });
    }
    const approvedAt = d.approvedAt ? Date.parse(d.approvedAt) : NaN;
    if (!has.has(`${d.id}|approved`) && d.approvedBy && Number.isFinite(approvedAt)) {
      out.push({
        id: auditEventId('approved', d.id, approvedAt),
        decisionId: d.id,
        orderLineIds: lines,
        at: approvedAt,
        event: 'approved',
        actor: d.approvedBy,
        governedPolicy: unknownPolicy.status === 'governed' ? unknownPolicy : { ...unknownPolicy, status: 'governed' },
        detail: 'from the decision record',
      });
    }
  }
  return out;
}
