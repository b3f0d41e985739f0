// Timeline and search queries over audit events: what the audit view shows per decision and per order line.
import type { AuditEvent, AuditEventKind } from './events';
import { AUDIT_EVENT_KINDS } from './events';
import { policyLabel } from '../policy/versions';

const KIND_ORDER = new Map<AuditEventKind, number>(AUDIT_EVENT_KINDS.map((k, i) => [k, i]));

/** Time order; at the same instant, the lifecycle order (proposed before approved before sent...), then id. */
export function compareEvents(a: AuditEvent, b: AuditEvent): number {
  return a.at - b.at || (KIND_ORDER.get(a.event) ?? 0) - (KIND_ORDER.get(b.event) ?? 0) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** A decision's full history, oldest first. */
export function decisionTimeline(events: readonly AuditEvent[], decisionId: string): AuditEvent[] {
  return events.filter((e) => e.decisionId === decisionId).sort(compareEvents);
}

/** Everything that happened to decisions touching an order line, oldest first. */
export function orderLineTimeline(events: readonly AuditEvent[], orderLineId: string): AuditEvent[] {
  return events.filter((e) => e.orderLineIds.includes(orderLineId)).sort(compareEvents);
}

export interface AuditQuery {
  /** Words that must all appear (case-insensitive) in the event's id, decision, order lines, actor, kind or description. */
  readonly text?: string;
  readonly kinds?: readonly AuditEventKind[];
  readonly actor?: string;
  readonly decisionId?: string;
  readonly orderLineId?: string;
  /** Inclusive epoch-ms bounds. */
  readonly from?: number;
  readonly to?: number;
}

/** The searchable text of an event. */
export function eventSearchText(e: AuditEvent): string {
  return [e.id, e.decisionId, ...e.orderLineIds, e.actor, e.event, describeAuditEvent(e)].join(' ').toLowerCase();
}

/** Events matching every given criterion, oldest first. */
export function searchAudit(events: readonly AuditEvent[], q: AuditQuery): AuditEvent[] {
  const words = (q.text ?? '').toLowerCase().split(/\s+/).filter((w) => w !== '');
  return events
    .filter((e) => {
      if (q.kinds && q.kinds.length > 0 && !q.kinds.includes(e.event)) return false;
      if (q.actor && e.actor !== q.actor) return false;
      if (q.decisionId && e.decisionId !== q.decisionId) return false;
      if (q.orderLineId && !e.orderLineIds.includes(q.orderLineId)) return false;
      if (q.from !== undefined && e.at < q.from) return false;
      if (q.to !== undefined && e.at > q.to) return false;
      if (words.length === 0) return true;
      const text = eventSearchText(e);
      return words.every((w) => text.includes(w));
    })
    .sort(compareEvents);
}

function fmt(v: unknown): string {
  return v === null || v === undefined ? 'nothing' : String(v);
}

/** One sentence saying what happened, in the planner's words. */
export function describeAuditEvent(e: AuditEvent): string {
  switch (e.event) {
    case 'proposed': {
      const from = e.scenario ? ` from scenario "${e.scenario.name}"` : '';
      const score = e.scoreBreakdown ? ` score ${Object.entries(e.scoreBreakdown).map(([k, v]) => `${k} ${Math.round(v * 100) / 100}`).join(', ')};` : '';
      return `${e.actor} proposed a ${e.decisionType} decision${from} under policy ${policyLabel(e.policy)};${score} ${e.detail ?? ''}`.trim();
    }
    case 'override':
      return `${e.actor} overrode the engine on ${e.orderLineId}: ${e.field} ${fmt(e.engineValue)} (engine) -> ${fmt(e.plannerValue)} (planner)`;
    case 'approved':
      return `${e.actor}${e.role ? ` (${e.role})` : ''} approved under governed policy v${e.governedPolicy.version}${e.proposedUnder?.status === 'draft' ? ` (proposed under draft ${e.proposedUnder.id})` : ''}`;
    case 'rejected':
      return `${e.actor}${e.role ? ` (${e.role})` : ''} rejected: ${e.reason}`;
    case 'queued':
      return `${e.actor}: queued for the ERP`;
    case 'sent':
      return `sent to the ERP (attempt ${e.attempt}, key ${e.idempotencyKey})`;
    case 'applied':
      return `the ERP applied it${e.status !== undefined ? ` (HTTP ${e.status})` : ''}`;
    case 'erp-rejected':
      return `the ERP refused it${e.status !== undefined ? ` (HTTP ${e.status})` : ''}${e.detail ? `: ${e.detail}` : ''}`;
    case 'needs-attention':
      return `conflict with the ERP${e.status !== undefined ? ` (HTTP ${e.status})` : ''}: ${e.detail ?? 'rows changed since approval'}`;
    case 'resolved':
      return `${e.actor} resolved the conflict${e.resolution ? ` (${e.resolution})` : ''}${e.detail ? `: ${e.detail}` : ''}`;
    case 'discarded':
      return `${e.actor} discarded it${e.detail ? `: ${e.detail}` : ''}`;
    case 'policy-published':
      return `${e.actor} (${e.role}) published policy v${e.policy.version} "${e.name}"${e.basedOn !== null ? ` on top of v${e.basedOn}` : ''} (${e.changedFields} field${e.changedFields === 1 ? '' : 's'} changed)${e.detail ? `: ${e.detail}` : ''}`;
  }
}
