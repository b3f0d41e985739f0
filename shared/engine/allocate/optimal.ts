// Optimal mode for one SKU group: what is left after frozen lines, floors, overrides and indivisible lines is
// allocated exactly, maximising weighted value minus transfer, substitution, premium and lateness costs. The
// problem is a transportation network: supply pool (capacity = what is left) -> line (one arc per feasible source,
// profit = value - cost per unit) -> the line's room (what it may still take); drop-ship arcs come from an
// unlimited supplier. `transport-flow.ts` solves it.
import { isQuotaMember } from '../context';
import type { GroupAllocator } from './run';
import { SRC_DROP_SHIP, SRC_INBOUND, SRC_ON_HAND, SRC_SUBSTITUTE, SRC_TRANSFER } from './sources';
import { latenessPerUnit, valuePerUnit } from './objective';
import { solveTransport } from './transport-flow';

const POOL_OPEN = 0, POOL_FENCE = 1, POOL_SAFETY = 2;

/**
 * The group's problem in flat arrays (also what the HiGHS comparison rebuilds as an LP). Arc `a` goes from
 * pool `arcPool[a]` (or -1: drop-ship) to local line `arcLine[a]`, engine line `lines[arcLine[a]]`.
 * The arrays are reused by the next group: read a network only while it is being solved or observed.
 */
export interface GroupNetwork {
  /** Per pool: capacity, item, warehouse, on-hand pool kind (0 open, 1 fence, 2 safety) or -1 for an inbound receipt (then `poolReceipt` indexes the key's receipts). */
  readonly poolCap: number[];
  readonly poolItem: number[];
  readonly poolWh: number[];
  readonly poolKind: number[];
  readonly poolReceipt: number[];
  readonly lines: number[];
  readonly lineCap: number[];
  readonly arcPool: number[];
  readonly arcLine: number[];
  readonly arcProfit: number[];
  readonly arcSource: number[];
  readonly arcUnitCost: number[];
  readonly arcDay: number[];
  poolCount: number;
  lineCount: number;
  arcCount: number;
}

// One network at a time (the engine is single-threaded): the arrays grow once and are overwritten per group,
// instead of ~190k arc objects per large run.
const net: GroupNetwork = {
  poolCap: [], poolItem: [], poolWh: [], poolKind: [], poolReceipt: [], lines: [], lineCap: [], arcPool: [], arcLine: [], arcProfit: [], arcSource: [], arcUnitCost: [], arcDay: [],
  poolCount: 0, lineCount: 0, arcCount: 0,
};
// Pool of each (item x warehouse key, kind) in the current network, valid where `poolStamp` holds this network's
// stamp: typed arrays over all keys instead of a Map cleared and refilled for each of ~6,000 groups.
let poolStamp = new Int32Array(0);
let poolSlot = new Int32Array(0);
let stamp = 0;
const STAMP_LIMIT = 0x3fffffff;
/** Per item x warehouse key, the pool of each of its inbound receipts (-2: not made yet). Any number of receipts. */
const receiptPools = new Map<number, Int32Array>();
let flowBuffer = new Float64Array(1024);
let receivedBuffer = new Float64Array(256);

/** Builds the network for the given lines against the group's remaining supply. */
export function buildGroupNetwork(a: GroupAllocator, lines: readonly number[]): GroupNetwork {
  const ctx = a.ctx;
  const { m, policy } = ctx;
  const R = a.results;
  const supply = a.supply;
  const W = m.W;
  net.poolCount = net.lineCount = net.arcCount = 0;
  receiptPools.clear();
  const ids = supply.open.length * 3;
  if (poolStamp.length < ids) {
    poolStamp = new Int32Array(ids);
    poolSlot = new Int32Array(ids);
    stamp = 0;
  } else if (stamp === STAMP_LIMIT) {
    // A worker that lives for months must not let the stamp wrap (a wrapped stamp would never match).
    poolStamp.fill(0);
    stamp = 0;
  }
  const current = ++stamp;

  const addPool = (key: number, kind: number, receiptIndex: number, capacity: number): number => {
    const p = net.poolCount++;
    net.poolCap[p] = capacity;
    net.poolItem[p] = Math.floor(key / W);
    net.poolWh[p] = key % W;
    net.poolKind[p] = kind;
    net.poolReceipt[p] = receiptIndex;
    return p;
  };
  const pool = (key: number, kind: number): number => {
    const id = key * 3 + kind;
    if (poolStamp[id] === current) return poolSlot[id]!;
    const capacity = !supply.loaded(key) ? 0 : kind === POOL_OPEN ? supply.open[key]! : kind === POOL_FENCE ? supply.fence[key]! : supply.safety[key]!;
    const p = capacity <= 0 ? -1 : addPool(key, kind, -1, capacity);
    poolStamp[id] = current;
    poolSlot[id] = p;
    return p;
  };
  const receipt = (key: number, k: number): number => {
    const rec = supply.inbound.get(key)!;
    let pools = receiptPools.get(key);
    if (!pools) receiptPools.set(key, (pools = new Int32Array(rec.qty.length).fill(-2)));
    let p = pools[k]!;
    if (p === -2) {
      const capacity = rec.qty[k]!;
      p = pools[k] = capacity <= 0 ? -1 : addPool(key, -1, k, capacity);
    }
    return p;
  };

  // The current line's data, read by the helpers below (defined once per network, not once per line).
  let j = 0, local = 0, value = 0, dip = false;
  const addArc = (p: number, profit: number, source: number, unitCost: number, day: number): void => {
    const k = net.arcCount++;
    net.arcPool[k] = p;
    net.arcLine[k] = local;
    net.arcProfit[k] = profit;
    net.arcSource[k] = source;
    net.arcUnitCost[k] = unitCost;
    net.arcDay[k] = day;
  };
  const link = (p: number, source: number, unitCost: number, day: number): void => {
    if (p < 0) return;
    const profit = value - unitCost - latenessPerUnit(ctx, j, day);
    if (profit > 0) addArc(p, profit, source, unitCost, day);
  };
  const onHandPools = (item: number, w: number, source: number, unitCost: number, day: number): void => {
    const key = item * W + w;
    link(pool(key, POOL_OPEN), source, unitCost, day);
    if (isQuotaMember(ctx, j, item)) link(pool(key, POOL_FENCE), source, unitCost, day);
    if (dip) link(pool(key, POOL_SAFETY), source, unitCost, day);
  };
  const receipts = (item: number, w: number, source: number, unitCost: number): void => {
    const key = item * W + w;
    const rec = supply.inbound.get(key);
    if (!rec) return;
    for (let k = 0; k < rec.day.length; k++) link(receipt(key, k), source, unitCost, rec.day[k]!);
  };

  for (const line of lines) {
    j = line;
    const room = Math.min(R.cap[j]!, R.demand[j]!) - R.allocated[j]!;
    if (room <= 0) continue;
    local = net.lineCount++;
    net.lines[local] = j;
    net.lineCap[local] = room;
    value = valuePerUnit(ctx, j);
    const i = m.lItem[j]!;
    const wh = R.effWh[j]!;
    dip = a.dips(j);
    const lo = ctx.overlay.lines.get(j);
    const forced = lo && lo.substitute !== undefined && lo.substitute >= 0 ? lo.substitute : -1;
    if (forced < 0) {
      onHandPools(i, wh, SRC_ON_HAND, 0, m.asOfDay);
      if (policy.sources.inbound) receipts(i, wh, SRC_INBOUND, 0);
      if (policy.sources.transfer) for (const lane of m.lanesInto[wh]!) onHandPools(i, lane.from, SRC_TRANSFER, lane.cost, m.asOfDay + lane.days);
    }
    if (a.substitutionAllowed(j)) {
      for (const rule of m.rulesOf[i]!) {
        // Only unit-ratio substitutes keep the problem a pure network (see README, "Optimal formulation").
        if (rule.ratio !== 1 || (forced >= 0 && rule.sub !== forced)) continue;
        const c = a.substitutionCost(rule.preference);
        onHandPools(rule.sub, wh, SRC_SUBSTITUTE, c, m.asOfDay);
        if (policy.sources.inbound) receipts(rule.sub, wh, SRC_SUBSTITUTE, c);
      }
    }
    if (policy.sources.dropShip && forced < 0) {
      const ds = m.dropShipOf[i];
      if (ds) {
        const day = m.asOfDay + ds.leadDays;
        const profit = value - ds.premium - latenessPerUnit(ctx, j, day);
        if (profit > 0) addArc(-1, profit, SRC_DROP_SHIP, ds.premium, day);
      }
    }
  }
  return net;
}

/** Observes every network optimal mode solves, with its optimum (the benchmark re-solves them with HiGHS). */
export type NetworkObserver = (net: GroupNetwork, profit: number) => void;
let observer: NetworkObserver | null = null;

/** Installs (or with null removes) the network observer. */
export function observeNetworks(fn: NetworkObserver | null): void {
  observer = fn;
}

/** Solves the built network; returns the profit and leaves each arc's flow in the returned buffer. */
function solve(n: GroupNetwork): { profit: number; flow: Float64Array } {
  if (flowBuffer.length < n.arcCount) flowBuffer = new Float64Array(Math.max(n.arcCount, flowBuffer.length * 2));
  const profit = solveTransport(n, flowBuffer);
  return { profit, flow: flowBuffer };
}

/**
 * Solves the group's remaining allocation exactly and records the slices. Lines that do not allow partial fill
 * and come out partly filled are taken out and the problem re-solved without them (repeat until none); they are
 * then served all-or-nothing from what is left, in rank order. Returns the flows' profit.
 */
export function solveGroupFlow(a: GroupAllocator, lines: readonly number[]): number {
  const m = a.ctx.m;
  let current = lines;
  const excluded: number[] = [];
  for (;;) {
    const n = buildGroupNetwork(a, current);
    if (n.arcCount === 0) break;
    const { profit, flow } = solve(n);
    // What each line receives, summed over its arcs.
    if (receivedBuffer.length < n.lineCount) receivedBuffer = new Float64Array(Math.max(n.lineCount, receivedBuffer.length * 2));
    const received = receivedBuffer.fill(0, 0, n.lineCount);
    for (let k = 0; k < n.arcCount; k++) received[n.arcLine[k]!] = received[n.arcLine[k]!]! + flow[k]!;
    const split: number[] = [];
    for (let l = 0; l < n.lineCount; l++) {
      const j = n.lines[l]!;
      if (m.lPartial[j] !== 0) continue;
      const f = received[l]!;
      if (f > 0 && f < n.lineCap[l]!) split.push(j);
    }
    if (split.length === 0) {
      if (observer) observer(n, profit);
      applyFlows(a, n, flow);
      for (const j of excluded.sort((x, y) => a.results.rank[x]! - a.results.rank[y]!)) a.serve(j);
      return profit;
    }
    const out = new Set(split);
    excluded.push(...split);
    current = current.filter((j) => !out.has(j));
  }
  for (const j of excluded.sort((x, y) => a.results.rank[x]! - a.results.rank[y]!)) a.serve(j);
  return 0;
}

/** Records the flows of a solved network as slices and consumes the supply they use. */
function applyFlows(a: GroupAllocator, n: GroupNetwork, flow: Float64Array): void {
  const m = a.ctx.m;
  const W = m.W;
  for (let k = 0; k < n.arcCount; k++) {
    const f = flow[k]!;
    if (f <= 0) continue;
    const j = n.lines[n.arcLine[k]!]!;
    const p = n.arcPool[k]!;
    if (p < 0) {
      a.addSlice(j, m.lItem[j]!, a.results.effWh[j]!, f, f, n.arcDay[k]!, SRC_DROP_SHIP, n.arcUnitCost[k]!);
      continue;
    }
    const item = n.poolItem[p]!, wh = n.poolWh[p]!, kind = n.poolKind[p]!;
    const key = item * W + wh;
    if (kind >= 0) {
      // Consume exactly the pool the flow used.
      const arr = kind === POOL_OPEN ? a.supply.open : kind === POOL_FENCE ? a.supply.fence : a.supply.safety;
      arr[key] = arr[key]! - f;
      let list = a.supply.takers.get(key);
      if (!list) a.supply.takers.set(key, (list = []));
      list.push(j, f);
    } else {
      const rec = a.supply.inbound.get(key)!;
      const r = n.poolReceipt[p]!;
      rec.qty[r] = rec.qty[r]! - f;
    }
    a.addSlice(j, item, wh, f, f, n.arcDay[k]!, n.arcSource[k]!, n.arcUnitCost[k]!);
  }
}
