// Compiles a snapshot once into indexes and typed arrays (the shape every allocation pass reads), and splits the
// items into SKU groups: connected components of items linked by substitution rules. Lines and stock of different
// groups never compete, which is what lets a what-if recompute one group only.
import type { Channel, InventoryBalance, IsoDate, OrderLine, Snapshot } from '../../domain';
import { ORDER_TYPES } from '../../domain';
import { dayOf, isoOf } from './dates';
import { IdIndex } from './id-index';

/** A snapshot row that the engine cannot use, named by record and field. */
export class SnapshotInputError extends Error {
  constructor(
    readonly entity: string,
    readonly recordId: string,
    readonly field: string,
    readonly expected: string,
    readonly found: string,
  ) {
    super(`${entity} "${recordId}": field "${field}" expected ${expected}, found ${found}`);
    this.name = 'SnapshotInputError';
  }
}

export interface LaneRef {
  readonly laneId: string;
  readonly from: number;
  readonly days: number;
  readonly cost: number;
}

export interface RuleRef {
  readonly ruleId: string;
  readonly sub: number;
  readonly ratio: number;
  readonly preference: number;
  readonly requiresApproval: boolean;
}

export interface DropShipRef {
  readonly id: string;
  readonly leadDays: number;
  readonly premium: number;
}

export interface Model {
  readonly snapshot: Snapshot;
  readonly asOf: IsoDate;
  readonly asOfDay: number;
  // items
  readonly itemIds: readonly string[];
  readonly itemIndex: ReadonlyMap<string, number>;
  readonly packSize: Int32Array;
  readonly itemCost: Float64Array;
  // warehouses
  readonly whIds: readonly string[];
  readonly whIndex: ReadonlyMap<string, number>;
  readonly W: number;
  // customers
  readonly custIds: readonly string[];
  readonly custTier: Uint8Array;
  readonly custChannel: readonly Channel[];
  readonly custCommit: Float64Array;
  readonly custSubstitution: Uint8Array;
  /** Share of the customer's open units the ERP has reserved today (for the contract factor). */
  readonly custCurrentFill: Float64Array;
  // open order lines (status open/backordered, open quantity > 0), in snapshot order
  readonly L: number;
  /** Open lines in engine order (group by group); `planPos` gives each one's position in snapshot order. */
  readonly lines: readonly OrderLine[];
  readonly lineIds: readonly string[];
  readonly planPos: Int32Array;
  /** Order line id -> engine line number. */
  readonly lineIndex: IdIndex;
  readonly lItem: Int32Array;
  readonly lWh: Int32Array;
  readonly lCust: Int32Array;
  readonly lOpen: Int32Array;
  readonly lReserved: Int32Array;
  readonly lPromised: Int32Array;
  readonly lRequested: Int32Array;
  readonly lOrdered: Int32Array;
  readonly lPrice: Float64Array;
  readonly lPriority: Int32Array;
  /** 0 none, 1 credit, 2 compliance. */
  readonly lHold: Uint8Array;
  readonly lPartial: Uint8Array;
  readonly lSubstitution: Uint8Array;
  /** Index into ORDER_TYPES (a line without one is 'standard', 0). */
  readonly lOrderType: Uint8Array;
  readonly lGroup: Int32Array;
  // balances: one per (item, warehouse) at most
  readonly balances: readonly InventoryBalance[];
  /** item * W + warehouse -> balance index, or -1. */
  readonly balanceOf: Int32Array;
  /** Per balance: on hand - (WMS committed beyond ERP reserved), the stock available to allocate before edits. */
  readonly balAvailable: Int32Array;
  readonly balSafety: Int32Array;
  /** Per balance: WMS committed - ERP reserved (the variance detection reads). */
  readonly balGap: Int32Array;
  /** Warehouses holding a balance of each item, ascending. */
  readonly itemWarehouses: readonly Int32Array[];
  readonly inboundDay: readonly Int32Array[];
  readonly inboundQty: readonly Int32Array[];
  // network
  readonly lanesInto: readonly (readonly LaneRef[])[];
  readonly laneCost: ReadonlyMap<number, LaneRef>;
  readonly rulesOf: readonly (readonly RuleRef[])[];
  readonly dropShipOf: readonly (DropShipRef | null)[];
  // SKU groups
  readonly groupOfItem: Int32Array;
  readonly groupIds: readonly string[];
  readonly groupItems: readonly (readonly number[])[];
  /** Lines of each group (consecutive engine numbers, snapshot order within the group). */
  readonly groupLines: readonly Int32Array[];
}

const HOLD_CODE: Readonly<Record<string, number>> = { none: 0, credit: 1, compliance: 2 };
const ORDER_TYPE_CODE: ReadonlyMap<unknown, number> = new Map(ORDER_TYPES.map((t, k) => [t, k]));

/** The planning day: policy's, else the snapshot's `asOf`, else the latest modifiedAt day among its rows. */
export function resolveAsOf(snapshot: Snapshot, policyAsOf: IsoDate | null): IsoDate {
  if (policyAsOf) return policyAsOf;
  if (snapshot.asOf) return snapshot.asOf;
  let latest = '';
  for (const l of snapshot.orderLines) if (l.modifiedAt > latest) latest = l.modifiedAt;
  for (const b of snapshot.inventoryBalances) if (b.modifiedAt > latest) latest = b.modifiedAt;
  return (latest === '' ? '1970-01-01' : latest.slice(0, 10)) as IsoDate;
}

function indexById(rows: readonly { id: string }[]): Map<string, number> {
  const m = new Map<string, number>();
  for (let i = 0; i < rows.length; i++) m.set(rows[i]!.id, i);
  return m;
}

/** True for lines the plan considers: open or backordered with something left to ship. */
export function isOpenLine(l: OrderLine): boolean {
  return (l.status === 'open' || l.status === 'backordered') && l.orderedQty - l.shippedQty > 0;
}

/** Builds the model. Throws SnapshotInputError for a reference the engine cannot resolve. */
export function compileModel(snapshot: Snapshot, asOf: IsoDate): Model {
  const asOfDay = dayOf(asOf);
  const items = snapshot.items;
  const itemIndex = indexById(items);
  const I = items.length;
  const packSize = new Int32Array(I);
  const itemCost = new Float64Array(I);
  for (let i = 0; i < I; i++) {
    packSize[i] = Math.max(1, items[i]!.packSize | 0);
    itemCost[i] = items[i]!.unitCost;
  }
  const whIndex = indexById(snapshot.warehouses);
  const W = snapshot.warehouses.length;
  const customers = snapshot.customers;
  const custIndex = indexById(customers);
  const C = customers.length;
  const custTier = new Uint8Array(C);
  const custCommit = new Float64Array(C);
  const custSubstitution = new Uint8Array(C);
  const custChannel: Channel[] = new Array<Channel>(C);
  for (let c = 0; c < C; c++) {
    const r = customers[c]!;
    custTier[c] = r.tier;
    custCommit[c] = r.fillRateCommitment;
    custSubstitution[c] = r.substitutionAllowed ? 1 : 0;
    custChannel[c] = r.channel;
  }

  const ref = (entity: string, id: string, field: string, map: ReadonlyMap<string, number>, value: string, what: string): number => {
    const i = map.get(value);
    if (i === undefined) throw new SnapshotInputError(entity, id, field, `a known ${what} id`, JSON.stringify(value));
    return i;
  };

  // Substitution rules per item (by preference) and SKU groups by union-find.
  const parent = Int32Array.from({ length: I }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]!]!;
      x = parent[x]!;
    }
    return x;
  };
  const rulesOf: RuleRef[][] = Array.from({ length: I }, () => []);
  for (const rule of snapshot.substitutionRules) {
    const i = ref('substitution-rules', rule.id, 'itemId', itemIndex, rule.itemId, 'item');
    const s = ref('substitution-rules', rule.id, 'substituteItemId', itemIndex, rule.substituteItemId, 'item');
    if (i === s) continue;
    if (!(rule.ratio > 0)) throw new SnapshotInputError('substitution-rules', rule.id, 'ratio', 'a number > 0', String(rule.ratio));
    rulesOf[i]!.push({ ruleId: rule.id, sub: s, ratio: rule.ratio, preference: rule.preference, requiresApproval: rule.requiresApproval });
    const a = find(i), b = find(s);
    if (a !== b) parent[Math.max(a, b)] = Math.min(a, b);
  }
  for (const list of rulesOf) list.sort((a, b) => a.preference - b.preference || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));

  // Groups numbered by their first item in snapshot order; named by their smallest item id.
  const groupOfItem = new Int32Array(I).fill(-1);
  const groupItems: number[][] = [];
  const rootGroup = new Int32Array(I).fill(-1);
  for (let i = 0; i < I; i++) {
    const r = find(i);
    let g = rootGroup[r]!;
    if (g === -1) {
      g = groupItems.length;
      rootGroup[r] = g;
      groupItems.push([]);
    }
    groupOfItem[i] = g;
    groupItems[g]!.push(i);
  }
  const groupIds = groupItems.map((its) => its.map((i) => items[i]!.id).reduce((a, b) => (b < a ? b : a)));
  // Open lines, numbered group by group (snapshot order within a group) so that allocating a group walks its
  // lines' arrays sequentially; planPos maps that numbering back to the snapshot order the plan is written in.
  const open: OrderLine[] = [];
  for (const l of snapshot.orderLines) if (isOpenLine(l)) open.push(l);
  const L = open.length;
  const G = groupItems.length;
  const openGroup = new Int32Array(L);
  const openItem = new Int32Array(L);
  const counts = new Int32Array(G + 1);
  for (let k = 0; k < L; k++) {
    const l = open[k]!;
    const i = ref('order-lines', l.id, 'itemId', itemIndex, l.itemId, 'item');
    const g = groupOfItem[i]!;
    openItem[k] = i;
    openGroup[k] = g;
    counts[g + 1] = counts[g + 1]! + 1;
  }
  for (let g = 0; g < G; g++) counts[g + 1] = counts[g + 1]! + counts[g]!;
  const groupStart = Int32Array.from(counts);
  const planPos = new Int32Array(L);
  const lines: OrderLine[] = new Array<OrderLine>(L);
  const next = Int32Array.from(counts);
  const lItem = new Int32Array(L), lWh = new Int32Array(L), lCust = new Int32Array(L);
  const lOpen = new Int32Array(L), lReserved = new Int32Array(L);
  const lPromised = new Int32Array(L), lRequested = new Int32Array(L), lOrdered = new Int32Array(L);
  const lPrice = new Float64Array(L), lPriority = new Int32Array(L);
  const lHold = new Uint8Array(L), lPartial = new Uint8Array(L), lSubstitution = new Uint8Array(L), lOrderType = new Uint8Array(L);
  const lGroup = new Int32Array(L);
  const lineIds: string[] = new Array<string>(L);
  const lineIndex = new IdIndex(lineIds, L);
  const custOpen = new Float64Array(C), custReserved = new Float64Array(C);
  let lastWhId: string | null = null, lastWh = -1, lastCustId: string | null = null, lastCust = -1;
  // Read the snapshot in its own order (sequential memory) and write each line at its engine number.
  for (let k = 0; k < L; k++) {
    const l = open[k]!;
    const g = openGroup[k]!;
    const j = next[g]!;
    next[g] = j + 1;
    planPos[j] = k;
    lines[j] = l;
    lineIds[j] = l.id;
    if (!lineIndex.add(l.id, j)) throw new SnapshotInputError('order-lines', l.id, 'id', 'a unique order line id', JSON.stringify(l.id));
    lItem[j] = openItem[k]!;
    lGroup[j] = g;
    // Consecutive lines often share an order's customer and warehouse: compare with the last one before hashing.
    if (l.warehouseId !== lastWhId) {
      lastWh = ref('order-lines', l.id, 'warehouseId', whIndex, l.warehouseId, 'warehouse');
      lastWhId = l.warehouseId;
    }
    lWh[j] = lastWh;
    if (l.customerId !== lastCustId) {
      lastCust = ref('order-lines', l.id, 'customerId', custIndex, l.customerId, 'customer');
      lastCustId = l.customerId;
    }
    const c = lastCust;
    lCust[j] = c;
    const openQty = l.orderedQty - l.shippedQty;
    const reserved = Math.min(l.reservedQty, openQty);
    lOpen[j] = openQty;
    lReserved[j] = reserved;
    lPromised[j] = dayOf(l.promisedDate);
    lRequested[j] = dayOf(l.requestedDate);
    lOrdered[j] = dayOf(l.orderedAt ?? l.requestedDate);
    lPrice[j] = l.unitPrice;
    lPriority[j] = l.priority;
    lHold[j] = HOLD_CODE[l.holdCode] ?? 0;
    lPartial[j] = l.allowPartial ? 1 : 0;
    lSubstitution[j] = l.allowSubstitution ? 1 : 0;
    if (l.orderType !== undefined) {
      const t = ORDER_TYPE_CODE.get(l.orderType);
      if (t === undefined) throw new SnapshotInputError('order-lines', l.id, 'orderType', `one of ${ORDER_TYPES.join(', ')} (or none for standard)`, JSON.stringify(l.orderType));
      lOrderType[j] = t;
    }
    custOpen[c] = custOpen[c]! + openQty;
    custReserved[c] = custReserved[c]! + reserved;
  }
  const custCurrentFill = new Float64Array(C);
  for (let c = 0; c < C; c++) custCurrentFill[c] = custOpen[c]! > 0 ? custReserved[c]! / custOpen[c]! : 1;
  const all = new Int32Array(L);
  for (let j = 0; j < L; j++) all[j] = j;
  const groupLines = Array.from({ length: G }, (_, g) => all.subarray(groupStart[g]!, groupStart[g + 1]!));

  // Balances and inbound, sorted by ETA (stable by input order for equal dates).
  const balances = snapshot.inventoryBalances;
  const balanceOf = new Int32Array(I * W).fill(-1);
  const balAvailable = new Int32Array(balances.length), balSafety = new Int32Array(balances.length), balGap = new Int32Array(balances.length);
  const inboundDay: Int32Array[] = [];
  const inboundQty: Int32Array[] = [];
  for (let b = 0; b < balances.length; b++) {
    const r = balances[b]!;
    const i = ref('inventory-balances', r.id, 'itemId', itemIndex, r.itemId, 'item');
    const w = ref('inventory-balances', r.id, 'warehouseId', whIndex, r.warehouseId, 'warehouse');
    if (balanceOf[i * W + w] !== -1) throw new SnapshotInputError('inventory-balances', r.id, 'id', 'one balance per item and warehouse', JSON.stringify(r.id));
    balanceOf[i * W + w] = b;
    balAvailable[b] = r.onHandQty - Math.max(0, r.wmsCommittedQty - r.erpReservedQty);
    balSafety[b] = r.safetyStockQty;
    balGap[b] = r.wmsCommittedQty - r.erpReservedQty;
    const n = r.inbound.length;
    const days = new Int32Array(n), qtys = new Int32Array(n);
    for (let k = 0; k < n; k++) {
      days[k] = dayOf(r.inbound[k]!.eta);
      qtys[k] = r.inbound[k]!.qty;
    }
    // Insertion sort by ETA (stable; receipts per balance are few).
    for (let k = 1; k < n; k++) {
      const d = days[k]!, q = qtys[k]!;
      let x = k - 1;
      while (x >= 0 && days[x]! > d) {
        days[x + 1] = days[x]!;
        qtys[x + 1] = qtys[x]!;
        x--;
      }
      days[x + 1] = d;
      qtys[x + 1] = q;
    }
    inboundDay.push(days);
    inboundQty.push(qtys);
  }

  const whLists: number[][] = Array.from({ length: I }, () => []);
  for (let key = 0; key < I * W; key++) if (balanceOf[key] !== -1) whLists[Math.floor(key / W)]!.push(key % W);
  const itemWarehouses = whLists.map((l) => Int32Array.from(l));

  // Lanes into each warehouse, cheapest first (then fastest, then id) so priority mode tries them in cost order.
  const lanesInto: LaneRef[][] = Array.from({ length: W }, () => []);
  const laneCost = new Map<number, LaneRef>();
  for (const lane of snapshot.lanes) {
    const from = ref('lanes', lane.id, 'fromWarehouseId', whIndex, lane.fromWarehouseId, 'warehouse');
    const to = ref('lanes', lane.id, 'toWarehouseId', whIndex, lane.toWarehouseId, 'warehouse');
    if (from === to) continue;
    const r: LaneRef = { laneId: lane.id, from, days: lane.transferDays, cost: lane.costPerUnit };
    const key = from * W + to;
    const prev = laneCost.get(key);
    if (prev && (prev.cost < r.cost || (prev.cost === r.cost && prev.days <= r.days))) continue;
    if (prev) lanesInto[to] = lanesInto[to]!.filter((x) => x !== prev);
    laneCost.set(key, r);
    lanesInto[to]!.push(r);
  }
  for (const list of lanesInto) list.sort((a, b) => a.cost - b.cost || a.days - b.days || (a.laneId < b.laneId ? -1 : a.laneId > b.laneId ? 1 : 0));

  const dropShipOf: (DropShipRef | null)[] = new Array<DropShipRef | null>(I).fill(null);
  for (const d of snapshot.dropShipOptions) {
    const i = ref('drop-ship-options', d.id, 'itemId', itemIndex, d.itemId, 'item');
    const prev = dropShipOf[i];
    if (!prev || d.premiumPerUnit < prev.premium || (d.premiumPerUnit === prev.premium && d.leadDays < prev.leadDays)) {
      dropShipOf[i] = { id: d.id, leadDays: d.leadDays, premium: d.premiumPerUnit };
    }
  }

  return {
    snapshot, asOf, asOfDay, itemIds: items.map((x) => x.id), itemIndex, packSize, itemCost,
    whIds: snapshot.warehouses.map((x) => x.id), whIndex, W,
    custIds: customers.map((x) => x.id), custTier, custChannel, custCommit, custSubstitution, custCurrentFill,
    L, lines, lineIds, planPos, lineIndex, lItem, lWh, lCust, lOpen, lReserved, lPromised, lRequested, lOrdered, lPrice, lPriority, lHold, lPartial, lSubstitution, lOrderType, lGroup,
    balances, balanceOf, balAvailable, balSafety, balGap, itemWarehouses, inboundDay, inboundQty, lanesInto, laneCost, rulesOf, dropShipOf,
    groupOfItem, groupIds, groupItems, groupLines,
  };
}

export { isoOf };
