import { describe, expect, it } from 'vitest';
import type { AllocationRow } from './allocation-row';
import { compareRows, inGridOrder } from './row-projection';

const row = (groupId: string, rank: number, orderLineId: string): AllocationRow => ({ groupId, rank, orderLineId }) as unknown as AllocationRow;

describe('inGridOrder', () => {
  it('orders rows exactly as sorting by SKU group, rank and line id does', () => {
    // Deterministic shuffle of groups with ties in rank (broken by line id).
    const rows: AllocationRow[] = [];
    let x = 7;
    for (let i = 0; i < 500; i++) {
      x = (x * 1103515245 + 12345) % 2147483648;
      rows.push(row(`SKU-${x % 37}`, (x >> 8) % 9, `SO-${i}`));
    }
    const expected = rows.slice().sort(compareRows).map((r) => r.orderLineId);
    expect(inGridOrder(rows).map((r) => r.orderLineId)).toEqual(expected);
  });

  it('leaves the input list as it was', () => {
    const rows = [row('B', 1, 'SO-1'), row('A', 2, 'SO-2'), row('A', 1, 'SO-3')];
    expect(inGridOrder(rows).map((r) => r.orderLineId)).toEqual(['SO-3', 'SO-2', 'SO-1']);
    expect(rows.map((r) => r.orderLineId)).toEqual(['SO-1', 'SO-2', 'SO-3']);
  });
});
