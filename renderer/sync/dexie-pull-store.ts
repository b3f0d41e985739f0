/**
 * The pull side's storage over the workbench database: every page, its tombstones, its sync issues and the cursor
 * after it in one Dexie transaction; a full resync staged in `stagingRows` and swapped in by one transaction.
 */
import type { Table } from 'dexie';
import type { CursorState, PageWrite, PullStore, PullTarget } from '../../shared/sync/pull/types';
import type { WorkbenchDb } from '../db/database';
import { ENTITY_TABLES } from '../db/schema';
import type { CursorRow } from '../db/rows';

const RESYNC_SETTING = 'sync.fullResync';

/** The live table of an entity (by API name). Throws for a name the database does not know. */
export function entityTable(db: WorkbenchDb, entity: string): Table<Record<string, unknown>, string> {
  const name = (ENTITY_TABLES as Record<string, string>)[entity];
  if (!name) throw new Error(`no cache table for entity "${entity}"`);
  return db.table(name);
}

function cursorKey(target: PullTarget, entity: string): string {
  return `${target}:${entity}`;
}

export function createDexiePullStore(db: WorkbenchDb): PullStore {
  return {
    async getCursor(entity, target) {
      const row = await db.cursors.get(cursorKey(target, entity));
      if (!row) return undefined;
      const state: CursorState = { entity, target, cursor: row.cursor };
      if (row.lastCompletedAt !== undefined) state.lastCompletedAt = row.lastCompletedAt;
      if (row.lastPageAt !== undefined) state.lastPageAt = row.lastPageAt;
      return state;
    },

    async writePage(page: PageWrite) {
      const live = page.target === 'live';
      const rows = live ? entityTable(db, page.entity) : db.stagingRows;
      await db.transaction('rw', [rows, db.cursors, db.syncIssues], async () => {
        if (live) {
          if (page.upserts.length > 0) await entityTable(db, page.entity).bulkPut(page.upserts);
          if (page.deletes.length > 0) await entityTable(db, page.entity).bulkDelete(page.deletes);
        } else {
          if (page.upserts.length > 0) await db.stagingRows.bulkPut(page.upserts.map((row) => ({ entity: page.entity, id: String(row.id), row })));
          if (page.deletes.length > 0) await db.stagingRows.bulkDelete(page.deletes.map((id) => [page.entity, id] as [string, string]));
        }
        // A record reported again replaces its old issues; a record that arrived valid (or deleted) clears them.
        const touched = [...page.resolvedIssueIds, ...new Set(page.issues.map((i) => i.recordId))];
        if (touched.length > 0) await db.syncIssues.where('[entity+recordId]').anyOf(touched.map((id) => [page.entity, id])).delete();
        if (page.issues.length > 0) await db.syncIssues.bulkAdd(page.issues);
        const cursor: CursorRow = { key: cursorKey(page.target, page.entity), entity: page.entity, target: page.target, cursor: page.cursor.cursor };
        if (page.cursor.lastCompletedAt !== undefined) cursor.lastCompletedAt = page.cursor.lastCompletedAt;
        if (page.cursor.lastPageAt !== undefined) cursor.lastPageAt = page.cursor.lastPageAt;
        await db.cursors.put(cursor);
      });
    },

    async openIssueIds(entity) {
      const ids = new Set<string>();
      await db.syncIssues.where('entity').equals(entity).each((issue) => {
        ids.add(issue.recordId);
      });
      return ids;
    },

    async beginStaging(entities) {
      return db.transaction('rw', [db.settings, db.stagingRows, db.cursors], async () => {
        const existing = await db.settings.get(RESYNC_SETTING);
        if (existing) return { resumed: true };
        await db.stagingRows.clear();
        await db.cursors.bulkDelete(entities.map((e) => cursorKey('staging', e)));
        await db.settings.put({ key: RESYNC_SETTING, value: { startedAt: Date.now(), entities: [...entities] } });
        return { resumed: false };
      });
    },

    async stagingInProgress() {
      return (await db.settings.get(RESYNC_SETTING)) !== undefined;
    },

    async promoteStaging(entities, now) {
      const tables = entities.map((e) => entityTable(db, e));
      // One transaction: readers see the old cache or the new one, never a mix.
      await db.transaction('rw', [...tables, db.stagingRows, db.cursors, db.settings], async () => {
        for (const entity of entities) {
          const staged = await db.stagingRows.where('entity').equals(entity).toArray();
          const table = entityTable(db, entity);
          await table.clear();
          await table.bulkAdd(staged.map((s) => s.row));
          const stagingCursor = await db.cursors.get(cursorKey('staging', entity));
          await db.cursors.put({ key: cursorKey('live', entity), entity, target: 'live', cursor: stagingCursor?.cursor ?? null, lastCompletedAt: now, lastPageAt: now });
          await db.cursors.delete(cursorKey('staging', entity));
        }
        await db.stagingRows.clear();
        await db.settings.delete(RESYNC_SETTING);
      });
    },
  };
}

/** Last complete pull per entity (epoch ms), for the status bar. */
export async function lastPullsByEntity(db: WorkbenchDb): Promise<Record<string, number>> {
  const result: Record<string, number> = {};
  for (const c of await db.cursors.where('target').equals('live').toArray()) {
    if (c.lastCompletedAt !== undefined) result[c.entity] = c.lastCompletedAt;
  }
  return result;
}
