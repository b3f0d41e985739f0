/**
 * The store's CachePort over the Dexie cache: reads the tables each view needs and hands them to the feature
 * folders' pure row builders, through renderer/db's entity-row readers (the cache's page layout stays there).
 */
import type { Customer, Decision, InventoryBalance, Item, OrderException, OrderLine } from '../../shared/domain';
import { balanceId } from '../../shared/domain';
import { defaultPolicy } from '../../shared/engine/policy';
import type { WorkbenchDb } from '../db/database';
import { entityChangeStamp, getEntityRows, readEntityRows } from '../db/entity-rows';
import { readPendingApprovals } from '../db/approvals';
import { withEntryStatus } from '../../shared/sync/outbox/decision-status';
import { buildDecisionRows, primaryLineId } from '../decisions/decision-rows';
import { buildExceptionQueue } from '../exceptions/queue-rows';
import { buildInventoryRows } from '../inventory/inventory-rows';
import type { CachePort } from '../state/services';
import { timed } from '../state/timing';

export interface CacheReaderOptions {
  /** Exceptions the engine derives from the cache (shortage, variance, late risk); none when not provided. */
  derivedExceptions?: () => Promise<readonly (OrderException & { impactCents: number })[]>;
  varianceToleranceUnits?: number;
}

function byId<T extends { id: string }>(rows: readonly (T | undefined)[]): Map<string, T> {
  const m = new Map<string, T>();
  for (const r of rows) if (r) m.set(r.id, r);
  return m;
}

async function linesAndCustomers(db: WorkbenchDb, lineIds: readonly string[]): Promise<{ lines: Map<string, OrderLine>; customers: Map<string, Customer> }> {
  const lines = byId(await timed('read-lines', () => getEntityRows(db, 'order-lines', [...new Set(lineIds)])));
  const customers = byId(await timed('read-customers', () => getEntityRows(db, 'customers', [...new Set([...lines.values()].map((l) => l.customerId))])));
  return { lines, customers };
}

/** A cheap fingerprint of what derivation reads: unchanged order lines and balances derive the same exceptions. */
async function derivationKey(db: WorkbenchDb): Promise<string> {
  const [lines, balances] = await Promise.all([entityChangeStamp(db, 'order-lines'), entityChangeStamp(db, 'inventory-balances')]);
  return `${lines}|${balances}`;
}

export function createCacheReader(db: WorkbenchDb, options: CacheReaderOptions = {}): CachePort {
  // Derivation runs the engine over the whole cache (seconds on 100k lines): only again when its inputs changed.
  let derivedFor: { key: string; rows: readonly (OrderException & { impactCents: number })[] } | null = null;
  const derivedExceptions = async () => {
    if (!options.derivedExceptions) return [];
    const key = await derivationKey(db);
    if (derivedFor?.key === key) return derivedFor.rows;
    // A failure reaches the store, which keeps showing the pulled exceptions and says what went wrong.
    const rows = await options.derivedExceptions();
    derivedFor = { key, rows };
    return rows;
  };
  return {
    async loadExceptionQueue(origin, { join = true } = {}) {
      const pulled = origin === 'pulled' ? await timed('read-exceptions', () => readEntityRows(db, 'exceptions')) : [];
      const derived = origin === 'derived' ? await derivedExceptions() : [];
      const all = [...pulled, ...derived];
      if (!join) {
        const none = () => undefined;
        return buildExceptionQueue({ pulled, derived, lineOf: none, customerOf: none, itemOf: none, balanceOf: none });
      }
      const { lines, customers } = await linesAndCustomers(db, all.flatMap((e) => (e.orderLineId ? [e.orderLineId] : [])));
      const pairs = all.filter((e) => !e.orderLineId && e.itemId && e.warehouseId);
      const balances = byId<InventoryBalance>(await getEntityRows(db, 'inventory-balances', [...new Set(pairs.map((e) => balanceId(e.itemId!, e.warehouseId!)))]));
      const items = byId<Item>(await getEntityRows(db, 'items', [...new Set(pairs.map((e) => e.itemId!))]));
      return buildExceptionQueue({
        pulled,
        derived,
        lineOf: (id) => lines.get(id),
        customerOf: (id) => customers.get(id),
        itemOf: (id) => items.get(id),
        balanceOf: (i, w) => balances.get(balanceId(i, w)),
      });
    },
    async loadInventory() {
      const [balances, items, warehouses] = await Promise.all([readEntityRows(db, 'inventory-balances'), readEntityRows(db, 'items'), readEntityRows(db, 'warehouses')]);
      const itemMap = byId(items);
      const whMap = byId(warehouses);
      return buildInventoryRows({
        balances,
        itemOf: (id) => itemMap.get(id),
        warehouseOf: (id) => whMap.get(id),
        varianceToleranceUnits: options.varianceToleranceUnits ?? defaultPolicy.varianceToleranceUnits,
      });
    },
    async loadDecisions() {
      // A decision's status is its outbox entry's (or, for an approval not yet expanded, the record's queued entry's):
      // one read transaction, so an expansion or a round's outcomes landing meanwhile are seen whole or not at all.
      const { decisions, entries } = await db.transaction('r', [db.approvals, db.decisions, db.outbox], async () => {
        const [pending, stored, outbox] = await Promise.all([readPendingApprovals(db), db.decisions.toArray(), db.outbox.toArray()]);
        const byId = new Map(outbox.map((e) => [e.decisionId, e]));
        for (const [id, entry] of pending) if (!byId.has(id)) byId.set(id, entry);
        return { decisions: stored.map((d) => withEntryStatus(d, byId.get(d.id))), entries: byId };
      });
      const { lines, customers } = await linesAndCustomers(db, decisions.flatMap((d) => primaryLineId(d) ?? []));
      const rows = buildDecisionRows({
        decisions,
        outboxOf: (id) => entries.get(id),
        lineOf: (id) => lines.get(id),
        customerOf: (id) => customers.get(id),
      });
      return rows.sort((a, b) => b.proposedAt.localeCompare(a.proposedAt) || a.id.localeCompare(b.id));
    },
    async addProposedDecisions(decisions: readonly Decision[]) {
      return db.transaction('rw', db.decisions, async () => {
        const existing = await db.decisions.bulkGet(decisions.map((d) => d.id));
        const fresh = decisions.filter((_, i) => !existing[i]).map((d) => ({ ...d, status: 'proposed' }) as Decision);
        if (fresh.length > 0) await db.decisions.bulkAdd(fresh);
        return fresh.length;
      });
    },
  };
}
