// Drop-ship covers what stock leaves short, so raising a line's priority never costs it the drop-shipped part
// (issue 4: "raising one line's priority never lowers its allocation"). The worlds are the smallest reproductions
// of the gap the wider generator found (shared/engine/README.md, "Order of play").
import { describe, expect, it } from 'vitest';
import type { Qty } from '../../shared/domain';
import { allocate, defaultPolicy } from '../../shared/engine';
import type { Plan, PlanLine } from '../../shared/engine';
import { world } from '../../shared/engine/testing/builders';

const q = (n: number) => n as Qty;
const policy = { ...defaultPolicy, packRounding: false };
const line = (plan: Plan, id: string): PlanLine => plan.lines.find((l) => l.orderLineId === id)!;
const sources = (l: PlanLine) => l.allocations.map((a) => `${a.source}:${a.qty}`);

describe('drop-ship covers the shortfall after stock', () => {
  it('priority mode: an overridden line that takes the last unit of stock gets the rest drop-shipped', () => {
    const snap = world({
      customers: [{ id: 'C-1', tier: 1 }, { id: 'C-3', tier: 3 }],
      balances: [{ itemId: 'SKU-A', warehouseId: 'DC-EAST', onHandQty: q(1) }],
      lines: [
        { id: 'OL-1-1', customerId: 'C-1', orderedQty: q(1), promisedDate: '2026-11-27' as never },
        { id: 'OL-2-1', customerId: 'C-3', orderedQty: q(2), promisedDate: '2026-12-20' as never },
      ],
      dropShips: [{ itemId: 'SKU-A' }],
    });
    const before = allocate(snap, policy);
    expect(sources(line(before, 'OL-2-1'))).toEqual(['drop-ship:2']);
    const after = allocate(snap, policy, [{ kind: 'priority-override', orderLineId: 'OL-2-1', priority: 1 }]);
    expect(sources(line(after, 'OL-2-1'))).toEqual(['on-hand:1', 'drop-ship:1']);
    expect(line(after, 'OL-2-1').allocatedQty).toBe(2);
    // The line that lost the unit of stock is drop-shipped instead.
    expect(sources(line(after, 'OL-1-1'))).toEqual(['drop-ship:1']);
  });

  it('optimal mode: an overridden line keeps the drop-shipped part the flow gave it', () => {
    const snap = world({
      customers: [{ id: 'C-1', tier: 1 }],
      balances: [{ itemId: 'SKU-A', warehouseId: 'DC-EAST', onHandQty: q(0), inbound: [{ qty: q(1), eta: '2026-11-30' as never }] }],
      lines: [{ id: 'OL-1-1', customerId: 'C-1', orderedQty: q(2) }],
      dropShips: [{ itemId: 'SKU-A' }],
    });
    const before = line(allocate(snap, policy, [], { mode: 'optimal' }), 'OL-1-1');
    expect(before.allocatedQty).toBe(2);
    const after = line(allocate(snap, policy, [{ kind: 'priority-override', orderLineId: 'OL-1-1', priority: 1 }], { mode: 'optimal' }), 'OL-1-1');
    expect(sources(after)).toEqual(['inbound:1', 'drop-ship:1']);
  });

  it('drop-ships the rest of a partly filled line in priority mode, and never more than the line still needs', () => {
    const snap = world({
      balances: [{ itemId: 'SKU-A', warehouseId: 'DC-EAST', onHandQty: q(3) }],
      lines: [{ id: 'OL-1-1', orderedQty: q(10) }],
      dropShips: [{ itemId: 'SKU-A', leadDays: 4 }],
    });
    const l = line(allocate(snap, policy), 'OL-1-1');
    expect(sources(l)).toEqual(['on-hand:3', 'drop-ship:7']);
    expect(l.shortQty).toBe(0);
    expect(l.allocations[1]!.shipDate).toBe('2026-12-01');
  });

  it('does not drop-ship when the policy turns drop-ship off: the rest stays short', () => {
    const snap = world({
      balances: [{ itemId: 'SKU-A', warehouseId: 'DC-EAST', onHandQty: q(3) }],
      lines: [{ id: 'OL-1-1', orderedQty: q(10) }],
      dropShips: [{ itemId: 'SKU-A' }],
    });
    const l = line(allocate(snap, { ...policy, sources: { ...policy.sources, dropShip: false } }), 'OL-1-1');
    expect(sources(l)).toEqual(['on-hand:3']);
    expect(l.shortQty).toBe(7);
  });
});
