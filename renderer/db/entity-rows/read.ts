/**
 * The one way to read ERP records out of the cache. Callers never see the storage layout (page records, overlay,
 * tombstones); each call reads in one transaction, or joins the caller's when its tables are in scope
 * (`rowTablesFor`).
 */
import type { EntityName, EntityRecord } from '../../../shared/domain';
import type { WorkbenchDb } from '../database';
import { mergeEntityRows } from './merge';
import { genOf, layoutKey, overlayTable, pagesOf, rowTablesFor } from './tables';

/** Reads inside an open transaction that covers rowTablesFor(db, [entity]). */
export async function readRowsInScope(db: WorkbenchDb, entity: string): Promise<Record<string, unknown>[]> {
  const layout = await db.cursors.get(layoutKey('live', entity));
  const [pages, overlay, tombstoneKeys] = await Promise.all([
    pagesOf(db, entity, genOf(layout)).toArray(),
    overlayTable(db, entity).toArray(),
    db.entityTombstones.where('entity').equals(entity).primaryKeys(),
  ]);
  return mergeEntityRows(
    pages,
    tombstoneKeys.map((k) => k[1]),
    overlay,
  );
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
    // reading the whole entity is one pass over ~100 records.
    const byId = new Map<string, Record<string, unknown>>();
    for (const row of await readRowsInScope(db, entity)) byId.set(row.id as string, row);
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
