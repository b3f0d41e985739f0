// Reads rows of the local audit table as events. The table holds two shapes: events written by governance (with
// `id` and `orderLineIds`) and records the outbox sender writes on an ERP answer (sync's AuditRecord, where
// `rejected` with an HTTP status means the ERP refused it). Both become AuditEvents here, so a timeline is complete.
import type { AuditEvent, AuditEventKind } from './events';
import { AUDIT_EVENT_KINDS, auditEventId } from './events';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * One stored row as an event, or null when the row is not an audit row (missing decision id, time or kind).
 * `orderLinesOf` fills in order lines for rows that do not carry them (the sender's records).
 */
export function auditEventFromRow(row: unknown, orderLinesOf: (decisionId: string) => readonly string[] = () => []): AuditEvent | null {
  if (!isRecord(row)) return null;
  const { decisionId, at, actor } = row;
  let kind = row.event;
  if (typeof decisionId !== 'string' || typeof at !== 'number' || !Number.isFinite(at) || typeof kind !== 'string') return null;
  // The sender's 'rejected' is the ERP's answer (it always carries the HTTP status); a reviewer's carries a role.
  if (kind === 'rejected' && typeof row.status === 'number' && row.role === undefined) kind = 'erp-rejected';
  // The sync service records a reviewer's rejection as 'discarded' with "rejected by <who>: <reason>".
  const rejection = kind === 'discarded' && typeof row.detail === 'string' ? /^rejected by (.+?): ([\s\S]*)$/.exec(row.detail) : null;
  if (rejection) {
    const reason = rejection[2] ?? '';
    const { id: _k, eventId: _e, ...restOfRow } = row;
    return {
      ...restOfRow,
      id: typeof row.eventId === 'string' ? row.eventId : auditEventId('rejected', decisionId, at),
      decisionId,
      at,
      event: 'rejected',
      actor: typeof actor === 'string' ? actor : (rejection[1] ?? 'unknown'),
      reason,
      detail: reason,
      orderLineIds: Array.isArray(row.orderLineIds) ? row.orderLineIds.filter((x): x is string => typeof x === 'string') : [...orderLinesOf(decisionId)],
    } as AuditEvent;
  }
  if (typeof kind !== 'string' || !(AUDIT_EVENT_KINDS as readonly string[]).includes(kind)) return null;
  const event = kind as AuditEventKind;
  const { id: _localKey, eventId, ...rest } = row;
  const id = typeof eventId === 'string' ? eventId : typeof row.id === 'string' ? row.id : auditEventId(event, decisionId, at);
  const orderLineIds = Array.isArray(row.orderLineIds) ? row.orderLineIds.filter((x): x is string => typeof x === 'string') : [...orderLinesOf(decisionId)];
  return { ...rest, id, decisionId, at, event, actor: typeof actor === 'string' ? actor : 'unknown', orderLineIds } as AuditEvent;
}

/**
 * Every readable row as an event; unreadable rows are skipped and counted so the view can say so. A rejection is
 * recorded twice when both the sync service (name only) and governance (name and role) log it: the fuller one is kept.
 */
export function auditEventsFromRows(rows: readonly unknown[], orderLinesOf?: (decisionId: string) => readonly string[]): { events: AuditEvent[]; skipped: number } {
  const events: AuditEvent[] = [];
  let skipped = 0;
  for (const r of rows) {
    const e = auditEventFromRow(r, orderLinesOf);
    if (e) events.push(e);
    else skipped++;
  }
  const withRole = new Set(events.filter((e) => e.event === 'rejected' && e.role !== undefined).map((e) => `${e.decisionId}|${e.actor}`));
  return { events: events.filter((e) => !(e.event === 'rejected' && e.role === undefined && withRole.has(`${e.decisionId}|${e.actor}`))), skipped };
}

/**
 * The row to store for an event in the local `auditLog` table (primary key `++id`, a local counter): the event's own
 * id travels as `eventId`, so the table keeps its numeric keys and the event keeps its stable id.
 */
export function auditRowOf(event: AuditEvent): Record<string, unknown> & { eventId: string; decisionId: string; at: number; event: AuditEventKind } {
  const { id, ...rest } = event;
  return { ...rest, eventId: id };
}
