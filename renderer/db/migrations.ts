/** Upgrade functions between schema versions; each runs inside the version-change transaction. */
import type { Transaction } from 'dexie';
import { ENTITY_TABLES } from './schema';
import type { CursorRow } from './rows';
import { chunk, sortById } from './entity-rows/merge';
import { ROWS_PER_PAGE } from './entity-rows/tables';

/**
 * v1 -> v2: live cursors move from `syncCursors` (keyed by entity) to `cursors` (keyed by target), and every
 * outbox entry gets an approval sequence, numbered in approval-time order (ties by decision id) so per-row
 * ordering holds for entries approved before the upgrade.
 */
export async function upgradeToV2(tx: Transaction): Promise<void> {
  const oldCursors = (await tx.table('syncCursors').toArray()) as { entity: string; cursor: string | null; lastCompletedAt?: number }[];
  await tx.table('cursors').bulkPut(
    oldCursors.map((c) => ({ key: `live:${c.entity}`, entity: c.entity, target: 'live', cursor: c.cursor ?? null, lastCompletedAt: c.lastCompletedAt })),
  );
  const entries = (await tx.table('outbox').toArray()) as { decisionId: string; approvedAt?: number; rowKeys?: string[]; decision?: { basis?: { entity: string; id: string }[] } }[];
  entries.sort((a, b) => (a.approvedAt ?? 0) - (b.approvedAt ?? 0) || (a.decisionId < b.decisionId ? -1 : a.decisionId > b.decisionId ? 1 : 0));
  await tx.table('outbox').bulkPut(
    entries.map((entry, index) => ({
      ...entry,
      seq: index + 1,
      rowKeys: entry.rowKeys ?? (entry.decision?.basis ?? []).map((b) => `${b.entity}:${b.id}`),
    })),
  );
}

/**
 * v2 -> v3: each entity's per-row records become id-sorted page records (page set 0) and the entity tables, now the
 * overlay, start empty; the live cursor names the page set. A full resync in progress restarts its staging from
 * the beginning (v2 staged rows one record each in `stagingRows`, which v3 drops); the live cache is untouched.
 */
export async function upgradeToV3(tx: Transaction): Promise<void> {
  for (const [entity, tableName] of Object.entries(ENTITY_TABLES)) {
    const table = tx.table(tableName);
    const rows = (await table.toArray()) as Record<string, unknown>[];
    const key = `live:${entity}`;
    const cursor = (await tx.table('cursors').get(key)) as CursorRow | undefined;
    if (rows.length > 0) {
      const pages = chunk(sortById(rows), ROWS_PER_PAGE);
      await tx.table('entityPages').bulkAdd(pages.map((pageRows, seq) => ({ entity, gen: 0, seq, rows: pageRows, deletes: [] })));
      await table.clear();
      await tx.table('cursors').put({ ...(cursor ?? { key, entity, target: 'live', cursor: null }), gen: 0, nextSeq: pages.length, pageRows: rows.length, leanRows: rows.length });
    } else if (cursor) {
      await tx.table('cursors').put({ ...cursor, gen: 0, nextSeq: 0, pageRows: 0, leanRows: 0 });
    }
  }
  await tx.table('cursors').where('target').equals('staging').delete();
}
