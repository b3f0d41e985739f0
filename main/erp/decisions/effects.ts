// The ERP-side effects shared by decisions, PATCH and live events: reservations that keep stock consistent
// (never negative, reserved never above on hand) and exceptions raised or resolved as the state changes.
import type { ExceptionType, InventoryBalance, IsoDateTime, OrderException, OrderLine, Qty, Severity, SourceSystem } from '../../../shared/domain';
import type { ErpStore, Tx } from '../store/store';

export const q = (n: number) => n as Qty;

/** Units of a line not yet shipped. */
export function openQty(l: OrderLine): number {
  return l.orderedQty - l.shippedQty;
}

/** What the ERP would still let you reserve at a balance. */
export function available(b: InventoryBalance): number {
  return b.onHandQty - b.erpReservedQty;
}

export function balanceOf(tx: Tx, itemId: string, warehouseId: string): InventoryBalance | undefined {
  return tx.get('inventory-balances', `${itemId}@${warehouseId}`);
}

/** Releases a line's whole reservation back to its balance. Returns the updated line. */
export function releaseReservation(tx: Tx, line: OrderLine): OrderLine {
  if (line.reservedQty === 0) return line;
  const bal = balanceOf(tx, line.itemId, line.warehouseId);
  if (bal !== undefined) tx.put('inventory-balances', { ...bal, erpReservedQty: q(Math.max(0, bal.erpReservedQty - line.reservedQty)) });
  const next = { ...line, reservedQty: q(0) };
  tx.put('order-lines', next);
  return next;
}

/** Adds `qty` to a line's reservation; the caller has checked availability. Returns the updated line. */
export function addReservation(tx: Tx, line: OrderLine, qty: number): OrderLine {
  if (qty === 0) return line;
  const bal = balanceOf(tx, line.itemId, line.warehouseId);
  if (bal === undefined || available(bal) < qty) throw new Error(`internal: reserve ${qty} of ${line.itemId}@${line.warehouseId} without availability`);
  tx.put('inventory-balances', { ...bal, erpReservedQty: q(bal.erpReservedQty + qty) });
  // Stock found for a backordered line puts it back among the open lines, as an ERP would.
  const next: OrderLine = { ...line, reservedQty: q(line.reservedQty + qty), status: line.status === 'backordered' ? 'open' : line.status };
  tx.put('order-lines', next);
  return next;
}

/** Resolves the open exceptions of a line whose type is in `types` (all types when omitted). */
export function resolveLineExceptions(store: ErpStore, tx: Tx, lineId: string, types?: readonly ExceptionType[]): void {
  for (const exId of store.indexes.openExceptionsByLine.get(lineId) ?? []) {
    const ex = tx.get('exceptions', exId);
    if (ex === undefined || ex.status === 'resolved') continue;
    if (types !== undefined && !types.includes(ex.type)) continue;
    tx.put('exceptions', { ...ex, status: 'resolved' });
  }
}

/** Resolves open exceptions of a balance by type. */
export function resolveBalanceExceptions(store: ErpStore, tx: Tx, balanceId: string, types: readonly ExceptionType[]): void {
  for (const exId of store.indexes.openExceptionsByBalance.get(balanceId) ?? []) {
    const ex = tx.get('exceptions', exId);
    if (ex === undefined || ex.status === 'resolved' || !types.includes(ex.type)) continue;
    if (ex.orderLineId !== undefined) continue;
    tx.put('exceptions', { ...ex, status: 'resolved' });
  }
}

/** True when the line already has an open exception of this type. */
export function hasOpenException(store: ErpStore, tx: Tx, lineId: string, type: ExceptionType): boolean {
  for (const exId of store.indexes.openExceptionsByLine.get(lineId) ?? []) {
    const ex = tx.get('exceptions', exId);
    if (ex !== undefined && ex.status !== 'resolved' && ex.type === type) return true;
  }
  return false;
}

/** Raises a new open exception (its detectedAt is stamped with the commit instant's predecessor: now). */
export function raiseException(
  tx: Tx,
  e: { type: ExceptionType; severity: Severity; sourceSystem: SourceSystem; reason: string; orderLineId?: string; itemId?: string; warehouseId?: string },
): void {
  const ex: OrderException = {
    id: tx.newExceptionId(),
    ...e,
    detectedAt: new Date().toISOString() as IsoDateTime,
    status: 'open',
    version: 0,
    modifiedAt: '1970-01-01T00:00:00.000Z' as IsoDateTime,
  };
  tx.put('exceptions', ex);
}

/** After a line's reservation changed: resolve shortage exceptions if now covered, or raise a backorder if newly short. */
export function reconcileLineExceptions(store: ErpStore, tx: Tx, line: OrderLine, reason: string): void {
  const covered = line.status === 'drop-ship' || line.reservedQty >= openQty(line) || line.status === 'cancelled';
  if (covered) {
    resolveLineExceptions(store, tx, line.id, ['backorder', 'allocation-dispute', 'substitution-request']);
  } else if (line.reservedQty < openQty(line) && line.holdCode === 'none' && !hasOpenException(store, tx, line.id, 'backorder')) {
    raiseException(tx, {
      type: 'backorder',
      orderLineId: line.id,
      itemId: line.itemId,
      warehouseId: line.warehouseId,
      severity: line.priority <= 2 ? 'high' : 'medium',
      sourceSystem: 'erp',
      reason: `${openQty(line) - line.reservedQty} of ${openQty(line)} units unreserved: ${reason}`,
    });
  }
}
