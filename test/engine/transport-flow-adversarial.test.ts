// Adversarial checks of optimal mode's exact solver (transport-flow.ts): shapes that stress its shortcuts — long
// exchange chains through one-line pools, ties everywhere, parallel arcs from one pool to one line, drop-ship-only
// lines, empty pools and lines, capacities up to 1e7 and profits up to 1e9 cents, and problems of growing then
// shrinking size solved back to back on the same scratch buffers. Every answer must be feasible, integral, worth
// exactly what the solver reports (BigInt sum) and equal to HiGHS's optimum.
import highsLoader from 'highs';
import type { Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import type { TransportProblem } from '../../shared/engine/allocate/transport-flow';
import { solveTransport } from '../../shared/engine/allocate/transport-flow';
import { solveWithHighs } from '../bench/engine/highs-lp';

let highs: Highs;
beforeAll(async () => {
  highs = await highsLoader();
});

interface Problem extends TransportProblem {
  poolCount: number; lineCount: number; arcCount: number;
  poolCap: number[]; lineCap: number[]; arcPool: number[]; arcLine: number[]; arcProfit: number[];
}

function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const int = (r: () => number, lo: number, hi: number): number => lo + Math.floor(r() * (hi - lo + 1));

function make(poolCap: number[], lineCap: number[], arcs: [number, number, number][]): Problem {
  return {
    poolCount: poolCap.length, lineCount: lineCap.length, arcCount: arcs.length, poolCap, lineCap,
    arcPool: arcs.map((a) => a[0]), arcLine: arcs.map((a) => a[1]), arcProfit: arcs.map((a) => a[2]),
  };
}

/** Many pools, each the home of one line, with a few cross arcs: long chains of one-line pools. */
function onePoolPerLine(r: () => number): Problem {
  const K = int(r, 1, 40);
  const poolCap = Array.from({ length: K }, () => int(r, 0, 4));
  const lineCap = Array.from({ length: K }, () => int(r, 0, 4));
  const arcs: [number, number, number][] = [];
  for (let p = 0; p < K; p++) {
    arcs.push([p, p, int(r, 1, 5)]);
    const extra = int(r, 0, 2);
    for (let e = 0; e < extra; e++) arcs.push([int(r, 0, K - 1), p, int(r, 1, 5)]);
    if (r() < 0.2) arcs.push([-1, p, int(r, 1, 3)]);
  }
  return make(poolCap, lineCap, arcs);
}

/** A chain: line i from pool i (better) or pool i+1 (worse); one extra line only pool 0 reaches. Filling it needs an exchange path through every pool. */
function chain(r: () => number): Problem {
  const n = int(r, 2, 30);
  const poolCap = Array.from({ length: n + 1 }, () => int(r, 1, 3));
  const lineCap = Array.from({ length: n + 1 }, () => int(r, 1, 3));
  const arcs: [number, number, number][] = [];
  const big = int(r, 50, 100);
  for (let i = 0; i < n; i++) {
    arcs.push([i, i, big + int(r, 0, 3)]);
    arcs.push([i + 1, i, big - int(r, 0, 3) - 1]);
  }
  arcs.push([0, n, int(r, 1, 2 * big)]);
  if (r() < 0.5) arcs.push([-1, int(r, 0, n), int(r, 1, big)]);
  // Shuffled arc order: the solver's tie-breaks must not rely on arcs arriving in chain order.
  for (let i = arcs.length - 1; i > 0; i--) {
    const k = int(r, 0, i);
    [arcs[i], arcs[k]] = [arcs[k]!, arcs[i]!];
  }
  return make(poolCap, lineCap, arcs);
}

/** Dense random problems with every profit equal (ties everywhere) or from a tiny range. */
function ties(r: () => number): Problem {
  const K = int(r, 0, 12), L = int(r, 1, 30);
  const poolCap = Array.from({ length: K }, () => int(r, 0, 6));
  const lineCap = Array.from({ length: L }, () => int(r, 0, 6));
  const same = r() < 0.5;
  const arcs: [number, number, number][] = [];
  for (let p = -1; p < K; p++) for (let j = 0; j < L; j++) if (r() < (p < 0 ? 0.15 : 0.4)) arcs.push([p, j, same ? 7 : int(r, 1, 3)]);
  return make(poolCap, lineCap, arcs);
}

/** Parallel arcs: the same pool offers the same line several times at different (or equal) profits. */
function parallel(r: () => number): Problem {
  const K = int(r, 1, 6), L = int(r, 1, 10);
  const poolCap = Array.from({ length: K }, () => int(r, 0, 8));
  const lineCap = Array.from({ length: L }, () => int(r, 0, 8));
  const arcs: [number, number, number][] = [];
  const n = int(r, 1, 40);
  for (let k = 0; k < n; k++) {
    const p = int(r, -1, K - 1), j = int(r, 0, L - 1);
    const copies = int(r, 1, 3);
    for (let c = 0; c < copies; c++) arcs.push([p, j, int(r, 1, 6)]);
  }
  return make(poolCap, lineCap, arcs);
}

/** Huge capacities or profits: `capMax` units a pool or line, `profitMax` cents a unit. */
function huge(r: () => number, capMax: number, profitMax: number): Problem {
  const K = int(r, 1, 8), L = int(r, 1, 20);
  const poolCap = Array.from({ length: K }, () => (r() < 0.2 ? 0 : int(r, 1, capMax)));
  const lineCap = Array.from({ length: L }, () => (r() < 0.1 ? 0 : int(r, 1, capMax)));
  const arcs: [number, number, number][] = [];
  for (let p = -1; p < K; p++) for (let j = 0; j < L; j++) if (r() < (p < 0 ? 0.2 : 0.35)) arcs.push([p, j, r() < 0.3 ? profitMax - int(r, 0, 2) : int(r, 1, profitMax)]);
  return make(poolCap, lineCap, arcs);
}

/** Mixed shapes of any size up to `maxPools` pools and `maxLines` lines. */
function sized(r: () => number, maxPools: number, maxLines: number): Problem {
  const K = int(r, 0, maxPools), L = int(r, 1, maxLines);
  const poolCap = Array.from({ length: K }, () => (r() < 0.15 ? 0 : int(r, 1, 20)));
  const lineCap = Array.from({ length: L }, () => (r() < 0.05 ? 0 : int(r, 1, 10)));
  const arcs: [number, number, number][] = [];
  for (let j = 0; j < L; j++) {
    const n = int(r, 0, Math.min(6, K + 1));
    for (let k = 0; k < n; k++) arcs.push([int(r, -1, K - 1), j, int(r, 1, 12) * 25]);
  }
  return make(poolCap, lineCap, arcs);
}

/** Solves into a buffer full of stale values (an earlier group's flows must not leak in); returns profit and flows. */
function solved(p: Problem): { profit: number; flow: number[] } {
  const flow = new Float64Array(p.arcCount + 5).fill(9);
  const profit = solveTransport(p, flow);
  return { profit, flow: Array.from(flow.subarray(0, p.arcCount)) };
}

function highsOptimum(p: Problem): number {
  // HiGHS reports an empty model (no arcs) as not optimal: the optimum of no arcs is 0.
  if (p.arcCount === 0) return 0;
  return solveWithHighs(highs, [{ supplyCap: p.poolCap, lineCap: p.lineCap, arcSupply: p.arcPool, arcLine: p.arcLine, arcProfit: p.arcProfit, engineProfit: 0 }]);
}

/** The failures of one solve, as text (empty when the answer is feasible, integral, worth what it says and optimal). */
function faults(p: Problem, label: string): string[] {
  const { profit, flow } = solved(p);
  const out: string[] = [];
  const byPool = new Array<number>(p.poolCount).fill(0);
  const byLine = new Array<number>(p.lineCount).fill(0);
  let worth = 0n;
  flow.forEach((f, a) => {
    if (!Number.isSafeInteger(f) || f < 0) out.push(`${label}: arc ${a} carries ${f}`);
    else worth += BigInt(f) * BigInt(p.arcProfit[a]!);
    if (p.arcPool[a]! >= 0) byPool[p.arcPool[a]!]! += f;
    byLine[p.arcLine[a]!]! += f;
  });
  byPool.forEach((u, k) => { if (u > p.poolCap[k]!) out.push(`${label}: pool ${k} gives ${u} of ${p.poolCap[k]}`); });
  byLine.forEach((u, l) => { if (u > p.lineCap[l]!) out.push(`${label}: line ${l} takes ${u} of ${p.lineCap[l]}`); });
  if (BigInt(profit) !== worth) out.push(`${label}: reports ${profit}, flows are worth ${worth}`);
  const reference = highsOptimum(p);
  if (Math.abs(profit - reference) > 1e-6 * Math.max(1, reference)) out.push(`${label}: profit ${profit}, HiGHS ${reference}`);
  return out;
}

function family(name: string, g: (r: () => number) => Problem, runs: number): void {
  it(`${name}: feasible, integral, worth what it reports and equal to HiGHS (${runs} seeded problems)`, () => {
    const out: string[] = [];
    for (let s = 1; s <= runs; s++) out.push(...faults(g(rng(s * 7919 + name.length)), `${name} seed ${s}`));
    expect(out).toEqual([]);
  });
}

function problem(poolCap: number[], lineCap: number[], arcs: [pool: number, line: number, profit: number][]): Problem {
  return make(poolCap, lineCap, arcs);
}

describe('optimal-mode transport solver, adversarial shapes', () => {
  family('one pool per line with cross arcs', onePoolPerLine, 150);
  family('exchange chains', chain, 150);
  family('ties everywhere', ties, 150);
  family('parallel arcs', parallel, 150);
  family('capacities up to 1e7', (r) => huge(r, 1e7, 1e6), 60);
  family('profits up to 1e9 cents', (r) => huge(r, 1e5, 1e9), 60);
  family('many lines, few pools', (r) => sized(r, 3, 400), 30);

  it('walks an exchange path through every pool of a 30-pool chain to serve the line only pool 0 reaches', () => {
    // Line i: pool i at 100/unit or pool i+1 at 99/unit; line 30: only pool 0, at 1000/unit. All capacities 1.
    // Filling the lines from their better pool leaves line 30 empty (3,000); giving up line 0 for it makes 3,900;
    // the optimum shifts every line to its worse pool (30 x 99) so pool 0 serves line 30: 3,970.
    const n = 30;
    const arcs: [number, number, number][] = [];
    for (let i = 0; i < n; i++) arcs.push([i, i, 100], [i + 1, i, 99]);
    arcs.push([0, n, 1000]);
    const p = problem(new Array<number>(n + 1).fill(1), new Array<number>(n + 1).fill(1), arcs);
    const { profit, flow } = solved(p);
    expect(profit).toBe(3970);
    expect(flow).toEqual([...Array.from({ length: n }, () => [0, 1]).flat(), 1]);
  });

  it("puts a pool's units on its better parallel arc, also when an exchange moves them", () => {
    // Pool 0 offers line 0 twice (5 and 3 per unit) and is line 1's only source (6); pool 1 offers line 0 at 4.
    // Best: line 1 from pool 0 (2 x 6), line 0 from pool 1 (2 x 4) = 20; the 3-per-unit arc stays empty.
    const p = problem([2, 2], [2, 2], [[0, 0, 3], [0, 0, 5], [1, 0, 4], [0, 1, 6]]);
    expect(solved(p)).toEqual({ profit: 20, flow: [0, 0, 2, 2] });
    // Alone, the line takes the better of the two parallel arcs only.
    expect(solved(problem([5], [4], [[0, 0, 3], [0, 0, 5]]))).toEqual({ profit: 20, flow: [0, 4] });
  });

  it('fills a line only drop-ship reaches, and sends nothing over empty pools or into lines without room', () => {
    // Line 0: drop-ship only; line 1: room 0 (its arcs must stay empty); pool 1 is empty; line 2 from pools 0 and 1.
    const p = problem([3, 0], [4, 0, 5], [[-1, 0, 2], [0, 1, 9], [-1, 1, 9], [1, 2, 8], [0, 2, 1]]);
    expect(solved(p)).toEqual({ profit: 4 * 2 + 3 * 1, flow: [4, 0, 0, 0, 3] });
  });

  it('gives drop-ship units back when pool stock the line had is worth more to a line drop-ship cannot reach', () => {
    // Pool 0 (10 units) first serves line 0 at 8 (the best exit); line 1 (only pool 0, 6) then takes them over,
    // and line 0 falls back to drop-ship at 5: 10 x 6 + 10 x 5 = 110 against 10 x 8 = 80.
    const p = problem([10], [10, 10], [[0, 0, 8], [-1, 0, 5], [0, 1, 6]]);
    expect(solved(p)).toEqual({ profit: 110, flow: [0, 10, 10] });
  });

  it('stays exact and deterministic on problems growing then shrinking in size, solved back to back', () => {
    // 1..100 pools and back: the scratch buffers and hop heaps grow several times and are then reused by smaller
    // problems; every answer must match HiGHS and equal the answer it gave on the way up.
    const sizes = [1, 2, 3, 5, 9, 15, 17, 31, 33, 63, 65, 100];
    const problems = sizes.map((k, i) => sized(rng(1000 + i), k, 3 * k + 5));
    const up = problems.map((p, i) => {
      expect(faults(p, `size ${sizes[i]} up`)).toEqual([]);
      return solved(p);
    });
    for (let i = problems.length - 1; i >= 0; i--) expect(solved(problems[i]!)).toEqual(up[i]);
    // Interleaved: a large problem between two solves of a small one changes nothing.
    for (let i = 0; i < problems.length; i++) {
      solved(problems[problems.length - 1 - i]!);
      expect(solved(problems[i]!)).toEqual(up[i]);
    }
  });
});
