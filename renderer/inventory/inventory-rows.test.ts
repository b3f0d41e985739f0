import { describe, expect, it } from 'vitest';
import { exampleRecords } from '../../shared/domain/examples';
import type { Qty } from '../../shared/domain';
import { setLocale } from '../grid/format';
import { buildInventoryRows } from './inventory-rows';

describe('inventory rows', () => {
  const b = exampleRecords['inventory-balances'];
  const input = (over = {}, tolerance = 0) => ({
    balances: [{ ...b, ...over }],
    itemOf: () => exampleRecords.items,
    warehouseOf: () => exampleRecords.warehouses,
    varianceToleranceUnits: tolerance,
  });

  it('counts available conservatively: on hand minus the larger commitment minus safety stock', () => {
    setLocale('en-US');
    const [r] = buildInventoryRows(input({ onHandQty: 150 as Qty }));
    // 150 on hand, ERP reserved 96, WMS committed 110, safety 12 -> 150 - 110 - 12
    expect(r).toMatchObject({ availableQty: 28, varianceQty: 14, hasVariance: true, inboundQty: 60, nextEta: '2026-12-04' });
    expect(r!.inboundByEta).toBe('60 on Dec 4, 2026');
    expect(r!.warehouseName).toBe('Newark DC');
  });

  it('does not flag a disagreement within the tolerance, and never shows negative availability', () => {
    const [r] = buildInventoryRows(input({ onHandQty: 50 as Qty }, 20));
    expect(r!.hasVariance).toBe(false);
    expect(r!.availableQty).toBe(0);
  });
});
