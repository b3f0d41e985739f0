// The exceptions an ERP, a WMS, finance and carriers would have raised for this world (every type occurs).
import type { Customer, InventoryBalance, IsoDate, OrderException, OrderLine, Severity, SubstitutionRule } from '../../../shared/domain';
import type { Clock } from './catalog';
import type { Rng } from './random';

export function generateExceptions(
  input: { orderLines: readonly OrderLine[]; inventoryBalances: readonly InventoryBalance[]; customers: readonly Customer[]; substitutionRules: readonly SubstitutionRule[] },
  rng: Rng,
  clock: Clock,
  asOf: IsoDate,
): OrderException[] {
  const out: OrderException[] = [];
  const tierOf = new Map(input.customers.map((c) => [c.id, c.tier]));
  const hasSubstitute = new Set(input.substitutionRules.map((r) => r.itemId));
  const soon = (d: IsoDate, days: number) => Date.parse(d) - Date.parse(asOf) <= days * 86_400_000;
  const severityOf = (l: OrderLine): Severity => {
    const tier = tierOf.get(l.customerId) ?? 3;
    if (tier === 1 && soon(l.requestedDate, 2)) return 'critical';
    if (tier === 1 || soon(l.requestedDate, 0)) return 'high';
    return tier === 2 ? 'medium' : 'low';
  };
  const add = (e: Omit<OrderException, 'id' | 'version' | 'modifiedAt' | 'detectedAt' | 'status'>) => {
    const at = clock.before(7);
    out.push({ id: `EX-${String(out.length + 1).padStart(6, '0')}`, ...e, detectedAt: at, status: rng.chance(0.1) ? 'acknowledged' : 'open', version: 1, modifiedAt: at });
  };

  // Per balance, the most strategic short line and the least strategic tier holding a reservation: a dispute is
  // a strategic customer short while a less strategic one holds stock of the same item in the same warehouse.
  const shortBest = new Map<string, OrderLine>();
  const reservedWorstTier = new Map<string, number>();
  for (const l of input.orderLines) {
    const key = `${l.itemId}@${l.warehouseId}`;
    const open = l.orderedQty - l.shippedQty;
    const short = l.holdCode === 'none' && l.reservedQty < open;
    const tier = tierOf.get(l.customerId) ?? 3;
    const best = shortBest.get(key);
    if (short && (best === undefined || tier < (tierOf.get(best.customerId) ?? 3))) shortBest.set(key, l);
    if (l.reservedQty > 0 && tier > (reservedWorstTier.get(key) ?? 0)) reservedWorstTier.set(key, tier);

    if (l.holdCode === 'credit') {
      add({ type: 'credit-hold', orderLineId: l.id, itemId: l.itemId, warehouseId: l.warehouseId, severity: severityOf(l), sourceSystem: 'finance', reason: `Customer ${l.customerId} is over its credit limit; line held by finance` });
    } else if (l.holdCode === 'compliance') {
      add({ type: 'compliance-hold', orderLineId: l.id, itemId: l.itemId, warehouseId: l.warehouseId, severity: severityOf(l), sourceSystem: 'erp', reason: 'Export-control screening pending for the ship-to address' });
    }
    if (l.status === 'backordered') {
      add({ type: 'backorder', orderLineId: l.id, itemId: l.itemId, warehouseId: l.warehouseId, severity: severityOf(l), sourceSystem: 'erp', reason: `No stock at ${l.warehouseId}; re-promised for ${l.promisedDate}` });
    } else if (short && soon(l.requestedDate, 3)) {
      add({ type: 'backorder', orderLineId: l.id, itemId: l.itemId, warehouseId: l.warehouseId, severity: severityOf(l), sourceSystem: 'erp', reason: `${open - l.reservedQty} of ${open} units unreserved, requested ${l.requestedDate}` });
    }
    if (short && l.allowSubstitution && hasSubstitute.has(l.itemId) && rng.chance(0.3)) {
      add({ type: 'substitution-request', orderLineId: l.id, itemId: l.itemId, warehouseId: l.warehouseId, severity: severityOf(l), sourceSystem: 'erp', reason: `Customer service asks to ship a substitute for ${l.itemId}` });
    }
    if (l.promisedDate > l.requestedDate && Date.parse(l.promisedDate) - Date.parse(l.requestedDate) > 3 * 86_400_000) {
      add({ type: 'shipment-delay', orderLineId: l.id, itemId: l.itemId, warehouseId: l.warehouseId, severity: severityOf(l), sourceSystem: l.status === 'backordered' ? 'erp' : 'carrier', reason: `Promised ${l.promisedDate}, requested ${l.requestedDate}` });
    }
  }
  for (const [key, l] of shortBest) {
    const tier = tierOf.get(l.customerId) ?? 3;
    const worst = reservedWorstTier.get(key) ?? 0;
    if (worst <= tier) continue;
    add({ type: 'allocation-dispute', orderLineId: l.id, itemId: l.itemId, warehouseId: l.warehouseId, severity: tier === 1 ? 'high' : 'medium', sourceSystem: 'erp', reason: `Sales escalation: tier-${tier} customer ${l.customerId} is short while tier-${worst} lines hold reservations of ${l.itemId} at ${l.warehouseId}` });
  }
  for (const b of input.inventoryBalances) {
    if (b.wmsCommittedQty <= b.erpReservedQty) continue;
    const gap = b.wmsCommittedQty - b.erpReservedQty;
    add({ type: 'inventory-variance', itemId: b.itemId, warehouseId: b.warehouseId, severity: gap * 5 > b.onHandQty ? 'high' : 'medium', sourceSystem: 'wms', reason: `WMS has committed ${b.wmsCommittedQty} units, the ERP reserves ${b.erpReservedQty}: ${gap} units unaccounted (cycle count not posted?)` });
  }
  return out;
}
