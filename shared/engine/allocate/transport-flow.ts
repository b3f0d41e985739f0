// An exact solver for optimal mode's allocation problem: supply pools -> order lines, each arc with a profit per
// unit, pools and lines with capacities, plus drop-ship arcs from an unlimited supplier. It maximises total profit
// (a min-cost flow that stops when no augmenting path pays), by successive shortest paths with potentials.
//
// Why not a general min-cost flow: a SKU group has few supply pools (at most a few dozen) but up to ~1,500 lines,
// and a general solver's Dijkstra labels every line in every phase (quadratic in lines). Every path of this network
// alternates pool -> line -> pool, so a line is only ever a hop between two pools: "take the line's units from pool
// q and give them from pool p instead" (cost profit(q, line) - profit(p, line)), or the last hop into the line's
// unfilled capacity (cost -profit(p, line)). The search therefore runs on the pools alone, with the cheapest hop of
// each pool pair kept in a heap of (line) candidates; the line's own potential cancels out of every hop, so only
// pools carry potentials. The shortest paths, and so the optimum's value, are those of the full network; which of
// several equally good plans it returns follows the fixed tie-breaks below (deterministic). A group with more pools
// than the search suits (see PAIR_SIDE) goes to the general solver in mincostflow.ts instead.
//
// Integer capacities and profits (units, cents) keep every figure exact in float64 while totals stay below 2^53
// cents (about 90 trillion in currency units).

import { solveTransportAsNetwork } from './mincostflow';

/** The problem, in local indices. Arc `a` goes from pool `arcPool[a]` (or -1: the drop-ship supplier) to line `arcLine[a]`. */
export interface TransportProblem {
  readonly poolCount: number;
  readonly lineCount: number;
  readonly arcCount: number;
  readonly poolCap: ArrayLike<number>;
  readonly lineCap: ArrayLike<number>;
  readonly arcPool: ArrayLike<number>;
  readonly arcLine: ArrayLike<number>;
  /** Profit per unit (> 0; arcs that do not pay are not in the problem). */
  readonly arcProfit: ArrayLike<number>;
}

const HOP_ROOT = 0, HOP_EXIT = 1, HOP_EXCHANGE = 2;

/** Candidate hops from pool `from` to pool `to` through a line: (arc given, arc taken back), keyed by the hop's cost. */
class HopHeap {
  // Typed arrays with a size of their own: a heap keeps its capacity across solves (cleared, not freed), so the
  // ~90k hops of a large run allocate nothing once the heaps have grown.
  key = new Float64Array(8);
  give = new Int32Array(8);
  take = new Int32Array(8);
  size = 0;

  clear(): void {
    this.size = 0;
  }

  push(k: number, give: number, take: number): void {
    if (this.size === this.key.length) {
      const n = this.size * 2;
      const key = new Float64Array(n), g = new Int32Array(n), t = new Int32Array(n);
      key.set(this.key);
      g.set(this.give);
      t.set(this.take);
      this.key = key;
      this.give = g;
      this.take = t;
    }
    const { key, give: g, take: t } = this;
    let i = this.size++;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!before(k, give, key[p]!, g[p]!)) break;
      key[i] = key[p]!;
      g[i] = g[p]!;
      t[i] = t[p]!;
      i = p;
    }
    key[i] = k;
    g[i] = give;
    t[i] = take;
  }

  pop(): void {
    const { key, give: g, take: t } = this;
    const n = --this.size;
    if (n === 0) return;
    const k = key[n]!, gv = g[n]!, tv = t[n]!;
    let i = 0;
    for (;;) {
      let c = 2 * i + 1;
      if (c >= n) break;
      if (c + 1 < n && before(key[c + 1]!, g[c + 1]!, key[c]!, g[c]!)) c++;
      if (!before(key[c]!, g[c]!, k, gv)) break;
      key[i] = key[c]!;
      g[i] = g[c]!;
      t[i] = t[c]!;
      i = c;
    }
    key[i] = k;
    g[i] = gv;
    t[i] = tv;
  }
}

/** Heap order: cheaper hop first, then the lower arc index (a fixed tie-break, so the plan is deterministic). */
function before(k1: number, a1: number, k2: number, a2: number): boolean {
  return k1 < k2 || (k1 === k2 && a1 < a2);
}

/**
 * Search nodes (pools + source + sink) up to which the pool search is used; its pair table has this many squared
 * entries. A group with more pools (hundreds of inbound receipts, say) has up to pools-squared hop heaps, so it is
 * solved on the general network instead (mincostflow.ts), which is exact too and does not grow that way.
 */
const PAIR_SIDE = 128;

/** Working arrays shared by all solves (the engine is single-threaded), grown on demand: thousands of small groups per run. */
const scratch = {
  arcs: 0, lines: 0, nodes: 0,
  from: new Int32Array(0), lineArcs: new Int32Array(0), exits: new Int32Array(0),
  lineStart: new Int32Array(0), lineFill: new Int32Array(0), lineIn: new Float64Array(0),
  exitStart: new Int32Array(0), exitAt: new Int32Array(0), poolLeft: new Float64Array(0),
  pi: new Float64Array(0), dist: new Float64Array(0), done: new Uint8Array(0),
  predNode: new Int32Array(0), predKind: new Uint8Array(0), predGive: new Int32Array(0), predTake: new Int32Array(0),
  /**
   * Hop heaps of the current solve: heap h goes to pool `heapTo[h]`; a node's heaps are a list from `headOf[u]`
   * through `heapSibling`. Heap objects are reused (cleared) by later solves.
   */
  heapPool: [] as HopHeap[], heapTo: new Int32Array(64), heapSibling: new Int32Array(64), headOf: new Int32Array(0),
  /** The heap of a (from, to) pair, valid where `pairStamp` holds this solve's stamp. */
  pairStamp: new Int32Array(PAIR_SIDE * PAIR_SIDE), pairSlot: new Int32Array(PAIR_SIDE * PAIR_SIDE), stamp: 0,
  /** Arcs of the current path that start carrying flow (a path has at most one hop per node). */
  started: new Int32Array(0),
};


function grow(A: number, L: number, V: number): typeof scratch {
  const sc = scratch;
  if (A > sc.arcs) {
    const n = Math.max(A, sc.arcs * 2, 256);
    sc.from = new Int32Array(n); sc.lineArcs = new Int32Array(n); sc.exits = new Int32Array(n);
    sc.arcs = n;
  }
  if (L + 1 > sc.lines) {
    const n = Math.max(L + 1, sc.lines * 2, 64);
    sc.lineStart = new Int32Array(n); sc.lineFill = new Int32Array(n); sc.lineIn = new Float64Array(n);
    sc.lines = n;
  }
  if (V + 1 > sc.nodes) {
    const n = Math.max(V + 1, sc.nodes * 2, 16);
    sc.exitStart = new Int32Array(n); sc.exitAt = new Int32Array(n); sc.poolLeft = new Float64Array(n);
    sc.pi = new Float64Array(n); sc.dist = new Float64Array(n); sc.done = new Uint8Array(n);
    sc.predNode = new Int32Array(n); sc.predKind = new Uint8Array(n); sc.predGive = new Int32Array(n); sc.predTake = new Int32Array(n);
    sc.headOf = new Int32Array(n); sc.started = new Int32Array(n);
    sc.nodes = n;
  }
  return sc;
}

/** Sorts a pool's exit arcs by profit, best first, then by arc index (insertion sort: most pools have few arcs). */
function sortExits(exits: Int32Array, lo: number, hi: number, profit: ArrayLike<number>): void {
  if (hi - lo > 32) {
    exits.subarray(lo, hi).sort((x, y) => profit[y]! - profit[x]! || x - y);
    return;
  }
  for (let i = lo + 1; i < hi; i++) {
    const a = exits[i]!;
    const pa = profit[a]!;
    let k = i - 1;
    while (k >= lo) {
      const b = exits[k]!;
      const pb = profit[b]!;
      if (pb > pa || (pb === pa && b < a)) break;
      exits[k + 1] = b;
      k--;
    }
    exits[k + 1] = a;
  }
}

/**
 * Solves the problem; writes each arc's flow into `flow` (length >= arcCount, zeroed here) and returns the total
 * profit of the flow.
 */
export function solveTransport(pr: TransportProblem, flow: Float64Array): number {
  const K = pr.poolCount, L = pr.lineCount, A = pr.arcCount;
  const { poolCap, lineCap, arcLine, arcProfit } = pr;
  flow.fill(0, 0, A);
  if (A === 0) return 0;
  // Nodes of the search: pools 0..K-1, the root K (the source, which is also the drop-ship supplier), the sink K+1.
  const ROOT = K, SINK = K + 1, V = K + 2, FROM = K + 1;
  if (V > PAIR_SIDE) return solveTransportAsNetwork(pr, flow);
  const sc = grow(A, L, V);
  const { from, lineStart, lineArcs, lineFill: fillAt, lineIn, exits, exitStart, exitAt, poolLeft, pi, dist, done, predNode, predKind, predGive, predTake, headOf, heapPool, pairStamp, pairSlot, started } = sc;
  if (sc.stamp === 0x3fffffff) {
    // Never let the stamp wrap in a long-lived worker (a wrapped stamp would match no heap or, worse, a stale one).
    pairStamp.fill(0);
    sc.stamp = 0;
  }
  const stamp = ++sc.stamp;
  for (let a = 0; a < A; a++) {
    const p = pr.arcPool[a]!;
    from[a] = p < 0 ? ROOT : p;
  }
  // Each line's arcs (to find the other pools that could give a line's units instead).
  lineStart.fill(0, 0, L + 1);
  for (let a = 0; a < A; a++) lineStart[arcLine[a]! + 1] = lineStart[arcLine[a]! + 1]! + 1;
  for (let j = 0; j < L; j++) {
    lineStart[j + 1] = lineStart[j + 1]! + lineStart[j]!;
    fillAt[j] = lineStart[j]!;
    lineIn[j] = 0;
  }
  for (let a = 0; a < A; a++) lineArcs[fillAt[arcLine[a]!]!++] = a;
  // Each pool's arcs by profit, best first: a line's unfilled capacity only ever shrinks, so the pool's cheapest
  // exit is found by moving a cursor forward past lines that have filled up.
  exitStart.fill(0, 0, FROM + 1);
  for (let a = 0; a < A; a++) exitStart[from[a]! + 1] = exitStart[from[a]! + 1]! + 1;
  for (let u = 0; u < FROM; u++) {
    exitStart[u + 1] = exitStart[u + 1]! + exitStart[u]!;
    exitAt[u] = exitStart[u]!;
  }
  for (let a = 0; a < A; a++) exits[exitAt[from[a]!]!++] = a;
  for (let u = 0; u < FROM; u++) {
    sortExits(exits, exitStart[u]!, exitStart[u + 1]!, arcProfit);
    exitAt[u] = exitStart[u]!;
    headOf[u] = -1;
  }
  for (let p = 0; p < K; p++) poolLeft[p] = poolCap[p]!;
  let heapCount = 0;
  const newHeap = (u: number, q: number): number => {
    const h = heapCount++;
    if (h === sc.heapTo.length) {
      const to = new Int32Array(h * 2), sib = new Int32Array(h * 2);
      to.set(sc.heapTo);
      sib.set(sc.heapSibling);
      sc.heapTo = to;
      sc.heapSibling = sib;
    }
    if (h === heapPool.length) heapPool.push(new HopHeap());
    else heapPool[h]!.clear();
    sc.heapTo[h] = q;
    sc.heapSibling[h] = headOf[u]!;
    headOf[u] = h;
    return h;
  };
  const heapAt = (u: number, q: number): HopHeap => {
    const id = u * PAIR_SIDE + q;
    if (pairStamp[id] !== stamp) {
      pairStamp[id] = stamp;
      pairSlot[id] = newHeap(u, q);
    }
    return heapPool[pairSlot[id]!]!;
  };
  const given = (take: number): void => {
    // Arc `take` now carries flow: every other arc into its line offers the hop "give from there, take back here".
    const q = from[take]!;
    if (q === ROOT) return; // the supplier is the source: a path never returns to it
    const j = arcLine[take]!;
    const pt = arcProfit[take]!;
    for (let k = lineStart[j]!; k < lineStart[j + 1]!; k++) {
      const a = lineArcs[k]!;
      const u = from[a]!;
      if (u !== q) heapAt(u, q).push(pt - arcProfit[a]!, a, take);
    }
  };

  // Potentials: pools and root 0, the sink at the cheapest exit, so every first hop has reduced cost >= 0.
  pi.fill(0, 0, V);
  let cheapest = 0;
  for (let a = 0; a < A; a++) if (-arcProfit[a]! < cheapest) cheapest = -arcProfit[a]!;
  pi[SINK] = cheapest;
  // The sink's best label through node u's best line that still has room.
  const relaxExit = (u: number): void => {
    let c = exitAt[u]!;
    const end = exitStart[u + 1]!;
    while (c < end && lineIn[arcLine[exits[c]!]!]! >= lineCap[arcLine[exits[c]!]!]!) c++;
    exitAt[u] = c;
    if (c === end) return;
    const a = exits[c]!;
    const nd = dist[u]! + Math.max(0, -arcProfit[a]! + pi[u]! - pi[SINK]!);
    if (nd < dist[SINK]!) { dist[SINK] = nd; predNode[SINK] = u; predKind[SINK] = HOP_EXIT; predGive[SINK] = a; }
  };
  let total = 0;
  let resume = false;
  for (;;) {
    if (resume) {
      // The last path only filled a line straight from a pool (or the supplier) that still has stock: no pool's
      // distance changed (the hops it opened lead into a node already at its shortest distance), so the search
      // goes on where it stopped, with the sink labelled again from the settled nodes' best lines.
      done[SINK] = 0;
      dist[SINK] = Infinity;
      for (let u = 0; u < FROM; u++) if (done[u] === 1) relaxExit(u);
    } else {
      dist.fill(Infinity, 0, V);
      done.fill(0, 0, V);
      dist[ROOT] = 0;
    }
    // Dijkstra over the few pools: a linear scan for the nearest node beats a heap at this size.
    for (;;) {
      // The sink wins ties: once no node is nearer, its label is final (settling every pool that ties with it
      // first made groups with hundreds of one-receipt pools quadratic).
      let u = SINK, du = dist[SINK]!;
      for (let v = 0; v < SINK; v++) if (done[v] === 0 && dist[v]! < du) { du = dist[v]!; u = v; }
      if (u < 0 || u === SINK) break;
      done[u] = 1;
      const pu = pi[u]!;
      if (u === ROOT) {
        for (let p = 0; p < K; p++) {
          if (poolLeft[p]! <= 0 || done[p] === 1) continue;
          const nd = du + Math.max(0, pu - pi[p]!);
          if (nd < dist[p]!) { dist[p] = nd; predNode[p] = ROOT; predKind[p] = HOP_ROOT; }
        }
      }
      relaxExit(u);
      // Exchanges: the cheapest hop to each pool that still holds flow on its candidate arc.
      const heapTo = sc.heapTo, heapSibling = sc.heapSibling;
      for (let h = headOf[u]!; h >= 0; h = heapSibling[h]!) {
        const q = heapTo[h]!;
        if (done[q] === 1) continue;
        const heap = heapPool[h]!;
        while (heap.size > 0 && flow[heap.take[0]!]! <= 0) heap.pop();
        if (heap.size === 0) continue;
        const nd = du + Math.max(0, heap.key[0]! + pu - pi[q]!);
        if (nd < dist[q]!) { dist[q] = nd; predNode[q] = u; predKind[q] = HOP_EXCHANGE; predGive[q] = heap.give[0]!; predTake[q] = heap.take[0]!; }
      }
    }
    const dt = dist[SINK]!;
    if (dt === Infinity) break;
    const pathCost = dt + pi[SINK]! - pi[ROOT]!;
    if (pathCost >= 0) break;
    // Bottleneck along the path (each hop ends at a different node, so no arc is taken back twice).
    let f = Infinity;
    for (let v = SINK; v !== ROOT; v = predNode[v]!) {
      const kind = predKind[v]!;
      if (kind === HOP_EXIT) {
        const j = arcLine[predGive[v]!]!;
        f = Math.min(f, lineCap[j]! - lineIn[j]!);
      } else if (kind === HOP_EXCHANGE) f = Math.min(f, flow[predTake[v]!]!);
      else f = Math.min(f, poolLeft[v]!);
    }
    if (!(f > 0 && f < Infinity)) throw new Error(`internal: optimal mode found a path it cannot push along (bottleneck ${f})`);
    // Arcs that start carrying flow offer new hops once the path is applied.
    let startedCount = 0;
    for (let v = SINK; v !== ROOT; v = predNode[v]!) {
      const kind = predKind[v]!;
      if (kind === HOP_ROOT) {
        poolLeft[v] = poolLeft[v]! - f;
        continue;
      }
      const give = predGive[v]!;
      if (flow[give] === 0) started[startedCount++] = give;
      flow[give] = flow[give]! + f;
      if (kind === HOP_EXIT) {
        const j = arcLine[give]!;
        lineIn[j] = lineIn[j]! + f;
      } else flow[predTake[v]!] = flow[predTake[v]!]! - f;
    }
    for (let k = 0; k < startedCount; k++) if (flow[started[k]!]! > 0) given(started[k]!);
    total += f * -pathCost;
    const first = predNode[SINK]!;
    resume = first === ROOT || (predNode[first] === ROOT && poolLeft[first]! > 0);
    // Otherwise distances change: potentials from this search keep every reduced cost >= 0 for the next one.
    if (!resume) for (let v = 0; v < V; v++) pi[v] = pi[v]! + Math.min(dist[v]!, dt);
  }
  return total;
}
