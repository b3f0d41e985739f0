// The canonical records, exactly as the ERP API serves them. One definition for every layer.
// Every record carries `version` (an integer the ERP bumps on each change) and `modifiedAt` (UTC instant).
import type { Cents, IsoDate, IsoDateTime, Qty } from './brands';

/** Fields every served record carries. */
export interface Versioned {
  readonly version: number;
  readonly modifiedAt: IsoDateTime;
}

/** A stocking item. `id` equals `sku`. Money is integer cents. */
export interface Item extends Versioned {
  readonly id: string;
  readonly sku: string;
  readonly description: string;
  /** Stocking unit, e.g. 'EA', 'CS', 'BX', 'M'. Quantities everywhere are in this unit. */
  readonly unit: string;
  /** Units per pack; allocations are rounded to whole packs when the policy asks. */
  readonly packSize: number;
  readonly unitCost: Cents;
  readonly unitPrice: Cents;
}

export interface Warehouse extends Versioned {
  readonly id: string;
  readonly name: string;
  readonly region: string;
}

/** A transfer lane between two warehouses (directional). */
export interface Lane extends Versioned {
  readonly id: string;
  readonly fromWarehouseId: string;
  readonly toWarehouseId: string;
  readonly transferDays: number;
  readonly costPerUnit: Cents;
}

export const CUSTOMER_TIERS = [1, 2, 3] as const;
/** 1 = most strategic. */
export type CustomerTier = (typeof CUSTOMER_TIERS)[number];
export const CHANNELS = ['retail', 'field-service', 'ecommerce', 'wholesale'] as const;
export type Channel = (typeof CHANNELS)[number];

export interface Customer extends Versioned {
  readonly id: string;
  readonly name: string;
  readonly tier: CustomerTier;
  readonly channel: Channel;
  readonly creditLimit: Cents;
  /** Open receivables plus open order value already counted against the limit. */
  readonly creditExposure: Cents;
  /** Contractual fill-rate commitment, 0..1 (0.95 = 95 % of ordered units). */
  readonly fillRateCommitment: number;
  readonly substitutionAllowed: boolean;
}

export const HOLD_CODES = ['none', 'credit', 'compliance'] as const;
export type HoldCode = (typeof HOLD_CODES)[number];

/**
 * What kind of order a line belongs to, for per-segment strategies (a policy may protect contract orders or let
 * replenishment orders give up stock). Optional on the wire: an ERP that does not send it means "standard".
 */
export const ORDER_TYPES = ['standard', 'rush', 'contract', 'replenishment'] as const;
export type OrderType = (typeof ORDER_TYPES)[number];
/**
 * open: waiting for stock or shipment; backordered: the ERP has given up on current stock and re-promised;
 * drop-ship: fulfilled by a supplier directly; shipped / cancelled: closed.
 */
export const ORDER_LINE_STATUSES = ['open', 'backordered', 'drop-ship', 'shipped', 'cancelled'] as const;
export type OrderLineStatus = (typeof ORDER_LINE_STATUSES)[number];

/** One line of a customer order. The field set is fixed by issue 3 (plus `orderedAt`). */
export interface OrderLine extends Versioned {
  readonly id: string;
  readonly orderId: string;
  readonly lineNo: number;
  readonly customerId: string;
  readonly itemId: string;
  /** The warehouse the line is requested (and reserved) from. */
  readonly warehouseId: string;
  readonly orderedQty: Qty;
  /** Units the ERP has reserved for this line at `warehouseId` (reservedQty + shippedQty <= orderedQty). */
  readonly reservedQty: Qty;
  readonly shippedQty: Qty;
  readonly requestedDate: IsoDate;
  readonly promisedDate: IsoDate;
  readonly unitPrice: Cents;
  /** ERP priority, an integer, 1 = most urgent. */
  readonly priority: number;
  readonly holdCode: HoldCode;
  readonly allowPartial: boolean;
  readonly allowSubstitution: boolean;
  readonly status: OrderLineStatus;
  /** The day the order was entered (first-come tie-breaks). Added beyond the fixed list. */
  readonly orderedAt: IsoDate;
  /** The order's type (absent = "standard"). Added beyond the fixed list for order-type strategies. */
  readonly orderType?: OrderType;
}

/** A confirmed or expected receipt. */
export interface InboundSupply {
  readonly qty: Qty;
  readonly eta: IsoDate;
}

/** Stock of one item in one warehouse. `id` is `${itemId}@${warehouseId}`. */
export interface InventoryBalance extends Versioned {
  readonly id: string;
  readonly itemId: string;
  readonly warehouseId: string;
  readonly onHandQty: Qty;
  /** Reserved in the ERP (sum of order lines' reservedQty here). Never exceeds onHandQty. */
  readonly erpReservedQty: Qty;
  /** Committed in the WMS (picks released). May disagree with the ERP: that gap is an inventory variance. */
  readonly wmsCommittedQty: Qty;
  readonly safetyStockQty: Qty;
  readonly inbound: readonly InboundSupply[];
}

/** The canonical id of a balance row. */
export function balanceId(itemId: string, warehouseId: string): string {
  return `${itemId}@${warehouseId}`;
}

/** `ratio` substitute units replace one ordered unit; `preference` 1 is tried first. */
export interface SubstitutionRule extends Versioned {
  readonly id: string;
  readonly itemId: string;
  readonly substituteItemId: string;
  readonly ratio: number;
  readonly preference: number;
  readonly requiresApproval: boolean;
}

export interface DropShipOption extends Versioned {
  readonly id: string;
  readonly itemId: string;
  readonly supplierId: string;
  readonly leadDays: number;
  /** Extra cost per unit over shipping from stock. */
  readonly premiumPerUnit: Cents;
}

export const EXCEPTION_TYPES = [
  'backorder',
  'allocation-dispute',
  'credit-hold',
  'compliance-hold',
  'substitution-request',
  'shipment-delay',
  'inventory-variance',
] as const;
export type ExceptionType = (typeof EXCEPTION_TYPES)[number];
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];
export const EXCEPTION_STATUSES = ['open', 'acknowledged', 'resolved'] as const;
export type ExceptionStatus = (typeof EXCEPTION_STATUSES)[number];
export const SOURCE_SYSTEMS = ['erp', 'wms', 'finance', 'carrier', 'supplier', 'workbench'] as const;
export type SourceSystem = (typeof SOURCE_SYSTEMS)[number];

/** An exception raised by a source system. The subject fields are absent when they do not apply. */
export interface OrderException extends Versioned {
  readonly id: string;
  readonly type: ExceptionType;
  readonly orderLineId?: string;
  readonly itemId?: string;
  readonly warehouseId?: string;
  readonly severity: Severity;
  readonly detectedAt: IsoDateTime;
  readonly status: ExceptionStatus;
  readonly sourceSystem: SourceSystem;
  readonly reason: string;
}

/** A deleted row, as paging serves it. */
export interface Tombstone {
  readonly id: string;
  readonly deleted: true;
}

/** True when a served row is a tombstone. */
export function isTombstone(row: unknown): row is Tombstone {
  return typeof row === 'object' && row !== null && (row as { deleted?: unknown }).deleted === true;
}
