// Optimal mode is checked against an independent solver: every network the engine's min-cost flow solves is
// re-posed as a transportation LP and solved by HiGHS; the objectives must agree to 1e-6.
import fc from 'fast-check';
import highsLoader from 'highs';
import type { Highs } from 'highs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateWorld } from '../../main/erp/generator';
import { allocate, defaultPolicy } from '../../shared/engine';
import { observeNetworks } from '../../shared/engine/allocate/optimal';
import type { Cents, IsoDate, Qty, Snapshot } from '../../shared/domain';
import { world } from '../../shared/engine/testing/builders';
import type { Edit, Policy } from '../../shared/engine';
import type { NetworkLp } from '../bench/engine/highs-lp';
import { solveWithHighs, toLp } from '../bench/engine/highs-lp';
import { policyArb, wideWorldArb, worldArb } from './arbitrary';

let highs: Highs;
beforeAll(async () => {
  highs = await highsLoader();
});

function optimalWithNetworks(s: Snapshot, p: Policy, edits: readonly Edit[] = []): { lps: NetworkLp[]; objective: number } {
  const lps: NetworkLp[] = [];
  observeNetworks((net, profit) => lps.push(toLp(net, profit)));
  try {
    return { lps, objective: allocate(s, p, edits, { mode: 'optimal' }).summary.objective };
  } finally {
    observeNetworks(null);
  }
}

describe('optimal mode', () => {
  it('matches HiGHS on every network of random worlds (identical objective to 1e-6)', () => {
    fc.assert(
      fc.property(worldArb, policyArb, (s, p) => {
        const { lps } = optimalWithNetworks(s, p);
        for (const lp of lps) {
          const reference = solveWithHighs(highs, [lp]);
          expect(Math.abs(lp.engineProfit - reference)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(reference)));
        }
      }),
      { numRuns: 80, seed: 42 },
    );
  });

  it('matches HiGHS on wide worlds where an overridden line is served (drop-ship of its shortfall) before the flow', () => {
    fc.assert(
      fc.property(wideWorldArb, policyArb, fc.nat(), (s, p, pick) => {
        const target = s.orderLines[pick % s.orderLines.length]!;
        const { lps } = optimalWithNetworks(s, p, [{ kind: 'priority-override', orderLineId: target.id, priority: 1 }]);
        for (const lp of lps) {
          const reference = solveWithHighs(highs, [lp]);
          expect(Math.abs(lp.engineProfit - reference)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(reference)));
        }
      }),
      { numRuns: 60, seed: 42 },
    );
  });

  it('matches HiGHS on the generated small world as one LP, and never trails priority mode there', () => {
    const s0 = generateWorld({ scale: 'small', seed: 7 });
    // Unit-ratio substitutes only: optimal mode leaves out ratio != 1 rules (see README), priority mode does not.
    const s = { ...s0, substitutionRules: s0.substitutionRules.filter((r) => r.ratio === 1) };
    const { lps, objective } = optimalWithNetworks(s, defaultPolicy);
    expect(lps.length).toBeGreaterThan(50);
    const ours = lps.reduce((x, lp) => x + lp.engineProfit, 0);
    const reference = solveWithHighs(highs, lps);
    expect(Math.abs(ours - reference)).toBeLessThanOrEqual(1e-6 * Math.abs(reference));
    expect(objective).toBeGreaterThanOrEqual(allocate(s, defaultPolicy).summary.objective);
  });

  it('gives short stock to the line worth more, where priority mode follows rank', () => {
    const s = world({
      customers: [{ id: 'C-T1', tier: 1 }, { id: 'C-T3', tier: 3 }],
      balances: [{ itemId: 'SKU-A', warehouseId: 'DC-EAST', onHandQty: 10 as Qty }],
      lines: [
        { id: 'OL-1-1', customerId: 'C-T1', orderedQty: 10 as Qty, unitPrice: 100 as Cents, promisedDate: '2026-11-27' as IsoDate },
        { id: 'OL-2-1', customerId: 'C-T3', orderedQty: 10 as Qty, unitPrice: 5000 as Cents },
      ],
    });
    const byId = (mode: 'priority' | 'optimal') => new Map(allocate(s, defaultPolicy, [], { mode }).lines.map((l) => [l.orderLineId, l.allocatedQty]));
    expect(byId('priority')).toEqual(new Map([['OL-1-1', 10], ['OL-2-1', 0]]));
    expect(byId('optimal')).toEqual(new Map([['OL-1-1', 0], ['OL-2-1', 10]]));
    const o = allocate(s, defaultPolicy, [], { mode: 'optimal' }).summary;
    const p = allocate(s, defaultPolicy).summary.objective;
    expect(o.objective).toBeGreaterThan(p);
    expect(o.priorityObjective).toBe(p);
    expect(o.valueGap).toBe(o.objective - p);
  });

  it('keeps each warehouse\'s inbound receipts apart, however many receipts a balance has', () => {
    // Receipt pools were once keyed `key * 1024 + receipt`: receipt 1,024 at DC-EAST and receipt 0 of the same item
    // at the next warehouse (DC-WEST) became one pool. Found by review; both service orders are checked.
    const eta = '2026-12-01' as IsoDate;
    for (const westFirst of [true, false]) {
      const s = world({
        warehouses: ['DC-EAST', 'DC-WEST'],
        balances: [
          // EAST: 1,024 empty receipts, then one of 3 units, nothing on hand; WEST: one receipt of 5. No lanes, no drop-ship.
          { itemId: 'SKU-A', warehouseId: 'DC-EAST', inbound: Array.from({ length: 1025 }, (_, k) => ({ qty: (k < 1024 ? 0 : 3) as Qty, eta })) },
          { itemId: 'SKU-A', warehouseId: 'DC-WEST', inbound: [{ qty: 5 as Qty, eta }] },
        ],
        lines: [
          { id: 'OL-E-1', warehouseId: 'DC-EAST', orderedQty: 2000 as Qty, unitPrice: 5000 as Cents, priority: westFirst ? 9 : 1 },
          { id: 'OL-W-1', warehouseId: 'DC-WEST', orderedQty: 1 as Qty, unitPrice: 1000 as Cents, priority: westFirst ? 1 : 9 },
        ],
      });
      const got = new Map(allocate(s, defaultPolicy, [], { mode: 'optimal' }).lines.map((l) => [l.orderLineId, l.allocatedQty]));
      expect({ westFirst, got }).toEqual({ westFirst, got: new Map([['OL-E-1', 3], ['OL-W-1', 1]]) });
    }
  });
});
