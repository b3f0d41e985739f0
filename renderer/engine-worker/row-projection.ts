// Projects the engine's PlanLine plus the cached order line and customer into the flat AllocationRow the grid shows,
// and reduces the session's edit list into each line's current editable values.
import type { Customer, OrderLine, Snapshot } from '../../shared/domain';
import type { Edit } from '../../shared/engine/edits';
import type { PlanLine } from '../../shared/engine/types';
import type { AllocationRow, RowSource } from './allocation-row';
import { COMPARED_FIELDS } from './allocation-row';

/** The planner's current settings for one line, as the edit list leaves them (last edit wins). */
export interface LineEdits {
  priorityOverride: number | null;
  locked: boolean;
  quantityOverride: number | null;
  sourceOverride: string | null;
  substituteOverride: string | null;
}

const NO_EDITS: Readonly<LineEdits> = { priorityOverride: null, locked: false, quantityOverride: null, sourceOverride: null, substituteOverride: null };

/** Reduces edits to per-line settings; lines without edits are absent. */
export function lineEditsFrom(edits: readonly Edit[]): Map<string, LineEdits> {
  const out = new Map<string, LineEdits>();
  for (const e of edits) {
    if (e.kind === 'supply' || e.kind === 'policy-weights') continue;
    let le = out.get(e.orderLineId);
    if (!le) {
      le = { ...NO_EDITS };
      out.set(e.orderLineId, le);
    }
    switch (e.kind) {
      case 'priority-override':
        le.priorityOverride = e.priority;
        break;
      case 'lock':
        le.locked = e.locked;
        break;
      case 'quantity':
        le.quantityOverride = e.qty;
        break;
      case 'source':
        le.sourceOverride = e.warehouseId;
        break;
      case 'substitute':
        le.substituteOverride = e.itemId === null ? 'none' : e.itemId;
        break;
    }
  }
  return out;
}

/** Lookups the projection needs, built once per snapshot. */
export interface ProjectionIndex {
  readonly lineById: ReadonlyMap<string, OrderLine>;
  readonly customerById: ReadonlyMap<string, Customer>;
  /** Item -> substitute items allowed by a rule, by preference. */
  readonly substitutesOfItem: ReadonlyMap<string, readonly string[]>;
  /** Item -> its SKU group id (items linked by substitution rules, named by their smallest item id, as the engine names them). */
  readonly groupOfItem: ReadonlyMap<string, string>;
}

export function buildProjectionIndex(s: Snapshot): ProjectionIndex {
  const lineById = new Map<string, OrderLine>();
  for (const l of s.orderLines) lineById.set(l.id, l);
  const customerById = new Map<string, Customer>();
  for (const c of s.customers) customerById.set(c.id, c);
  const rules = [...s.substitutionRules].sort((a, b) => a.preference - b.preference || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const substitutesOfItem = new Map<string, string[]>();
  for (const r of rules) {
    if (r.itemId === r.substituteItemId) continue;
    const list = substitutesOfItem.get(r.itemId) ?? [];
    if (!list.includes(r.substituteItemId)) list.push(r.substituteItemId);
    substitutesOfItem.set(r.itemId, list);
  }
  // Union-find over the rules: an item with no open line of its own still opens the group it belongs to.
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== undefined && parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  for (const i of s.items) parent.set(i.id, i.id);
  for (const r of s.substitutionRules) {
    if (!parent.has(r.itemId) || !parent.has(r.substituteItemId)) continue;
    const a = find(r.itemId), b = find(r.substituteItemId);
    // The smaller id becomes the root, so the root is the group's name.
    if (a !== b) parent.set(a < b ? b : a, a < b ? a : b);
  }
  const groupOfItem = new Map<string, string>();
  for (const i of s.items) groupOfItem.set(i.id, find(i.id));
  return { lineById, customerById, substitutesOfItem, groupOfItem };
}

function sourceOf(p: PlanLine): RowSource {
  if (p.allocations.length === 0) return p.held ? 'held' : 'backorder';
  const first = p.allocations[0]!.source;
  return p.allocations.every((a) => a.source === first) ? first : 'mixed';
}

/** The grid row for one plan line. */
export function projectRow(p: PlanLine, ix: ProjectionIndex, edits: Readonly<LineEdits> | undefined): AllocationRow {
  const l = ix.lineById.get(p.orderLineId);
  const c = l ? ix.customerById.get(l.customerId) : undefined;
  const le = edits ?? NO_EDITS;
  const substitute = p.allocations.find((a) => a.source === 'substitute');
  const first = p.allocations[0];
  const openQty = l ? l.orderedQty - l.shippedQty : p.demandQty;
  return {
    orderLineId: p.orderLineId,
    orderId: l?.orderId ?? '',
    lineNo: l?.lineNo ?? 0,
    groupId: p.groupId,
    rank: p.rank,
    score: p.score,
    scoreBreakdown: p.scoreBreakdown,
    strategy: p.strategy,
    customerId: l?.customerId ?? '',
    customerName: c?.name ?? l?.customerId ?? '',
    tier: c?.tier ?? 0,
    channel: c?.channel ?? '',
    itemId: l?.itemId ?? '',
    warehouseId: l?.warehouseId ?? '',
    orderedQty: l?.orderedQty ?? openQty,
    openQty,
    demandQty: p.demandQty,
    promisedDate: l?.promisedDate ?? '',
    unitPriceCents: l?.unitPrice ?? 0,
    holdCode: l?.holdCode ?? 'none',
    allowPartial: l?.allowPartial ?? true,
    planSource: sourceOf(p),
    planQty: p.allocatedQty,
    planWarehouseId: first?.warehouseId ?? null,
    planShipDate: p.shipDate,
    planSubstituteItemId: substitute?.itemId ?? null,
    shortQty: p.shortQty,
    daysLate: p.daysLate,
    erpReservedQty: p.erpReservedQty,
    changeQty: p.allocatedQty - p.erpReservedQty,
    explanation: p.explanation,
    priorityOverride: le.priorityOverride,
    locked: le.locked,
    quantityOverride: le.quantityOverride,
    sourceOverride: le.sourceOverride,
    substituteOverride: le.substituteOverride,
    allowedSubstitutes: ix.substitutesOfItem.get(l?.itemId ?? '') ?? [],
  };
}

/** The fields whose values differ between two projections of the same line. */
export function changedFields(before: AllocationRow, after: AllocationRow): string[] {
  const out: string[] = [];
  for (const f of COMPARED_FIELDS) if (before[f] !== after[f]) out.push(f);
  return out;
}

/** Grid order: SKU group, then rank (then line id, so equal ranks never flicker). */
export function compareRows(a: AllocationRow, b: AllocationRow): number {
  if (a.groupId !== b.groupId) return a.groupId < b.groupId ? -1 : 1;
  if (a.rank !== b.rank) return a.rank - b.rank;
  return a.orderLineId < b.orderLineId ? -1 : a.orderLineId > b.orderLineId ? 1 : 0;
}

/**
 * The rows in grid order (as `sort(compareRows)` gives them), without one comparison sort over 100k rows: rows are
 * bucketed by SKU group, the group names sorted once, and each group's few lines sorted by rank.
 */
export function inGridOrder(rows: readonly AllocationRow[]): AllocationRow[] {
  const byGroup = new Map<string, AllocationRow[]>();
  for (const r of rows) {
    const bucket = byGroup.get(r.groupId);
    if (bucket) bucket.push(r);
    else byGroup.set(r.groupId, [r]);
  }
  const groups = [...byGroup.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const out = new Array<AllocationRow>(rows.length);
  let at = 0;
  for (const g of groups) {
    const bucket = byGroup.get(g)!;
    if (bucket.length > 1) bucket.sort(compareRows);
    for (const r of bucket) out[at++] = r;
  }
  return out;
}
