/**
 * Which ERP rows a decision touches, as `entity:id` keys: the order lines it names and the balances (item x
 * warehouse) whose reservations it moves. Decisions sharing a key are sent in approval order (see ordering.ts).
 */
import type { Decision, OrderLine } from '../../domain';
import { balanceId } from '../../domain';

/** The `entity:id` key the outbox uses for a row. */
export function rowKey(entity: string, id: string): string {
  return `${entity}:${id}`;
}

/** Order line ids named by a decision's payload. */
export function orderLineIdsOf(decision: Decision): string[] {
  const p = decision.payload as Record<string, unknown>;
  const ids: string[] = [];
  for (const field of ['orderLineId', 'fromOrderLineId', 'toOrderLineId'] as const) {
    const value = p[field];
    if (typeof value === 'string') ids.push(value);
  }
  return ids;
}

/**
 * Every row key the decision touches. `lineOf` looks an order line up in the local cache, so the balance a line
 * reserves from is known even when the decision's basis does not list it.
 */
export function rowKeysOf(decision: Decision, lineOf: (id: string) => OrderLine | undefined): string[] {
  const keys = new Set<string>();
  for (const row of decision.basis) {
    if (row.entity === 'order-lines' || row.entity === 'inventory-balances') keys.add(rowKey(row.entity, row.id));
  }
  for (const lineId of orderLineIdsOf(decision)) {
    keys.add(rowKey('order-lines', lineId));
    const line = lineOf(lineId);
    if (line) keys.add(rowKey('inventory-balances', balanceId(line.itemId, line.warehouseId)));
    const p = decision.payload as Record<string, unknown>;
    if (line && typeof p.toWarehouseId === 'string') keys.add(rowKey('inventory-balances', balanceId(line.itemId, p.toWarehouseId)));
    if (line && typeof p.substituteItemId === 'string') keys.add(rowKey('inventory-balances', balanceId(p.substituteItemId, line.warehouseId)));
    if (line && Array.isArray(p.parts)) {
      for (const part of p.parts as { warehouseId?: unknown }[]) {
        if (typeof part.warehouseId === 'string') keys.add(rowKey('inventory-balances', balanceId(line.itemId, part.warehouseId)));
      }
    }
  }
  if (decision.type === 'expedite') keys.add(rowKey('inventory-balances', balanceId(decision.payload.itemId, decision.payload.warehouseId)));
  return [...keys].sort();
}
