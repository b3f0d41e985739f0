// Optimal mode for one SKU group: what is left after frozen lines, floors, overrides and indivisible lines is
// allocated by an exact min-cost flow that maximises weighted value minus transfer, substitution, premium and
// lateness costs. Network: source -> supply pool (capacity = what is left) -> line (one arc per feasible source,
// cost = -(value - cost) per unit) -> sink (capacity = what the line may still take). Drop-ship is an arc
// straight from the source (the supplier is not capacity-limited).
import { isQuotaMember } from '../context';
import { MinCostFlow } from './mincostflow';
import type { GroupAllocator } from './run';
import { SRC_DROP_SHIP, SRC_INBOUND, SRC_ON_HAND, SRC_SUBSTITUTE, SRC_TRANSFER } from './sources';
import { latenessPerUnit, valuePerUnit } from './objective';

const POOL_OPEN = 0, POOL_FENCE = 1, POOL_SAFETY = 2;

/** A supply node of the network. */
export interface SupplyNode {
  readonly node: number;
  readonly item: number;
  readonly wh: number;
  /** 'pool' on hand (kind 0 open, 1 fence, 2 safety) or an inbound receipt (index into the key's list). */
  readonly onHandPool: number;
  readonly inboundIndex: number;
  readonly day: number;
  readonly capacity: number;
}

/** An allocation arc of the network: supply node (or -1 for drop-ship) to line. */
export interface LineArc {
  readonly arc: number;
  readonly supply: number;
  readonly line: number;
  readonly source: number;
  readonly unitCost: number;
  readonly day: number;
  readonly profit: number;
  readonly preference?: number;
}

/** The group's flow problem, in a neutral form (also what the HiGHS comparison rebuilds as an LP). */
export interface GroupNetwork {
  readonly flow: MinCostFlow;
  readonly s: number;
  readonly t: number;
  readonly supplies: SupplyNode[];
  readonly lineArcs: LineArc[];
  /** Line index -> its node, remaining capacity and line -> sink arc (whose flow is all the line receives). */
  readonly lineNodes: Map<number, { node: number; capacity: number; sinkArc: number }>;
}

/** Builds the flow network for the given lines against the group's remaining supply. */
export function buildGroupNetwork(a: GroupAllocator, lines: readonly number[]): GroupNetwork {
  const ctx = a.ctx;
  const { m, policy } = ctx;
  const R = a.results;
  const supply = a.supply;
  const W = m.W;
  const flow = new MinCostFlow(2);
  const s = 0, t = 1;
  const supplies: SupplyNode[] = [];
  const poolNode = new Map<number, number>();
  const inboundNode = new Map<number, number>();
  const lineArcs: LineArc[] = [];
  const lineNodes = new Map<number, { node: number; capacity: number; sinkArc: number }>();

  const pool = (key: number, kind: number): number => {
    const id = key * 3 + kind;
    let idx = poolNode.get(id);
    if (idx === undefined) {
      const capacity = !supply.loaded(key) ? 0 : kind === POOL_OPEN ? supply.open[key]! : kind === POOL_FENCE ? supply.fence[key]! : supply.safety[key]!;
      if (capacity <= 0) idx = -1;
      else {
        const node = flow.addNode();
        flow.addArc(s, node, capacity, 0);
        idx = supplies.length;
        supplies.push({ node, item: Math.floor(key / W), wh: key % W, onHandPool: kind, inboundIndex: -1, day: m.asOfDay, capacity });
      }
      poolNode.set(id, idx);
    }
    return idx;
  };
  const receipt = (key: number, k: number): number => {
    const id = key * 1024 + k;
    let idx = inboundNode.get(id);
    if (idx === undefined) {
      const rec = supply.inbound.get(key)!;
      const capacity = rec.qty[k]!;
      if (capacity <= 0) idx = -1;
      else {
        const node = flow.addNode();
        flow.addArc(s, node, capacity, 0);
        idx = supplies.length;
        supplies.push({ node, item: Math.floor(key / W), wh: key % W, onHandPool: -1, inboundIndex: k, day: rec.day[k]!, capacity });
      }
      inboundNode.set(id, idx);
    }
    return idx;
  };

  // The current line's data, read by the helpers below (defined once per network, not once per line: 100k
  // closures per run were measurable garbage).
  let j = 0, node = 0, remaining = 0, value = 0, dip = false;
  const link = (sup: number, source: number, unitCost: number, day: number, preference?: number): void => {
    if (sup < 0) return;
    const profit = value - unitCost - latenessPerUnit(ctx, j, day);
    if (profit <= 0) return;
    const arc = flow.addArc(supplies[sup]!.node, node, remaining, -profit);
    const la: LineArc = preference === undefined ? { arc, supply: sup, line: j, source, unitCost, day, profit } : { arc, supply: sup, line: j, source, unitCost, day, profit, preference };
    lineArcs.push(la);
  };
  const onHandPools = (item: number, w: number, source: number, unitCost: number, day: number, preference?: number): void => {
    const key = item * W + w;
    const member = isQuotaMember(ctx, j, item);
    link(pool(key, POOL_OPEN), source, unitCost, day, preference);
    if (member) link(pool(key, POOL_FENCE), source, unitCost, day, preference);
    if (dip) link(pool(key, POOL_SAFETY), source, unitCost, day, preference);
  };
  const receipts = (item: number, w: number, source: number, unitCost: number, preference?: number): void => {
    const key = item * W + w;
    const rec = supply.inbound.get(key);
    if (!rec) return;
    for (let k = 0; k < rec.day.length; k++) link(receipt(key, k), source, unitCost, rec.day[k]!, preference);
  };

  for (const line of lines) {
    j = line;
    remaining = Math.min(R.cap[j]!, R.demand[j]!) - R.allocated[j]!;
    if (remaining <= 0) continue;
    node = flow.addNode();
    const sinkArc = flow.addArc(node, t, remaining, 0);
    lineNodes.set(j, { node, capacity: remaining, sinkArc });
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
        onHandPools(rule.sub, wh, SRC_SUBSTITUTE, c, m.asOfDay, rule.preference);
        if (policy.sources.inbound) receipts(rule.sub, wh, SRC_SUBSTITUTE, c, rule.preference);
      }
    }
    if (policy.sources.dropShip && forced < 0) {
      const ds = m.dropShipOf[i];
      if (ds) {
        const day = m.asOfDay + ds.leadDays;
        const profit = value - ds.premium - latenessPerUnit(ctx, j, day);
        if (profit > 0) lineArcs.push({ arc: flow.addArc(s, node, remaining, -profit), supply: -1, line: j, source: SRC_DROP_SHIP, unitCost: ds.premium, day, profit });
      }
    }
  }
  return { flow, s, t, supplies, lineArcs, lineNodes };
}

/** Initial potentials for the network (a DAG: source -> supply -> line -> sink). */
export function dagPotentials(net: GroupNetwork): Float64Array {
  const pi = new Float64Array(net.flow.nodeCount);
  // Supply nodes sit at 0; a line's potential is its cheapest incoming arc; the sink is the cheapest line.
  for (const la of net.lineArcs) {
    const v = net.lineNodes.get(la.line)!.node;
    if (-la.profit < pi[v]!) pi[v] = -la.profit;
  }
  let tMin = 0;
  for (const { node } of net.lineNodes.values()) if (pi[node]! < tMin) tMin = pi[node]!;
  pi[net.t] = tMin;
  return pi;
}

/** Observes every network optimal mode solves (the benchmark re-solves them with HiGHS). */
export type NetworkObserver = (net: GroupNetwork, profit: number) => void;
let observer: NetworkObserver | null = null;

/** Installs (or with null removes) the network observer. */
export function observeNetworks(fn: NetworkObserver | null): void {
  observer = fn;
}

/**
 * Solves the group's remaining allocation exactly and records the slices. Lines that do not allow partial fill
 * and come out partly filled are taken out and the flow re-solved without them (repeat until none); they are then
 * served all-or-nothing from what is left, in rank order. Returns the flows' profit.
 */
export function solveGroupFlow(a: GroupAllocator, lines: readonly number[]): number {
  const m = a.ctx.m;
  let current = lines;
  const excluded: number[] = [];
  for (;;) {
    const net = buildGroupNetwork(a, current);
    if (net.lineArcs.length === 0) break;
    const cost = net.flow.solve(net.s, net.t, dagPotentials(net));
    // What a line receives is the flow on its sink arc (flow conservation), so no per-arc tally is needed.
    const split = current.filter((j) => {
      if (m.lPartial[j] !== 0) return false;
      const ln = net.lineNodes.get(j);
      if (!ln) return false;
      const f = net.flow.flow(ln.sinkArc);
      return f > 0 && f < ln.capacity;
    });
    if (split.length === 0) {
      if (observer) observer(net, -cost);
      applyFlows(a, net);
      for (const j of excluded.sort((x, y) => a.results.rank[x]! - a.results.rank[y]!)) a.serve(j);
      return -cost;
    }
    const out = new Set(split);
    excluded.push(...split);
    current = current.filter((j) => !out.has(j));
  }
  for (const j of excluded.sort((x, y) => a.results.rank[x]! - a.results.rank[y]!)) a.serve(j);
  return 0;
}

/** Records the flows of a solved network as slices and consumes the supply they use. */
function applyFlows(a: GroupAllocator, net: GroupNetwork): void {
  const ctx = a.ctx;
  const W = ctx.m.W;
  const ds = ctx.m.dropShipOf;
  for (const la of net.lineArcs) {
    const f = net.flow.flow(la.arc);
    if (f <= 0) continue;
    const j = la.line;
    if (la.supply < 0) {
      const opt = ds[ctx.m.lItem[j]!]!;
      a.addSlice(j, ctx.m.lItem[j]!, a.results.effWh[j]!, f, f, la.day, SRC_DROP_SHIP, opt.premium, opt.id);
      continue;
    }
    const sup = net.supplies[la.supply]!;
    const key = sup.item * W + sup.wh;
    if (sup.onHandPool >= 0) {
      // Consume exactly the pool the flow used.
      const arr = sup.onHandPool === POOL_OPEN ? a.supply.open : sup.onHandPool === POOL_FENCE ? a.supply.fence : a.supply.safety;
      arr[key] = arr[key]! - f;
      let list = a.supply.takers.get(key);
      if (!list) a.supply.takers.set(key, (list = []));
      list.push(j, f);
    } else {
      const rec = a.supply.inbound.get(key)!;
      rec.qty[sup.inboundIndex] = rec.qty[sup.inboundIndex]! - f;
    }
    a.addSlice(j, sup.item, sup.wh, f, f, la.day, la.source, la.unitCost, undefined, la.preference);
  }
}
