// Hand-made histories with known answers for the KPI tests. Times are written out so each figure can be checked by hand.
import type { IsoDate } from '../../shared/domain';
import type { AuditEvent, ExceptionFact, KpiInput, LineFact, PolicyRef } from '../../shared/governance';

export const ms = (iso: string): number => Date.parse(iso);
export const day = (d: string): IsoDate => d as IsoDate;

export const governedV1: PolicyRef = { id: 'POL-1', version: 1, status: 'governed' };
export const draftRef: PolicyRef = { id: 'DRAFT-1', version: 1, status: 'draft' };

export const ASOF = ms('2026-11-20T12:00:00Z');

export const exceptions: ExceptionFact[] = [
  { id: 'X1', type: 'backorder', detectedAt: ms('2026-11-18T12:00:00Z'), resolvedAt: null, orderLineId: 'L1', region: 'North', warehouseId: 'W1', channel: 'retail' },
  { id: 'X2', type: 'backorder', detectedAt: ms('2026-11-10T12:00:00Z'), resolvedAt: null, orderLineId: 'L2', region: 'North', warehouseId: 'W1', channel: 'retail' },
  { id: 'X3', type: 'credit-hold', detectedAt: ms('2026-11-20T06:00:00Z'), resolvedAt: null, region: 'South', warehouseId: 'W2' },
  { id: 'X4', type: 'backorder', detectedAt: ms('2026-11-15T00:00:00Z'), resolvedAt: ms('2026-11-15T06:00:00Z'), orderLineId: 'L3', region: 'South', warehouseId: 'W2', channel: 'ecommerce' },
  { id: 'X5', type: 'shipment-delay', detectedAt: ms('2026-11-16T00:00:00Z'), resolvedAt: ms('2026-11-17T00:00:00Z'), region: 'South', warehouseId: 'W2' },
  // Detected after asOf: not yet part of the picture.
  { id: 'X6', type: 'backorder', detectedAt: ms('2026-11-21T00:00:00Z'), resolvedAt: null, region: 'North', warehouseId: 'W1' },
];

const base = (event: AuditEvent['event'], decisionId: string, at: string, actor: string, lines: string[]) => ({
  id: `${decisionId}:${event}:${ms(at)}`,
  decisionId,
  orderLineIds: lines,
  at: ms(at),
  actor,
});

export const audit: AuditEvent[] = [
  { ...base('proposed', 'D1', '2026-11-19T08:00:00Z', 'engine', ['L1']), event: 'proposed', decisionType: 'reserve', policy: governedV1 },
  { ...base('approved', 'D1', '2026-11-19T12:00:00Z', 'sam', ['L1']), event: 'approved', role: 'supervisor', governedPolicy: governedV1 },
  { ...base('proposed', 'D2', '2026-11-19T10:00:00Z', 'pat', ['L2']), event: 'proposed', decisionType: 'reallocate', policy: governedV1 },
  { ...base('override', 'D2', '2026-11-19T10:00:00Z', 'pat', ['L2']), event: 'override', orderLineId: 'L2', field: 'allocatedQty', engineValue: 5, plannerValue: 0 },
  { ...base('approved', 'D2', '2026-11-20T10:00:00Z', 'sam', ['L2']), event: 'approved', role: 'supervisor', governedPolicy: governedV1 },
  { ...base('proposed', 'D3', '2026-11-19T12:00:00Z', 'engine', ['L1']), event: 'proposed', decisionType: 'reserve', policy: governedV1 },
  { ...base('rejected', 'D3', '2026-11-19T13:00:00Z', 'sam', ['L1']), event: 'rejected', role: 'supervisor', reason: 'customer cancelled' },
  { ...base('proposed', 'D4', '2026-11-20T09:00:00Z', 'engine', ['L3']), event: 'proposed', decisionType: 'expedite', policy: governedV1 },
  // The sender's events are not a person's touches.
  { ...base('applied', 'D1', '2026-11-19T12:05:00Z', 'sam', ['L1']), event: 'applied', status: 201 },
];

export const lines: LineFact[] = [
  { orderLineId: 'L1', open: true, demandQty: 10, unitPriceCents: 100, promisedDate: day('2026-11-25'), before: { allocatedQty: 4, shipDate: day('2026-11-25') }, after: { allocatedQty: 10, shipDate: day('2026-11-24') }, transferCostCents: 300, expediteCostCents: 0, region: 'North', warehouseId: 'W1', channel: 'retail' },
  { orderLineId: 'L2', open: true, demandQty: 5, unitPriceCents: 1000, promisedDate: day('2026-11-18'), before: { allocatedQty: 5, shipDate: day('2026-11-18') }, after: { allocatedQty: 0, shipDate: null }, transferCostCents: 0, expediteCostCents: 0, region: 'North', warehouseId: 'W1', channel: 'retail' },
  { orderLineId: 'L3', open: true, demandQty: 20, unitPriceCents: 50, promisedDate: day('2026-10-01'), before: { allocatedQty: 0, shipDate: null }, after: { allocatedQty: 10, shipDate: day('2026-11-22') }, transferCostCents: 0, expediteCostCents: 1000, region: 'South', warehouseId: 'W2', channel: 'ecommerce' },
  { orderLineId: 'L4', open: false, demandQty: 0, unitPriceCents: 100, promisedDate: day('2026-11-10'), before: { allocatedQty: 0, shipDate: null }, after: { allocatedQty: 0, shipDate: null }, transferCostCents: 0, expediteCostCents: 0, shippedOn: day('2026-11-09'), region: 'North', warehouseId: 'W1', channel: 'retail' },
  { orderLineId: 'L5', open: false, demandQty: 0, unitPriceCents: 100, promisedDate: day('2026-11-10'), before: { allocatedQty: 0, shipDate: null }, after: { allocatedQty: 0, shipDate: null }, transferCostCents: 0, expediteCostCents: 0, shippedOn: day('2026-11-12'), region: 'South', warehouseId: 'W2', channel: 'ecommerce' },
];

export const input: KpiInput = { asOf: ASOF, exceptions, lines, audit };
