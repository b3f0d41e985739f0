/** Columns of the audit grid, as data. */
import type { AuditEvent } from '../../shared/governance';
import { describeAuditEvent } from '../../shared/governance';
import { defineColumns } from '../grid';

export interface AuditGridRow {
  readonly id: string;
  readonly at: number;
  readonly event: string;
  readonly decisionId: string;
  readonly orderLines: string;
  readonly actor: string;
  readonly what: string;
}

/** One grid row per event. */
export function auditGridRows(events: readonly AuditEvent[]): AuditGridRow[] {
  return events.map((e) => ({ id: e.id, at: e.at, event: e.event, decisionId: e.decisionId, orderLines: e.orderLineIds.join(', '), actor: e.actor, what: describeAuditEvent(e) }));
}

export const auditColumns = defineColumns<AuditGridRow>([
  { id: 'at', header: 'When', kind: 'datetime', width: 170, sort: 'desc' },
  { id: 'event', header: 'Event', kind: 'text', width: 130 },
  { id: 'decisionId', header: 'Decision', kind: 'text', width: 170 },
  { id: 'orderLines', header: 'Order lines', kind: 'text', width: 190 },
  { id: 'actor', header: 'By', kind: 'text', width: 120 },
  { id: 'what', header: 'What happened', kind: 'text', flex: 1, minWidth: 320, tooltip: (r) => r.what },
]);
