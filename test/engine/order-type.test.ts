// Segment strategies by order type (issue 8: "by customer tier, channel or order type"): a segment may name the
// line's order type; a line without one is a 'standard' order; an unknown order type is refused, by field.
import { describe, expect, it } from 'vitest';
import type { OrderType, Qty } from '../../shared/domain';
import { SnapshotInputError, allocate, defaultPolicy, strategyFor, validatePolicy } from '../../shared/engine';
import type { Plan, PlanLine, Policy } from '../../shared/engine';
import { world } from '../../shared/engine/testing/builders';

const q = (n: number) => n as Qty;
const line = (p: Plan, id: string): PlanLine => p.lines.find((l) => l.orderLineId === id)!;

/** Two tier-2 retail lines want 10 each of the 10 on hand; the standard one outranks the contract one on score. */
function contest(contractType: OrderType | undefined) {
  return world({
    customers: [{ id: 'C-1', tier: 2 }, { id: 'C-2', tier: 2 }],
    balances: [{ itemId: 'SKU-A', warehouseId: 'DC-EAST', onHandQty: q(10) }],
    lines: [
      { id: 'OL-1-1', customerId: 'C-1', orderedQty: q(10), priority: 1, promisedDate: '2026-11-27' as never },
      { id: 'OL-2-1', customerId: 'C-2', orderedQty: q(10), priority: 9, promisedDate: '2026-12-30' as never, ...(contractType ? { orderType: contractType } : {}) },
    ],
  });
}

describe('order-type segment strategies', () => {
  it('protects contract orders with a win segment: served first and filled, ahead of a higher-scoring standard order', () => {
    const policy: Policy = { ...defaultPolicy, segments: [{ orderType: 'contract', strategy: 'win' }, ...defaultPolicy.segments] };
    const without = allocate(contest('contract'), defaultPolicy);
    expect(line(without, 'OL-1-1').allocatedQty).toBe(10); // the score alone favours the standard line
    expect(line(without, 'OL-2-1').allocatedQty).toBe(0);

    const plan = allocate(contest('contract'), policy);
    expect(line(plan, 'OL-2-1').strategy).toBe('win');
    expect(line(plan, 'OL-2-1').rank).toBe(1);
    expect(line(plan, 'OL-2-1').allocatedQty).toBe(10);
    expect(line(plan, 'OL-1-1').strategy).toBe('redistribute');
    expect(line(plan, 'OL-1-1').allocatedQty).toBe(0);
    // The same segment leaves other order types alone (a rush order, and a line with no order type = standard).
    for (const other of ['rush', undefined] as const) {
      const p = allocate(contest(other), policy);
      expect(line(p, 'OL-2-1').strategy).toBe('redistribute');
      expect(line(p, 'OL-2-1').allocatedQty).toBe(0);
    }
  });

  it('flags a contract win line that cannot be filled fully, in both modes', () => {
    const snap = world({
      customers: [{ id: 'C-1', tier: 2 }],
      balances: [{ itemId: 'SKU-A', warehouseId: 'DC-EAST', onHandQty: q(4) }],
      lines: [{ id: 'OL-1-1', orderedQty: q(10), orderType: 'contract' }],
    });
    const policy: Policy = { ...defaultPolicy, segments: [{ orderType: 'contract', strategy: 'win' }] };
    for (const mode of ['priority', 'optimal'] as const) {
      const flag = allocate(snap, policy, [], { mode }).exceptions.find((e) => e.orderLineId === 'OL-1-1' && e.type === 'backorder');
      expect(flag?.reason).toContain('win strategy');
    }
  });

  it('matches the first segment naming tier, channel and order type together, and treats a missing order type as standard', () => {
    const policy: Policy = {
      ...defaultPolicy,
      segments: [{ tier: 3, channel: 'wholesale', orderType: 'replenishment', strategy: 'lose' }, { orderType: 'standard', strategy: 'fill' }, { tier: 3, strategy: 'gain' }],
      defaultStrategy: 'redistribute',
    };
    expect(strategyFor(policy, 3, 'wholesale', 'replenishment')).toBe('lose');
    expect(strategyFor(policy, 3, 'retail', 'replenishment')).toBe('gain');
    expect(strategyFor(policy, 2, 'retail', 'rush')).toBe('redistribute');
    expect(strategyFor(policy, 2, 'retail', 'standard')).toBe('fill');
    expect(strategyFor(policy, 2, 'retail')).toBe('fill'); // the 3-argument call reads as a standard order
  });

  it('refuses an unknown order type in a policy segment, naming the field', () => {
    const r = validatePolicy({ ...defaultPolicy, segments: [{ tier: 1, strategy: 'gain' }, { channel: 'retail', strategy: 'fill' }, { orderType: 'express', strategy: 'win' }] });
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues.map((i) => i.field)).toEqual(['segments[2].orderType']);
      expect(r.issues[0]!.message).toBe('policy: field "segments[2].orderType" expected one of "standard", "rush", "contract", "replenishment", found "express"');
    }
    expect(validatePolicy({ ...defaultPolicy, segments: [{ orderType: 'contract', strategy: 'win' }] }).ok).toBe(true);
  });

  it('refuses a snapshot line with an unknown order type, naming the record and field', () => {
    const snap = world({ lines: [{ id: 'OL-9-1', orderedQty: q(1), orderType: 'express' as never }] });
    expect(() => allocate(snap, defaultPolicy)).toThrow(SnapshotInputError);
    expect(() => allocate(snap, defaultPolicy)).toThrow('order-lines "OL-9-1": field "orderType" expected one of standard, rush, contract, replenishment (or none for standard), found "express"');
  });
});
