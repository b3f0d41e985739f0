// Applying a decision the way an ERP would: role check, basis versions (412), semantic preconditions such as
// "available >= qty" (409), then the effect staged in the transaction. Nothing is staged when a check fails
// for a single decision; a failing decision in a batch makes the caller discard the whole transaction.
import { addDays, makeIssue } from '../../../shared/domain';
import type { Decision, DecisionOf, EntityName, IsoDate, OrderLine, Role } from '../../../shared/domain';
import { PROBLEM_TYPES } from '../../../shared/erp';
import type { CurrentRow, Problem } from '../../../shared/erp';
import type { ErpStore, Tx } from '../store/store';
import { served } from '../store/store';
import {
  addReservation,
  available,
  balanceOf,
  openQty,
  q,
  raiseException,
  reconcileLineExceptions,
  releaseReservation,
  resolveLineExceptions,
} from './effects';

export interface ApplyFailure {
  readonly status: 403 | 409 | 412 | 422;
  readonly problem: Problem;
}

export interface ApplyContext {
  readonly store: ErpStore;
  readonly role: Role;
  readonly asOf: IsoDate;
}

class Refusal extends Error {
  constructor(readonly failure: ApplyFailure) {
    super(failure.problem.detail);
  }
}

function current(tx: Tx, refs: readonly { entity: EntityName; id: string }[]): CurrentRow[] {
  return refs.map(({ entity, id }) => {
    const r = tx.raw(entity, id);
    return { entity, id, row: r === undefined ? { id, deleted: true as const } : served(r) };
  });
}

function invalid(d: Decision, field: string, expected: string, found: unknown): never {
  const issue = makeIssue('decisions', d.id, field, expected, found);
  throw new Refusal({
    status: 422,
    problem: { type: PROBLEM_TYPES.validation, title: 'Invalid decision', status: 422, detail: issue.message, field, errors: [issue], decisionId: d.id },
  });
}

function conflict(tx: Tx, d: Decision, detail: string, field: string, rows: readonly { entity: EntityName; id: string }[]): never {
  throw new Refusal({
    status: 409,
    problem: {
      type: PROBLEM_TYPES.semanticConflict,
      title: 'Precondition failed',
      status: 409,
      detail: `decision ${d.id} (${d.type}): ${detail}`,
      field,
      decisionId: d.id,
      currentRows: current(tx, rows),
    },
  });
}

const ROLE_RULES: Readonly<Record<Decision['type'], readonly Role[]>> = {
  reserve: ['planner', 'supervisor'],
  reallocate: ['planner', 'supervisor'],
  'change-source': ['planner', 'supervisor'],
  substitute: ['planner', 'supervisor'],
  split: ['planner', 'supervisor'],
  'drop-ship': ['planner', 'supervisor'],
  expedite: ['planner', 'supervisor'],
  'release-hold': ['finance', 'supervisor'],
  backorder: ['planner', 'supervisor'],
  cancel: ['planner', 'supervisor'],
};

/** Roles that may post a decision type. */
export function rolesFor(type: Decision['type']): readonly Role[] {
  return ROLE_RULES[type];
}

/** A line that must exist: unknown -> 422 naming the field; deleted -> 409 with the tombstone. */
function lineAt(tx: Tx, d: Decision, id: string, field: string, mustBeOpen = true): OrderLine {
  const raw = tx.raw('order-lines', id);
  if (raw === undefined) invalid(d, field, 'a known order line id', id);
  const line = tx.get('order-lines', id);
  if (line === undefined) conflict(tx, d, `order line ${id} has been deleted`, field, [{ entity: 'order-lines', id }]);
  if (mustBeOpen && line.status !== 'open' && line.status !== 'backordered') {
    conflict(tx, d, `order line ${id} is ${line.status}, not open`, field, [{ entity: 'order-lines', id }]);
  }
  return line;
}

const lineRef = (l: OrderLine) => ({ entity: 'order-lines' as const, id: l.id });
const balRef = (itemId: string, warehouseId: string) => ({ entity: 'inventory-balances' as const, id: `${itemId}@${warehouseId}` });

function requireAvailable(tx: Tx, d: Decision, line: OrderLine, qty: number, field: string): void {
  const bal = balanceOf(tx, line.itemId, line.warehouseId);
  if (bal === undefined) conflict(tx, d, `${line.itemId} is not stocked at ${line.warehouseId}`, field, [lineRef(line), balRef(line.itemId, line.warehouseId)]);
  if (available(bal) < qty) {
    conflict(tx, d, `reserve ${qty} of ${line.itemId} at ${line.warehouseId}: available ${available(bal)}`, field, [lineRef(line), balRef(line.itemId, line.warehouseId)]);
  }
}

function requireNotHeld(tx: Tx, d: Decision, line: OrderLine, field: string): void {
  if (line.holdCode !== 'none') conflict(tx, d, `order line ${line.id} is on ${line.holdCode} hold`, field, [lineRef(line)]);
}

function requireUnreservedRoom(tx: Tx, d: Decision, line: OrderLine, qty: number, field: string): void {
  const room = openQty(line) - line.reservedQty;
  if (qty > room) conflict(tx, d, `order line ${line.id} has ${room} unreserved units, asked to reserve ${qty}`, field, [lineRef(line)]);
}

/** The checks before reserving `qty` on a line: not held, room left on the line, stock available at its balance. */
function requireReservable(tx: Tx, d: Decision, line: OrderLine, qty: number, lineField: string, qtyField: string): void {
  requireNotHeld(tx, d, line, lineField);
  requireUnreservedRoom(tx, d, line, qty, qtyField);
  requireAvailable(tx, d, line, qty, qtyField);
}

const handlers: { [T in Decision['type']]: (tx: Tx, d: DecisionOf<T>, ctx: ApplyContext) => void } = {
  reserve(tx, d, ctx) {
    const line = lineAt(tx, d, d.payload.orderLineId, 'payload.orderLineId');
    requireReservable(tx, d, line, d.payload.qty, 'payload.orderLineId', 'payload.qty');
    const next = addReservation(tx, line, d.payload.qty);
    reconcileLineExceptions(ctx.store, tx, next, 'after reserve');
  },
  reallocate(tx, d, ctx) {
    if (d.payload.fromOrderLineId === d.payload.toOrderLineId) invalid(d, 'payload.toOrderLineId', 'a line other than fromOrderLineId', d.payload.toOrderLineId);
    const from = lineAt(tx, d, d.payload.fromOrderLineId, 'payload.fromOrderLineId');
    const to = lineAt(tx, d, d.payload.toOrderLineId, 'payload.toOrderLineId');
    if (from.itemId !== to.itemId || from.warehouseId !== to.warehouseId) {
      conflict(tx, d, `lines ${from.id} (${from.itemId}@${from.warehouseId}) and ${to.id} (${to.itemId}@${to.warehouseId}) do not share item and warehouse`, 'payload.toOrderLineId', [lineRef(from), lineRef(to)]);
    }
    const qty = d.payload.qty;
    if (from.reservedQty < qty) conflict(tx, d, `order line ${from.id} has ${from.reservedQty} reserved, asked to move ${qty}`, 'payload.qty', [lineRef(from), lineRef(to)]);
    requireNotHeld(tx, d, to, 'payload.toOrderLineId');
    requireUnreservedRoom(tx, d, to, qty, 'payload.qty');
    // Moving a reservation between two lines of one balance leaves the balance's total unchanged.
    const nextFrom = { ...from, reservedQty: q(from.reservedQty - qty) };
    const nextTo = { ...to, reservedQty: q(to.reservedQty + qty) };
    tx.put('order-lines', nextFrom);
    tx.put('order-lines', nextTo);
    reconcileLineExceptions(ctx.store, tx, nextTo, 'after reallocation');
    reconcileLineExceptions(ctx.store, tx, nextFrom, `${qty} units reallocated to ${to.id}`);
  },
  'change-source'(tx, d, ctx) {
    const line = lineAt(tx, d, d.payload.orderLineId, 'payload.orderLineId');
    if (tx.get('warehouses', d.payload.toWarehouseId) === undefined) invalid(d, 'payload.toWarehouseId', 'a known warehouse id', d.payload.toWarehouseId);
    if (d.payload.toWarehouseId === line.warehouseId) invalid(d, 'payload.toWarehouseId', `a warehouse other than the line's ${line.warehouseId}`, d.payload.toWarehouseId);
    const released = releaseReservation(tx, line);
    const moved = { ...released, warehouseId: d.payload.toWarehouseId };
    if (d.payload.reserveQty > 0) requireReservable(tx, d, moved, d.payload.reserveQty, 'payload.orderLineId', 'payload.reserveQty');
    tx.put('order-lines', moved);
    const next = addReservation(tx, moved, d.payload.reserveQty);
    resolveLineExceptions(ctx.store, tx, line.id, ['shipment-delay']);
    reconcileLineExceptions(ctx.store, tx, next, `moved to ${d.payload.toWarehouseId}`);
  },
  substitute(tx, d, ctx) {
    const line = lineAt(tx, d, d.payload.orderLineId, 'payload.orderLineId');
    const rule = [...ctx.store.table('substitution-rules').live()].find(
      (r) => r.itemId === line.itemId && r.substituteItemId === d.payload.substituteItemId,
    ) as { id: string; ratio: number } | undefined;
    if (rule === undefined) invalid(d, 'payload.substituteItemId', `an item that substitutes ${line.itemId} by a substitution rule`, d.payload.substituteItemId);
    if (!line.allowSubstitution) conflict(tx, d, `order line ${line.id} does not allow substitution`, 'payload.substituteItemId', [lineRef(line)]);
    if (line.shippedQty > 0) conflict(tx, d, `order line ${line.id} has already shipped ${line.shippedQty} units of ${line.itemId}`, 'payload.orderLineId', [lineRef(line)]);
    const released = releaseReservation(tx, line);
    const swapped: OrderLine = { ...released, itemId: d.payload.substituteItemId, orderedQty: q(Math.ceil(line.orderedQty * rule.ratio)) };
    if (d.payload.reserveQty > 0) requireReservable(tx, d, swapped, d.payload.reserveQty, 'payload.orderLineId', 'payload.reserveQty');
    tx.put('order-lines', swapped);
    const next = addReservation(tx, swapped, d.payload.reserveQty);
    resolveLineExceptions(ctx.store, tx, line.id, ['substitution-request']);
    reconcileLineExceptions(ctx.store, tx, next, `substituted by ${d.payload.substituteItemId}`);
  },
  split(tx, d, ctx) {
    const line = lineAt(tx, d, d.payload.orderLineId, 'payload.orderLineId');
    if (d.payload.parts.length === 0) invalid(d, 'payload.parts', 'at least one part', d.payload.parts);
    d.payload.parts.forEach((p, i) => {
      if (tx.get('warehouses', p.warehouseId) === undefined) invalid(d, `payload.parts[${i}].warehouseId`, 'a known warehouse id', p.warehouseId);
    });
    const total = d.payload.keepQty + d.payload.parts.reduce((s, p) => s + p.qty, 0);
    if (total !== openQty(line)) {
      conflict(tx, d, `keepQty + parts = ${total} but order line ${line.id} has ${openQty(line)} open units`, 'payload.keepQty', [lineRef(line)]);
    }
    // The kept part keeps as much of its reservation as fits; the excess goes back to the balance.
    const keepReserved = Math.min(line.reservedQty, d.payload.keepQty);
    let kept: OrderLine;
    if (keepReserved < line.reservedQty) {
      const shrunk = { ...releaseReservation(tx, line), orderedQty: q(line.shippedQty + d.payload.keepQty) };
      tx.put('order-lines', shrunk);
      kept = addReservation(tx, shrunk, keepReserved);
    } else {
      kept = { ...line, orderedQty: q(line.shippedQty + d.payload.keepQty) };
      tx.put('order-lines', kept);
    }
    const siblings = [...(ctx.store.indexes.linesByOrder.get(line.orderId) ?? [])].map((id) => tx.get('order-lines', id));
    let lineNo = Math.max(line.lineNo, ...siblings.map((s) => s?.lineNo ?? 0));
    let n = 0;
    for (const part of d.payload.parts) {
      let id: string;
      do id = `${line.id}-S${++n}`;
      while (tx.raw('order-lines', id) !== undefined);
      const created: OrderLine = { ...line, id, lineNo: ++lineNo, warehouseId: part.warehouseId, orderedQty: q(part.qty), reservedQty: q(0), shippedQty: q(0), status: 'open' };
      tx.put('order-lines', created);
    }
    reconcileLineExceptions(ctx.store, tx, kept, 'after split');
  },
  'drop-ship'(tx, d, ctx) {
    const line = lineAt(tx, d, d.payload.orderLineId, 'payload.orderLineId');
    const option = tx.get('drop-ship-options', d.payload.dropShipOptionId);
    if (option === undefined) invalid(d, 'payload.dropShipOptionId', 'a known drop-ship option id', d.payload.dropShipOptionId);
    if (option.itemId !== line.itemId) conflict(tx, d, `drop-ship option ${option.id} supplies ${option.itemId}, the line needs ${line.itemId}`, 'payload.dropShipOptionId', [lineRef(line)]);
    requireNotHeld(tx, d, line, 'payload.orderLineId');
    const released = releaseReservation(tx, line);
    const next: OrderLine = { ...released, status: 'drop-ship', promisedDate: addDays(ctx.asOf, option.leadDays) };
    tx.put('order-lines', next);
    reconcileLineExceptions(ctx.store, tx, next, 'drop-shipped');
  },
  expedite(tx, d, ctx) {
    const { itemId, warehouseId, qty, newEta } = d.payload;
    const bal = balanceOf(tx, itemId, warehouseId);
    if (bal === undefined) invalid(d, 'payload.itemId', `an item stocked at ${warehouseId}`, itemId);
    if (newEta < ctx.asOf) invalid(d, 'payload.newEta', `a date on or after ${ctx.asOf}`, newEta);
    const later = bal.inbound.filter((r) => r.eta > newEta).reduce((s, r) => s + r.qty, 0);
    if (later < qty) conflict(tx, d, `only ${later} inbound units of ${itemId} at ${warehouseId} arrive after ${newEta}; asked to expedite ${qty}`, 'payload.qty', [balRef(itemId, warehouseId)]);
    // Take from the latest receipts first: those are the ones a supplier can most easily pull forward.
    let left: number = qty;
    const receipts: { qty: number; eta: IsoDate }[] = bal.inbound.map((r) => ({ qty: r.qty, eta: r.eta }));
    for (let i = receipts.length - 1; i >= 0 && left > 0; i--) {
      const r = receipts[i] as { qty: number; eta: IsoDate };
      if (r.eta <= newEta) continue;
      const take = Math.min(left, r.qty);
      r.qty -= take;
      left -= take;
    }
    const merged = [...receipts.filter((r) => r.qty > 0), { qty: qty as number, eta: newEta }]
      .sort((a, b) => (a.eta < b.eta ? -1 : a.eta > b.eta ? 1 : 0))
      .reduce<{ qty: number; eta: IsoDate }[]>((acc, r) => {
        const last = acc[acc.length - 1];
        if (last !== undefined && last.eta === r.eta) last.qty += r.qty;
        else acc.push({ qty: r.qty, eta: r.eta });
        return acc;
      }, []);
    tx.put('inventory-balances', { ...bal, inbound: merged.map((r) => ({ qty: q(r.qty), eta: r.eta })) });
  },
  'release-hold'(tx, d, ctx) {
    const line = lineAt(tx, d, d.payload.orderLineId, 'payload.orderLineId');
    if (line.holdCode === 'none') conflict(tx, d, `order line ${line.id} is not on hold`, 'payload.orderLineId', [lineRef(line)]);
    const next: OrderLine = { ...line, holdCode: 'none' };
    tx.put('order-lines', next);
    resolveLineExceptions(ctx.store, tx, line.id, ['credit-hold', 'compliance-hold']);
    reconcileLineExceptions(ctx.store, tx, next, 'hold released');
  },
  backorder(tx, d, ctx) {
    const line = lineAt(tx, d, d.payload.orderLineId, 'payload.orderLineId');
    if (d.payload.promisedDate < ctx.asOf) invalid(d, 'payload.promisedDate', `a date on or after ${ctx.asOf}`, d.payload.promisedDate);
    const released = releaseReservation(tx, line);
    const next: OrderLine = { ...released, status: 'backordered', promisedDate: d.payload.promisedDate };
    tx.put('order-lines', next);
    resolveLineExceptions(ctx.store, tx, line.id, ['allocation-dispute', 'substitution-request']);
    reconcileLineExceptions(ctx.store, tx, next, `backordered until ${d.payload.promisedDate}`);
    if (next.promisedDate > next.requestedDate) {
      raiseException(tx, {
        type: 'shipment-delay',
        orderLineId: next.id,
        itemId: next.itemId,
        warehouseId: next.warehouseId,
        severity: 'medium',
        sourceSystem: 'erp',
        reason: `Re-promised ${next.promisedDate}, requested ${next.requestedDate}`,
      });
    }
  },
  cancel(tx, d, ctx) {
    const line = lineAt(tx, d, d.payload.orderLineId, 'payload.orderLineId');
    const released = releaseReservation(tx, line);
    const next: OrderLine = { ...released, status: 'cancelled' };
    tx.put('order-lines', next);
    resolveLineExceptions(ctx.store, tx, line.id);
  },
};

/**
 * Checks and stages one decision. Returns null when staged, or the failure (nothing of this decision staged
 * is kept by the caller: on failure the caller abandons the transaction).
 */
export function applyDecision(tx: Tx, d: Decision, ctx: ApplyContext): ApplyFailure | null {
  const allowed = ROLE_RULES[d.type];
  if (!allowed.includes(ctx.role)) {
    return {
      status: 403,
      problem: {
        type: PROBLEM_TYPES.forbidden,
        title: 'Role not allowed',
        status: 403,
        detail: `a ${d.type} decision needs the role ${allowed.join(' or ')}; your role is ${ctx.role}`,
        field: 'type',
        decisionId: d.id,
      },
    };
  }
  const stale = d.basis.filter((b) => (tx.raw(b.entity, b.id)?.version ?? -1) !== b.version || tx.raw(b.entity, b.id)?.deleted === true);
  if (stale.length > 0) {
    const first = stale[0] as (typeof stale)[number];
    const cur = tx.raw(first.entity, first.id);
    return {
      status: 412,
      problem: {
        type: PROBLEM_TYPES.versionConflict,
        title: 'A row has changed since the decision was based on it',
        status: 412,
        detail: `${first.entity} "${first.id}" is ${cur === undefined || cur.deleted === true ? 'deleted' : `at version ${cur.version}`}, the decision ${d.id} was based on version ${first.version}`,
        field: `basis[${d.basis.indexOf(first)}].version`,
        decisionId: d.id,
        currentRows: current(tx, stale),
      },
    };
  }
  try {
    (handlers[d.type] as (tx: Tx, d: Decision, ctx: ApplyContext) => void)(tx, d, ctx);
    return null;
  } catch (err) {
    if (err instanceof Refusal) return err.failure;
    throw err;
  }
}
