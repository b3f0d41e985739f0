/**
 * Where an entity's rows live since schema v3: page records (`entityPages`) of the page set the live cursor names,
 * the per-row overlay (the entity's own table) and tombstones. Only this folder knows the layout.
 */
import type { Collection, Table } from 'dexie';
import type { EntityName } from '../../../shared/domain';
import type { WorkbenchDb } from '../database';
import type { CursorRow, EntityPageRow } from '../rows';
import { ENTITY_TABLES } from '../schema';

/** Rows per page record when the cache writes pages itself (compaction, migration); pulled pages keep their size. */
export const ROWS_PER_PAGE = 1000;

export type PageTarget = 'live' | 'staging';

/** The entity's per-row overlay table (rows changed since the page copy). Throws for a name the cache does not know. */
export function overlayTable(db: WorkbenchDb, entity: string): Table<Record<string, unknown>, string> {
  const name = (ENTITY_TABLES as Record<string, string>)[entity];
  if (!name) throw new Error(`no cache table for entity "${entity}"`);
  return db.table(name);
}

/** Key of the cursor row that also names the entity's page set for a target. */
export function layoutKey(target: PageTarget, entity: string): string {
  return `${target}:${entity}`;
}

/** The page records of one page set, in the order they were written. */
export function pagesOf(db: WorkbenchDb, entity: string, gen: number): Collection<EntityPageRow, [string, number, number]> {
  return db.entityPages.where('[entity+gen+seq]').between([entity, gen, -Infinity], [entity, gen, Infinity], true, true);
}

/** The page set a layout row names (0 for a database that never wrote one). */
export function genOf(layout: CursorRow | undefined): number {
  return layout?.gen ?? 0;
}

/** Every table a reader of these entities touches: pass them to a surrounding `db.transaction`. */
export function rowTablesFor(db: WorkbenchDb, entities: readonly EntityName[]): Table[] {
  return [db.cursors, db.entityPages, db.entityTombstones, ...entities.map((e) => overlayTable(db, e) as Table)];
}
