/**
 * Works out how a new `rows` list differs from the one the grid holds, so a small change (an edit's few changed rows
 * in a 100k-row list) reaches AG Grid as a transaction instead of a new row list it would have to diff in full.
 * Rows are compared by reference: the owner replaces a changed row with a new object and keeps the others.
 */

/** What to hand AG Grid for the change from `prev` to `next`. */
export type RowDelta<Row> =
  /** Same rows, nothing to do. */
  | { readonly kind: 'none' }
  /** Too different (another scope, rows added or dropped): give the grid the new list. */
  | { readonly kind: 'replace' }
  /**
   * A transaction. `update`: rows that changed in place. When rows also moved (a re-ranked group), the block of
   * positions `addIndex .. addIndex + add.length - 1` is taken out (`remove`, the old rows) and put back in its new
   * order (`add`), so the grid's unsorted order stays the owner's order.
   */
  | { readonly kind: 'transaction'; readonly update: Row[]; readonly remove: Row[]; readonly add: Row[]; readonly addIndex: number };

/** Beyond this many changed positions a new row list is cheaper to reason about than a transaction. */
export const MAX_TRANSACTION_ROWS = 5_000;

export function planRowDelta<Row>(prev: readonly Row[], next: readonly Row[], idOf: (row: Row) => string, maxChanged = MAX_TRANSACTION_ROWS): RowDelta<Row> {
  if (prev === next) return { kind: 'none' };
  if (prev.length !== next.length) return { kind: 'replace' };
  const changed: number[] = [];
  for (let i = 0; i < next.length; i++) {
    if (prev[i] !== next[i]) {
      changed.push(i);
      if (changed.length > maxChanged) return { kind: 'replace' };
    }
  }
  if (changed.length === 0) return { kind: 'none' };
  let first = -1;
  let last = -1;
  for (const i of changed) {
    if (idOf(prev[i]!) === idOf(next[i]!)) continue;
    if (first < 0) first = i;
    last = i;
  }
  if (first < 0) return { kind: 'transaction', update: changed.map((i) => next[i]!), remove: [], add: [], addIndex: 0 };
  // Rows moved inside [first, last]: the block must hold the same ids before and after, else rows came or went.
  const before = new Set<string>();
  for (let i = first; i <= last; i++) before.add(idOf(prev[i]!));
  for (let i = first; i <= last; i++) if (!before.delete(idOf(next[i]!))) return { kind: 'replace' };
  return {
    kind: 'transaction',
    update: changed.filter((i) => i < first || i > last).map((i) => next[i]!),
    remove: prev.slice(first, last + 1),
    add: next.slice(first, last + 1),
    addIndex: first,
  };
}
