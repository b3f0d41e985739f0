/**
 * Moves approval records (schema v4: one record per approval, see renderer/db/approvals) into the outbox. One
 * transaction per record: its entries added, the record deleted — so a crash leaves either the record or its expansion, never both, and a record is never expanded twice
 * (a second window's expansion finds it gone). Runs in the background after an approval, at sync-service start, and
 * before the sender reads open entries, so the sender only ever sees ordinary outbox entries. The decision rows are
 * not touched: a decision's status is its entry's (shared/sync/outbox/decision-status.ts), so expanding 10,000
 * decisions writes 10,000 records, not 20,000.
 */
import type { WorkbenchDb } from '../db/database';

/** The last expansion pass started on each connection: passes run one after another, never side by side. */
const lastPass = new WeakMap<WorkbenchDb, Promise<number>>();

async function expandAll(db: WorkbenchDb): Promise<number> {
  let moved = 0;
  // Loop until none is left: an approval made while we worked is expanded by this pass too.
  for (;;) {
    const keys = await db.approvals.toCollection().primaryKeys();
    if (keys.length === 0) return moved;
    for (const key of keys) {
      moved += await db.transaction('rw', [db.approvals, db.outbox], async () => {
        const batch = await db.approvals.get(key);
        if (!batch) return 0; // another window expanded it
        // bulkAdd, not bulkPut: an entry already in the outbox would mean a double expansion; fail loudly instead.
        await db.outbox.bulkAdd(batch.entries);
        await db.approvals.delete(key);
        return batch.entries.length;
      });
    }
  }
}

/**
 * Expands every approval record; resolves with the number of outbox entries added. Idempotent. A call made while a
 * pass runs starts another pass after it (cheap when nothing is left), so an approval committed just after the
 * running pass looked is never missed by the caller that waits for it.
 */
export function expandApprovals(db: WorkbenchDb): Promise<number> {
  const previous = lastPass.get(db);
  const pass = (previous ? previous.catch(() => 0) : Promise.resolve(0)).then(() => expandAll(db));
  lastPass.set(db, pass);
  const forget = (): void => {
    if (lastPass.get(db) === pass) lastPass.delete(db);
  };
  pass.then(forget, forget);
  return pass;
}
