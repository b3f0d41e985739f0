import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { EXCEPTION_TYPES, checkSnapshotReferences, validateSnapshot } from '../../../shared/domain';
import { generateWorld } from './index';

const hash = (v: unknown) => createHash('sha256').update(JSON.stringify(v)).digest('hex');

describe('generateWorld', () => {
  const world = generateWorld({ scale: 'small', seed: 7 });

  it('gives the same bytes for the same seed, and a different world for another seed or day', () => {
    expect(hash(generateWorld({ scale: 'small', seed: 7 }))).toBe(hash(world));
    expect(hash(generateWorld({ scale: 'small', seed: 8 }))).not.toBe(hash(world));
    const later = generateWorld({ scale: 'small', seed: 7, asOf: '2027-03-01' });
    expect(later.asOf).toBe('2027-03-01');
    expect(later.orderLines.every((l) => l.orderedAt <= '2027-03-01')).toBe(true);
  });

  it('produces a valid, referentially consistent snapshot of about 1k open lines', () => {
    expect(validateSnapshot(world).ok).toBe(true);
    expect(checkSnapshotReferences(world)).toEqual([]);
    expect(world.orderLines).toHaveLength(1000);
    expect(new Set(world.warehouses.map((w) => w.region)).size).toBeGreaterThanOrEqual(3);
    expect(world.orderLines.every((l) => l.status === 'open' || l.status === 'backordered')).toBe(true);
  });

  it('keeps the ERP ledger consistent: reserved never exceeds on hand and equals the lines reserved there', () => {
    const reservedByBalance = new Map<string, number>();
    for (const l of world.orderLines) reservedByBalance.set(`${l.itemId}@${l.warehouseId}`, (reservedByBalance.get(`${l.itemId}@${l.warehouseId}`) ?? 0) + l.reservedQty);
    for (const b of world.inventoryBalances) {
      expect(b.erpReservedQty).toBeLessThanOrEqual(b.onHandQty);
      expect(b.erpReservedQty).toBe(reservedByBalance.get(b.id) ?? 0);
    }
    const balanceIds = new Set(world.inventoryBalances.map((b) => b.id));
    expect(world.orderLines.every((l) => balanceIds.has(`${l.itemId}@${l.warehouseId}`))).toBe(true);
  });

  it('builds in shortages, variances, holds, substitution chains, inbound supply and late promises', () => {
    const types = new Set(world.exceptions.map((e) => e.type));
    expect([...types].sort()).toEqual([...EXCEPTION_TYPES].sort());
    const demand = new Map<string, number>();
    for (const l of world.orderLines) demand.set(`${l.itemId}@${l.warehouseId}`, (demand.get(`${l.itemId}@${l.warehouseId}`) ?? 0) + l.orderedQty - l.shippedQty);
    expect(world.inventoryBalances.filter((b) => (demand.get(b.id) ?? 0) > b.onHandQty).length).toBeGreaterThan(50);
    expect(world.inventoryBalances.some((b) => b.wmsCommittedQty > b.erpReservedQty)).toBe(true);
    expect(world.inventoryBalances.filter((b) => b.inbound.length > 0).length).toBeGreaterThan(100);
    expect(world.orderLines.some((l) => l.holdCode === 'credit')).toBe(true);
    expect(world.orderLines.filter((l) => l.promisedDate > l.requestedDate).length).toBeGreaterThan(50);
    // A chain: some item is both a substitute and has a substitute of its own.
    const subs = new Set(world.substitutionRules.map((r) => r.substituteItemId));
    expect(world.substitutionRules.some((r) => subs.has(r.itemId))).toBe(true);
    expect(world.dropShipOptions.length).toBeGreaterThan(20);
  });

  it('gives every order one realistic order type: most standard, field service rushes, stores replenish, strategic accounts contract', () => {
    const byOrder = new Map<string, Set<string | undefined>>();
    for (const l of world.orderLines) byOrder.set(l.orderId, (byOrder.get(l.orderId) ?? new Set()).add(l.orderType));
    expect([...byOrder.values()].every((types) => types.size === 1)).toBe(true);
    const medium = generateWorld({ scale: 'medium', seed: 7 });
    const customers = new Map(medium.customers.map((c) => [c.id, c]));
    const share = (pick: (l: (typeof medium.orderLines)[number]) => boolean, type: string) => {
      const lines = medium.orderLines.filter(pick);
      return lines.filter((l) => l.orderType === type).length / lines.length;
    };
    const all = () => true;
    expect(medium.orderLines.every((l) => l.orderType !== undefined)).toBe(true);
    expect(share(all, 'standard')).toBeGreaterThan(0.55);
    for (const t of ['rush', 'contract', 'replenishment']) expect(share(all, t)).toBeGreaterThan(0.03);
    const channel = (c: string) => (l: (typeof medium.orderLines)[number]) => customers.get(l.customerId)?.channel === c;
    expect(share(channel('field-service'), 'rush')).toBeGreaterThan(2 * share(channel('ecommerce'), 'rush'));
    expect(share(channel('wholesale'), 'replenishment')).toBeGreaterThan(5 * share(channel('ecommerce'), 'replenishment'));
    const tier = (t: number) => (l: (typeof medium.orderLines)[number]) => customers.get(l.customerId)?.tier === t;
    expect(share(tier(1), 'contract')).toBeGreaterThan(2 * share(tier(3), 'contract'));
  });

  it('still reproduces a generator v1 world (no order types) whose every other value is as in the v2 world', () => {
    const v1 = generateWorld({ scale: 'small', seed: 7, generator: 1 });
    expect(v1.orderLines.some((l) => 'orderType' in l)).toBe(false);
    const withoutTypes = world.orderLines.map(({ orderType: _t, ...rest }) => rest);
    expect(hash(withoutTypes)).toBe(hash(v1.orderLines));
    expect(hash({ ...world, orderLines: [] })).toBe(hash({ ...v1, orderLines: [] }));
    expect(() => generateWorld({ scale: 'small', seed: 7, generator: 3 })).toThrow(/generator expected one of 1, 2, found 3/);
  });

  it('rejects a bad scale, seed or day with a message naming it', () => {
    expect(() => generateWorld({ scale: 'huge' as 'small', seed: 1 })).toThrow(/scale expected one of small, medium, large, found "huge"/);
    expect(() => generateWorld({ scale: 'small', seed: 1.5 })).toThrow(/seed expected an integer/);
    expect(() => generateWorld({ scale: 'small', seed: 1, asOf: '27/11/2026' })).toThrow(/asOf expected a date/);
  });
});
