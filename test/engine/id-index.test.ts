// The order line id index (model/id-index.ts) replaces a Map in the compiled model: every id finds its number,
// unknown ids find nothing, and a repeated id in a snapshot is refused naming the record.
import { describe, expect, it } from 'vitest';
import type { Qty } from '../../shared/domain';
import { SnapshotInputError, allocate, defaultPolicy } from '../../shared/engine';
import { IdIndex } from '../../shared/engine/model/id-index';
import { world } from '../../shared/engine/testing/builders';

describe('order line id index', () => {
  it('finds every id it was given and nothing else, through collisions and a full-ish table', () => {
    const ids = Array.from({ length: 5000 }, (_, k) => `OL-SO-${100000 + (k >> 1)}-${(k & 1) + 1}`);
    const index = new IdIndex(ids, ids.length);
    expect(ids.filter((id, k) => !index.add(id, k))).toEqual([]);
    expect(index.size).toBe(5000);
    const missed = ids.filter((id, k) => index.get(id) !== k);
    expect(missed).toEqual([]);
    expect(index.get('OL-SO-999999-1')).toBeUndefined();
    expect(index.has('')).toBe(false);
    expect(index.add(ids[17]!, 17)).toBe(false);
    expect(index.size).toBe(5000);
  });

  it('refuses a snapshot that repeats an open order line id', () => {
    const q = (n: number) => n as Qty;
    const snap = world({ lines: [{ id: 'OL-1-1', orderedQty: q(2) }, { id: 'OL-2-1', orderedQty: q(1) }, { id: 'OL-1-1', orderedQty: q(3) }] });
    expect(() => allocate(snap, defaultPolicy)).toThrow(SnapshotInputError);
    expect(() => allocate(snap, defaultPolicy)).toThrow('order-lines "OL-1-1": field "id" expected a unique order line id, found "OL-1-1"');
  });
});
