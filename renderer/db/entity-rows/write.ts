/**
 * Writing ERP records into the cache. A pulled page becomes ONE page record when it is large or part of a pull from
 * scratch (IndexedDB's cost is per record: ~1,000 rows for the price of one); a small incremental page lands per row
 * in the overlay, where it shadows the page copy. Either way the caller writes the cursor in the same transaction.
 */
import type { WorkbenchDb } from '../database';
import type { CursorRow } from '../rows';
import type { PageTarget } from './tables';
import { genOf, overlayTable, rowTablesFor } from './tables';
import type { EntityName } from '../../../shared/domain';

/** Pages with at least this many rows and tombstones go in as page records even in an incremental pull. */
export const PAGE_RECORD_MIN_ROWS = 200;

/** What the cursor row must carry after a page write (the page set and how far it got). */
export type PageLayout = Pick<CursorRow, 'gen' | 'nextSeq' | 'pageRows' | 'leanRows'>;

export interface PulledPage {
  entity: string;
  target: PageTarget;
  upserts: Record<string, unknown>[];
  deletes: string[];
  /** The entity is caught up after this page. */
  done: boolean;
}

function rowId(entity: string, row: Record<string, unknown>): string {
  const id = row.id;
  // A page record would store a row without a key silently; the per-row tables refused it. Keep refusing.
  if (typeof id !== 'string' || id === '') throw new Error(`${entity}: a row without a string "id" cannot be cached (found ${JSON.stringify(id)})`);
  return id;
}

/** The tables a page write touches (with the cursors and whatever else the caller writes in the same transaction). */
export function pageWriteTables(db: WorkbenchDb, entity: string) {
  return rowTablesFor(db, [entity as EntityName]);
}

/**
 * Stores one pulled page inside the caller's transaction (which must cover `pageWriteTables`). `layout` is the
 * target's cursor row before the page; the result is what that row must say after it.
 */
export async function writePulledPage(db: WorkbenchDb, page: PulledPage, layout: CursorRow | undefined): Promise<PageLayout> {
  const { entity, target, upserts, deletes } = page;
  const gen = genOf(layout);
  const seq = layout?.nextSeq ?? 0;
  const pageRows = layout?.pageRows ?? 0;
  const firstCatchUp = layout?.lastCompletedAt === undefined;
  const size = upserts.length + deletes.length;
  const asPage = target === 'staging' || firstCatchUp || size >= PAGE_RECORD_MIN_ROWS;
  const ids = upserts.map((row) => rowId(entity, row));
  let next: PageLayout;

  if (!asPage) {
    const overlay = overlayTable(db, entity);
    if (upserts.length > 0) await overlay.bulkPut(upserts);
    if (deletes.length > 0) {
      await overlay.bulkDelete(deletes);
      // Only page copies need hiding; without pages the overlay delete was the whole story.
      if (seq > 0) await db.entityTombstones.bulkPut(deletes.map((id) => ({ entity, id })));
    }
    next = { gen, nextSeq: seq, pageRows, leanRows: layout?.leanRows };
  } else {
    if (size > 0) {
      if (target === 'live') await dropShadowsOf(db, entity, [...ids, ...deletes]);
      await db.entityPages.add({ entity, gen, seq, rows: upserts, deletes });
    }
    next = { gen, nextSeq: size > 0 ? seq + 1 : seq, pageRows: pageRows + size, leanRows: layout?.leanRows };
  }
  // The first time the entity is caught up, its page copy is as lean as it gets: later growth is superseded copies.
  if (page.done && firstCatchUp) next.leanRows = next.pageRows;
  return next;
}

/**
 * A page record is newer than every overlay row and tombstone of the same ids: remove those, or they would shadow
 * it. Reads only the keys, and the overlay is small (compaction keeps it so).
 */
async function dropShadowsOf(db: WorkbenchDb, entity: string, ids: readonly string[]): Promise<void> {
  const overlay = overlayTable(db, entity);
  const [overlayKeys, tombstoneKeys] = await Promise.all([overlay.toCollection().primaryKeys(), db.entityTombstones.where('entity').equals(entity).primaryKeys()]);
  if (overlayKeys.length === 0 && tombstoneKeys.length === 0) return;
  const inPage = new Set(ids);
  const staleRows = overlayKeys.filter((k) => inPage.has(k));
  const staleTombstones = tombstoneKeys.filter((k) => inPage.has(k[1]));
  if (staleRows.length > 0) await overlay.bulkDelete(staleRows);
  if (staleTombstones.length > 0) await db.entityTombstones.bulkDelete(staleTombstones);
}

/**
 * Writes records made locally (test worlds, seeds) as overlay rows: they shadow any page copy, like a small pull.
 */
export async function putEntityRows(db: WorkbenchDb, entity: EntityName, rows: readonly Record<string, unknown>[]): Promise<void> {
  if (rows.length === 0) return;
  await db.transaction('rw', pageWriteTables(db, entity), async () => {
    for (const row of rows) rowId(entity, row);
    await overlayTable(db, entity).bulkPut([...rows]);
  });
}
