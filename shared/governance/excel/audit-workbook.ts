// The audit trail (or a searched part of it) as an .xlsx workbook: one row per event, oldest first.
import * as XLSX from 'xlsx';
import type { AuditEvent } from '../audit/events';
import { compareEvents, describeAuditEvent } from '../audit/timeline';

export const AUDIT_SHEET_COLUMNS = ['At (UTC)', 'Decision', 'Order lines', 'Event', 'Actor', 'What happened', 'Event id'] as const;

/** The audit workbook, as xlsx bytes. `title` goes in the first row (e.g. the search that produced the events). */
export function auditWorkbook(events: readonly AuditEvent[], title: string): Uint8Array {
  const rows = [...events].sort(compareEvents).map((e) => [new Date(e.at).toISOString(), e.decisionId, e.orderLineIds.join(', '), e.event, e.actor, describeAuditEvent(e), e.id]);
  const sheet = XLSX.utils.aoa_to_sheet([[title], [...AUDIT_SHEET_COLUMNS], ...rows]);
  const wb = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(wb, sheet, 'Audit trail');
  // type 'array' yields an ArrayBuffer; callers (and the bridge's file:save) expect a Uint8Array.
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer);
}
