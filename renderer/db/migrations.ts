/** Upgrade functions between schema versions; each runs inside the version-change transaction. */
import type { Transaction } from 'dexie';

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
