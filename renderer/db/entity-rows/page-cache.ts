/**
 * Decoded page records, kept per database connection. Decoding ~100 page records of order lines is most of what a
 * read costs (0.4-0.7 s), and the window reads the same entity again and again (queue, decisions view, approval).
 * A page record is written once under its key and never rewritten — compaction and a full resync write new keys and
 * delete the old ones — so a key read once can be served from memory; only the key list is read each time.
 * Cached rows are frozen: they are shared by every reader of this connection, and a reader that changed one would
 * otherwise change it for all.
 */
import type { WorkbenchDb } from '../database';
import type { EntityPageRow } from '../rows';
import { pagesOf } from './tables';

type PageKey = [string, number, number];

const caches = new WeakMap<WorkbenchDb, Map<string, EntityPageRow>>();

const keyText = (key: PageKey): string => `${key[0]}\u0000${key[1]}\u0000${key[2]}`;

function freezePage(page: EntityPageRow): EntityPageRow {
  for (const row of page.rows) Object.freeze(row);
  Object.freeze(page.rows);
  Object.freeze(page.deletes);
  return Object.freeze(page);
}

/** The page records of one page set in `seq` order, decoded at most once per connection. Inside a transaction. */
export async function readPages(db: WorkbenchDb, entity: string, gen: number): Promise<EntityPageRow[]> {
  const keys = (await pagesOf(db, entity, gen).primaryKeys()) as PageKey[];
  let cache = caches.get(db);
  if (!cache) caches.set(db, (cache = new Map()));
  const missing = keys.filter((k) => !cache.has(keyText(k)));
  if (missing.length > 0) {
    const fetched = await db.entityPages.bulkGet(missing);
    fetched.forEach((page, i) => {
      const key = missing[i];
      if (page && key) cache.set(keyText(key), freezePage(page));
    });
  }
  // Pages of this entity no longer listed were compacted or swapped out: forget them.
  const listed = new Set(keys.map(keyText));
  const prefix = `${entity}\u0000`;
  for (const key of cache.keys()) if (key.startsWith(prefix) && !listed.has(key)) cache.delete(key);
  return keys.flatMap((k) => cache.get(keyText(k)) ?? []);
}

/** The first `seq` no page of this set has used: new pages start there so a key is never reused. */
export async function nextFreeSeq(db: WorkbenchDb, entity: string, gen: number, atLeast: number): Promise<number> {
  const last = (await pagesOf(db, entity, gen).lastKey()) as PageKey | undefined;
  return Math.max(atLeast, last ? last[2] + 1 : 0);
}
