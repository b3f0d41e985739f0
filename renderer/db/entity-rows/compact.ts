/**
 * Compaction: folds the overlay, the tombstones and superseded page copies back into id-sorted page records, in one
 * transaction (readers see the entity before or after, never between). Without it every incremental pull would
 * leave the cache a little slower to read: more overlay rows (a record each) and more superseded page rows.
 */
import type { EntityName } from '../../../shared/domain';
import type { WorkbenchDb } from '../database';
import { chunk } from './merge';
import { nextFreeSeq } from './page-cache';
import { readRowsInScope } from './read';
import { ROWS_PER_PAGE, genOf, layoutKey, overlayTable, pagesOf, rowTablesFor } from './tables';

/** Overlay rows + tombstones past which a finished pull compacts the entity. */
export const OVERLAY_COMPACT_ROWS = 5000;
/** Superseded page rows (copies written since the entity was last lean) past which it compacts: at least this many... */
export const SUPERSEDED_COMPACT_ROWS = 5000;
/** ...and at least this share of the lean size. */
export const SUPERSEDED_COMPACT_SHARE = 0.25;

/** Rewrites the entity's live rows as id-sorted page records and empties its overlay and tombstones. */
export async function compactEntity(db: WorkbenchDb, entity: EntityName): Promise<{ rows: number; pages: number }> {
  return db.transaction('rw', rowTablesFor(db, [entity]), async () => {
    const rows = await readRowsInScope(db, entity);
    const key = layoutKey('live', entity);
    const layout = await db.cursors.get(key);
    const gen = genOf(layout);
    // New keys after the old ones (a page key is never rewritten: connections keep decoded pages by key).
    const first = await nextFreeSeq(db, entity, gen, layout?.nextSeq ?? 0);
    await pagesOf(db, entity, gen).delete();
    const pages = chunk(rows, ROWS_PER_PAGE);
    await db.entityPages.bulkAdd(pages.map((pageRows, i) => ({ entity, gen, seq: first + i, rows: pageRows, deletes: [] })));
    await overlayTable(db, entity).clear();
    await db.entityTombstones.where('entity').equals(entity).delete();
    await db.cursors.put({ ...(layout ?? { key, entity, target: 'live', cursor: null }), gen, nextSeq: first + pages.length, pageRows: rows.length, leanRows: rows.length });
    return { rows: rows.length, pages: pages.length };
  });
}

/** Whether the entity's overlay or superseded copies have grown enough to be worth a compaction. */
export async function needsCompaction(db: WorkbenchDb, entity: EntityName): Promise<boolean> {
  const [layout, overlayRows, tombstones] = await Promise.all([
    db.cursors.get(layoutKey('live', entity)),
    overlayTable(db, entity).count(),
    db.entityTombstones.where('entity').equals(entity).count(),
  ]);
  // Without page records the overlay is the whole entity: nothing to fold into.
  if ((layout?.nextSeq ?? 0) === 0 && (await pagesOf(db, entity, genOf(layout)).count()) === 0) return false;
  if (overlayRows + tombstones > OVERLAY_COMPACT_ROWS) return true;
  const base = layout?.leanRows;
  if (base === undefined) return false;
  const superseded = (layout?.pageRows ?? 0) - base;
  return superseded > Math.max(SUPERSEDED_COMPACT_ROWS, base * SUPERSEDED_COMPACT_SHARE);
}

/** Compacts the entity when `needsCompaction` says so; resolves whether it did. */
export async function compactIfWorthIt(db: WorkbenchDb, entity: EntityName): Promise<boolean> {
  if (!(await needsCompaction(db, entity))) return false;
  await compactEntity(db, entity);
  return true;
}
