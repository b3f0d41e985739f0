// The audit trail's event model. One event per thing that happened to a decision, append-only. Field names line up
// with the sync engineer's outbox AuditRecord (decisionId, at in epoch ms, event, actor, status, answer, detail) so
// both live in the same local `auditLog` table and the ERP answers written by the sender read as events here.
import type { Decision, DecisionType, Role } from '../../domain';
import type { PolicyRef } from '../policy/versions';

export const AUDIT_EVENT_KINDS = [
  'proposed',
  'override',
  'approved',
  'rejected',
  'queued',
  'sent',
  'applied',
  'erp-rejected',
  'needs-attention',
  'resolved',
  'discarded',
  'policy-published',
] as const;
export type AuditEventKind = (typeof AUDIT_EVENT_KINDS)[number];

/** Kinds that are a person's act (count as manual touches when the actor is not the engine). */
export const HUMAN_ACT_KINDS: readonly AuditEventKind[] = ['proposed', 'override', 'approved', 'rejected', 'resolved', 'discarded'];

interface Common<K extends AuditEventKind> {
  /** Unique and stable: the same happening always gets the same id, so re-sending it is harmless. */
  readonly id: string;
  readonly decisionId: string;
  /** The order lines the decision touches, so a line's timeline can be read without the decision. */
  readonly orderLineIds: readonly string[];
  /** Epoch milliseconds, UTC. */
  readonly at: number;
  readonly event: K;
  readonly actor: string;
  readonly detail?: string;
}

export interface ProposedEvent extends Common<'proposed'> {
  readonly decisionType: DecisionType;
  readonly scenario?: { readonly id: string; readonly name: string };
  /** The score factors behind the proposal, as the engine explained them. */
  readonly scoreBreakdown?: Readonly<Record<string, number>>;
  readonly policy: PolicyRef;
  readonly valueCents?: number;
}
export interface OverrideEvent extends Common<'override'> {
  readonly orderLineId: string;
  /** What the planner changed against the engine's recommendation. */
  readonly field: OverrideField;
  readonly engineValue: string | number | boolean | null;
  readonly plannerValue: string | number | boolean | null;
}
export interface ApprovedEvent extends Common<'approved'> {
  /** Absent only for events derived from a decision record, which does not keep the approver's role. */
  readonly role?: Role;
  /** The governed version in force when approved: what the decision is governed by. */
  readonly governedPolicy: PolicyRef;
  readonly proposedUnder?: PolicyRef;
}
export interface RejectedEvent extends Common<'rejected'> {
  /** Absent when the record did not say (the sync service's rejection records carry the name only). */
  readonly role?: Role;
  readonly reason: string;
}
export type QueuedEvent = Common<'queued'>;
export interface SentEvent extends Common<'sent'> {
  readonly attempt: number;
  readonly idempotencyKey: string;
}
export interface AppliedEvent extends Common<'applied'> {
  readonly status?: number;
  readonly answer?: unknown;
}
export interface ErpRejectedEvent extends Common<'erp-rejected'> {
  readonly status?: number;
  readonly answer?: unknown;
}
export interface NeedsAttentionEvent extends Common<'needs-attention'> {
  readonly status?: number;
  readonly answer?: unknown;
}
export interface ResolvedEvent extends Common<'resolved'> {
  readonly resolution?: 'reapply' | 'edit' | 'discard';
}
export type DiscardedEvent = Common<'discarded'>;
/**
 * A supervisor published a governed policy version on the ERP. `decisionId` carries the policy version's id
 * (e.g. 'POL-3') so the audit view finds it like any other subject; it touches no order line.
 */
export interface PolicyPublishedEvent extends Common<'policy-published'> {
  readonly role: Role;
  readonly policy: PolicyRef;
  /** The governed version it was published on top of (null for the first). */
  readonly basedOn: number | null;
  readonly name: string;
  /** How many policy fields differ from the version it was based on. */
  readonly changedFields: number;
}

export const OVERRIDE_FIELDS = ['allocatedQty', 'source', 'substitute', 'priority', 'lock'] as const;
export type OverrideField = (typeof OVERRIDE_FIELDS)[number];

export type AuditEvent =
  | ProposedEvent
  | OverrideEvent
  | ApprovedEvent
  | RejectedEvent
  | QueuedEvent
  | SentEvent
  | AppliedEvent
  | ErpRejectedEvent
  | NeedsAttentionEvent
  | ResolvedEvent
  | DiscardedEvent
  | PolicyPublishedEvent;

/** The canonical id of an event: kind, decision, time, plus a discriminator when one decision has several at once. */
export function auditEventId(event: AuditEventKind, decisionId: string, at: number, extra?: string): string {
  return `${decisionId}:${event}:${at}${extra === undefined ? '' : `:${extra}`}`;
}

/** The order lines a decision touches, read from its payload (none for an expedite, which is about supply). */
export function orderLineIdsOf(decision: Decision): string[] {
  const p = decision.payload as Record<string, unknown>;
  const ids: string[] = [];
  for (const k of ['orderLineId', 'fromOrderLineId', 'toOrderLineId'] as const) {
    const v = p[k];
    if (typeof v === 'string' && !ids.includes(v)) ids.push(v);
  }
  return ids;
}

/** The "proposed" event for a decision: who, from which scenario, with its score breakdown and policy version. */
export function proposedEvent(args: {
  readonly decision: Decision;
  readonly at: number;
  readonly policy: PolicyRef;
  readonly scenario?: { readonly id: string; readonly name: string };
  readonly actor?: string;
}): ProposedEvent {
  const d = args.decision;
  return {
    id: auditEventId('proposed', d.id, args.at),
    decisionId: d.id,
    orderLineIds: orderLineIdsOf(d),
    at: args.at,
    event: 'proposed',
    actor: args.actor ?? d.proposedBy,
    detail: d.reason,
    decisionType: d.type,
    ...(args.scenario ? { scenario: args.scenario } : {}),
    ...(d.scoreSnapshot ? { scoreBreakdown: d.scoreSnapshot } : {}),
    policy: args.policy,
    ...(d.valueAtStake !== undefined ? { valueCents: d.valueAtStake } : {}),
  };
}

/** The "approved" event: by whom, in which role, under which governed policy version. */
export function approvedEvent(args: {
  readonly decision: Decision;
  readonly at: number;
  readonly by: string;
  readonly role: Role;
  readonly governedPolicy: PolicyRef;
  readonly proposedUnder?: PolicyRef;
}): ApprovedEvent {
  return {
    id: auditEventId('approved', args.decision.id, args.at),
    decisionId: args.decision.id,
    orderLineIds: orderLineIdsOf(args.decision),
    at: args.at,
    event: 'approved',
    actor: args.by,
    role: args.role,
    governedPolicy: args.governedPolicy,
    ...(args.proposedUnder ? { proposedUnder: args.proposedUnder } : {}),
  };
}

/** The "rejected" event: by whom and why (a reason is required by the decisions screen). */
export function rejectedEvent(args: { readonly decision: Decision; readonly at: number; readonly by: string; readonly role: Role; readonly reason: string }): RejectedEvent {
  return {
    id: auditEventId('rejected', args.decision.id, args.at),
    decisionId: args.decision.id,
    orderLineIds: orderLineIdsOf(args.decision),
    at: args.at,
    event: 'rejected',
    actor: args.by,
    role: args.role,
    reason: args.reason,
    detail: args.reason,
  };
}
