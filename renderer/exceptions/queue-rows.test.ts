import { describe, expect, it } from 'vitest';
import { exampleRecords } from '../../shared/domain/examples';
import type { OrderException } from '../../shared/domain';
import { buildExceptionQueue } from './queue-rows';

const line = exampleRecords['order-lines'];
const customer = exampleRecords.customers;
const item = exampleRecords.items;
const balance = exampleRecords['inventory-balances'];
const variance = exampleRecords.exceptions;
const lookups = {
  lineOf: (id: string) => (id === line.id ? line : undefined),
  customerOf: (id: string) => (id === customer.id ? customer : undefined),
  itemOf: (id: string) => (id === item.id ? item : undefined),
  balanceOf: (i: string, w: string) => (i === balance.itemId && w === balance.warehouseId ? balance : undefined),
};

describe('the exception queue', () => {
  it('values a line exception at its unshipped units and names its customer and tier', () => {
    const hold: OrderException = { ...variance, id: 'EX-1', type: 'credit-hold', orderLineId: line.id, itemId: undefined, warehouseId: undefined, severity: 'medium' };
    const [row] = buildExceptionQueue({ pulled: [hold], derived: [], ...lookups });
    expect(row).toMatchObject({
      origin: 'pulled',
      owner: 'finance',
      customerName: 'Northwind Field Services',
      tier: 1,
      itemId: line.itemId,
      warehouseId: line.warehouseId,
      valueAtRiskCents: 48 * 2790,
    });
  });

  it('values a variance at the disputed units times the item price', () => {
    const [row] = buildExceptionQueue({ pulled: [variance], derived: [], ...lookups });
    expect(row!.valueAtRiskCents).toBe((110 - 96) * 2990);
    expect(row!.owner).toBe('planner');
  });

  it('keeps the engine impact of derived exceptions and orders most severe first', () => {
    const derived = { ...variance, id: 'X-1', severity: 'critical' as const, sourceSystem: 'workbench' as const, impactCents: 5 };
    const rows = buildExceptionQueue({ pulled: [variance], derived: [derived], ...lookups });
    expect(rows.map((r) => [r.id, r.origin, r.valueAtRiskCents])).toEqual([
      ['X-1', 'derived', 5],
      ['EX-000381', 'pulled', 14 * 2990],
    ]);
  });
});
