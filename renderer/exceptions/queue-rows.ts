/**
 * Builds the exception queue: pulled exceptions and the engine's derived ones in one list, each joined with its
 * customer, tier and the open value it puts at risk. Pure, so it is tested without a database.
 */
import type { Customer, InventoryBalance, Item, OrderException, OrderLine } from '../../shared/domain';
import type { ExceptionQueueRow } from '../state/rows';

export interface QueueInput {
  pulled: readonly OrderException[];
  /** Raised by the engine; carry their own impact in cents. */
  derived: readonly (OrderException & { impactCents: number })[];
  lineOf(id: string): OrderLine | undefined;
  customerOf(id: string): Customer | undefined;
  itemOf(id: string): Item | undefined;
  balanceOf(itemId: string, warehouseId: string): InventoryBalance | undefined;
}

const HOLD_TYPES = new Set(['credit-hold', 'compliance-hold']);

/** Open value of a line: units not yet shipped at the line's price. */
function openValue(line: OrderLine): number {
  return Math.max(0, line.orderedQty - line.shippedQty) * line.unitPrice;
}

function row(e: OrderException, origin: 'pulled' | 'derived', impact: number | undefined, input: QueueInput): ExceptionQueueRow {
  const line = e.orderLineId ? input.lineOf(e.orderLineId) : undefined;
  const customer = line ? input.customerOf(line.customerId) : undefined;
  const itemId = e.itemId ?? line?.itemId;
  const warehouseId = e.warehouseId ?? line?.warehouseId;
  let value = impact;
  if (value === undefined && line) value = openValue(line);
  if (value === undefined && itemId && warehouseId) {
    // A variance endangers the units the ERP and the WMS disagree on.
    const b = input.balanceOf(itemId, warehouseId);
    const item = input.itemOf(itemId);
    if (b && item) value = Math.abs(b.wmsCommittedQty - b.erpReservedQty) * item.unitPrice;
  }
  return {
    id: e.id,
    type: e.type,
    origin,
    severity: e.severity,
    detectedAt: e.detectedAt,
    status: e.status,
    owner: HOLD_TYPES.has(e.type) ? 'finance' : 'planner',
    reason: e.reason,
    sourceSystem: e.sourceSystem,
    ...(e.orderLineId ? { orderLineId: e.orderLineId } : {}),
    ...(line ? { orderId: line.orderId, customerId: line.customerId } : {}),
    ...(customer ? { customerName: customer.name, tier: customer.tier } : {}),
    ...(itemId ? { itemId } : {}),
    ...(warehouseId ? { warehouseId } : {}),
    valueAtRiskCents: value ?? 0,
  };
}

const SEVERITY_ORDER = { critical: 0, high: 1, medium: 2, low: 3 } as const;

/** Queue order: most severe, then most valuable, then by id (the grid re-sorts as the planner asks). */
export function compareQueueRows(a: ExceptionQueueRow, b: ExceptionQueueRow): number {
  return SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] || b.valueAtRiskCents - a.valueAtRiskCents || a.id.localeCompare(b.id);
}

/** The queue rows of pulled and derived exceptions, in queue order. */
export function buildExceptionQueue(input: QueueInput): ExceptionQueueRow[] {
  const rows = [...input.pulled.map((e) => row(e, 'pulled', undefined, input)), ...input.derived.map((e) => row(e, 'derived', e.impactCents, input))];
  return rows.sort(compareQueueRows);
}
