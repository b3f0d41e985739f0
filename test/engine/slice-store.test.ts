// The columnar slice store (allocate/slices.ts) drops a group's slices when the group runs again and compacts itself
// once dropped slices outnumber live ones. A long what-if session on a generated world goes through several
// compactions; its plan must stay byte-identical to a full allocation of the same edits, and the store must merge
// slices from the same source exactly as before.
import { describe, expect, it } from 'vitest';
import { generateWorld } from '../../main/erp/generator';
import type { Qty } from '../../shared/domain';
import { allocate, createWhatIfSession, defaultPolicy, planToJson } from '../../shared/engine';
import { SliceStore } from '../../shared/engine/allocate/slices';
import { world } from '../../shared/engine/testing/builders';

describe('slice store', () => {
  it('keeps each line’s slices in order, merges the same source, and survives compaction', () => {
    const store = new SliceStore(3);
    store.add(0, 1, 2, 5, 5, 100, 0, 0);
    store.add(1, 1, 2, 3, 3, 100, 0, 0);
    store.add(0, 1, 3, 4, 4, 103, 2, 25);
    store.add(0, 1, 2, 2, 2, 100, 0, 0); // same item, warehouse, day and source as the first: merged
    const list = (j: number) => {
      const out: string[] = [];
      for (let s = store.head[j]!; s >= 0; s = store.next[s]!) out.push(`${store.item[s]}@${store.wh[s]}:${store.qty[s]}/${store.lineQty[s]} d${store.day[s]} src${store.source[s]} c${store.unitCost[s]}`);
      return out;
    };
    expect(list(0)).toEqual(['1@2:7/7 d100 src0 c0', '1@3:4/4 d103 src2 c25']);
    expect(store.count[0]).toBe(2);
    // Rebuild line 0 many times: the dropped slices pile up until the store compacts; line 1 is untouched.
    for (let k = 0; k < 5000; k++) {
      store.clear(0);
      store.compactIfSparse();
      store.add(0, 4, 0, k, k, 200, 1, 0);
    }
    expect(list(0)).toEqual(['4@0:4999/4999 d200 src1 c0']);
    expect(list(1)).toEqual(['1@2:3/3 d100 src0 c0']);
    expect(list(2)).toEqual([]);
  });

  it('gives a long session the plan of a full allocation after the store has compacted', () => {
    const w = generateWorld({ scale: 'small', seed: 3 });
    const session = createWhatIfSession(w, defaultPolicy);
    // Weight changes re-run every group (all slices dropped and rebuilt each time): several compactions.
    for (let k = 0; k < 6; k++) session.apply({ kind: 'policy-weights', weights: { margin: 10 + 7 * k, tier: 30 - 3 * k } });
    const line = w.orderLines.find((l) => l.status === 'open' && l.orderedQty > l.shippedQty)!;
    session.apply({ kind: 'supply', itemId: line.itemId, warehouseId: line.warehouseId, qty: 40, date: w.asOf });
    session.apply({ kind: 'priority-override', orderLineId: line.id, priority: 1 });
    session.undo();
    expect(planToJson(session.plan())).toBe(planToJson(allocate(w, defaultPolicy, session.edits())));
  });

  it('merges a floor and a later take from the same warehouse into one allocation, as before', () => {
    const q = (n: number) => n as Qty;
    const snap = world({
      customers: [{ id: 'C-1', tier: 1 }],
      balances: [{ itemId: 'SKU-A', warehouseId: 'DC-EAST', onHandQty: q(20), erpReservedQty: q(4), wmsCommittedQty: q(4) }],
      lines: [{ id: 'OL-1-1', orderedQty: q(12), reservedQty: q(4) }],
    });
    const l = allocate(snap, defaultPolicy).lines[0]!;
    expect(l.allocations.map((a) => `${a.source}:${a.warehouseId}:${a.qty}`)).toEqual(['on-hand:DC-EAST:12']);
  });
});
