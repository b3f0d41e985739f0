/** Builders of canonical records for sync tests (valid by the domain's schemas). */
import type { Decision, InventoryBalance, OrderLine } from '../../shared/domain';
import { exampleRecords } from '../../shared/domain';

let counter = 0;
/** A database name no other test uses. */
export function uniqueDbName(prefix = 'wb-test'): string {
  counter++;
  return `${prefix}-${process.pid}-${Date.now()}-${counter}`;
}

export function orderLine(id: string, patch: Partial<OrderLine> = {}): OrderLine {
  return { ...(exampleRecords['order-lines']), id, ...patch };
}

export function balance(itemId: string, warehouseId: string, patch: Partial<InventoryBalance> = {}): InventoryBalance {
  return { ...(exampleRecords['inventory-balances']), id: `${itemId}@${warehouseId}`, itemId, warehouseId, ...patch };
}

/** A proposed "reserve" decision on one line. */
export function reserveDecision(id: string, line: OrderLine, qty = 1): Decision {
  return {
    id,
    type: 'reserve',
    basis: [{ entity: 'order-lines', id: line.id, version: line.version }],
    payload: { orderLineId: line.id, qty },
    reason: 'test',
    proposedBy: 'planner',
    proposedAt: '2026-11-27T08:00:00Z',
    status: 'proposed',
  } as unknown as Decision;
}
