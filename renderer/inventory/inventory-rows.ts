/**
 * Inventory rows: each balance with its conservative available-to-allocate, the ERP-vs-WMS variance and inbound
 * supply by ETA. Pure; the loader feeds it from the cache.
 */
import type { InventoryBalance, Item, Warehouse } from '../../shared/domain';
import { formatDate, formatQuantity } from '../grid/format';
import type { InventoryRow } from '../state/rows';

export interface InventoryInput {
  balances: readonly InventoryBalance[];
  itemOf(id: string): Item | undefined;
  warehouseOf(id: string): Warehouse | undefined;
  /** Units of disagreement tolerated before a variance is flagged (policy.varianceToleranceUnits). */
  varianceToleranceUnits: number;
}

/** One row per balance, in item then warehouse order. */
export function buildInventoryRows(input: InventoryInput): InventoryRow[] {
  return input.balances
    .map((b): InventoryRow => {
      const item = input.itemOf(b.itemId);
      const inbound = [...b.inbound].sort((x, y) => x.eta.localeCompare(y.eta));
      const varianceQty = b.wmsCommittedQty - b.erpReservedQty;
      const committed = Math.max(b.erpReservedQty, b.wmsCommittedQty);
      return {
        id: b.id,
        itemId: b.itemId,
        itemDescription: item?.description ?? '',
        unit: item?.unit ?? '',
        warehouseId: b.warehouseId,
        warehouseName: input.warehouseOf(b.warehouseId)?.name ?? b.warehouseId,
        onHandQty: b.onHandQty,
        erpReservedQty: b.erpReservedQty,
        wmsCommittedQty: b.wmsCommittedQty,
        safetyStockQty: b.safetyStockQty,
        availableQty: Math.max(0, b.onHandQty - committed - b.safetyStockQty),
        varianceQty,
        hasVariance: Math.abs(varianceQty) > input.varianceToleranceUnits,
        inboundQty: inbound.reduce((n, s) => n + s.qty, 0),
        ...(inbound[0] ? { nextEta: inbound[0].eta } : {}),
        inboundByEta: inbound.map((s) => `${formatQuantity(s.qty)} on ${formatDate(s.eta)}`).join(', '),
      };
    })
    .sort((a, b) => a.itemId.localeCompare(b.itemId) || a.warehouseId.localeCompare(b.warehouseId));
}
