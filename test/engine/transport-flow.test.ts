// The optimal-mode solver on its own: random transportation problems (many equal profits, empty pools, drop-ship
// arcs, lines reachable from several pools) must come out feasible, integral, with the profit it reports, and with
// HiGHS's optimum; hand-made cases pin the moves a greedy fill would miss.
import fc from 'fast-check';
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
  readonly poolCap: number[];
  readonly lineCap: number[];
  readonly arcPool: number[];
  readonly arcLine: number[];
  readonly arcProfit: number[];
}

function problem(poolCap: number[], lineCap: number[], arcs: [pool: number, line: number, profit: number][]): Problem {
  return {
    poolCount: poolCap.length, lineCount: lineCap.length, arcCount: arcs.length, poolCap, lineCap,
    arcPool: arcs.map((a) => a[0]), arcLine: arcs.map((a) => a[1]), arcProfit: arcs.map((a) => a[2]),
  };
}

function solved(p: Problem): { profit: number; flow: number[] } {
  const flow = new Float64Array(p.arcCount + 3).fill(7); // stale values from an earlier group must not leak in
  const profit = solveTransport(p, flow);
  return { profit, flow: Array.from(flow.subarray(0, p.arcCount)) };
}

const problemArb = fc
  .record({
    pools: fc.array(fc.integer({ min: 0, max: 12 }), { minLength: 0, maxLength: 7 }),
    lines: fc.array(fc.integer({ min: 1, max: 10 }), { minLength: 1, maxLength: 25 }),
    arcSeeds: fc.array(fc.tuple(fc.nat(), fc.nat(), fc.integer({ min: 1, max: 6 })), { minLength: 1, maxLength: 80 }),
  })
  .map(({ pools, lines, arcSeeds }) => {
    const seen = new Set<string>();
    const arcs: [number, number, number][] = [];
    for (const [ps, ls, profit] of arcSeeds) {
      // Pool -1 is the drop-ship supplier; profits 1..6 make ties the rule, not the exception.
      const pool = (ps % (pools.length + 1)) - 1;
      const line = ls % lines.length;
      if (seen.has(`${pool}/${line}`)) continue;
      seen.add(`${pool}/${line}`);
      arcs.push([pool, line, profit * 100]);
    }
    return problem(pools, lines, arcs);
  });

describe('optimal-mode transport solver', () => {
  it('returns a feasible integral flow worth what it reports, equal to HiGHS on random problems', () => {
    fc.assert(
      fc.property(problemArb, (p) => {
        const { profit, flow } = solved(p);
        const usedByPool = new Array<number>(p.poolCount).fill(0);
        const usedByLine = new Array<number>(p.lineCount).fill(0);
        let worth = 0;
        flow.forEach((f, a) => {
          expect(Number.isInteger(f) && f >= 0).toBe(true);
          if (p.arcPool[a]! >= 0) usedByPool[p.arcPool[a]!]! += f;
          usedByLine[p.arcLine[a]!]! += f;
          worth += f * p.arcProfit[a]!;
        });
        usedByPool.forEach((u, k) => expect(u).toBeLessThanOrEqual(p.poolCap[k]!));
        usedByLine.forEach((u, l) => expect(u).toBeLessThanOrEqual(p.lineCap[l]!));
        expect(worth).toBe(profit);
        const reference = solveWithHighs(highs, [{ supplyCap: p.poolCap, lineCap: p.lineCap, arcSupply: p.arcPool, arcLine: p.arcLine, arcProfit: p.arcProfit, engineProfit: profit }]);
        expect(Math.abs(profit - reference)).toBeLessThanOrEqual(1e-6 * Math.max(1, reference));
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('solves groups with hundreds of pools (the general network beyond the pool search) to the same optimum', () => {
    // 126 pools is the pool search's last size, 127 the general network's first; 1,025 one-unit receipts is what a
    // balance with a receipt a day for three years looks like.
    const wide = (pools: number, lines: number, seed: number): Problem => {
      // mulberry32: a small deterministic PRNG with good low bits (caps and profits are taken modulo small numbers).
      let x = seed >>> 0;
      const next = (n: number): number => {
        x = (x + 0x6d2b79f5) >>> 0;
        let z = Math.imul(x ^ (x >>> 15), 1 | x);
        z = (z + Math.imul(z ^ (z >>> 7), 61 | z)) ^ z;
        return ((z ^ (z >>> 14)) >>> 0) % n;
      };
      const arcs: [number, number, number][] = [];
      for (let l = 0; l < lines; l++) {
        const seen = new Set<number>();
        for (let d = 0; d < 4; d++) {
          const p = next(pools + 1) - 1;
          if (!seen.has(p)) arcs.push([p, l, 100 * (1 + next(9))]);
          seen.add(p);
        }
      }
      return problem(Array.from({ length: pools }, () => next(4)), Array.from({ length: lines }, () => 1 + next(6)), arcs);
    };
    for (const [pools, lines] of [[126, 300], [127, 300], [400, 900], [1025, 40]] as const) {
      const p = wide(pools, lines, pools * 7 + lines);
      const { profit, flow } = solved(p);
      const usedByPool = new Array<number>(p.poolCount).fill(0);
      flow.forEach((f, a) => {
        if (p.arcPool[a]! >= 0) usedByPool[p.arcPool[a]!]! += f;
      });
      usedByPool.forEach((u, k) => expect(u).toBeLessThanOrEqual(p.poolCap[k]!));
      expect(flow.reduce((w, f, a) => w + f * p.arcProfit[a]!, 0)).toBe(profit);
      const reference = solveWithHighs(highs, [{ supplyCap: p.poolCap, lineCap: p.lineCap, arcSupply: p.arcPool, arcLine: p.arcLine, arcProfit: p.arcProfit, engineProfit: profit }]);
      expect(Math.abs(profit - reference)).toBeLessThanOrEqual(1e-6 * Math.max(1, reference));
    }
  });

  it('gives the same flow for the same problem, also after solving other problems in between', () => {
    fc.assert(
      fc.property(problemArb, problemArb, (p, other) => {
        const first = solved(p);
        solved(other);
        expect(solved(p)).toEqual(first);
      }),
      { numRuns: 100, seed: 5 },
    );
  });

  it('moves a line to its second-best pool when that frees stock another line can only get from the first', () => {
    // Greedy by profit would give line 0 pool 0 (10/unit) and leave line 1 empty: 50. The optimum moves line 0 to
    // pool 1 (9/unit) so line 1 can take pool 0 (8/unit): 45 + 40 = 85.
    const p = problem([5, 5], [5, 5], [[0, 0, 10], [1, 0, 9], [0, 1, 8]]);
    const { profit, flow } = solved(p);
    expect(profit).toBe(85);
    expect(flow).toEqual([0, 5, 5]);
  });

  it('takes units back from drop-ship when pool stock is worth more elsewhere, and never sends what does not pay', () => {
    // Line 0: drop-ship 3/unit or pool 0 at 7/unit; line 1 only pool 0 at 6/unit; pool 0 holds 4 units.
    // Best: line 1 gets pool 0 (4 x 6 = 24) vs line 0 (4 x 7 = 28)? Line 0 can also drop-ship, so line 0 from pool
    // 0 (28) + line 0 rest drop-ship (2 x 3) = 34, against line 1 from pool (24) + line 0 all drop-ship (6 x 3 = 18)
    // = 42: the optimum sends pool stock to line 1.
    const p = problem([4], [6, 4], [[-1, 0, 3], [0, 0, 7], [0, 1, 6]]);
    const { profit, flow } = solved(p);
    expect(profit).toBe(42);
    expect(flow).toEqual([6, 0, 4]);
  });

  it('allocates nothing when there is no arc, and leaves empty pools untouched', () => {
    expect(solved(problem([3], [2], []))).toEqual({ profit: 0, flow: [] });
    expect(solved(problem([0, 2], [5], [[0, 0, 5], [1, 0, 4]]))).toEqual({ profit: 8, flow: [0, 2] });
  });
});
