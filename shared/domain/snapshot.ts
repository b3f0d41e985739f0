// The canonical snapshot: every served entity as an array, records exactly as the API serves them
// (no tombstones). It is what `npm run erp:snapshot` writes and what the engine's command line reads.
import { z } from 'zod';
import type { IsoDate } from './brands';
import { ENTITIES, ENTITY_INFO, SNAPSHOT_KEYS } from './entities';
import type { EntityName, EntityRecord } from './entities';
import { describeFound } from './fields';
import { makeIssue, validateRecords } from './validate';
import type { ValidationIssue, ValidationResult } from './validate';

export type Snapshot = { readonly [E in EntityName as (typeof SNAPSHOT_KEYS)[E]]: readonly EntityRecord<E>[] } & {
  /** The world's "today" (the generator's asOf). Optional: a snapshot from another ERP may omit it. */
  readonly asOf?: IsoDate;
};

/** zod schema of a snapshot (loose: unknown top-level keys are kept). */
export const snapshotSchema = z.looseObject({
  ...Object.fromEntries(ENTITIES.map((e) => [SNAPSHOT_KEYS[e], z.array(ENTITY_INFO[e].schema)])),
  asOf: z.iso.date().optional(),
});

/** An empty snapshot (every array present). */
export function emptySnapshot(): Snapshot {
  return Object.fromEntries(ENTITIES.map((e) => [SNAPSHOT_KEYS[e], []])) as unknown as Snapshot;
}

/** Validates a parsed snapshot file: every key present, every record valid (issues capped at maxIssues). */
export function validateSnapshot(value: unknown, options: { maxIssues?: number } = {}): ValidationResult<Snapshot> {
  const max = options.maxIssues ?? 100;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, issues: [makeIssue('snapshot', '(file)', '(root)', 'an object with one list per entity', value)] };
  }
  const issues: ValidationIssue[] = [];
  const obj = value as Record<string, unknown>;
  for (const entity of ENTITIES) {
    if (issues.length >= max) break;
    const key = SNAPSHOT_KEYS[entity];
    const rows = obj[key];
    if (!Array.isArray(rows)) {
      issues.push(makeIssue('snapshot', '(file)', key, `a list of ${ENTITY_INFO[entity].label} records`, rows));
      continue;
    }
    const r = validateRecords(entity, rows, { maxIssues: max - issues.length });
    if (!r.ok) issues.push(...r.issues);
  }
  if (obj.asOf !== undefined && !(typeof obj.asOf === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(obj.asOf))) {
    issues.push({ ...makeIssue('snapshot', '(file)', 'asOf', "a date 'YYYY-MM-DD'", obj.asOf), found: describeFound(obj.asOf) });
  }
  return issues.length === 0 ? { ok: true, value: value as Snapshot } : { ok: false, issues };
}

/**
 * Checks references between records (unknown item, warehouse, customer...) and quantity invariants
 * (reserved + shipped <= ordered, ERP reserved <= on hand). Returns issues; empty when consistent.
 */
export function checkSnapshotReferences(s: Snapshot, options: { maxIssues?: number } = {}): ValidationIssue[] {
  const max = options.maxIssues ?? 100;
  const issues: ValidationIssue[] = [];
  const items = new Set(s.items.map((r) => r.id));
  const warehouses = new Set(s.warehouses.map((r) => r.id));
  const customers = new Set(s.customers.map((r) => r.id));
  const lines = new Set(s.orderLines.map((r) => r.id));
  const push = (entity: string, id: string, field: string, expected: string, found: unknown): boolean => {
    issues.push(makeIssue(entity, id, field, expected, found));
    return issues.length < max;
  };
  const known = (set: Set<string>, what: string) => `a known ${what} id`;
  for (const l of s.lanes) {
    if (!warehouses.has(l.fromWarehouseId) && !push('lanes', l.id, 'fromWarehouseId', known(warehouses, 'warehouse'), l.fromWarehouseId)) return issues;
    if (!warehouses.has(l.toWarehouseId) && !push('lanes', l.id, 'toWarehouseId', known(warehouses, 'warehouse'), l.toWarehouseId)) return issues;
  }
  for (const r of s.substitutionRules) {
    if (!items.has(r.itemId) && !push('substitution-rules', r.id, 'itemId', 'a known item id', r.itemId)) return issues;
    if (!items.has(r.substituteItemId) && !push('substitution-rules', r.id, 'substituteItemId', 'a known item id', r.substituteItemId)) return issues;
  }
  for (const d of s.dropShipOptions) {
    if (!items.has(d.itemId) && !push('drop-ship-options', d.id, 'itemId', 'a known item id', d.itemId)) return issues;
  }
  for (const l of s.orderLines) {
    if (!items.has(l.itemId) && !push('order-lines', l.id, 'itemId', 'a known item id', l.itemId)) return issues;
    if (!warehouses.has(l.warehouseId) && !push('order-lines', l.id, 'warehouseId', 'a known warehouse id', l.warehouseId)) return issues;
    if (!customers.has(l.customerId) && !push('order-lines', l.id, 'customerId', 'a known customer id', l.customerId)) return issues;
    if (l.reservedQty + l.shippedQty > l.orderedQty && !push('order-lines', l.id, 'reservedQty', `at most orderedQty - shippedQty (${l.orderedQty - l.shippedQty})`, l.reservedQty)) return issues;
  }
  for (const b of s.inventoryBalances) {
    if (!items.has(b.itemId) && !push('inventory-balances', b.id, 'itemId', 'a known item id', b.itemId)) return issues;
    if (!warehouses.has(b.warehouseId) && !push('inventory-balances', b.id, 'warehouseId', 'a known warehouse id', b.warehouseId)) return issues;
    if (b.id !== `${b.itemId}@${b.warehouseId}` && !push('inventory-balances', b.id, 'id', `"${b.itemId}@${b.warehouseId}"`, b.id)) return issues;
    if (b.erpReservedQty > b.onHandQty && !push('inventory-balances', b.id, 'erpReservedQty', `at most onHandQty (${b.onHandQty})`, b.erpReservedQty)) return issues;
  }
  for (const e of s.exceptions) {
    if (e.orderLineId !== undefined && !lines.has(e.orderLineId) && !push('exceptions', e.id, 'orderLineId', 'a known order line id', e.orderLineId)) return issues;
    if (e.itemId !== undefined && !items.has(e.itemId) && !push('exceptions', e.id, 'itemId', 'a known item id', e.itemId)) return issues;
    if (e.warehouseId !== undefined && !warehouses.has(e.warehouseId) && !push('exceptions', e.id, 'warehouseId', 'a known warehouse id', e.warehouseId)) return issues;
  }
  return issues;
}
