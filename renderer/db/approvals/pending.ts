/**
 * Readers' view of approvals not yet moved into `outbox` and `decisions` (schema v4). An approval record is the
 * durable truth of "approved + queued" for its decisions, so every reader of decision status or outbox counts
 * treats it as if it were already expanded.
 *
 * Read the approvals BEFORE the decisions or the outbox when not inside one transaction: an expansion that lands in
 * between then shows in the later read (which wins), never as a gap.
 */
import type { Decision } from '../../../shared/domain';
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

/**
 * The decision as readers should see it: a row still "proposed" whose approval is pending is approved. A row in any
 * other status is newer than the approval record (it was expanded and moved on meanwhile) and stays as it is.
 */
export function withPendingApproval<D extends Decision | undefined>(decision: D, pending: PendingApprovals): D {
  if (!decision || decision.status !== 'proposed') return decision;
  const entry = pending.get(decision.id);
  return entry ? (entry.decision as D) : decision;
}
