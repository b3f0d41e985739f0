// Small, readable snapshot builders for engine tests: a world is described by what matters to the case
// (stock, lines, lanes, rules) and everything else gets sensible defaults. Deterministic: no clock, no randomness.
import type { Customer, DropShipOption, InventoryBalance, IsoDate, IsoDateTime, Item, Lane, OrderLine, Qty, Cents, Snapshot, SubstitutionRule, Warehouse } from '../../domain';

export const TEST_AS_OF = '2026-11-27' as IsoDate;
const STAMP = '2026-11-26T12:00:00.000Z' as IsoDateTime;

export interface WorldSpec {
  items?: Partial<Item>[];
  warehouses?: string[];
  customers?: Partial<Customer>[];
  balances?: (Partial<InventoryBalance> & { itemId: string; warehouseId: string })[];
  lines?: (Partial<OrderLine> & { id: string })[];
  lanes?: (Partial<Lane> & { fromWarehouseId: string; toWarehouseId: string })[];
  rules?: (Partial<SubstitutionRule> & { itemId: string; substituteItemId: string })[];
  dropShips?: (Partial<DropShipOption> & { itemId: string })[];
  asOf?: IsoDate;
}

/** An item with defaults: pack 1, cost 600, price 1000 cents. */
export function item(p: Partial<Item> & { id?: string }): Item {
  const id = p.id ?? 'SKU-A';
  return { id, sku: id, description: id, unit: 'EA', packSize: 1, unitCost: 600 as Cents, unitPrice: 1000 as Cents, version: 1, modifiedAt: STAMP, ...p };
}

export function customer(p: Partial<Customer> & { id?: string }): Customer {
  const id = p.id ?? 'C-1';
  return { id, name: id, tier: 2, channel: 'retail', creditLimit: 1_000_000 as Cents, creditExposure: 0 as Cents, fillRateCommitment: 0.9, substitutionAllowed: true, version: 1, modifiedAt: STAMP, ...p };
}

export function orderLine(p: Partial<OrderLine> & { id: string }): OrderLine {
  const [orderId, lineNo] = p.id.includes('-') ? [p.id.slice(0, p.id.lastIndexOf('-')), Number(p.id.slice(p.id.lastIndexOf('-') + 1)) || 1] : [p.id, 1];
  return {
    orderId, lineNo, customerId: 'C-1', itemId: 'SKU-A', warehouseId: 'DC-EAST', orderedQty: 10 as Qty, reservedQty: 0 as Qty, shippedQty: 0 as Qty,
    requestedDate: '2026-11-30' as IsoDate, promisedDate: '2026-12-01' as IsoDate, unitPrice: 1000 as Cents, priority: 5, holdCode: 'none',
    allowPartial: true, allowSubstitution: true, status: 'open', version: 1, modifiedAt: STAMP, orderedAt: '2026-11-20' as IsoDate, ...p,
  };
}

export function balance(p: Partial<InventoryBalance> & { itemId: string; warehouseId: string }): InventoryBalance {
  return {
    id: `${p.itemId}@${p.warehouseId}`, onHandQty: 0 as Qty, erpReservedQty: 0 as Qty, wmsCommittedQty: 0 as Qty, safetyStockQty: 0 as Qty, inbound: [], version: 1, modifiedAt: STAMP, ...p,
  } as InventoryBalance;
}

/** Builds a snapshot; customers referenced by lines but not listed are created with defaults. */
export function world(spec: WorldSpec): Snapshot {
  const items = (spec.items ?? [{ id: 'SKU-A' }]).map(item);
  const warehouses: Warehouse[] = (spec.warehouses ?? ['DC-EAST', 'DC-WEST']).map((id) => ({ id, name: id, region: 'R1', version: 1, modifiedAt: STAMP }));
  const customers = (spec.customers ?? []).map(customer);
  const lines = (spec.lines ?? []).map(orderLine);
  for (const l of lines) if (!customers.some((c) => c.id === l.customerId)) customers.push(customer({ id: l.customerId }));
  // ERP reserved defaults to the sum of the lines' reservations at the balance.
  const balances = (spec.balances ?? []).map((b) => {
    const reserved = lines.filter((l) => l.itemId === b.itemId && l.warehouseId === b.warehouseId).reduce((s, l) => s + l.reservedQty, 0);
    return balance({ erpReservedQty: reserved as Qty, wmsCommittedQty: reserved as Qty, ...b });
  });
  const lanes: Lane[] = (spec.lanes ?? []).map((l, k) => ({ id: `LANE-${k + 1}`, transferDays: 2, costPerUnit: 40 as Cents, version: 1, modifiedAt: STAMP, ...l }));
  const substitutionRules: SubstitutionRule[] = (spec.rules ?? []).map((r, k) => ({ id: `RULE-${k + 1}`, ratio: 1, preference: 1, requiresApproval: false, version: 1, modifiedAt: STAMP, ...r }));
  const dropShipOptions: DropShipOption[] = (spec.dropShips ?? []).map((d, k) => ({ id: `DS-${k + 1}`, supplierId: 'SUP-1', leadDays: 7, premiumPerUnit: 150 as Cents, version: 1, modifiedAt: STAMP, ...d }));
  return { items, warehouses, lanes, customers, substitutionRules, dropShipOptions, orderLines: lines, inventoryBalances: balances, exceptions: [], asOf: spec.asOf ?? TEST_AS_OF };
}
