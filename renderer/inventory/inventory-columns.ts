/** The inventory view's columns, as data. */
import { defineColumns } from '../grid';
import type { InventoryRow } from '../state';

export const inventoryColumns = defineColumns<InventoryRow>([
  { id: 'itemId', header: 'Item', kind: 'text', width: 130, pinned: 'left' },
  { id: 'itemDescription', header: 'Description', kind: 'text', flex: 1, minWidth: 180 },
  { id: 'warehouseId', header: 'Warehouse', kind: 'text', width: 120, tooltip: (r) => r.warehouseName },
  { id: 'onHandQty', header: 'On hand', kind: 'quantity', width: 110 },
  { id: 'erpReservedQty', header: 'ERP reserved', kind: 'quantity', width: 120 },
  { id: 'wmsCommittedQty', header: 'WMS committed', kind: 'quantity', width: 130 },
  {
    id: 'varianceQty',
    header: 'Variance',
    kind: 'number',
    width: 110,
    cellClass: (r) => (r.hasVariance ? 'variance' : undefined),
    tooltip: (r) => (r.hasVariance ? `The WMS has committed ${r.wmsCommittedQty} but the ERP reserved ${r.erpReservedQty}: a cycle count or pick may not be posted.` : undefined),
  },
  { id: 'safetyStockQty', header: 'Safety stock', kind: 'quantity', width: 120 },
  {
    id: 'availableQty',
    header: 'Available',
    kind: 'quantity',
    width: 110,
    tooltip: () => 'On hand − max(ERP reserved, WMS committed) − safety stock',
  },
  { id: 'inboundQty', header: 'Inbound', kind: 'quantity', width: 100 },
  { id: 'nextEta', header: 'Next ETA', kind: 'date', width: 120 },
  { id: 'inboundByEta', header: 'Inbound by ETA', kind: 'text', flex: 1, minWidth: 200, tooltip: (r) => r.inboundByEta || undefined },
  { id: 'unit', header: 'Unit', kind: 'text', width: 80 },
]);
