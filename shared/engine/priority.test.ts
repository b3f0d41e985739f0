import { describe, expect, it } from 'vitest';
import type { Qty } from '../domain';
import { allocate, defaultPolicy, planToJson } from './index';
import type { Plan, PlanLine, Policy } from './index';
import { world } from './testing/builders';

const q = (n: number) => n as Qty;
const line = (p: Plan, id: string): PlanLine => p.lines.find((l) => l.orderLineId === id)!;
const sources = (l: PlanLine) => l.allocations.map((a) => `${a.source}:${a.itemId}@${a.warehouseId}:${a.lineQty}`);

describe('priority allocation', () => {
  it('takes sources in cost order: requested warehouse on hand, inbound by ETA, transfer, substitute, drop-ship', () => {
    const snap = world({
      items: [{ id: 'SKU-A' }, { id: 'SKU-B' }],
      balances: [
        { itemId: 'SKU-A', warehouseId: 'DC-EAST', onHandQty: q(5), inbound: [{ qty: q(4), eta: '2026-12-04' as never }, { qty: q(3), eta: '2026-12-02' as never }] },
        { itemId: 'SKU-A', warehouseId: 'DC-WEST', onHandQty: q(6) },
        { itemId: 'SKU-B', warehouseId: 'DC-EAST', onHandQty: q(2) },
      ],
      lanes: [{ fromWarehouseId: 'DC-WEST', toWarehouseId: 'DC-EAST', transferDays: 3 }],
      rules: [{ itemId: 'SKU-A', substituteItemId: 'SKU-B' }],
      lines: [
        { id: 'OL-1-1', orderedQty: q(20) },
        { id: 'OL-2-1', orderedQty: q(30), promisedDate: '2026-12-20' as never },
      ],
      dropShips: [{ itemId: 'SKU-A' }],
    });
    const plan = allocate(snap, defaultPolicy);
    expect(sources(line(plan, 'OL-1-1'))).toEqual([
      'on-hand:SKU-A@DC-EAST:5', 'inbound:SKU-A@DC-EAST:3', 'inbound:SKU-A@DC-EAST:4', 'transfer:SKU-A@DC-WEST:6', 'substitute:SKU-B@DC-EAST:2',
    ]);
    expect(line(plan, 'OL-1-1').shortQty).toBe(0);
    // Nothing left for the second line: the supplier drop-ships the whole line.
    expect(sources(line(plan, 'OL-2-1'))).toEqual(['drop-ship:SKU-A@DC-EAST:30']);
    const transfer = line(plan, 'OL-1-1').allocations.find((a) => a.source === 'transfer')!;
    expect(transfer.shipDate).toBe('2026-11-30');
    expect(transfer.costCents).toBe(6 * 40);
  });

  it('does not allocate more than on hand when two lines share a SKU, and explains who took it', () => {
    const snap = world({
      customers: [{ id: 'C-T1', tier: 1 }, { id: 'C-T3', tier: 3 }],
      balances: [{ itemId: 'SKU-A', warehouseId: 'DC-EAST', onHandQty: q(300) }],
      lines: [
        { id: 'OL-118-3', customerId: 'C-T1', orderedQty: q(200), promisedDate: '2026-11-28' as never },
        { id: 'OL-207-1', customerId: 'C-T1', orderedQty: q(100), promisedDate: '2026-11-29' as never },
        { id: 'OL-300-1', customerId: 'C-T3', orderedQty: q(42) },
      ],
    });
    const plan = allocate(snap, defaultPolicy);
    expect(plan.lines.reduce((s, l) => s + l.allocatedQty, 0)).toBe(300);
    const short = line(plan, 'OL-300-1');
    expect(short.shortQty).toBe(42);
    expect(short.rank).toBe(3);
    expect(short.explanation).toContain('42 short: lines OL-118-3 (tier 1, promised earlier) and OL-207-1 (tier 1, promised earlier) took the remaining 300 at DC-EAST');
  });

  it('rounds partial slices down to whole packs, but fills an odd remainder that completes the line', () => {
    const snap = world({
      items: [{ id: 'SKU-A', packSize: 6 }],
      balances: [{ itemId: 'SKU-A', warehouseId: 'DC-EAST', onHandQty: q(17) }, { itemId: 'SKU-A', warehouseId: 'DC-WEST', onHandQty: q(50) }],
      lanes: [{ fromWarehouseId: 'DC-WEST', toWarehouseId: 'DC-EAST' }],
      lines: [{ id: 'OL-1-1', orderedQty: q(25) }],
    });
    const plan = allocate(snap, defaultPolicy);
    expect(sources(line(plan, 'OL-1-1'))).toEqual(['on-hand:SKU-A@DC-EAST:12', 'transfer:SKU-A@DC-WEST:13']);
    const unrounded = allocate(snap, { ...defaultPolicy, packRounding: false });
    expect(sources(line(unrounded, 'OL-1-1'))).toEqual(['on-hand:SKU-A@DC-EAST:17', 'transfer:SKU-A@DC-WEST:8']);
  });

  it('keeps safety stock unless the tier may dip into it', () => {
    const snap = world({
      customers: [{ id: 'C-T1', tier: 1 }, { id: 'C-T2', tier: 2 }],
      balances: [{ itemId: 'SKU-A', warehouseId: 'DC-EAST', onHandQty: q(10), safetyStockQty: q(4) }],
      lines: [{ id: 'OL-1-1', customerId: 'C-T2', orderedQty: q(10) }, { id: 'OL-2-1', customerId: 'C-T1', orderedQty: q(3), promisedDate: '2026-12-20' as never }],
    });
    const plan = allocate(snap, defaultPolicy);
    expect(line(plan, 'OL-1-1').allocatedQty).toBe(6);
    expect(line(plan, 'OL-2-1').allocatedQty).toBe(3);
  });

  it('ring-fences a quota share of the stock for its channel', () => {
    const snap = world({
      customers: [{ id: 'C-R', tier: 1, channel: 'retail' }, { id: 'C-E', tier: 3, channel: 'ecommerce' }],
      balances: [{ itemId: 'SKU-A', warehouseId: 'DC-EAST', onHandQty: q(100) }],
      lines: [{ id: 'OL-1-1', customerId: 'C-R', orderedQty: q(100) }, { id: 'OL-2-1', customerId: 'C-E', orderedQty: q(50) }],
    });
    const policy: Policy = { ...defaultPolicy, quotas: [{ id: 'Q-ECOM', itemId: 'SKU-A', channel: 'ecommerce', share: 0.3 }] };
    const plan = allocate(snap, policy);
    expect(line(plan, 'OL-1-1').allocatedQty).toBe(70);
    expect(line(plan, 'OL-2-1').allocatedQty).toBe(30);
  });

  it('leaves held lines exactly as the ERP has them by default, and releases them when the policy says so', () => {
    const snap = world({
      balances: [{ itemId: 'SKU-A', warehouseId: 'DC-EAST', onHandQty: q(10) }, { itemId: 'SKU-B', warehouseId: 'DC-WEST', onHandQty: q(10) }],
      lines: [{ id: 'OL-1-1', orderedQty: q(10), reservedQty: q(6), holdCode: 'credit', priority: 9 }, { id: 'OL-2-1', orderedQty: q(10) }, { id: 'OL-3-1', orderedQty: q(10), itemId: 'SKU-B', holdCode: 'credit', warehouseId: 'DC-WEST' }],
      items: [{ id: 'SKU-A' }, { id: 'SKU-B' }],
    });
    const kept = allocate(snap, defaultPolicy);
    expect(sources(line(kept, 'OL-1-1'))).toEqual(['on-hand:SKU-A@DC-EAST:6']);
    expect(line(kept, 'OL-2-1').allocatedQty).toBe(4);
    expect(kept.decisions.some((d) => JSON.stringify(d.payload).includes('OL-1-1'))).toBe(false);
    expect(kept.exceptions.find((e) => e.orderLineId === 'OL-1-1')?.type).toBe('credit-hold');
    const released = allocate(snap, { ...defaultPolicy, holds: { credit: 'release', compliance: 'keep' } });
    expect(line(released, 'OL-1-1').allocatedQty).toBe(0);
    expect(line(released, 'OL-2-1').allocatedQty).toBe(10);
    const allocated = allocate(snap, { ...defaultPolicy, holds: { credit: 'allocate', compliance: 'keep' } });
    const release = allocated.decisions.find((d) => d.type === 'release-hold')!;
    expect(release.payload).toEqual({ orderLineId: 'OL-3-1' });
    expect(release.requiredRole).toBe('finance');
  });

  it('caps fill and lose lines at their ERP reservation, and protects gain reservations', () => {
    const snap = world({
      customers: [{ id: 'C-W', tier: 3, channel: 'wholesale' }, { id: 'C-G', tier: 1 }, { id: 'C-R', tier: 2 }],
      balances: [{ itemId: 'SKU-A', warehouseId: 'DC-EAST', onHandQty: q(60) }],
      lines: [
        { id: 'OL-1-1', customerId: 'C-W', orderedQty: q(20), reservedQty: q(5), priority: 1, promisedDate: '2026-11-20' as never },
        { id: 'OL-2-1', customerId: 'C-G', orderedQty: q(10), reservedQty: q(10), promisedDate: '2026-12-25' as never, priority: 9 },
        { id: 'OL-3-1', customerId: 'C-R', orderedQty: q(30), promisedDate: '2026-11-27' as never, priority: 1 },
      ],
    });
    const plan = allocate(snap, defaultPolicy);
    expect(line(plan, 'OL-1-1').strategy).toBe('fill');
    expect(line(plan, 'OL-1-1').allocatedQty).toBe(5);
    expect(line(plan, 'OL-1-1').explanation).toContain('fill strategy caps it');
    expect(line(plan, 'OL-2-1').allocatedQty).toBe(10);
    const lose = allocate(snap, { ...defaultPolicy, segments: [{ tier: 2, strategy: 'lose' }] });
    // A lose line is served last and never above its reservation (none here).
    expect(line(lose, 'OL-3-1').allocatedQty).toBe(0);
    expect(line(lose, 'OL-3-1').rank).toBe(3);
  });

  it('serves win lines first and flags them when they cannot be filled on time', () => {
    const snap = world({
      customers: [{ id: 'C-1', tier: 1 }, { id: 'C-2', tier: 2 }],
      balances: [{ itemId: 'SKU-A', warehouseId: 'DC-EAST', onHandQty: q(10) }],
      lines: [{ id: 'OL-1-1', customerId: 'C-2', orderedQty: q(10), priority: 1, promisedDate: '2026-11-27' as never }, { id: 'OL-2-1', customerId: 'C-1', orderedQty: q(15), promisedDate: '2026-12-30' as never }],
    });
    const plan = allocate(snap, { ...defaultPolicy, segments: [{ tier: 1, strategy: 'win' }] });
    expect(line(plan, 'OL-2-1').allocatedQty).toBe(10);
    const flag = plan.exceptions.find((e) => e.orderLineId === 'OL-2-1' && e.type === 'backorder')!;
    expect(flag.reason).toContain('win strategy');
  });

  it('fills a line that does not allow partial fill completely or not at all', () => {
    const snap = world({
      balances: [{ itemId: 'SKU-A', warehouseId: 'DC-EAST', onHandQty: q(6) }, { itemId: 'SKU-A', warehouseId: 'DC-WEST', onHandQty: q(12) }],
      lanes: [{ fromWarehouseId: 'DC-WEST', toWarehouseId: 'DC-EAST' }],
      lines: [{ id: 'OL-1-1', orderedQty: q(10), allowPartial: false }, { id: 'OL-2-1', orderedQty: q(20), allowPartial: false, promisedDate: '2026-12-20' as never }],
    });
    const plan = allocate(snap, defaultPolicy);
    expect(sources(line(plan, 'OL-1-1'))).toEqual(['on-hand:SKU-A@DC-EAST:6', 'transfer:SKU-A@DC-WEST:4']);
    expect(line(plan, 'OL-2-1').allocatedQty).toBe(0);
    expect(line(plan, 'OL-2-1').explanation).toContain('not enough stock to ship all 20 at once');
  });

  it('proposes a reallocation between lines with the row versions, value at stake, score snapshot and approver role', () => {
    const snap = world({
      customers: [{ id: 'C-T1', tier: 1 }, { id: 'C-T3', tier: 3 }],
      balances: [{ itemId: 'SKU-A', warehouseId: 'DC-EAST', onHandQty: q(10), version: 7 }],
      lines: [
        { id: 'OL-1-1', customerId: 'C-T3', orderedQty: q(10), reservedQty: q(10), version: 3, promisedDate: '2026-12-20' as never },
        { id: 'OL-2-1', customerId: 'C-T1', orderedQty: q(8), version: 4, promisedDate: '2026-11-28' as never },
      ],
    });
    const plan = allocate(snap, defaultPolicy);
    const d = plan.decisions.find((x) => x.type === 'reallocate')!;
    expect(d.payload).toEqual({ fromOrderLineId: 'OL-1-1', toOrderLineId: 'OL-2-1', qty: 8 });
    expect(d.basis).toEqual([
      { entity: 'order-lines', id: 'OL-1-1', version: 3 },
      { entity: 'order-lines', id: 'OL-2-1', version: 4 },
      { entity: 'inventory-balances', id: 'SKU-A@DC-EAST', version: 7 },
    ]);
    expect(d.valueAtStake).toBe(8 * 1000);
    // Tier 1 is beyond the planner's limit in the default policy.
    expect(d.requiredRole).toBe('supervisor');
    expect(d.scoreSnapshot?.tier).toBe(20);
    expect(plan.exceptions.some((e) => e.type === 'allocation-dispute' && e.orderLineId === 'OL-1-1')).toBe(true);
    expect(plan.summary.before.allocatedUnits).toBe(10);
    expect(plan.summary.after.allocatedUnits).toBe(10);
  });

  it('detects inventory variance beyond the tolerance and late risk', () => {
    const snap = world({
      balances: [{ itemId: 'SKU-A', warehouseId: 'DC-EAST', onHandQty: q(10), erpReservedQty: q(2), wmsCommittedQty: q(7), inbound: [{ qty: q(20), eta: '2026-12-05' as never }] }],
      lines: [{ id: 'OL-1-1', orderedQty: q(10), reservedQty: q(2) }],
    });
    const plan = allocate(snap, defaultPolicy);
    // 5 committed in the WMS beyond the ERP: only 5 on hand are really available.
    expect(sources(line(plan, 'OL-1-1'))).toEqual(['on-hand:SKU-A@DC-EAST:5', 'inbound:SKU-A@DC-EAST:5']);
    expect(plan.exceptions.map((e) => e.type).sort()).toEqual(['inventory-variance', 'shipment-delay']);
    expect(line(plan, 'OL-1-1').daysLate).toBe(4);
    expect(plan.decisions.some((d) => d.type === 'expedite')).toBe(true);
    const tolerant = allocate(snap, { ...defaultPolicy, varianceToleranceUnits: 5 });
    expect(tolerant.exceptions.some((e) => e.type === 'inventory-variance')).toBe(false);
  });

  it('gives the same bytes for the same input, whatever the clock', () => {
    const snap = world({
      balances: [{ itemId: 'SKU-A', warehouseId: 'DC-EAST', onHandQty: q(10) }],
      lines: [{ id: 'OL-1-1', orderedQty: q(6) }, { id: 'OL-2-1', orderedQty: q(6) }],
    });
    const a = planToJson(allocate(snap, defaultPolicy));
    const b = planToJson(allocate(structuredClone(snap), structuredClone(defaultPolicy)));
    expect(a).toBe(b);
    expect(a).not.toContain('"lines":[]');
  });
});
