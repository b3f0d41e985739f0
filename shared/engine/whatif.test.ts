import { describe, expect, it } from 'vitest';
import type { IsoDate, Qty } from '../domain';
import { EditRejectedError, allocate, createWhatIfSession, defaultPolicy, planToJson, resolvePolicy, validateEdit, validatePolicy } from './index';
import { world } from './testing/builders';

const q = (n: number) => n as Qty;
const twoGroups = () =>
  world({
    items: [{ id: 'SKU-A' }, { id: 'SKU-B' }],
    customers: [{ id: 'C-1', tier: 2 }],
    balances: [{ itemId: 'SKU-A', warehouseId: 'DC-EAST', onHandQty: q(10) }, { itemId: 'SKU-B', warehouseId: 'DC-EAST', onHandQty: q(5) }],
    lines: [
      { id: 'OL-1-1', orderedQty: q(8), priority: 1 },
      { id: 'OL-2-1', orderedQty: q(8), priority: 5 },
      { id: 'OL-3-1', orderedQty: q(4), itemId: 'SKU-B' },
    ],
  });

describe('what-if session', () => {
  it('recomputes only the edited SKU group and returns the changed lines with the new summary', () => {
    const session = createWhatIfSession(twoGroups(), defaultPolicy);
    expect(session.line('OL-2-1')!.allocatedQty).toBe(2);
    const r = session.apply({ kind: 'priority-override', orderLineId: 'OL-2-1', priority: 1 });
    expect(r.groupsRecomputed).toBe(1);
    expect(r.deltas.map((d) => [d.orderLineId, d.before.allocatedQty, d.after.allocatedQty])).toEqual([
      ['OL-1-1', 8, 2],
      ['OL-2-1', 2, 8],
    ]);
    expect(r.summary.after.allocatedUnits).toBe(14);
    expect(session.line('OL-2-1')!.explanation).toContain('planner priority 1');
  });

  it('adds supply as inbound on its date, and undoes and redoes it', () => {
    const session = createWhatIfSession(twoGroups(), defaultPolicy);
    const r = session.apply({ kind: 'supply', itemId: 'SKU-A', warehouseId: 'DC-EAST', qty: 200, date: '2026-12-02' as IsoDate });
    const after = r.deltas.find((d) => d.orderLineId === 'OL-2-1')!.after;
    expect(after.allocations.map((a) => [a.source, a.lineQty, a.shipDate])).toEqual([['on-hand', 2, '2026-11-27'], ['inbound', 6, '2026-12-02']]);
    const u = session.undo()!;
    expect(u.deltas.find((d) => d.orderLineId === 'OL-2-1')!.after.allocatedQty).toBe(2);
    expect(session.canRedo()).toBe(true);
    session.redo();
    expect(session.line('OL-2-1')!.allocatedQty).toBe(8);
    expect(planToJson(session.plan())).toBe(planToJson(allocate(twoGroups(), defaultPolicy, session.edits())));
  });

  it('recomputes every group for a weight change', () => {
    const session = createWhatIfSession(twoGroups(), defaultPolicy);
    const r = session.apply({ kind: 'policy-weights', weights: { erpPriority: 0 } });
    expect(r.groupsRecomputed).toBe(2);
    expect(r.deltas.every((d) => d.after.scoreBreakdown.erpPriority === 0)).toBe(true);
  });

  it('refuses a bad edit, naming the field, and changes nothing', () => {
    const session = createWhatIfSession(twoGroups(), defaultPolicy);
    const before = planToJson(session.plan());
    expect(() => session.apply({ kind: 'quantity', orderLineId: 'OL-1-1', qty: 99 })).toThrow(EditRejectedError);
    expect(() => session.apply({ kind: 'quantity', orderLineId: 'OL-1-1', qty: 99 })).toThrow('edit: field "qty" expected at most the open quantity 8, found 99');
    expect(() => session.apply({ kind: 'substitute', orderLineId: 'OL-1-1', itemId: 'SKU-B' })).toThrow('field "itemId" expected null (no substitution rule exists for this item), found "SKU-B"');
    expect(() => session.apply({ kind: 'lock', orderLineId: 'OL-404', locked: true })).toThrow('field "orderLineId" expected the id of an open order line in the snapshot, found "OL-404"');
    expect(planToJson(session.plan())).toBe(before);
    expect(session.canUndo()).toBe(false);
  });
});

describe('edit and policy validation', () => {
  it('names the field, what was expected and what was found', () => {
    const r = validateEdit({ kind: 'supply', itemId: 'SKU-A', warehouseId: 'DC-EAST', qty: 1.5, date: '2026-13-01' });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.field)).toEqual(['qty', 'date']);
    const k = validateEdit({ kind: 'teleport' });
    expect(!k.ok && k.issues[0]!.message).toContain('field "kind" expected one of priority-override, lock, quantity, source, substitute, supply, policy-weights, found "teleport"');
  });

  it('rejects a bad policy field by field and fills a partial one from the defaults', () => {
    expect(validatePolicy(defaultPolicy).ok).toBe(true);
    const bad = validatePolicy({ ...defaultPolicy, weights: { ...defaultPolicy.weights, margin: -1 }, segments: [{ tier: 4, strategy: 'steal' }], approvals: { ...defaultPolicy.approvals, planner: { maxValueCents: 10, maxQty: 1, minTier: 0 } } });
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.issues.map((i) => i.field)).toEqual(['weights.margin', 'segments[0].tier', 'segments[0].strategy', 'approvals.planner.minTier']);
      expect(bad.issues[0]!.message).toBe('policy: field "weights.margin" expected a number from 0 to 1000, found -1');
    }
    const partial = resolvePolicy({ weights: { tier: 50 }, holds: { credit: 'release' } });
    expect(partial.ok && partial.policy.weights.tier).toBe(50);
    expect(partial.ok && partial.policy.weights.margin).toBe(defaultPolicy.weights.margin);
    expect(partial.ok && partial.policy.holds).toEqual({ credit: 'release', compliance: 'keep' });
  });

  it('derives the planning day from the snapshot, never from the clock', () => {
    const s = { ...twoGroups(), asOf: undefined };
    expect(allocate(s, defaultPolicy).asOf).toBe('2026-11-26');
    expect(allocate(s, { ...defaultPolicy, asOf: '2026-12-01' as IsoDate }).asOf).toBe('2026-12-01');
  });
});
