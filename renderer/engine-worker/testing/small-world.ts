// A hand-made world small enough to reason about in a test: three lines compete for 100 units of SKU-A at DC-EAST
// (a tier-1, a tier-2 and a tier-3 customer), SKU-A2 is a rule substitute of SKU-A stocked at DC-WEST, and SKU-C is
// another SKU group with one line. Used by the worker and slice tests; never shipped in a view.
import type { Cents, IsoDate, IsoDateTime, Qty, Snapshot } from '../../../shared/domain';
import type { WorkbenchDb } from '../../db';

const at = '2026-11-26T08:00:00.000Z' as IsoDateTime;
const q = (n: number) => n as Qty;
const c = (n: number) => n as Cents;
const d = (s: string) => s as IsoDate;

function line(id: string, customerId: string, itemId: string, orderedQty: number, reservedQty: number, promisedDate: string, priority = 3) {
  return {
    id, orderId: id.replace(/-\d+$/, ''), lineNo: 1, customerId, itemId, warehouseId: 'DC-EAST',
    orderedQty: q(orderedQty), reservedQty: q(reservedQty), shippedQty: q(0),
    requestedDate: d(promisedDate), promisedDate: d(promisedDate), unitPrice: c(2500), priority,
    holdCode: 'none' as const, allowPartial: true, allowSubstitution: true, status: 'open' as const, orderedAt: d('2026-11-20'),
    version: 1, modifiedAt: at,
  };
}

function customer(id: string, name: string, tier: 1 | 2 | 3) {
  return { id, name, tier, channel: 'retail' as const, creditLimit: c(10_000_000), creditExposure: c(0), fillRateCommitment: 0.9, substitutionAllowed: true, version: 1, modifiedAt: at };
}

function item(id: string) {
  return { id, sku: id, description: `Item ${id}`, unit: 'EA', packSize: 1, unitCost: c(1500), unitPrice: c(2500), version: 1, modifiedAt: at };
}

function balance(itemId: string, warehouseId: string, onHandQty: number, erpReservedQty: number) {
  return { id: `${itemId}@${warehouseId}`, itemId, warehouseId, onHandQty: q(onHandQty), erpReservedQty: q(erpReservedQty), wmsCommittedQty: q(erpReservedQty), safetyStockQty: q(0), inbound: [], version: 1, modifiedAt: at };
}

/** The small world as a snapshot. */
export function smallWorld(): Snapshot {
  return {
    asOf: d('2026-11-26'),
    items: [item('SKU-A'), item('SKU-A2'), item('SKU-C')],
    warehouses: [
      { id: 'DC-EAST', name: 'East DC', region: 'east', version: 1, modifiedAt: at },
      { id: 'DC-WEST', name: 'West DC', region: 'west', version: 1, modifiedAt: at },
    ],
    lanes: [],
    customers: [customer('CU-1', 'Alpha Retail', 1), customer('CU-2', 'Beta Stores', 2), customer('CU-3', 'Gamma Shop', 3)],
    substitutionRules: [
      { id: 'SR-A-A2', itemId: 'SKU-A', substituteItemId: 'SKU-A2', ratio: 1, preference: 1, requiresApproval: false, version: 1, modifiedAt: at },
    ],
    dropShipOptions: [],
    orderLines: [
      line('SO-1-1', 'CU-3', 'SKU-A', 60, 60, '2026-12-05'),
      line('SO-2-1', 'CU-1', 'SKU-A', 60, 20, '2026-12-01'),
      line('SO-3-1', 'CU-2', 'SKU-A', 40, 20, '2026-12-03'),
      line('SO-4-1', 'CU-2', 'SKU-C', 10, 0, '2026-12-02'),
    ],
    inventoryBalances: [balance('SKU-A', 'DC-EAST', 100, 100), balance('SKU-A2', 'DC-WEST', 0, 0), balance('SKU-C', 'DC-EAST', 50, 0)],
    exceptions: [],
  };
}

/** Writes a snapshot into the cache tables, as a pull would. */
export async function seedCache(db: WorkbenchDb, s: Snapshot = smallWorld()): Promise<void> {
  await db.transaction('rw', [db.items, db.warehouses, db.lanes, db.customers, db.substitutionRules, db.dropShipOptions, db.orderLines, db.inventoryBalances, db.exceptions], async () => {
    await db.items.bulkPut([...s.items]);
    await db.warehouses.bulkPut([...s.warehouses]);
    await db.lanes.bulkPut([...s.lanes]);
    await db.customers.bulkPut([...s.customers]);
    await db.substitutionRules.bulkPut([...s.substitutionRules]);
    await db.dropShipOptions.bulkPut([...s.dropShipOptions]);
    await db.orderLines.bulkPut([...s.orderLines]);
    await db.inventoryBalances.bulkPut([...s.inventoryBalances]);
    await db.exceptions.bulkPut([...s.exceptions]);
  });
}
