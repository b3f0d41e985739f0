/**
 * The one way to read ERP records out of the cache. Callers never see the storage layout (page records, overlay,
 * tombstones); each call reads in one transaction, or joins the caller's when its tables are in scope
 * (`rowTablesFor`).
 */
import type { EntityName, EntityRecord } from '../../../shared/domain';
import type { WorkbenchDb } from '../database';
import type { EntityPageRow } from '../rows';
import { mergeEntityRows, pickEntityRows } from './merge';
import { readPages } from './page-cache';
import { genOf, layoutKey, overlayTable, pagesOf, rowTablesFor } from './tables';

/** The entity's page records, tombstoned ids and overlay rows, inside an open transaction covering rowTablesFor. */
async function readLayers(db: WorkbenchDb, entity: string) {
  const layout = await db.cursors.get(layoutKey('live', entity));
  const [pages, overlay, tombstoneKeys] = await Promise.all([
    readPages(db, entity, genOf(layout)),
    overlayTable(db, entity).toArray(),
    db.entityTombstones.where('entity').equals(entity).primaryKeys(),
  ]);
  return { pages, overlay, tombstoneIds: tombstoneKeys.map((k) => k[1]) };
}

/** The last merge of pages with nothing over them, per connection and entity: the same pages merge the same. */
const lastMerge = new WeakMap<WorkbenchDb, Map<string, { pages: readonly EntityPageRow[]; rows: readonly Record<string, unknown>[] }>>();

function samePages(a: readonly EntityPageRow[], b: readonly EntityPageRow[]): boolean {
  return a.length === b.length && a.every((page, i) => page === b[i]);
}

/** Reads inside an open transaction that covers rowTablesFor(db, [entity]). */
export async function readRowsInScope(db: WorkbenchDb, entity: string): Promise<Record<string, unknown>[]> {
  const { pages, overlay, tombstoneIds } = await readLayers(db, entity);
  if (overlay.length > 0 || tombstoneIds.length > 0) return mergeEntityRows(pages, tombstoneIds, overlay);
  // Pages are cached by key and never rewritten, so the same page objects mean the same rows: skip the sort.
  let merges = lastMerge.get(db);
  if (!merges) lastMerge.set(db, (merges = new Map()));
  const last = merges.get(entity);
  if (last && samePages(last.pages, pages)) return [...last.rows];
  const rows = mergeEntityRows(pages, tombstoneIds, overlay);
  merges.set(entity, { pages, rows: [...rows] });
  return rows;
}

/** Every current record of the entity, sorted by id. */
export async function readEntityRows<E extends EntityName>(db: WorkbenchDb, entity: E): Promise<EntityRecord<E>[]> {
  return db.transaction('r', rowTablesFor(db, [entity]), async () => (await readRowsInScope(db, entity)) as unknown as EntityRecord<E>[]);
}

/** The records with these ids, aligned with `ids` (undefined where the cache has none), like Dexie's bulkGet. */
export async function getEntityRows<E extends EntityName>(db: WorkbenchDb, entity: E, ids: readonly string[]): Promise<(EntityRecord<E> | undefined)[]> {
  if (ids.length === 0) return [];
  return db.transaction('r', rowTablesFor(db, [entity]), async () => {
    const layout = await db.cursors.get(layoutKey('live', entity));
    // No page records: the overlay holds everything and answers by key.
    if ((await pagesOf(db, entity, genOf(layout)).count()) === 0) {
      return (await overlayTable(db, entity).bulkGet([...ids])) as (EntityRecord<E> | undefined)[];
    }
    // Page records are not indexed by row id (one index entry per row would cost the pull what pages save):
    // one pass over the entity's ~100 page records, keeping only the wanted rows.
    const { pages, overlay, tombstoneIds } = await readLayers(db, entity);
    const byId = pickEntityRows(pages, tombstoneIds, overlay, new Set(ids));
    return ids.map((id) => byId.get(id) as EntityRecord<E> | undefined);
  });
}

/** How many records the entity has. */
export async function countEntityRows(db: WorkbenchDb, entity: EntityName): Promise<number> {
  return (await readEntityRows(db, entity)).length;
}

/**
 * A cheap stamp that changes whenever a pull or a local write changes the entity's records (page set, pages
 * written, overlay size and latest `modifiedAt`, tombstones), for caches of work derived from them.
 */
export async function entityChangeStamp(db: WorkbenchDb, entity: EntityName): Promise<string> {
  return db.transaction('r', rowTablesFor(db, [entity]), async () => {
    const overlay = overlayTable(db, entity);
    const [layout, overlayCount, lastChanged, tombstones] = await Promise.all([
      db.cursors.get(layoutKey('live', entity)),
      overlay.count(),
      overlay.orderBy('modifiedAt').last(),
      db.entityTombstones.where('entity').equals(entity).count(),
    ]);
    return `${genOf(layout)}.${layout?.nextSeq ?? 0}.${overlayCount}.${String(lastChanged?.modifiedAt ?? '')}.${tombstones}`;
  });
}
