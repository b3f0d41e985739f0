/**
 * Readers' view of approvals not yet moved into `outbox` (schema v4). An approval record is the durable truth of
 * "approved + queued" for its decisions, so every reader of decision status or outbox counts treats it as if it
 * were already expanded.
 *
 * Read the approvals BEFORE the decisions or the outbox when not inside one transaction: an expansion that lands in
 * between then shows in the later read (which wins), never as a gap.
 */
import type { OutboxEntry } from '../../../shared/sync/outbox/entry';
import type { WorkbenchDb } from '../database';

/** Decision id -> its queued outbox entry (with the approved decision), for every approval not yet expanded. */
export type PendingApprovals = ReadonlyMap<string, OutboxEntry>;

/** Every entry of every approval record not yet expanded, by decision id. Empty (one cheap read) most of the time. */
export async function readPendingApprovals(db: WorkbenchDb): Promise<PendingApprovals> {
  const pending = new Map<string, OutboxEntry>();
  for (const batch of await db.approvals.toArray()) for (const entry of batch.entries) pending.set(entry.decisionId, entry);
  return pending;
}

/** How many queued entries the approval records hold, from their keys alone (no record is read whole). */
export async function countPendingApprovals(db: WorkbenchDb): Promise<number> {
  const keys = await db.approvals.toCollection().primaryKeys();
  return keys.reduce((n, [firstSeq, lastSeq]) => n + (lastSeq - firstSeq + 1), 0);
}
