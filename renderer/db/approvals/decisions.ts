/**
 * Decision reads for every consumer outside approval itself. A decision row keeps what was proposed (plus content
 * edits); once approved, its status is its outbox entry's — or, while its approval record is not yet expanded, the
 * record's ready-made entry's (queued). See shared/sync/outbox/decision-status.ts.
 */
import type { Decision } from '../../../shared/domain';
import type { OutboxEntry } from '../../../shared/sync/outbox/entry';
import { withEntryStatus } from '../../../shared/sync/outbox/decision-status';
import type { WorkbenchDb } from '../database';
import { readPendingApprovals } from './pending';

/** Decision id -> the entry that says its status: the outbox's, else a pending approval's. */
async function entriesFor(db: WorkbenchDb, ids?: readonly string[]): Promise<Map<string, OutboxEntry>> {
  const [pending, stored] = await Promise.all([readPendingApprovals(db), ids ? db.outbox.bulkGet([...ids]) : db.outbox.toArray()]);
  const entries = new Map<string, OutboxEntry>();
  for (const e of stored) if (e) entries.set(e.decisionId, e);
  // An expanded entry is newer than the record it came from (a second window may have expanded it meanwhile).
  for (const [id, e] of pending) if (!entries.has(id)) entries.set(id, e);
  return entries;
}

/**
 * Every decision with the status its outbox entry gives it. One read transaction over approvals, decisions and the
 * outbox, so an expansion or an outcome landing meanwhile is seen whole or not at all.
 */
export async function readDecisions(db: WorkbenchDb): Promise<Decision[]> {
  return db.transaction('r', [db.approvals, db.decisions, db.outbox], async () => {
    const [entries, rows] = await Promise.all([entriesFor(db), db.decisions.toArray()]);
    return rows.map((d) => withEntryStatus(d, entries.get(d.id)));
  });
}

/** The decisions with these ids (aligned with `ids`, undefined where missing), with their entries' statuses. */
export async function getDecisions(db: WorkbenchDb, ids: readonly string[]): Promise<(Decision | undefined)[]> {
  return db.transaction('r', [db.approvals, db.decisions, db.outbox], async () => {
    const [entries, rows] = await Promise.all([entriesFor(db, ids), db.decisions.bulkGet([...ids])]);
    return rows.map((d) => withEntryStatus(d, d ? entries.get(d.id) : undefined));
  });
}
