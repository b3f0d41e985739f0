/**
 * The pull side's storage over the workbench database: every page, its tombstones, its sync issues and the cursor
 * after it in one Dexie transaction. Pages are stored as page records (renderer/db/entity-rows decides the layout);
 * a full resync fills a new page set and the swap only re-points the live cursor at it, in one transaction.
 */
import type { Table } from 'dexie';
import type { EntityName } from '../../shared/domain';
import type { CursorState, PageWrite, PullStore } from '../../shared/sync/pull/types';
import type { WorkbenchDb } from '../db/database';
import { compactIfWorthIt, genOf, layoutKey, nextFreeSeq, overlayTable, pageWriteTables, pagesOf, rowTablesFor, writePulledPage } from '../db/entity-rows';
import type { CursorRow } from '../db/rows';

const RESYNC_SETTING = 'sync.fullResync';

/**
 * The entity's per-row overlay table. Since schema v3 it holds only rows changed after the page copy: read records
 * with `readEntityRows` / `getEntityRows` from renderer/db, never from this table.
 */
export function entityTable(db: WorkbenchDb, entity: string): Table<Record<string, unknown>, string> {
  return overlayTable(db, entity);
}

export function createDexiePullStore(db: WorkbenchDb): PullStore {
  return {
    async getCursor(entity, target) {
      const row = await db.cursors.get(layoutKey(target, entity));
      if (!row) return undefined;
      const state: CursorState = { entity, target, cursor: row.cursor };
      if (row.lastCompletedAt !== undefined) state.lastCompletedAt = row.lastCompletedAt;
      if (row.lastPageAt !== undefined) state.lastPageAt = row.lastPageAt;
      return state;
    },

    async writePage(page: PageWrite) {
      const key = layoutKey(page.target, page.entity);
      await db.transaction('rw', [...pageWriteTables(db, page.entity), db.syncIssues], async () => {
        const before = await db.cursors.get(key);
        const layout = await writePulledPage(
          db,
          { entity: page.entity, target: page.target, upserts: page.upserts, deletes: page.deletes, done: page.done === true },
          before,
        );
        // A record reported again replaces its old issues; a record that arrived valid (or deleted) clears them.
        const touched = [...page.resolvedIssueIds, ...new Set(page.issues.map((i) => i.recordId))];
        if (touched.length > 0) await db.syncIssues.where('[entity+recordId]').anyOf(touched.map((id) => [page.entity, id])).delete();
        if (page.issues.length > 0) await db.syncIssues.bulkAdd(page.issues);
        const cursor: CursorRow = { key, entity: page.entity, target: page.target, cursor: page.cursor.cursor, ...withoutUndefined(layout) };
        if (page.cursor.lastCompletedAt !== undefined) cursor.lastCompletedAt = page.cursor.lastCompletedAt;
        if (page.cursor.lastPageAt !== undefined) cursor.lastPageAt = page.cursor.lastPageAt;
        await db.cursors.put(cursor);
      });
      // Caught up: fold the overlay and superseded copies into pages when they have grown (its own transaction;
      // the page above is stored whatever happens here).
      if (page.done && page.target === 'live') await compactIfWorthIt(db, page.entity as EntityName);
    },

    async openIssueIds(entity) {
      const ids = new Set<string>();
      await db.syncIssues.where('entity').equals(entity).each((issue) => {
        ids.add(issue.recordId);
      });
      return ids;
    },

    async beginStaging(entities) {
      return db.transaction('rw', [db.settings, db.cursors, db.entityPages], async () => {
        const resumed = (await db.settings.get(RESYNC_SETTING)) !== undefined;
        for (const entity of entities) {
          // Each entity stages into the page set after its live one; a resumed resync keeps what it staged.
          if (resumed && (await db.cursors.get(layoutKey('staging', entity)))) continue;
          const gen = genOf(await db.cursors.get(layoutKey('live', entity))) + 1;
          // Left-over pages of an abandoned set go; their keys are not reused (connections cache pages by key).
          const nextSeq = await nextFreeSeq(db, entity, gen, 0);
          await pagesOf(db, entity, gen).delete();
          await db.cursors.put({ key: layoutKey('staging', entity), entity, target: 'staging', cursor: null, gen, nextSeq, pageRows: 0 });
        }
        if (!resumed) await db.settings.put({ key: RESYNC_SETTING, value: { startedAt: Date.now(), entities: [...entities] } });
        return { resumed };
      });
    },

    async stagingInProgress() {
      return (await db.settings.get(RESYNC_SETTING)) !== undefined;
    },

    async promoteStaging(entities, now) {
      // One transaction: readers see the old cache or the new one, never a mix. No rows move: the live cursor
      // names the staged page set, and the old set, overlay and tombstones go.
      await db.transaction('rw', [...rowTablesFor(db, entities as EntityName[]), db.settings], async () => {
        for (const entity of entities) {
          const staged = await db.cursors.get(layoutKey('staging', entity));
          const live = await db.cursors.get(layoutKey('live', entity));
          if (!staged) throw new Error(`full resync of ${entity}: nothing staged to swap in (begin the resync again)`);
          if (genOf(live) !== genOf(staged)) await pagesOf(db, entity, genOf(live)).delete();
          await overlayTable(db, entity).clear();
          await db.entityTombstones.where('entity').equals(entity).delete();
          await db.cursors.put({
            key: layoutKey('live', entity),
            entity,
            target: 'live',
            cursor: staged.cursor,
            lastCompletedAt: now,
            lastPageAt: now,
            gen: genOf(staged),
            nextSeq: staged.nextSeq ?? 0,
            pageRows: staged.pageRows ?? 0,
            leanRows: staged.pageRows ?? 0,
          });
          await db.cursors.delete(layoutKey('staging', entity));
        }
        await db.settings.delete(RESYNC_SETTING);
      });
    },
  };
}

function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Last complete pull per entity (epoch ms), for the status bar. */
export async function lastPullsByEntity(db: WorkbenchDb): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const c of await db.cursors.where('target').equals('live').toArray()) {
    if (c.lastCompletedAt !== undefined) result[c.entity] = c.lastCompletedAt;
  }
  return result;
}
