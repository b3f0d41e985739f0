import type { TransportProblem } from './transport-flow';

// An exact min-cost flow solver (successive shortest paths with Johnson potentials and a binary-heap Dijkstra).
// Integer capacities and costs give an integral optimum, which is why the allocation LP is posed as a network.
// It stops when the cheapest augmenting path no longer has negative cost: the result is a min-cost flow of any
// amount (here: the value-maximising allocation), not a max flow.

export class MinCostFlow {
  private n: number;
  private head: number[] = [];
  readonly to: number[] = [];
  readonly cap: number[] = [];
  readonly cost: number[] = [];
  private next: number[] = [];

  constructor(nodes: number) {
    this.n = nodes;
    this.head = new Array<number>(nodes).fill(-1);
  }

  addNode(): number {
    this.head.push(-1);
    return this.n++;
  }

  get nodeCount(): number {
    return this.n;
  }

  /** Adds arc u->v; returns its index (the reverse arc is index ^ 1). Flow on it is `cap[index ^ 1]`. */
  addArc(u: number, v: number, capacity: number, cost: number): number {
    const e = this.to.length;
    this.to.push(v, u);
    this.cap.push(capacity, 0);
    this.cost.push(cost, -cost);
    this.next.push(this.head[u]!, this.head[v]!);
    this.head[u] = e;
    this.head[v] = e + 1;
    return e;
  }

  /**
   * Augments along zero-reduced-cost paths from s to t until none is left; returns the units pushed. A node's
   * cursor and dead mark are reset when the search first reaches it in this phase (`stamp`), not for every node of
   * the network: most phases of a large network only walk a small part of it.
   */
  private blockingFlow(g: Packed, s: number, t: number, pi: Float64Array, sc: Scratch, path: number[]): number {
    const { to, cap, cost, next, head } = g;
    const { cur, dead, onPath, stamp } = sc;
    const phase = ++sc.phase;
    path.length = 0;
    let pushed = 0;
    let u = s;
    stamp[s] = phase;
    cur[s] = head[s]!;
    dead[s] = 0;
    onPath[s] = 1;
    for (;;) {
      if (u === t) {
        let f = Infinity;
        for (const e of path) if (cap[e]! < f) f = cap[e]!;
        for (const e of path) {
          cap[e] = cap[e]! - f;
          cap[e ^ 1] = cap[e ^ 1]! + f;
          onPath[to[e]!] = 0;
        }
        pushed += f;
        path.length = 0;
        u = s;
        continue;
      }
      let e = cur[u]!;
      const pu = pi[u]!;
      while (e !== -1) {
        const v = to[e]!;
        if (cap[e]! > 0 && (stamp[v] !== phase || dead[v] === 0) && onPath[v] === 0 && cost[e]! + pu - pi[v]! === 0) break;
        e = next[e]!;
      }
      cur[u] = e;
      if (e !== -1) {
        path.push(e);
        u = to[e]!;
        if (stamp[u] !== phase) {
          stamp[u] = phase;
          cur[u] = head[u]!;
          dead[u] = 0;
        }
        onPath[u] = 1;
        continue;
      }
      // Dead end: retreat one arc and skip it.
      dead[u] = 1;
      if (u === s) break;
      onPath[u] = 0;
      const back = path.pop()!;
      u = to[back ^ 1]!;
      cur[u] = next[cur[u]!]!;
    }
    onPath[s] = 0;
    return pushed;
  }

  /** Flow currently on arc e. */
  flow(e: number): number {
    return this.cap[e ^ 1]!;
  }

  /**
   * Minimises total cost from s to t, sending flow only while a negative-cost path exists.
   * `initialPotential` must make every arc with capacity have non-negative reduced cost
   * (for a DAG: shortest distances from s). Returns the total cost.
   */
  solve(s: number, t: number, initialPotential: Float64Array): number {
    const n = this.n;
    // Only differences of potentials are ever read (reduced costs, the path cost), so `pi` holds them up to one
    // common shift: a phase adds min(dist, dt) to every node, i.e. dt to all (the shift, never stored) and
    // dist - dt to the nodes the search labelled closer than the sink. Costs are integers, so this is exact, and
    // every reduced cost, path and augmentation is the same as adding to every node.
    const pi = initialPotential;
    const arcs = this.to.length;
    // Buffers are reused across solves (thousands of small groups per run): only the first n / arcs entries are
    // used, and each is written before it is read.
    const sc = scratch(n, arcs);
    const { dist, done, heapNode, heapKey, touched } = sc;
    const path: number[] = [];
    let total = 0;
    // The search runs on typed copies of the arc lists (monomorphic, unboxed reads; the arc order is the same, so
    // the blocking flow picks exactly the same paths); capacities are copied back when done.
    const { to, cap, cost, next, head } = sc;
    for (let e = 0; e < arcs; e++) {
      to[e] = this.to[e]!;
      cap[e] = this.cap[e]!;
      cost[e] = this.cost[e]!;
      next[e] = this.next[e]!;
    }
    for (let v = 0; v < n; v++) head[v] = this.head[v]!;
    // Every node unlabelled and unsettled; afterwards each phase resets only the nodes it labelled.
    dist.fill(Infinity, 0, n);
    done.fill(0, 0, n);
    const g: Packed = sc;
    for (;;) {
      let labelled = 0;
      dist[s] = 0;
      touched[labelled++] = s;
      let size = 1;
      heapNode[0] = s;
      heapKey[0] = 0;
      while (size > 0) {
        const u: number = heapNode[0]!;
        const du = heapKey[0]!;
        size--;
        if (size > 0) {
          const lastNode = heapNode[size]!, lastKey = heapKey[size]!;
          let i = 0;
          for (;;) {
            let c = 2 * i + 1;
            if (c >= size) break;
            if (c + 1 < size && heapKey[c + 1]! < heapKey[c]!) c++;
            if (heapKey[c]! >= lastKey) break;
            heapNode[i] = heapNode[c]!;
            heapKey[i] = heapKey[c]!;
            i = c;
          }
          heapNode[i] = lastNode;
          heapKey[i] = lastKey;
        }
        if (done[u] || du > dist[u]!) continue;
        done[u] = 1;
        if (u === t) break;
        const pu = pi[u]!;
        for (let e: number = head[u]!; e !== -1; e = next[e]!) {
          if (cap[e]! <= 0) continue;
          const v = to[e]!;
          if (done[v]) continue;
          // Reduced costs are >= 0 in exact arithmetic; clamp float noise so Dijkstra stays valid.
          let rc = cost[e]! + pu - pi[v]!;
          if (rc < 0) rc = 0;
          const nd = du + rc;
          // A label no shorter than the sink's can never be settled before the sink (and the potentials cap every
          // distance at the sink's), so it is not queued at all.
          if (nd < dist[v]! && nd < dist[t]!) {
            if (dist[v] === Infinity) touched[labelled++] = v;
            dist[v] = nd;
            // Sift up (inlined: this is the innermost loop of optimal mode).
            let i = size++;
            while (i > 0) {
              const p = (i - 1) >> 1;
              if (heapKey[p]! <= nd) break;
              heapNode[i] = heapNode[p]!;
              heapKey[i] = heapKey[p]!;
              i = p;
            }
            heapNode[i] = v;
            heapKey[i] = nd;
          }
        }
      }
      const dt = dist[t]!;
      // Path cost in real terms; stop when the sink is unreachable or the cheapest path no longer pays.
      const stop = dt === Infinity || dt + pi[t]! - pi[s]! >= 0;
      const pathCost = dt + pi[t]! - pi[s]!;
      // Capping at dist[t] keeps every residual reduced cost >= 0 (nodes beyond t need not be settled); then reset
      // the labels this phase set.
      for (let k = 0; k < labelled; k++) {
        const v = touched[k]!;
        if (!stop && dist[v]! < dt) pi[v] = pi[v]! + (dist[v]! - dt);
        dist[v] = Infinity;
        done[v] = 0;
      }
      if (stop) break;
      // Primal-dual step: push a blocking flow through every residual arc of zero reduced cost (all of them lie on
      // shortest paths), instead of one path per Dijkstra. Reduced costs stay >= 0, so the result is unchanged.
      const pushed = this.blockingFlow(g, s, t, pi, sc, path);
      if (pushed === 0) throw new Error('internal: min-cost flow found a shortest path but could not push along it');
      total += pushed * pathCost;
    }
    for (let e = 0; e < arcs; e++) this.cap[e] = cap[e]!;
    return total;
  }
}

/** The arc lists as typed arrays, for the search. */
interface Packed {
  readonly to: Int32Array;
  readonly cap: Float64Array;
  readonly cost: Float64Array;
  readonly next: Int32Array;
  readonly head: Int32Array;
}

/** Working arrays of one solve, grown on demand and shared by all solves (the engine is single-threaded). */
interface Scratch extends Packed {
  readonly dist: Float64Array;
  readonly done: Uint8Array;
  readonly cur: Int32Array;
  readonly dead: Uint8Array;
  readonly onPath: Uint8Array;
  /** Blocking-flow phase that last reset a node's cursor and dead mark. */
  readonly stamp: Int32Array;
  /** Nodes labelled by the current Dijkstra. */
  readonly touched: Int32Array;
  readonly heapNode: Int32Array;
  readonly heapKey: Float64Array;
  phase: number;
}
let shared: Scratch | null = null;
let sharedNodes = 0, sharedArcs = 0;

function scratch(nodes: number, arcs: number): Scratch {
  if (shared && nodes <= sharedNodes && arcs <= sharedArcs) return shared;
  const n = Math.max(nodes, sharedNodes * 2, 64), a = Math.max(arcs, sharedArcs * 2, 256);
  // The lazy-deletion heap holds at most one entry per relaxation plus the source.
  shared = {
    to: new Int32Array(a), cap: new Float64Array(a), cost: new Float64Array(a), next: new Int32Array(a), head: new Int32Array(n),
    dist: new Float64Array(n), done: new Uint8Array(n), cur: new Int32Array(n), dead: new Uint8Array(n), onPath: new Uint8Array(n),
    stamp: new Int32Array(n), touched: new Int32Array(n), heapNode: new Int32Array(a + n + 1), heapKey: new Float64Array(a + n + 1), phase: 0,
  };
  sharedNodes = n;
  sharedArcs = a;
  return shared;
}

/**
 * Solves a transportation problem (see transport-flow.ts) on the general network: source -> pool -> line -> sink,
 * drop-ship arcs straight from the source. Used for groups with more pools than the pool search handles well (its
 * hop heaps grow with pools squared); writes each arc's flow into `flow` and returns the total profit.
 */
export function solveTransportAsNetwork(pr: TransportProblem, flow: Float64Array): number {
  const K = pr.poolCount, L = pr.lineCount, A = pr.arcCount;
  const net = new MinCostFlow(2 + K + L);
  const s = 0, t = 1, pool = (p: number): number => 2 + p, line = (l: number): number => 2 + K + l;
  for (let p = 0; p < K; p++) net.addArc(s, pool(p), pr.poolCap[p]!, 0);
  const arcOf = new Int32Array(A);
  for (let a = 0; a < A; a++) {
    const p = pr.arcPool[a]!;
    arcOf[a] = net.addArc(p < 0 ? s : pool(p), line(pr.arcLine[a]!), pr.lineCap[pr.arcLine[a]!]!, -pr.arcProfit[a]!);
  }
  for (let l = 0; l < L; l++) net.addArc(line(l), t, pr.lineCap[l]!, 0);
  // Initial potentials of the DAG: pools at 0, a line at its cheapest incoming arc, the sink at the cheapest line.
  const pi = new Float64Array(net.nodeCount);
  for (let a = 0; a < A; a++) {
    const v = line(pr.arcLine[a]!);
    if (-pr.arcProfit[a]! < pi[v]!) pi[v] = -pr.arcProfit[a]!;
  }
  for (let l = 0; l < L; l++) if (pi[line(l)]! < pi[t]!) pi[t] = pi[line(l)]!;
  const cost = net.solve(s, t, pi);
  for (let a = 0; a < A; a++) flow[a] = net.flow(arcOf[a]!);
  return 0 - cost; // not -cost: no flow must read 0, not -0
}
