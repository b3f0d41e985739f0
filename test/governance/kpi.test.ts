import { describe, expect, it } from 'vitest';
import {
  approvalLatency,
  backorderAging,
  computeKpiReport,
  drillDown,
  exceptionAging,
  exceptionCycleTime,
  expediteAndTransferCost,
  fillRate,
  filterKpiInput,
  filterOptions,
  manualTouches,
  onTimeRate,
  overrideFrequency,
  promiseAccuracy,
} from '../../shared/governance';
import type { KpiResult } from '../../shared/governance';
import { ASOF, input, ms } from './fixtures';

const point = (k: KpiResult, category: string) => k.series.find((p) => p.category === category);

describe('exception count and aging by type', () => {
  const k = exceptionAging(input);
  it('counts exceptions detected by now and not resolved', () => {
    expect(k.value).toBe(3);
    expect(k.rows.map((r) => r.id).sort()).toEqual(['X1', 'X2', 'X3']);
  });
  it('ages them by type in days', () => {
    expect(point(k, 'backorder')).toMatchObject({ count: 2, averageAgeDays: 6, oldestAgeDays: 10 });
    expect(point(k, 'credit-hold')).toMatchObject({ count: 1, averageAgeDays: 0.25 });
    expect(point(k, 'shipment-delay')).toMatchObject({ count: 0, averageAgeDays: null });
  });
  it('buckets each open exception by age', () => {
    const bucket = Object.fromEntries(k.rows.map((r) => [r.id, r.ageBucket]));
    expect(bucket).toEqual({ X1: '1-3 days', X2: '> 7 days', X3: '< 1 day' });
  });
  it('counts an exception as open again when asOf is before its resolution', () => {
    expect(exceptionAging({ ...input, asOf: ms('2026-11-15T03:00:00Z') }).rows.map((r) => r.id).sort()).toEqual(['X2', 'X4']);
  });
});

describe('exception cycle time', () => {
  const k = exceptionCycleTime(input);
  it('measures detected -> resolved in hours and averages them', () => {
    expect(k.value).toBe(15);
    expect(point(k, 'backorder')).toMatchObject({ resolved: 1, averageHours: 6 });
    expect(point(k, 'shipment-delay')).toMatchObject({ resolved: 1, averageHours: 24 });
  });
  it('has no figure when nothing is resolved', () => {
    expect(exceptionCycleTime({ ...input, exceptions: input.exceptions.filter((e) => e.resolvedAt === null) }).value).toBeNull();
  });
});

describe('approval latency', () => {
  const k = approvalLatency(input);
  it('is approved - proposed per approved decision, in hours', () => {
    expect(k.rows.map((r) => [r.decisionId, r.hours])).toEqual([
      ['D1', 4],
      ['D2', 24],
    ]);
    expect(k.value).toBe(14);
  });
  it('leaves out rejected decisions and says how many are still waiting', () => {
    expect(k.rows.some((r) => r.decisionId === 'D3')).toBe(false);
    expect(k.definition).toContain('1 proposed decision(s) still waiting');
  });
});

describe('fill rate before vs after', () => {
  const k = fillRate(input);
  const units = point(k, 'units');
  const lines = point(k, 'lines');
  const value = point(k, 'value');
  it('counts units, capped at demand, over open lines', () => {
    expect(units?.before).toBeCloseTo(9 / 35, 10);
    expect(units?.after).toBeCloseTo(20 / 35, 10);
  });
  it('counts fully filled lines', () => {
    expect(lines?.before).toBeCloseTo(1 / 3, 10);
    expect(lines?.after).toBeCloseTo(1 / 3, 10);
  });
  it('weights by value', () => {
    expect(value?.before).toBeCloseTo(5400 / 7000, 10);
    expect(value?.after).toBeCloseTo(1500 / 7000, 10);
    expect(k.value).toBeCloseTo(1500 / 7000, 10);
    expect(k.before).toBeCloseTo(5400 / 7000, 10);
  });
  it('drills down to lines that improved or got worse', () => {
    expect(drillDown(k, 'improved').map((r) => r.orderLineId)).toEqual(['L1', 'L3']);
    expect(drillDown(k, 'worse').map((r) => r.orderLineId)).toEqual(['L2']);
  });
});

describe('on-time rate before vs after', () => {
  it('needs the line fully allocated and shipping by its promise', () => {
    const k = onTimeRate(input);
    expect(k.before).toBeCloseTo(1 / 3, 10);
    expect(k.value).toBeCloseTo(1 / 3, 10);
    const after = Object.fromEntries(k.rows.map((r) => [r.orderLineId, [r.onTimeBefore, r.onTimeAfter]]));
    expect(after).toEqual({ L1: [false, true], L2: [true, false], L3: [false, false] });
  });
});

describe('backorder aging', () => {
  const k = backorderAging(input);
  it('counts lines the plan leaves short, aged past their promise', () => {
    expect(k.value).toBe(2);
    expect(k.rows.map((r) => [r.orderLineId, r.daysPastPromise, r.category, r.shortQty])).toEqual([
      ['L2', 2, '1-7 days', 5],
      ['L3', 50, '> 30 days', 10],
    ]);
    expect(point(k, 'not yet due')).toMatchObject({ lines: 0 });
  });
});

describe('manual touches per exception', () => {
  const k = manualTouches(input);
  it("counts a person's acts on the exception's order line since detection, not the engine's or the sender's", () => {
    const touches = Object.fromEntries(k.rows.map((r) => [r.id, r.touches]));
    expect(touches).toEqual({ X1: 2, X2: 3, X4: 0 });
    expect(k.value).toBe(1.67);
  });
  it('treats a configured actor as the engine', () => {
    const k2 = manualTouches({ ...input, engineActors: ['engine', 'pat'] });
    expect(Object.fromEntries(k2.rows.map((r) => [r.id, r.touches]))).toEqual({ X1: 2, X2: 1, X4: 0 });
  });
});

describe('override frequency', () => {
  it('is decisions with an override over proposed decisions', () => {
    const k = overrideFrequency(input);
    expect(k.value).toBe(0.25);
    expect(drillDown(k, 'overridden')).toEqual([{ category: 'overridden', decisionId: 'D2', decisionType: 'reallocate', overrides: 1, fields: 'allocatedQty' }]);
  });
});

describe('expedite and transfer cost', () => {
  it('sums the plan costs by kind', () => {
    const k = expediteAndTransferCost(input);
    expect(k.value).toBe(1300);
    expect(point(k, 'transfer')).toMatchObject({ costCents: 300 });
    expect(point(k, 'expedite')).toMatchObject({ costCents: 1000 });
  });
});

describe('promise accuracy', () => {
  it('is shipped lines shipped by their promise over shipped lines', () => {
    const k = promiseAccuracy(input);
    expect(k.value).toBe(0.5);
    expect(drillDown(k, 'missed')).toEqual([{ category: 'missed', orderLineId: 'L5', promisedDate: '2026-11-10', shippedOn: '2026-11-12', daysLate: 2 }]);
  });
});

describe('filters', () => {
  it('keeps facts of a region, and audit events touching its lines', () => {
    const f = filterKpiInput(input, { region: 'North' });
    expect(f.lines.map((l) => l.orderLineId)).toEqual(['L1', 'L2', 'L4']);
    expect([...new Set(f.audit.map((e) => e.decisionId))].sort()).toEqual(['D1', 'D2', 'D3']);
    expect(overrideFrequency(f).value).toBeCloseTo(1 / 3, 10);
  });
  it('filters by warehouse and channel', () => {
    expect(fillRate(filterKpiInput(input, { warehouseId: 'W2' })).rows.map((r) => r.orderLineId)).toEqual(['L3']);
    expect(fillRate(filterKpiInput(input, { channel: 'retail' })).rows.map((r) => r.orderLineId)).toEqual(['L1', 'L2']);
  });
  it('filters by period: exceptions by detection, audit by time', () => {
    const f = filterKpiInput(input, { from: ms('2026-11-15T00:00:00Z'), to: ASOF });
    expect(f.exceptions.map((e) => e.id)).toEqual(['X1', 'X3', 'X4', 'X5']);
    expect(approvalLatency(filterKpiInput(input, { from: ms('2026-11-19T09:00:00Z') })).rows.map((r) => r.decisionId)).toEqual(['D2']);
  });
  it('lists the values each filter can take', () => {
    expect(filterOptions(input)).toEqual({ regions: ['North', 'South'], warehouses: ['W1', 'W2'], channels: ['ecommerce', 'retail'] });
  });
  it('computes the whole report for a filter, every KPI once', () => {
    const r = computeKpiReport(input, { region: 'South' });
    expect(r.kpis.map((k) => k.id)).toEqual([
      'exception-aging', 'exception-cycle-time', 'approval-latency', 'fill-rate', 'on-time-rate',
      'backorder-aging', 'manual-touches', 'override-frequency', 'expedite-transfer-cost', 'promise-accuracy',
    ]);
    expect(r.kpis.find((k) => k.id === 'exception-aging')?.value).toBe(1);
  });
});
