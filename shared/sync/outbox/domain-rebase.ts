/**
 * The workbench's rebase policy for canonical decisions: after a 409/412, a decision still holds when every row it
 * was based on still exists, its order lines are still open to change, and the quantity it moves is still there.
 * Then its basis versions move to the ERP's current ones and it is sent again; otherwise the planner decides.
 */
import type { BasisRow, Decision, InventoryBalance, OrderLine } from '../../domain';
import { balanceId } from '../../domain';
import type { RowRef } from '../ports';
import type { RebasePolicy, RecheckResult } from './rebase';
import { rowKey } from './decision-rows';

/** Reads the ERP's current rows from a conflict body or a re-fetch, whatever its shape, into `entity:id` -> row. */
export function indexCurrentRows(current: unknown): Map<string, Record<string, unknown>> {
  const index = new Map<string, Record<string, unknown>>();
  const add = (entity: string | undefined, row: unknown): void => {
    if (!row || typeof row !== 'object') return;
    const r = row as Record<string, unknown>;
    const inner = r.row && typeof r.row === 'object' ? (r.row as Record<string, unknown>) : r;
    const name = typeof r.entity === 'string' ? r.entity : entity;
    const id = inner.id;
    if (name && typeof id === 'string') index.set(rowKey(name, id), inner);
  };
  if (Array.isArray(current)) {
    for (const row of current) add(undefined, row);
  } else if (current && typeof current === 'object') {
    for (const [key, value] of Object.entries(current as Record<string, unknown>)) {
      if (Array.isArray(value)) for (const row of value) add(key, row);
      else if (key.includes(':')) add(key.slice(0, key.indexOf(':')), value);
      else add(key, value);
    }
  }
  return index;
}

const CHANGEABLE_LINE_STATUSES = new Set(['open', 'backordered']);

function lineCheck(rows: Map<string, Record<string, unknown>>, lineId: string): { line?: OrderLine; reason?: string } {
  const line = rows.get(rowKey('order-lines', lineId)) as OrderLine | undefined;
  if (!line) return {};
  if (!CHANGEABLE_LINE_STATUSES.has(line.status)) return { line, reason: `order line "${lineId}" is now ${line.status}` };
  return { line };
}

function available(balance: InventoryBalance | undefined): number | undefined {
  if (!balance) return undefined;
  return balance.onHandQty - balance.erpReservedQty;
}

/** Re-checks a canonical decision against the ERP's current rows. */
export function recheckDecision(decision: Decision, current: unknown): RecheckResult {
  const rows = indexCurrentRows(current);
  const basis: BasisRow[] = [];
  for (const b of decision.basis) {
    const now = rows.get(rowKey(b.entity, b.id));
    if (!now) {
      // The ERP's conflict answer names only the rows that moved; the others keep their version.
      basis.push(b);
      continue;
    }
    if (now.deleted === true) return { holds: false, reason: `${b.entity} "${b.id}" no longer exists in the ERP` };
    basis.push({ ...b, version: typeof now.version === 'number' ? now.version : b.version });
  }
  const p = decision.payload as Record<string, unknown>;
  for (const lineId of ['orderLineId', 'fromOrderLineId', 'toOrderLineId'].map((f) => p[f]).filter((v): v is string => typeof v === 'string')) {
    const checked = lineCheck(rows, lineId);
    if (checked.reason) return { holds: false, reason: checked.reason };
  }
  switch (decision.type) {
    case 'reserve': {
      const line = rows.get(rowKey('order-lines', decision.payload.orderLineId)) as OrderLine | undefined;
      const balance = line ? (rows.get(rowKey('inventory-balances', balanceId(line.itemId, line.warehouseId))) as InventoryBalance | undefined) : undefined;
      const free = available(balance);
      if (free !== undefined && free < decision.payload.qty) {
        return { holds: false, reason: `only ${free} available at ${balance?.id}, the decision reserves ${decision.payload.qty}` };
      }
      break;
    }
    case 'reallocate': {
      const from = rows.get(rowKey('order-lines', decision.payload.fromOrderLineId)) as OrderLine | undefined;
      if (from && from.reservedQty < decision.payload.qty) {
        return { holds: false, reason: `order line "${from.id}" now has ${from.reservedQty} reserved, the decision moves ${decision.payload.qty}` };
      }
      break;
    }
    case 'release-hold': {
      const line = rows.get(rowKey('order-lines', decision.payload.orderLineId)) as OrderLine | undefined;
      if (line && line.holdCode === 'none') return { holds: false, reason: `order line "${line.id}" is no longer on hold` };
      break;
    }
    default:
      break;
  }
  return { holds: true, decision: { ...decision, basis } };
}

/** The rebase policy the sender uses for canonical decisions. */
export const domainRebasePolicy: RebasePolicy = {
  rowsOf(decision: unknown): RowRef[] {
    const d = decision as Decision;
    const refs: RowRef[] = d.basis.map((b) => ({ entity: b.entity, id: b.id }));
    return refs;
  },
  recheck(decision: unknown, currentRows: unknown): RecheckResult {
    return recheckDecision(decision as Decision, currentRows);
  },
};

/**
 * The decision re-based on the ERP's current rows without re-checking it: the planner's "re-apply" choice for a
 * decision that needs attention (they have seen base / current / proposed and accept the current rows as the base).
 */
export function rebaseOnto(decision: Decision, current: unknown): Decision {
  const rows = indexCurrentRows(current);
  const basis = decision.basis.map((b) => {
    const now = rows.get(rowKey(b.entity, b.id));
    return now && typeof now.version === 'number' ? { ...b, version: now.version } : b;
  });
  return { ...decision, basis };
}
