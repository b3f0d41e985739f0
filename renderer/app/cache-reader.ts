/**
 * The store's CachePort over the Dexie cache: reads the tables each view needs and hands them to the feature
 * folders' pure row builders. Reads only the order lines and customers the rows refer to, so a 100k-line cache
 * does not have to be loaded to show a few thousand exceptions.
 */
import type { Customer, Decision, InventoryBalance, Item, OrderException, OrderLine } from '../../shared/domain';
import { balanceId } from '../../shared/domain';
import { defaultPolicy } from '../../shared/engine/policy';
import type { WorkbenchDb } from '../db/database';
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

/**
 * Single gets cost about as much per row as reading the whole table costs per row of the table (measured on the
 * large world: 30k gets ~4 s, all 100k lines ~3-4 s): past this many ids, read every line and keep the wanted ones.
 */
const BULK_GET_LIMIT = 25_000;

async function readLines(db: WorkbenchDb, ids: ReadonlySet<string>): Promise<Map<string, OrderLine>> {
  if (ids.size <= BULK_GET_LIMIT) return byId(await db.orderLines.bulkGet([...ids]));
  const out = new Map<string, OrderLine>();
  for (const l of await db.orderLines.toArray()) if (ids.has(l.id)) out.set(l.id, l);
  return out;
}

async function linesAndCustomers(db: WorkbenchDb, lineIds: readonly string[]): Promise<{ lines: Map<string, OrderLine>; customers: Map<string, Customer> }> {
  const lines = await timed('read-lines', () => readLines(db, new Set(lineIds)));
  const customers = byId(await timed('read-customers', () => db.customers.bulkGet([...new Set([...lines.values()].map((l) => l.customerId))])));
  return { lines, customers };
}

/** A cheap fingerprint of what derivation reads: unchanged order lines and balances derive the same exceptions. */
async function derivationKey(db: WorkbenchDb): Promise<string> {
  const [lines, lastLine, balances, lastBalance] = await Promise.all([
    db.orderLines.count(),
    db.orderLines.orderBy('modifiedAt').last(),
    db.inventoryBalances.count(),
    db.inventoryBalances.orderBy('modifiedAt').last(),
  ]);
  return `${lines}|${lastLine?.modifiedAt ?? ''}|${balances}|${lastBalance?.modifiedAt ?? ''}`;
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
      const pulled = origin === 'pulled' ? await timed('read-exceptions', () => db.exceptions.toArray()) : [];
      const derived = origin === 'derived' ? await derivedExceptions() : [];
      const all = [...pulled, ...derived];
      if (!join) {
        const none = () => undefined;
        return buildExceptionQueue({ pulled, derived, lineOf: none, customerOf: none, itemOf: none, balanceOf: none });
      }
      const { lines, customers } = await linesAndCustomers(db, all.flatMap((e) => (e.orderLineId ? [e.orderLineId] : [])));
      const pairs = all.filter((e) => !e.orderLineId && e.itemId && e.warehouseId);
      const balances = byId<InventoryBalance>(await db.inventoryBalances.bulkGet(pairs.map((e) => balanceId(e.itemId!, e.warehouseId!))));
      const items = byId<Item>(await db.items.bulkGet([...new Set(pairs.map((e) => e.itemId!))]));
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
      const [balances, items, warehouses] = await Promise.all([db.inventoryBalances.toArray(), db.items.toArray(), db.warehouses.toArray()]);
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
      const [decisions, outbox] = await Promise.all([db.decisions.toArray(), db.outbox.toArray()]);
      const entries = new Map(outbox.map((e) => [e.decisionId, e]));
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
