// Folds the worker's changed rows into the view's row list without touching the other 100k: replaced rows keep
// their position, and only a SKU group whose ranks moved is re-sorted (rows are kept grouped by SKU group).
import type { AllocationRow } from '../engine-worker/allocation-row';
import { compareRows } from '../engine-worker/row-projection';

/** Row id -> position in the list; owned by the slice and updated alongside its rows. */
export type RowIndex = Map<string, number>;

export function indexRows(rows: readonly AllocationRow[]): RowIndex {
  const ix: RowIndex = new Map();
  for (let i = 0; i < rows.length; i++) ix.set(rows[i]!.orderLineId, i);
  return ix;
}

/** The new row list after `changed` (rows of the loaded scope); `index` is updated in place. */
export function mergeRows(rows: readonly AllocationRow[], index: RowIndex, changed: readonly AllocationRow[]): AllocationRow[] {
  const next = rows.slice();
  const regroup = new Set<string>();
  for (const row of changed) {
    const at = index.get(row.orderLineId);
    if (at === undefined) continue;
    const old = next[at]!;
    next[at] = row;
    if (old.rank !== row.rank || old.groupId !== row.groupId) regroup.add(row.groupId);
  }
  for (const groupId of regroup) {
    const member = changed.find((r) => r.groupId === groupId)!;
    let start = index.get(member.orderLineId)!;
    let end = start + 1;
    while (start > 0 && next[start - 1]!.groupId === groupId) start--;
    while (end < next.length && next[end]!.groupId === groupId) end++;
    const segment = next.slice(start, end).sort(compareRows);
    for (let k = 0; k < segment.length; k++) {
      next[start + k] = segment[k]!;
      index.set(segment[k]!.orderLineId, start + k);
    }
  }
  return next;
}
