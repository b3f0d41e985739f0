import * as XLSX from 'xlsx';
import { describe, expect, it } from 'vitest';
import { exampleDecision } from '../../shared/domain';
import type { PlanLine } from '../../shared/engine/types';
import {
  approvedEvent,
  auditEventFromRow,
  auditEventsFromRows,
  auditRowOf,
  auditWorkbook,
  checkAuditBatch,
  decisionTimeline,
  eventsFromDecisionRecords,
  describeAuditEvent,
  findOverrides,
  kpiReportWorkbook,
  computeKpiReport,
  orderLineTimeline,
  overrideEvents,
  planAppend,
  proposedEvent,
  rejectedEvent,
  searchAudit,
} from '../../shared/governance';
import type { AuditEvent } from '../../shared/governance';
import { audit, draftRef, governedV1, input, ms } from './fixtures';

describe('audit events', () => {
  it('a proposal records who, which scenario, the score breakdown and the policy version', () => {
    const e = proposedEvent({ decision: { ...exampleDecision, scoreSnapshot: { slaUrgency: 21, margin: 7 } }, at: ms('2026-11-27T09:12:00Z'), policy: draftRef, scenario: { id: 'S1', name: 'Spike' } });
    expect(e).toMatchObject({
      event: 'proposed', decisionId: exampleDecision.id, actor: 'planner', decisionType: 'reallocate',
      orderLineIds: ['OL-SO-104198-1', 'OL-SO-104211-3'], scenario: { name: 'Spike' }, scoreBreakdown: { slaUrgency: 21 }, policy: draftRef,
    });
    expect(describeAuditEvent(e)).toContain('from scenario "Spike"');
    expect(describeAuditEvent(e)).toContain('draft from v1');
  });
  it('approval records the governed version it was approved under', () => {
    const e = approvedEvent({ decision: exampleDecision, at: 1, by: 'sam', role: 'supervisor', governedPolicy: governedV1, proposedUnder: draftRef });
    expect(describeAuditEvent(e)).toBe('sam (supervisor) approved under governed policy v1 (proposed under draft DRAFT-1)');
  });
  it('rejection keeps the reason', () => {
    expect(describeAuditEvent(rejectedEvent({ decision: exampleDecision, at: 1, by: 'sam', role: 'supervisor', reason: 'wrong customer' }))).toContain('wrong customer');
  });
});

describe('timelines and search', () => {
  it('a decision timeline is its events oldest first', () => {
    expect(decisionTimeline(audit, 'D1').map((e) => e.event)).toEqual(['proposed', 'approved', 'applied']);
  });
  it('an order line timeline gathers every decision that touched it', () => {
    expect(orderLineTimeline(audit, 'L1').map((e) => `${e.decisionId}:${e.event}`)).toEqual(['D1:proposed', 'D3:proposed', 'D1:approved', 'D1:applied', 'D3:rejected']);
  });
  it('at the same instant, the lifecycle order wins (proposed before override)', () => {
    expect(decisionTimeline(audit, 'D2').map((e) => e.event)).toEqual(['proposed', 'override', 'approved']);
  });
  it('search matches all words, kinds, actor and period', () => {
    expect(searchAudit(audit, { text: 'customer cancelled' }).map((e) => e.id)).toEqual([audit[6]?.id]);
    expect(searchAudit(audit, { kinds: ['approved'], actor: 'sam' }).map((e) => e.decisionId)).toEqual(['D1', 'D2']);
    expect(searchAudit(audit, { text: 'l3' }).map((e) => e.decisionId)).toEqual(['D4']);
    expect(searchAudit(audit, { from: ms('2026-11-20T00:00:00Z') }).map((e) => e.decisionId)).toEqual(['D4', 'D2']);
  });
});

describe('reading the local audit table', () => {
  it("reads the sender's ERP answer records as events, the ERP's 'rejected' as erp-rejected", () => {
    const e = auditEventFromRow({ id: 12, decisionId: 'D1', at: 5, event: 'rejected', status: 422, actor: 'sam', detail: 'unknown item' }, () => ['L1']);
    expect(e).toMatchObject({ event: 'erp-rejected', id: 'D1:rejected:5'.replace('rejected', 'erp-rejected'), orderLineIds: ['L1'], status: 422 });
    expect(describeAuditEvent(e as AuditEvent)).toBe('the ERP refused it (HTTP 422): unknown item');
  });
  it('round-trips governance events through their table row (eventId carries the id)', () => {
    const first = audit[0] as AuditEvent;
    const row = { ...auditRowOf(first), id: 99 };
    expect(auditEventFromRow(row)).toEqual(first);
  });
  it('skips rows that are not audit rows', () => {
    expect(auditEventFromRow({ decisionId: 'D1', event: 'applied' })).toBeNull();
    expect(auditEventFromRow({ decisionId: 'D1', at: 1, event: 'teleported', actor: 'x' })).toBeNull();
  });
});

describe('append-only log', () => {
  it('appends new events, ignores identical repeats, refuses changed content under a known id', () => {
    const existing = new Map(audit.slice(0, 2).map((e) => [e.id, e]));
    const changed = { ...(audit[1] as AuditEvent), actor: 'mallory' } as AuditEvent;
    const out = planAppend(existing, [audit[0] as AuditEvent, changed, audit[2] as AuditEvent, audit[2] as AuditEvent]);
    expect(out.appended.map((e) => e.id)).toEqual([audit[2]?.id]);
    expect(out.duplicates).toEqual([audit[0]?.id, audit[2]?.id]);
    expect(out.conflicts).toEqual([audit[1]?.id]);
  });
});

describe('POST /audit batch validation', () => {
  it('accepts the fixtures', () => {
    expect(checkAuditBatch({ events: audit }).ok).toBe(true);
  });
  it('names the event index and field at fault', () => {
    const bad = [audit[0], { ...(audit[1] as object), governedPolicy: draftRef }, { ...(audit[2] as object), at: 'yesterday' }, audit[0]];
    const r = checkAuditBatch({ events: bad });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.field)).toEqual(['events[1].governedPolicy.status', 'events[2].at', 'events[3].id']);
  });
  it('refuses a body without events', () => {
    const r = checkAuditBatch({ items: [] });
    expect(r.ok).toBe(false);
  });
});

const line = (id: string, over: Partial<PlanLine>): PlanLine => ({
  orderLineId: id, groupId: 'G', rank: 1, score: 50, scoreBreakdown: { slaUrgency: 0, margin: 0, contract: 0, tier: 0, orderAge: 0, erpPriority: 0 }, strategy: 'fill',
  demandQty: 10, allocatedQty: 10, allocations: [{ itemId: 'I1', warehouseId: 'W1', qty: 10, lineQty: 10, shipDate: '2026-11-22' as never, source: 'on-hand', costCents: 0 }],
  shortQty: 0, erpReservedQty: 0, split: false, partial: false, shipDate: '2026-11-22' as never, daysLate: 0, held: false, locked: false, priorityOverride: null, explanation: '', ...over,
});

describe('overrides', () => {
  it("records both the engine's and the planner's value where they differ", () => {
    const engine = [line('L1', {}), line('L2', {})];
    const planner = [
      line('L1', { allocatedQty: 6, priorityOverride: 1, allocations: [{ itemId: 'I1', warehouseId: 'W2', qty: 6, lineQty: 6, shipDate: '2026-11-23' as never, source: 'transfer', costCents: 60 }] }),
      line('L2', {}),
    ];
    const f = findOverrides(engine, planner);
    expect(f).toEqual([
      { orderLineId: 'L1', field: 'priority', engineValue: null, plannerValue: 1 },
      { orderLineId: 'L1', field: 'allocatedQty', engineValue: 10, plannerValue: 6 },
      { orderLineId: 'L1', field: 'source', engineValue: 'on-hand@W1', plannerValue: 'transfer@W2' },
    ]);
    const events = overrideEvents(f, { decisionIdFor: (id) => (id === 'L1' ? 'D1' : undefined), actor: 'pat', at: 10 });
    expect(events).toHaveLength(3);
    expect(new Set(events.map((e) => e.id)).size).toBe(3);
    expect(describeAuditEvent(events[2] as AuditEvent)).toBe('pat overrode the engine on L1: source on-hand@W1 (engine) -> transfer@W2 (planner)');
  });
});

describe('workbooks', () => {
  it('the audit workbook holds one row per event, oldest first', () => {
    const bytes = auditWorkbook(audit, 'All events');
    expect(bytes).toBeInstanceOf(Uint8Array);
    const wb = XLSX.read(bytes, { type: 'array' });
    const rows = XLSX.utils.sheet_to_json<string[]>(wb.Sheets['Audit trail'] as XLSX.WorkSheet, { header: 1 });
    expect(rows[0]).toEqual(['All events']);
    expect(rows).toHaveLength(2 + audit.length);
    expect(rows[2]?.[1]).toBe('D1');
    expect(rows[2]?.[3]).toBe('proposed');
  });
  it('the KPI report has a summary with every headline and a sheet of rows per KPI', () => {
    const report = computeKpiReport(input);
    const wb = XLSX.read(kpiReportWorkbook(report), { type: 'array' });
    expect(wb.SheetNames).toHaveLength(1 + report.kpis.length);
    const summary = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets.Summary as XLSX.WorkSheet, { header: 1 });
    const cost = summary.find((r) => r[0] === 'Expedite and transfer cost in the plan');
    expect(cost?.[2]).toBe(13);
    const aging = XLSX.utils.sheet_to_json<Record<string, unknown>>(wb.Sheets[wb.SheetNames[1] as string] as XLSX.WorkSheet);
    expect(aging.map((r) => r.id)).toEqual(['X1', 'X2', 'X3']);
  });
});

describe('reading rejections and decision records', () => {
  it("reads the sync service's rejection record as a reviewer's rejection with its reason", () => {
    const e = auditEventFromRow({ id: 3, decisionId: 'D5', at: 7, event: 'discarded', actor: 'sam', detail: 'rejected by sam: stock promised to a key account' }, () => ['L9']);
    expect(e).toMatchObject({ event: 'rejected', actor: 'sam', reason: 'stock promised to a key account', orderLineIds: ['L9'] });
  });
  it('derives proposed and approved events a decision record shows but the log lacks', () => {
    const logged = [proposedEvent({ decision: exampleDecision, at: ms('2026-11-27T09:12:00Z'), policy: governedV1 })];
    const derived = eventsFromDecisionRecords([exampleDecision], logged, governedV1);
    expect(derived).toHaveLength(1);
    expect(derived[0]).toMatchObject({ event: 'approved', actor: 'supervisor', at: ms('2026-11-27T09:30:00Z'), governedPolicy: governedV1, detail: 'from the decision record' });
    expect(eventsFromDecisionRecords([exampleDecision], [], governedV1).map((e) => e.event)).toEqual(['proposed', 'approved']);
  });
});

describe('one rejection, two records', () => {
  it("keeps governance's rejection (with the role) over the sync service's record of the same rejection", () => {
    const rows = [
      { id: 1, decisionId: 'D5', at: 7, event: 'discarded', actor: 'sam', detail: 'rejected by sam: wait for inbound' },
      { id: 2, decisionId: 'D5', at: 8, event: 'rejected', eventId: 'D5:rejected:8', actor: 'sam', role: 'supervisor', reason: 'wait for inbound', orderLineIds: ['L9'] },
    ];
    const { events } = auditEventsFromRows(rows);
    expect(events.map((e) => [e.event, e.id])).toEqual([['rejected', 'D5:rejected:8']]);
  });
});

describe('KPI workbook size', () => {
  it('keeps the first rows of a long KPI and says how many there were', () => {
    const wb = XLSX.read(kpiReportWorkbook(computeKpiReport(input), 1), { type: 'array' });
    const aging = XLSX.utils.sheet_to_json<unknown[]>(wb.Sheets[wb.SheetNames[1] as string] as XLSX.WorkSheet, { header: 1 });
    expect(aging.map((r) => r[0])).toEqual(['category', 'backorder', 'First 1 of 3 rows; filter the dashboard to narrow them.']);
  });
});
