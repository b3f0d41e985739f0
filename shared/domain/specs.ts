// The field specs of every canonical record. Field names and meaning are the API contract: change with care.
import { BASIS_ENTITIES, DECISION_STATUSES, DECISION_TYPES, ROLES } from './decision';
import type { DecisionType } from './decision';
import type { FieldDef, RecordSpec } from './fields';
import {
  CHANNELS,
  CUSTOMER_TIERS,
  EXCEPTION_STATUSES,
  EXCEPTION_TYPES,
  HOLD_CODES,
  ORDER_LINE_STATUSES,
  ORDER_TYPES,
  SEVERITIES,
  SOURCE_SYSTEMS,
} from './records';

const id: FieldDef = { spec: { kind: 'id' } };
const ref = (doc: string): FieldDef => ({ spec: { kind: 'id' }, doc });
const qtyField = (doc: string): FieldDef => ({ spec: { kind: 'qty' }, doc: `${doc} (integer stocking units)` });
const money = (doc: string): FieldDef => ({ spec: { kind: 'cents' }, doc: `${doc} (integer cents, minor currency units)` });
const versioned = {
  version: { spec: { kind: 'int', min: 0 }, doc: 'Row version; bumped by the ERP on every change; the ETag' },
  modifiedAt: { spec: { kind: 'datetime' }, doc: 'When the ERP last changed the row (UTC)' },
} satisfies RecordSpec;

export const itemSpec = {
  id: { spec: { kind: 'id' }, doc: 'Equals sku' },
  sku: id,
  description: { spec: { kind: 'text' } },
  unit: { spec: { kind: 'id' }, doc: "Stocking unit, e.g. 'EA'" },
  packSize: { spec: { kind: 'int', min: 1 }, doc: 'Units per pack' },
  unitCost: money('Standard cost per unit'),
  unitPrice: money('List price per unit'),
  ...versioned,
} satisfies RecordSpec;

export const warehouseSpec = {
  id,
  name: { spec: { kind: 'text' } },
  region: { spec: { kind: 'id' } },
  ...versioned,
} satisfies RecordSpec;

export const laneSpec = {
  id,
  fromWarehouseId: ref('Shipping warehouse'),
  toWarehouseId: ref('Receiving warehouse'),
  transferDays: { spec: { kind: 'int', min: 0 }, doc: 'Whole days in transit' },
  costPerUnit: money('Transfer cost per unit'),
  ...versioned,
} satisfies RecordSpec;

export const customerSpec = {
  id,
  name: { spec: { kind: 'text' } },
  tier: { spec: { kind: 'enum', values: CUSTOMER_TIERS }, doc: '1 = most strategic' },
  channel: { spec: { kind: 'enum', values: CHANNELS } },
  creditLimit: money('Credit limit'),
  creditExposure: money('Current credit exposure'),
  fillRateCommitment: { spec: { kind: 'number', min: 0, max: 1 }, doc: 'Contractual fill rate, 0..1' },
  substitutionAllowed: { spec: { kind: 'bool' } },
  ...versioned,
} satisfies RecordSpec;

export const orderLineSpec = {
  id,
  orderId: ref('Order number'),
  lineNo: { spec: { kind: 'int', min: 1 } },
  customerId: ref('Customer'),
  itemId: ref('Item (SKU)'),
  warehouseId: ref('Requested warehouse'),
  orderedQty: qtyField('Ordered'),
  reservedQty: qtyField('Reserved in the ERP at warehouseId'),
  shippedQty: qtyField('Already shipped'),
  requestedDate: { spec: { kind: 'date' } },
  promisedDate: { spec: { kind: 'date' } },
  unitPrice: money('Net price per unit'),
  priority: { spec: { kind: 'int', min: 1, max: 99 }, doc: 'ERP priority, 1 = most urgent' },
  holdCode: { spec: { kind: 'enum', values: HOLD_CODES } },
  allowPartial: { spec: { kind: 'bool' } },
  allowSubstitution: { spec: { kind: 'bool' } },
  status: { spec: { kind: 'enum', values: ORDER_LINE_STATUSES } },
  orderedAt: { spec: { kind: 'date' }, doc: 'Order entry date' },
  orderType: { spec: { kind: 'enum', values: ORDER_TYPES }, optional: true, doc: 'standard / rush / contract / replenishment; absent = standard' },
  ...versioned,
} satisfies RecordSpec;

const inboundSpec = {
  qty: qtyField('Expected receipt'),
  eta: { spec: { kind: 'date' }, doc: 'Expected arrival' },
} satisfies RecordSpec;

export const inventoryBalanceSpec = {
  id: { spec: { kind: 'id' }, doc: '`${itemId}@${warehouseId}`' },
  itemId: ref('Item (SKU)'),
  warehouseId: ref('Warehouse'),
  onHandQty: qtyField('Physically on hand per the ERP'),
  erpReservedQty: qtyField('Reserved by ERP order lines'),
  wmsCommittedQty: qtyField('Committed (picks released) in the WMS'),
  safetyStockQty: qtyField('Safety stock'),
  inbound: { spec: { kind: 'list', of: inboundSpec }, doc: 'Open inbound supply' },
  ...versioned,
} satisfies RecordSpec;

export const substitutionRuleSpec = {
  id,
  itemId: ref('Ordered item'),
  substituteItemId: ref('Item that may be shipped instead'),
  ratio: { spec: { kind: 'number', min: 0, exclusiveMin: true }, doc: 'Substitute units per ordered unit' },
  preference: { spec: { kind: 'int', min: 1 }, doc: '1 = preferred' },
  requiresApproval: { spec: { kind: 'bool' } },
  ...versioned,
} satisfies RecordSpec;

export const dropShipOptionSpec = {
  id,
  itemId: ref('Item'),
  supplierId: ref('Supplier'),
  leadDays: { spec: { kind: 'int', min: 0 } },
  premiumPerUnit: money('Extra cost per unit over stock'),
  ...versioned,
} satisfies RecordSpec;

export const orderExceptionSpec = {
  id,
  type: { spec: { kind: 'enum', values: EXCEPTION_TYPES } },
  orderLineId: { spec: { kind: 'id' }, optional: true },
  itemId: { spec: { kind: 'id' }, optional: true },
  warehouseId: { spec: { kind: 'id' }, optional: true },
  severity: { spec: { kind: 'enum', values: SEVERITIES } },
  detectedAt: { spec: { kind: 'datetime' } },
  status: { spec: { kind: 'enum', values: EXCEPTION_STATUSES } },
  sourceSystem: { spec: { kind: 'enum', values: SOURCE_SYSTEMS } },
  reason: { spec: { kind: 'text' } },
  ...versioned,
} satisfies RecordSpec;

export const tombstoneSpec = {
  id,
  deleted: { spec: { kind: 'literal', value: true } },
} satisfies RecordSpec;

const basisSpec = {
  entity: { spec: { kind: 'enum', values: BASIS_ENTITIES } },
  id,
  version: { spec: { kind: 'int', min: 0 } },
} satisfies RecordSpec;

export const decisionSpec = {
  id: { spec: { kind: 'id' }, doc: 'Unique; also the Idempotency-Key when posted alone' },
  type: { spec: { kind: 'enum', values: DECISION_TYPES } },
  basis: { spec: { kind: 'list', of: basisSpec }, doc: 'Rows read, with the version seen' },
  payload: { spec: { kind: 'object' }, doc: 'Type-specific; see DecisionPayloads' },
  reason: { spec: { kind: 'text' } },
  proposedBy: id,
  proposedAt: { spec: { kind: 'datetime' } },
  approvedBy: { spec: { kind: 'id' }, optional: true },
  approvedAt: { spec: { kind: 'datetime' }, optional: true },
  status: { spec: { kind: 'enum', values: DECISION_STATUSES } },
  valueAtStake: { ...money('Value at stake'), optional: true },
  requiredRole: { spec: { kind: 'enum', values: ROLES }, optional: true },
  scoreSnapshot: { spec: { kind: 'numberMap' }, optional: true },
} satisfies RecordSpec;

const lineRef = { orderLineId: ref('Order line') } satisfies RecordSpec;
/** The payload spec of each decision type. */
export const decisionPayloadSpecs: Readonly<Record<DecisionType, RecordSpec>> = {
  reserve: { ...lineRef, qty: qtyField('Units to reserve in addition') },
  reallocate: { fromOrderLineId: ref('Line giving up units'), toOrderLineId: ref('Line receiving units'), qty: qtyField('Units moved') },
  'change-source': { ...lineRef, toWarehouseId: ref('New source warehouse'), reserveQty: qtyField('Units to reserve there') },
  substitute: { ...lineRef, substituteItemId: ref('Substitute item'), reserveQty: qtyField('Substitute units to reserve') },
  split: {
    ...lineRef,
    keepQty: qtyField('Units kept on the line'),
    parts: { spec: { kind: 'list', of: { qty: { spec: { kind: 'int', min: 1 } }, warehouseId: ref('Source of the part') } } },
  },
  'drop-ship': { ...lineRef, dropShipOptionId: ref('Drop-ship option') },
  expedite: { itemId: ref('Item'), warehouseId: ref('Receiving warehouse'), qty: qtyField('Inbound units to pull forward'), newEta: { spec: { kind: 'date' } } },
  'release-hold': lineRef,
  backorder: { ...lineRef, promisedDate: { spec: { kind: 'date' }, doc: 'New promise date' } },
  cancel: lineRef,
};
