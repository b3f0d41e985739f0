// Deterministic random planner edits for the what-if latency benchmark (a small xorshift PRNG, no Math.random).
import type { IsoDate, Snapshot } from '../../../shared/domain';
import type { Edit } from '../../../shared/engine';

function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 4294967296;
  };
}

/** `n` edits over open lines of the snapshot: overrides, locks, quantities, sources, substitutes and supply. */
export function randomEdits(s: Snapshot, n: number, seed: number): Edit[] {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const open = s.orderLines.filter((l) => (l.status === 'open' || l.status === 'backordered') && l.orderedQty > l.shippedQty);
  const subsOf = new Map<string, string[]>();
  for (const rule of s.substitutionRules) subsOf.set(rule.itemId, [...(subsOf.get(rule.itemId) ?? []), rule.substituteItemId]);
  const dates = ['2026-11-27', '2026-11-30', '2026-12-02', '2026-12-09'] as IsoDate[];
  const edits: Edit[] = [];
  while (edits.length < n) {
    const l = pick(open);
    const u = r();
    if (u < 0.3) edits.push({ kind: 'priority-override', orderLineId: l.id, priority: 1 + Math.floor(r() * 5) });
    else if (u < 0.4) edits.push({ kind: 'lock', orderLineId: l.id, locked: r() < 0.7 });
    else if (u < 0.6) edits.push({ kind: 'quantity', orderLineId: l.id, qty: Math.floor(r() * (l.orderedQty - l.shippedQty + 1)) });
    else if (u < 0.7) edits.push({ kind: 'source', orderLineId: l.id, warehouseId: pick(s.warehouses).id });
    else if (u < 0.75) {
      const subs = subsOf.get(l.itemId);
      edits.push({ kind: 'substitute', orderLineId: l.id, itemId: subs ? pick(subs) : null });
    } else edits.push({ kind: 'supply', itemId: l.itemId, warehouseId: l.warehouseId, qty: Math.floor(r() * 300) - 50, date: pick(dates) });
  }
  return edits;
}
