import type { Page } from '@playwright/test';

export interface SeedOptions {
  count: number;
  /** Id prefix, so each test's decisions are its own. */
  prefix: string;
  /** Only lines of customers of these tiers. */
  tiers?: readonly number[];
  /** At most one decision per balance, each within what the ERP has available: all of them can be applied. */
  appliable?: boolean;
  proposedBy?: string;
  /** When fewer lines have room to reserve than `count`, fill up with "backorder, re-promise a week later" decisions. */
  fillWithBackorders?: boolean;
  /** Leave out backorders whose open value (cents) is above this. */
  maxValueCents?: number;
}

/**
 * Test setup (the "given"): writes proposed `reserve 1 unit` decisions into the workbench's IndexedDB cache, built
 * from the order lines and balances the pull stored, with the versions the cache holds — the same records the
 * engine's proposals are. Returns their ids. The app reads them at its next reload from the cache (e.g. "Pull now").
 */
export async function seedReserveDecisions(page: Page, options: SeedOptions): Promise<string[]> {
  return page.evaluate(async (o) => {
    const db: IDBDatabase = await new Promise((resolve, reject) => {
      const r = indexedDB.open('allocation-workbench');
      r.onsuccess = () => resolve(r.result);
      r.onerror = () => reject(r.error);
    });
    const request = <T>(r: IDBRequest): Promise<T> =>
      new Promise((resolve, reject) => {
        r.onsuccess = () => resolve(r.result as T);
        r.onerror = () => reject(r.error);
      });
    // The cache's layout (renderer/db, schema v3): an entity's rows are its page records (page set named by the live
    // cursor, later pages win, their deletes remove rows), less tombstones, shadowed by the per-row overlay table.
    const ENTITY_OF: Record<string, string> = { orderLines: 'order-lines', inventoryBalances: 'inventory-balances', customers: 'customers' };
    const all = async <T>(store: string): Promise<T[]> => {
      const entity = ENTITY_OF[store] ?? store;
      const tx = db.transaction(['cursors', 'entityPages', 'entityTombstones', store]);
      const cursor = await request<{ gen?: number } | undefined>(tx.objectStore('cursors').get(`live:${entity}`));
      const gen = cursor?.gen ?? 0;
      const [pages, tombstones, overlay] = await Promise.all([
        request<{ rows: { id: string }[]; deletes: string[] }[]>(tx.objectStore('entityPages').getAll(IDBKeyRange.bound([entity, gen, -Infinity], [entity, gen, Infinity]))),
        request<[string, string][]>(tx.objectStore('entityTombstones').getAllKeys(IDBKeyRange.bound([entity, ''], [entity, '\uffff']))),
        request<{ id: string }[]>(tx.objectStore(store).getAll()),
      ]);
      const byId = new Map<string, unknown>();
      for (const page of pages) {
        for (const row of page.rows) byId.set(row.id, row);
        for (const id of page.deletes) byId.delete(id);
      }
      for (const [, id] of tombstones) byId.delete(id);
      for (const row of overlay) byId.set(row.id, row);
      return [...byId.values()] as T[];
    };
    type Line = {
      id: string;
      customerId: string;
      itemId: string;
      warehouseId: string;
      orderedQty: number;
      reservedQty: number;
      shippedQty: number;
      status: string;
      holdCode: string;
      unitPrice: number;
      version: number;
      promisedDate: string;
    };
    type Balance = { id: string; onHandQty: number; erpReservedQty: number; version: number };
    const [lines, balances, customers] = await Promise.all([all<Line>('orderLines'), all<Balance>('inventoryBalances'), all<{ id: string; tier: number }>('customers')]);
    const balanceById = new Map(balances.map((b) => [b.id, b]));
    const tierOf = new Map(customers.map((c) => [c.id, c.tier]));
    const used = new Set<string>();
    const now = new Date().toISOString();
    const decisions: unknown[] = [];
    for (const l of [...lines].sort((a, b) => a.id.localeCompare(b.id))) {
      if (decisions.length >= o.count) break;
      if (l.status !== 'open' || l.holdCode !== 'none' || l.orderedQty - l.shippedQty - l.reservedQty < 1) continue;
      if (o.tiers && !o.tiers.includes(tierOf.get(l.customerId) ?? 0)) continue;
      const b = balanceById.get(`${l.itemId}@${l.warehouseId}`);
      if (!b) continue;
      if (o.appliable && (used.has(b.id) || b.onHandQty - b.erpReservedQty < 1)) continue;
      used.add(b.id);
      decisions.push({
        id: `${o.prefix}-${l.id}`,
        type: 'reserve',
        basis: [
          { entity: 'order-lines', id: l.id, version: l.version },
          { entity: 'inventory-balances', id: b.id, version: b.version },
        ],
        payload: { orderLineId: l.id, qty: 1 },
        reason: `Reserve 1 unit for ${l.id} (end-to-end setup)`,
        proposedBy: o.proposedBy ?? 'engine',
        proposedAt: now,
        status: 'proposed',
        valueAtStake: l.unitPrice,
        requiredRole: 'planner',
      });
    }
    await new Promise<void>((resolve, reject) => {
      const tx = db.transaction('decisions', 'readwrite');
      for (const d of decisions) tx.objectStore('decisions').put(d);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
    if (o.fillWithBackorders) {
      const taken = new Set(decisions.map((d) => (d as { payload: { orderLineId: string } }).payload.orderLineId));
      for (const l of [...lines].sort((a, b) => a.id.localeCompare(b.id))) {
        if (decisions.length >= o.count) break;
        if (taken.has(l.id) || l.status !== 'open' || l.orderedQty - l.shippedQty < 1) continue;
        if (o.maxValueCents !== undefined && (l.orderedQty - l.shippedQty) * l.unitPrice > o.maxValueCents) continue;
        if (o.tiers && !o.tiers.includes(tierOf.get(l.customerId) ?? 0)) continue;
        const later = new Date(Date.parse(`${l.promisedDate}T00:00:00Z`) + 7 * 86_400_000).toISOString().slice(0, 10);
        decisions.push({
          id: `${o.prefix}-BO-${l.id}`,
          type: 'backorder',
          basis: [{ entity: 'order-lines', id: l.id, version: l.version }],
          payload: { orderLineId: l.id, promisedDate: later },
          reason: `Backorder ${l.id}, re-promise ${later} (end-to-end setup)`,
          proposedBy: o.proposedBy ?? 'engine',
          proposedAt: now,
          status: 'proposed',
          valueAtStake: (l.orderedQty - l.shippedQty) * l.unitPrice,
          requiredRole: 'planner',
        });
      }
      await new Promise<void>((resolve, reject) => {
        const tx = db.transaction('decisions', 'readwrite');
        for (const d of decisions) tx.objectStore('decisions').put(d);
        tx.oncomplete = () => resolve();
        tx.onerror = () => reject(tx.error);
      });
    }
    db.close();
    return decisions.map((d) => (d as { id: string }).id);
  }, options);
}
