// Selectors run on every store change (an edit in the allocation view changes the store four times): a count over
// 30k exceptions or 10k decisions is worked out once per list, not once per change.

/** A selector over one list of the state, computed once per list instance. */
export function memoByList<S, Item, T>(list: (s: S) => readonly Item[], derive: (items: readonly Item[]) => T): (s: S) => T {
  const cache = new WeakMap<readonly Item[], T>();
  return (s) => {
    const items = list(s);
    if (cache.has(items)) return cache.get(items) as T;
    const v = derive(items);
    cache.set(items, v);
    return v;
  };
}
