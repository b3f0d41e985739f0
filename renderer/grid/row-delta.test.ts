import { describe, expect, it } from 'vitest';
import { planRowDelta } from './row-delta';

interface R {
  id: string;
  rank: number;
}
const idOf = (r: R) => r.id;
const list = (n: number): R[] => Array.from({ length: n }, (_, i) => ({ id: `L${i}`, rank: i + 1 }));

describe('row delta: what an edit hands AG Grid', () => {
  it('sends only the replaced rows as updates when nothing moved', () => {
    const prev = list(100_000);
    const next = prev.slice();
    next[7] = { id: 'L7', rank: 99 };
    next[50_000] = { id: 'L50000', rank: 1 };
    const d = planRowDelta(prev, next, idOf);
    expect(d).toEqual({ kind: 'transaction', update: [next[7], next[50_000]], remove: [], add: [], addIndex: 0 });
  });

  it('takes a re-ranked block out and puts it back in its new order at the same place', () => {
    const prev = list(10);
    const next = prev.slice();
    // L3 moves to the front of the block L1..L3; L8 changes in place.
    next[1] = { id: 'L3', rank: 2 };
    next[2] = prev[1]!;
    next[3] = prev[2]!;
    next[8] = { id: 'L8', rank: 0 };
    const d = planRowDelta(prev, next, idOf);
    expect(d).toMatchObject({ kind: 'transaction', addIndex: 1, update: [next[8]] });
    if (d.kind !== 'transaction') return;
    expect(d.remove.map(idOf)).toEqual(['L1', 'L2', 'L3']);
    expect(d.add.map(idOf)).toEqual(['L3', 'L1', 'L2']);
  });

  it('asks for a new list when rows came or went, or when too much changed', () => {
    const prev = list(5);
    expect(planRowDelta(prev, prev.slice(0, 4), idOf)).toEqual({ kind: 'replace' });
    const swapped = prev.slice();
    swapped[2] = { id: 'NEW', rank: 3 };
    expect(planRowDelta(prev, swapped, idOf)).toEqual({ kind: 'replace' });
    const all = prev.map((r) => ({ ...r }));
    expect(planRowDelta(prev, all, idOf, 3)).toEqual({ kind: 'replace' });
    expect(planRowDelta([], [], idOf)).toEqual({ kind: 'none' });
  });

  it('does nothing for the same rows in a new array', () => {
    const prev = list(3);
    expect(planRowDelta(prev, prev.slice(), idOf)).toEqual({ kind: 'none' });
  });
});
