import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Decision, IsoDateTime, OrderLine, Snapshot } from '../../../shared/domain';
import { advanceWorld } from '../events/live-events';
import { generateWorld } from '../generator';
import { ErpStore } from '../store/store';
import { postDecisions } from './post';

const world = generateWorld({ scale: 'small', seed: 3 });

function freshStore(): ErpStore {
  return new ErpStore({ scale: 'small', seed: 3, asOf: world.asOf }, null, structuredClone(world) as Snapshot);
}

/** The ERP's invariants: no negative stock, reserved within on hand and equal to the lines' reservations. */
function violations(s: Snapshot): string[] {
  const out: string[] = [];
  const reservedAt = new Map<string, number>();
  for (const l of s.orderLines) {
    if (l.reservedQty < 0 || l.reservedQty + l.shippedQty > l.orderedQty) out.push(`line ${l.id} reserved ${l.reservedQty} shipped ${l.shippedQty} ordered ${l.orderedQty}`);
    reservedAt.set(`${l.itemId}@${l.warehouseId}`, (reservedAt.get(`${l.itemId}@${l.warehouseId}`) ?? 0) + l.reservedQty);
  }
  for (const b of s.inventoryBalances) {
    if (b.onHandQty < 0 || b.erpReservedQty > b.onHandQty) out.push(`balance ${b.id} on hand ${b.onHandQty} reserved ${b.erpReservedQty}`);
    if (b.erpReservedQty !== (reservedAt.get(b.id) ?? 0)) out.push(`balance ${b.id} reserved ${b.erpReservedQty} but lines hold ${reservedAt.get(b.id) ?? 0}`);
  }
  return out;
}

const lines = world.orderLines;
const arbDecision = (n: number) =>
  fc.record({
    kind: fc.constantFrom('reserve', 'reallocate', 'change-source', 'split', 'backorder', 'cancel', 'release-hold', 'drop-ship', 'substitute', 'expedite'),
    a: fc.nat(lines.length - 1),
    b: fc.nat(lines.length - 1),
    qty: fc.integer({ min: 0, max: 40 }),
    w: fc.nat(world.warehouses.length - 1),
    i: fc.constant(n),
  });

function build(store: ErpStore, x: { kind: string; a: number; b: number; qty: number; w: number; i: number }, n: number): Decision {
  const snap = store.snapshot();
  const line = (snap.orderLines[x.a % snap.orderLines.length] ?? snap.orderLines[0]) as OrderLine;
  const sameBalance = snap.orderLines.filter((l) => l.itemId === line.itemId && l.warehouseId === line.warehouseId);
  const other = (sameBalance[x.b % sameBalance.length] ?? line) as OrderLine;
  const wh = world.warehouses[x.w]?.id ?? 'WH-EAST-1';
  const bal = snap.inventoryBalances.find((b) => b.id === `${line.itemId}@${line.warehouseId}`);
  const rule = snap.substitutionRules.find((r) => r.itemId === line.itemId);
  const ds = snap.dropShipOptions.find((o) => o.itemId === line.itemId);
  const open = line.orderedQty - line.shippedQty;
  const payloads: Record<string, unknown> = {
    reserve: { orderLineId: line.id, qty: x.qty },
    reallocate: { fromOrderLineId: line.id, toOrderLineId: other.id, qty: x.qty },
    'change-source': { orderLineId: line.id, toWarehouseId: wh, reserveQty: x.qty % 5 },
    split: { orderLineId: line.id, keepQty: Math.min(open, x.qty), parts: open > x.qty ? [{ qty: open - Math.min(open, x.qty), warehouseId: wh }] : [{ qty: 1, warehouseId: wh }] },
    backorder: { orderLineId: line.id, promisedDate: '2026-12-15' },
    cancel: { orderLineId: line.id },
    'release-hold': { orderLineId: line.id },
    'drop-ship': { orderLineId: line.id, dropShipOptionId: ds?.id ?? 'DS-NONE' },
    substitute: { orderLineId: line.id, substituteItemId: rule?.substituteItemId ?? 'SKU-NONE', reserveQty: x.qty % 3 },
    expedite: { itemId: line.itemId, warehouseId: line.warehouseId, qty: x.qty, newEta: '2026-11-29' },
  };
  return {
    id: `DEC-P-${n}`,
    type: x.kind,
    basis: [{ entity: 'order-lines', id: line.id, version: line.version }, ...(bal ? [{ entity: 'inventory-balances' as const, id: bal.id, version: bal.version }] : [])],
    payload: payloads[x.kind],
    reason: 'property test',
    proposedBy: 'planner',
    proposedAt: '2026-11-27T09:00:00.000Z' as IsoDateTime,
    status: 'approved',
  } as Decision;
}

describe('applying decisions (random sequences)', () => {
  const tally: Record<number, number> = {};
  it('keeps stock consistent whatever is applied, and a refused decision changes nothing', () => {
    fc.assert(
      fc.property(fc.array(arbDecision(0), { minLength: 1, maxLength: 25 }), (steps) => {
        const store = freshStore();
        steps.forEach((x, n) => {
          const d = build(store, x, n);
          const before = JSON.stringify(store.snapshot());
          const answer = postDecisions({ store, role: 'supervisor', user: 'supervisor', asOf: world.asOf }, d.id, d);
          expect([201, 409, 412, 422]).toContain(answer.status);
          tally[answer.status] = (tally[answer.status] ?? 0) + 1;
          if (answer.status !== 201) expect(JSON.stringify(store.snapshot())).toBe(before);
          if (answer.status === 201 && n % 5 === 0) advanceWorld(store, { type: 'cycle-count' });
          expect(violations(store.snapshot())).toEqual([]);
        });
      }),
      { numRuns: 25, seed: 20261127 },
    );
    // The sequences must really apply decisions, not only be refused.
    expect(tally[201] ?? 0).toBeGreaterThan(50);
    expect((tally[409] ?? 0) + (tally[412] ?? 0)).toBeGreaterThan(10);
  });
});
