/** Folding page records, tombstones and the overlay into an entity's rows. Pure: no database. */
import type { EntityPageRow } from '../rows';

type Row = Record<string, unknown>;

const idOf = (row: Row): string => row.id as string;

/** Sorts rows by id (IndexedDB's string key order, what `toArray()` used to give); O(n) when already sorted. */
export function sortById<T extends Row>(rows: T[]): T[] {
  for (let i = 1; i < rows.length; i++) {
    if (idOf(rows[i - 1] as Row) > idOf(rows[i] as Row)) {
      return rows.sort((a, b) => (idOf(a) < idOf(b) ? -1 : idOf(a) > idOf(b) ? 1 : 0));
    }
  }
  return rows;
}

/**
 * The entity's current rows, by id: pages in `seq` order (a later page's copy of a row replaces an earlier one, its
 * deletes remove it), then tombstones, then the overlay (always newer than any page copy of its rows).
 */
export function mergeEntityRows(pages: readonly EntityPageRow[], tombstoneIds: readonly string[], overlay: readonly Row[]): Row[] {
  if (pages.length === 0) return sortById([...overlay]);
  if (tombstoneIds.length === 0 && overlay.length === 0 && pages.every((p) => p.deletes.length === 0)) return concatLatest(pages);
  const byId = new Map<string, Row>();
  for (const page of pages) {
    for (const row of page.rows) byId.set(idOf(row), row);
    for (const id of page.deletes) byId.delete(id);
  }
  for (const id of tombstoneIds) byId.delete(id);
  for (const row of overlay) byId.set(idOf(row), row);
  return sortById([...byId.values()]);
}

/**
 * Pages with no deletes and nothing over them (the state after a pull from scratch or a compaction): concatenate,
 * sort by id (stable, so of two copies of a row the later page's comes last) and keep each id's last copy. Cheaper
 * than a Map of 100k ids, and O(n) when the pages are already in id order.
 */
function concatLatest(pages: readonly EntityPageRow[]): Row[] {
  const all: Row[] = [];
  for (const page of pages) for (const row of page.rows) all.push(row);
  sortById(all);
  let kept = 0;
  for (let i = 0; i < all.length; i++) {
    const row = all[i] as Row;
    const next = all[i + 1];
    if (next !== undefined && idOf(next) === idOf(row)) continue;
    all[kept++] = row;
  }
  all.length = kept;
  return all;
}

/**
 * Only the rows with these ids, by id (no sort: a lookup does not need the order), with the same precedence as
 * `mergeEntityRows`.
 */
export function pickEntityRows(pages: readonly EntityPageRow[], tombstoneIds: readonly string[], overlay: readonly Row[], ids: ReadonlySet<string>): Map<string, Row> {
  const byId = new Map<string, Row>();
  for (const page of pages) {
    for (const row of page.rows) if (ids.has(idOf(row))) byId.set(idOf(row), row);
    for (const id of page.deletes) byId.delete(id);
  }
  for (const id of tombstoneIds) byId.delete(id);
  for (const row of overlay) if (ids.has(idOf(row))) byId.set(idOf(row), row);
  return byId;
}

/** Cuts id-sorted rows into page-record-sized chunks. */
export function chunk<T>(rows: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < rows.length; i += size) out.push(rows.slice(i, i + size));
  return out;
}
