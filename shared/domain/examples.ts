// One valid, realistic example of every record: used in the OpenAPI document (an integration team tries the
// API from these), in schema tests, and as a starting point for other layers' fixtures.
import type { Cents, IsoDate, IsoDateTime, Qty } from './brands';
import type { Decision } from './decision';
import type { EntityName, EntityRecord } from './entities';
import type { Tombstone } from './records';

const q = (n: number) => n as Qty;
const c = (n: number) => n as Cents;
const d = (s: string) => s as IsoDate;
const t = (s: string) => s as IsoDateTime;

export const exampleRecords: { readonly [E in EntityName]: EntityRecord<E> } = {
  items: {
    id: 'SKU-10042',
    sku: 'SKU-10042',
    description: 'Hydraulic filter cartridge 10 micron',
    unit: 'EA',
    packSize: 6,
    unitCost: c(1840),
    unitPrice: c(2990),
    version: 3,
    modifiedAt: t('2026-11-20T08:15:00.000Z'),
  },
  warehouses: { id: 'WH-EAST-1', name: 'Newark DC', region: 'east', version: 1, modifiedAt: t('2026-10-01T00:00:00.000Z') },
  lanes: {
    id: 'LN-WH-EAST-1-WH-CENT-1',
    fromWarehouseId: 'WH-EAST-1',
    toWarehouseId: 'WH-CENT-1',
    transferDays: 3,
    costPerUnit: c(85),
    version: 1,
    modifiedAt: t('2026-10-01T00:00:00.000Z'),
  },
  customers: {
    id: 'CU-0107',
    name: 'Northwind Field Services',
    tier: 1,
    channel: 'field-service',
    creditLimit: c(25_000_000),
    creditExposure: c(18_450_000),
    fillRateCommitment: 0.97,
    substitutionAllowed: true,
    version: 5,
    modifiedAt: t('2026-11-25T14:02:11.000Z'),
  },
  'substitution-rules': {
    id: 'SR-SKU-10042-SKU-10043',
    itemId: 'SKU-10042',
    substituteItemId: 'SKU-10043',
    ratio: 1,
    preference: 1,
    requiresApproval: false,
    version: 1,
    modifiedAt: t('2026-10-01T00:00:00.000Z'),
  },
  'drop-ship-options': {
    id: 'DS-SKU-10042-SUP-014',
    itemId: 'SKU-10042',
    supplierId: 'SUP-014',
    leadDays: 6,
    premiumPerUnit: c(420),
    version: 1,
    modifiedAt: t('2026-10-01T00:00:00.000Z'),
  },
  'order-lines': {
    id: 'OL-SO-104211-3',
    orderId: 'SO-104211',
    lineNo: 3,
    customerId: 'CU-0107',
    itemId: 'SKU-10042',
    warehouseId: 'WH-EAST-1',
    orderedQty: q(48),
    reservedQty: q(24),
    shippedQty: q(0),
    requestedDate: d('2026-11-30'),
    promisedDate: d('2026-12-02'),
    unitPrice: c(2790),
    priority: 2,
    holdCode: 'none',
    allowPartial: true,
    allowSubstitution: true,
    status: 'open',
    orderedAt: d('2026-11-24'),
    version: 7,
    modifiedAt: t('2026-11-26T16:40:03.000Z'),
  },
  'inventory-balances': {
    id: 'SKU-10042@WH-EAST-1',
    itemId: 'SKU-10042',
    warehouseId: 'WH-EAST-1',
    onHandQty: q(120),
    erpReservedQty: q(96),
    wmsCommittedQty: q(110),
    safetyStockQty: q(12),
    inbound: [{ qty: q(60), eta: d('2026-12-04') }],
    version: 12,
    modifiedAt: t('2026-11-26T18:05:00.000Z'),
  },
  exceptions: {
    id: 'EX-000381',
    type: 'inventory-variance',
    itemId: 'SKU-10042',
    warehouseId: 'WH-EAST-1',
    severity: 'high',
    detectedAt: t('2026-11-26T18:05:00.000Z'),
    status: 'open',
    sourceSystem: 'wms',
    reason: 'WMS has committed 110 units but the ERP reserves 96: 14 units committed outside ERP reservations',
    version: 1,
    modifiedAt: t('2026-11-26T18:05:00.000Z'),
  },
};

export const exampleTombstone: Tombstone = { id: 'OL-SO-104211-3', deleted: true };

export const exampleDecision: Decision = {
  id: 'DEC-7f3a9c2e-0001',
  type: 'reallocate',
  basis: [
    { entity: 'order-lines', id: 'OL-SO-104198-1', version: 4 },
    { entity: 'order-lines', id: 'OL-SO-104211-3', version: 7 },
  ],
  payload: { fromOrderLineId: 'OL-SO-104198-1', toOrderLineId: 'OL-SO-104211-3', qty: q(12) },
  reason: 'Tier-1 field-service line due 2026-11-30 outranks a tier-3 retail line due 2026-12-09',
  proposedBy: 'planner',
  proposedAt: t('2026-11-27T09:12:00.000Z'),
  approvedBy: 'supervisor',
  approvedAt: t('2026-11-27T09:30:00.000Z'),
  status: 'approved',
  valueAtStake: c(33_480),
  requiredRole: 'supervisor',
};
