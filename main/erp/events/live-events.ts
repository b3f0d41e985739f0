// Live events that advance the simulated world, so incremental sync can be seen and tested: a demand spike
// on a fast mover, a cycle count posting, a supplier confirming a receipt, finance placing a credit hold, and
// (for tests) deleting or touching a row. Targets left out are chosen deterministically from the world seed.
import { ENTITIES, addDays, isEntityName, isIsoDate } from '../../../shared/domain';
import type { Cents, Customer, EntityName, InventoryBalance, IsoDate, OrderLine } from '../../../shared/domain';
import type { ChangedRow } from '../../../shared/erp';
import {
  addReservation,
  available,
  hasOpenException,
  openQty,
  q,
  raiseException,
  reconcileLineExceptions,
  resolveBalanceExceptions,
} from '../decisions/effects';
import { createRng } from '../generator/random';
import type { ErpStore, Tx } from '../store/store';

export type LiveEvent =
  | { readonly type: 'demand-spike'; readonly itemId?: string; readonly warehouseId?: string; readonly lines?: number; readonly qtyPerLine?: number }
  | { readonly type: 'cycle-count'; readonly itemId?: string; readonly warehouseId?: string; readonly countedQty?: number }
  | { readonly type: 'supplier-confirm'; readonly itemId?: string; readonly warehouseId?: string; readonly eta?: string; readonly qty?: number }
  | { readonly type: 'credit-hold'; readonly customerId?: string }
  | { readonly type: 'delete'; readonly entity: EntityName; readonly id: string }
  | { readonly type: 'touch'; readonly entity: EntityName; readonly id: string };

export const LIVE_EVENT_TYPES = ['demand-spike', 'cycle-count', 'supplier-confirm', 'credit-hold', 'delete', 'touch'] as const;

export interface EventResult {
  /** What happened, in words, with the targets chosen. */
  readonly summary: string;
  readonly event: LiveEvent;
  readonly changed: readonly ChangedRow[];
}

/** An event the server cannot apply (unknown target, bad value); the message names the field. */
export class EventError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

function parseEvent(input: unknown): LiveEvent {
  if (typeof input !== 'object' || input === null) throw new EventError('type', `event expected an object with "type", found ${JSON.stringify(input)}`);
  const e = input as Record<string, unknown>;
  if (!(LIVE_EVENT_TYPES as readonly unknown[]).includes(e.type)) {
    throw new EventError('type', `event field "type" expected one of ${LIVE_EVENT_TYPES.join(', ')}, found ${JSON.stringify(e.type)}`);
  }
  for (const k of ['itemId', 'warehouseId', 'customerId', 'id'] as const) {
    if (e[k] !== undefined && (typeof e[k] !== 'string' || e[k] === '')) throw new EventError(k, `event field "${k}" expected a non-empty string, found ${JSON.stringify(e[k])}`);
  }
  for (const k of ['lines', 'qtyPerLine', 'countedQty', 'qty'] as const) {
    if (e[k] !== undefined && !(Number.isSafeInteger(e[k]) && (e[k] as number) >= 0)) throw new EventError(k, `event field "${k}" expected a non-negative integer, found ${JSON.stringify(e[k])}`);
  }
  if (e.eta !== undefined && !isIsoDate(e.eta)) throw new EventError('eta', `event field "eta" expected a date 'YYYY-MM-DD', found ${JSON.stringify(e.eta)}`);
  if ((e.type === 'delete' || e.type === 'touch') && (!isEntityName(e.entity) || typeof e.id !== 'string')) {
    throw new EventError('entity', `event "${String(e.type)}" needs "entity" (one of ${ENTITIES.join(', ')}) and "id"`);
  }
  return e as unknown as LiveEvent;
}

function pickBalance(tx: Tx, itemId: string | undefined, warehouseId: string | undefined, choose: () => InventoryBalance | undefined): InventoryBalance {
  if (itemId !== undefined || warehouseId !== undefined) {
    if (itemId === undefined || warehouseId === undefined) throw new EventError(itemId === undefined ? 'itemId' : 'warehouseId', 'give both itemId and warehouseId, or neither');
    const b = tx.get('inventory-balances', `${itemId}@${warehouseId}`);
    if (b === undefined) throw new EventError('itemId', `no inventory balance "${itemId}@${warehouseId}"`);
    return b;
  }
  const b = choose();
  if (b === undefined) throw new EventError('itemId', 'no balance fits this event');
  return b;
}

/** The balance with the most open lines (the fast mover), ties broken by id. */
function fastMover(store: ErpStore, tx: Tx): InventoryBalance | undefined {
  let best: [string, number] | undefined;
  for (const [balanceId, lines] of store.indexes.linesByBalance) {
    if (best === undefined || lines.size > best[1] || (lines.size === best[1] && balanceId < best[0])) best = [balanceId, lines.size];
  }
  return best === undefined ? undefined : tx.get('inventory-balances', best[0]);
}

function unreserveDownTo(store: ErpStore, tx: Tx, bal: InventoryBalance, limit: number, reason: string): InventoryBalance {
  // Least urgent first: the ERP takes stock back from the lines it would have served last.
  const lines = [...(store.indexes.linesByBalance.get(bal.id) ?? [])]
    .map((id) => tx.get('order-lines', id))
    .filter((l): l is OrderLine => l !== undefined && l.reservedQty > 0)
    .sort((a, b) => b.priority - a.priority || (a.orderedAt < b.orderedAt ? 1 : a.orderedAt > b.orderedAt ? -1 : a.id < b.id ? 1 : -1));
  let reserved = bal.erpReservedQty as number;
  for (const l of lines) {
    if (reserved <= limit) break;
    const take = Math.min(l.reservedQty, reserved - limit);
    reserved -= take;
    const next = { ...l, reservedQty: q(l.reservedQty - take) };
    tx.put('order-lines', next);
    reconcileLineExceptions(store, tx, next, reason);
  }
  return { ...bal, erpReservedQty: q(reserved) };
}

function apply(store: ErpStore, tx: Tx, e: LiveEvent, asOf: IsoDate): string {
  const rng = createRng(store.world.seed, 1000 + tx.seq);
  switch (e.type) {
    case 'demand-spike': {
      const bal = pickBalance(tx, e.itemId, e.warehouseId, () => fastMover(store, tx));
      const customers = [...store.table('customers').live()] as unknown as Customer[];
      const n = e.lines ?? 6;
      // Enough to empty the SKU: the spike asks for everything available and then some.
      const per = e.qtyPerLine ?? Math.max(1, Math.ceil((available(bal) + bal.onHandQty * 0.5 + 5) / Math.max(1, n)));
      const item = tx.get('items', bal.itemId);
      let shortLines = 0;
      for (let k = 1; k <= n; k++) {
        const c = customers[rng.int(0, customers.length - 1)] as Customer;
        const orderId = `SO-EV${tx.seq}-${k}`;
        const line: OrderLine = {
          id: `OL-${orderId}-1`,
          orderId,
          lineNo: 1,
          customerId: c.id,
          itemId: bal.itemId,
          warehouseId: bal.warehouseId,
          orderedQty: q(per),
          reservedQty: q(0),
          shippedQty: q(0),
          requestedDate: addDays(asOf, rng.int(1, 5)),
          promisedDate: addDays(asOf, rng.int(2, 6)),
          unitPrice: (item?.unitPrice ?? (1000 as Cents)) as Cents,
          priority: c.tier === 1 ? 1 : c.tier === 2 ? 3 : 4,
          holdCode: 'none',
          allowPartial: true,
          allowSubstitution: c.substitutionAllowed,
          status: 'open',
          orderedAt: asOf,
          // A spike's urgent field-service orders come in as rush orders; the rest as standard ones.
          orderType: c.channel === 'field-service' ? 'rush' : 'standard',
          version: 0,
          modifiedAt: asOf as unknown as OrderLine['modifiedAt'],
        };
        tx.put('order-lines', line);
        // The ERP reserves at order entry, first come first served.
        const cur = tx.get('inventory-balances', bal.id) as InventoryBalance;
        const next = addReservation(tx, line, Math.min(per, available(cur)));
        if (next.reservedQty < per) shortLines++;
        reconcileLineExceptions(store, tx, next, 'demand spike emptied the stock');
      }
      return `demand spike: ${n} new lines of ${per} x ${bal.itemId} at ${bal.warehouseId}; ${shortLines} short`;
    }
    case 'cycle-count': {
      const bal = pickBalance(tx, e.itemId, e.warehouseId, () => {
        const variance = [...store.table('inventory-balances').live()].filter((b) => (b.wmsCommittedQty as number) > (b.erpReservedQty as number)) as unknown as InventoryBalance[];
        const pool = variance.length > 0 ? variance : ([...store.table('inventory-balances').live()] as unknown as InventoryBalance[]);
        return pool[rng.int(0, pool.length - 1)];
      });
      const gap = Math.max(0, bal.wmsCommittedQty - bal.erpReservedQty);
      const counted = e.countedQty ?? Math.max(0, bal.onHandQty - (gap > 0 ? gap : rng.int(1, 5)));
      let next: InventoryBalance = { ...bal, onHandQty: q(counted) };
      if (next.erpReservedQty > counted) next = unreserveDownTo(store, tx, next, counted, `cycle count at ${bal.warehouseId} found ${counted} units`);
      // After the count the WMS and ERP agree on what is physically there.
      next = { ...next, wmsCommittedQty: q(Math.min(next.wmsCommittedQty, counted, next.erpReservedQty)) };
      tx.put('inventory-balances', next);
      resolveBalanceExceptions(store, tx, bal.id, ['inventory-variance']);
      return `cycle count posted for ${bal.id}: on hand ${bal.onHandQty} -> ${counted}`;
    }
    case 'supplier-confirm': {
      const bal = pickBalance(tx, e.itemId, e.warehouseId, () => {
        const withInbound = [...store.table('inventory-balances').live()].filter((b) => (b.inbound as unknown[]).length > 0) as unknown as InventoryBalance[];
        return withInbound[rng.int(0, withInbound.length - 1)];
      });
      const first = bal.inbound[0];
      const eta = (e.eta as IsoDate | undefined) ?? (first ? addDays(first.eta, rng.int(-2, 7)) : addDays(asOf, rng.int(3, 14)));
      const confirmedEta = eta <= asOf ? addDays(asOf, 1) : eta;
      const qty = e.qty ?? (first ? first.qty : rng.int(10, 100));
      const inbound = [{ qty: q(qty), eta: confirmedEta }, ...bal.inbound.slice(1)].sort((a, b) => (a.eta < b.eta ? -1 : a.eta > b.eta ? 1 : 0));
      tx.put('inventory-balances', { ...bal, inbound });
      // Backordered lines promised before the confirmed receipt will be late.
      let late = 0;
      for (const id of store.indexes.linesByBalance.get(bal.id) ?? []) {
        const l = tx.get('order-lines', id);
        if (l === undefined || l.status !== 'backordered' || l.promisedDate >= confirmedEta || hasOpenException(store, tx, l.id, 'shipment-delay')) continue;
        late++;
        raiseException(tx, {
          type: 'shipment-delay',
          orderLineId: l.id,
          itemId: l.itemId,
          warehouseId: l.warehouseId,
          severity: l.priority <= 2 ? 'high' : 'medium',
          sourceSystem: 'supplier',
          reason: `Supplier confirmed ${qty} units for ${confirmedEta}, after the promise ${l.promisedDate}`,
        });
      }
      return `supplier confirmed ${qty} x ${bal.itemId} at ${bal.warehouseId} for ${confirmedEta}; ${late} promises now late`;
    }
    case 'credit-hold': {
      let customer: Customer | undefined;
      if (e.customerId !== undefined) {
        customer = tx.get('customers', e.customerId);
        if (customer === undefined) throw new EventError('customerId', `no customer "${e.customerId}"`);
      }
      const linesOf = new Map<string, OrderLine[]>();
      for (const r of store.table('order-lines').live()) {
        const l = r as unknown as OrderLine;
        if (l.holdCode !== 'none' || (l.status !== 'open' && l.status !== 'backordered')) continue;
        const list = linesOf.get(l.customerId);
        if (list) list.push(l);
        else linesOf.set(l.customerId, [l]);
      }
      if (customer === undefined) {
        const ranked = [...linesOf.entries()].sort((a, b) => b[1].length - a[1].length || (a[0] < b[0] ? -1 : 1));
        const pickId = ranked.find(([id]) => tx.get('customers', id)?.tier !== 1)?.[0] ?? ranked[0]?.[0];
        customer = pickId === undefined ? undefined : tx.get('customers', pickId);
        if (customer === undefined) throw new EventError('customerId', 'no customer with open lines');
      }
      const c = customer;
      tx.put('customers', { ...c, creditExposure: Math.max(c.creditExposure, Math.round(c.creditLimit * 1.1)) as Cents });
      const lines = linesOf.get(c.id) ?? [];
      for (const l of lines) {
        tx.put('order-lines', { ...l, holdCode: 'credit' });
        raiseException(tx, {
          type: 'credit-hold',
          orderLineId: l.id,
          itemId: l.itemId,
          warehouseId: l.warehouseId,
          severity: c.tier === 1 ? 'high' : 'medium',
          sourceSystem: 'finance',
          reason: `Credit hold: ${c.id} exposure over its limit${l.reservedQty > 0 ? `; placed after ${l.reservedQty} units were reserved for picking` : ''}`,
        });
      }
      return `credit hold placed on ${c.id}: ${lines.length} open lines held (${lines.reduce((s, l) => s + openQty(l), 0)} units)`;
    }
    case 'delete': {
      if (tx.get(e.entity, e.id) === undefined) throw new EventError('id', `no ${e.entity} row "${e.id}"`);
      tx.delete(e.entity, e.id);
      return `deleted ${e.entity} "${e.id}"`;
    }
    case 'touch': {
      const row = tx.get(e.entity, e.id);
      if (row === undefined) throw new EventError('id', `no ${e.entity} row "${e.id}"`);
      tx.put(e.entity, row);
      return `touched ${e.entity} "${e.id}"`;
    }
  }
}

/** Validates and applies one live event in its own transaction. Throws EventError for bad input (nothing changes). */
export function advanceWorld(store: ErpStore, input: unknown): EventResult {
  const event = parseEvent(input);
  const tx = store.begin();
  const summary = apply(store, tx, event, store.world.asOf);
  const { changed } = store.commit(tx, { cause: { kind: 'event', event, summary } });
  return { summary, event, changed };
}

