// The overlay: a list of planner edits reduced to per-line settings, supply adjustments and weights. A plan is a pure
// function of (snapshot, policy, overlay), so replaying the same edits always gives the same plan, and undo is
// "reduce the shorter list".
import type { Edit } from './edits';
import { dayOf } from './model/dates';
import type { Model } from './model/compile';
import type { Policy, ScoreWeights } from './policy';

export interface LineOverlay {
  priority: number | null;
  locked: boolean;
  qty: number | null;
  /** Warehouse index, or null for the requested warehouse. */
  warehouse: number | null;
  /** undefined: rules decide; -1: substitution forbidden; else the forced substitute item index. */
  substitute: number | undefined;
}

export interface SupplyAdjustment {
  /** On-hand delta (sum of edits dated on or before the planning day). */
  onHand: number;
  /** Extra receipts (day, qty) in edit order. */
  inbound: { day: number; qty: number }[];
}

export interface Overlay {
  readonly lines: Map<number, LineOverlay>;
  /** Keyed by item * W + warehouse. */
  readonly supply: Map<number, SupplyAdjustment>;
  weights: ScoreWeights;
}

export function emptyOverlay(policy: Policy): Overlay {
  return { lines: new Map(), supply: new Map(), weights: policy.weights };
}

function lineOverlay(o: Overlay, j: number): LineOverlay {
  let lo = o.lines.get(j);
  if (!lo) {
    lo = { priority: null, locked: false, qty: null, warehouse: null, substitute: undefined };
    o.lines.set(j, lo);
  }
  return lo;
}

/** What one edit touches: the SKU groups to recompute, or 'all' when scores change everywhere. */
export type Affected = { readonly groups: readonly number[] } | 'all';

/** Applies one (validated) edit to the overlay and says which groups it affects. Unknown ids are ignored. */
export function applyEdit(m: Model, o: Overlay, e: Edit): Affected {
  if (e.kind === 'policy-weights') {
    o.weights = { ...o.weights, ...e.weights };
    return 'all';
  }
  if (e.kind === 'supply') {
    const i = m.itemIndex.get(e.itemId);
    const w = m.whIndex.get(e.warehouseId);
    if (i === undefined || w === undefined) return { groups: [] };
    const key = i * m.W + w;
    let s = o.supply.get(key);
    if (!s) {
      s = { onHand: 0, inbound: [] };
      o.supply.set(key, s);
    }
    const day = dayOf(e.date);
    if (day <= m.asOfDay) s.onHand += e.qty;
    else s.inbound.push({ day, qty: e.qty });
    return { groups: [m.groupOfItem[i]!] };
  }
  const j = m.lineIndex.get(e.orderLineId);
  if (j === undefined) return { groups: [] };
  const lo = lineOverlay(o, j);
  switch (e.kind) {
    case 'priority-override':
      lo.priority = e.priority;
      break;
    case 'lock':
      lo.locked = e.locked;
      break;
    case 'quantity':
      lo.qty = e.qty === null ? null : Math.min(e.qty, m.lOpen[j]!);
      break;
    case 'source': {
      const w = e.warehouseId === null ? undefined : m.whIndex.get(e.warehouseId);
      lo.warehouse = w === undefined || w === m.lWh[j] ? null : w;
      break;
    }
    case 'substitute': {
      if (e.itemId === null) lo.substitute = -1;
      else {
        const s = m.itemIndex.get(e.itemId);
        // Only a rule's substitute stays inside the line's SKU group; anything else is refused by validation.
        lo.substitute = s !== undefined && m.rulesOf[m.lItem[j]!]!.some((r) => r.sub === s) ? s : undefined;
      }
      break;
    }
  }
  return { groups: [m.lGroup[j]!] };
}

/** Reduces a list of edits into a fresh overlay. */
export function overlayFrom(m: Model, policy: Policy, edits: readonly Edit[]): Overlay {
  const o = emptyOverlay(policy);
  for (const e of edits) applyEdit(m, o, e);
  return o;
}
