/**
 * The outbox's storage over the workbench database. Every save writes the entries and their audit records in one
 * transaction. A decision's status is read from its entry (shared/sync/outbox/decision-status.ts), never rewritten
 * here: the grid, the outbox and the audit log cannot disagree, and an outcome costs two records, not three. Rounds
 * in flight are one `settings` record each (`outbox.inFlight.<round>`), so starting a round never waits for the last
 * round's outcome transaction (which does not touch `settings`).
 */
import type { OutboxEntry, OutboxState } from '../../shared/sync/outbox/entry';
import type { InFlightRound } from '../../shared/sync/outbox/in-flight';
import { decisionIdsInFlight, interruptedEntries } from '../../shared/sync/outbox/in-flight';
import type { OpenRange, OutboxChange, OutboxStore, RoundMarks } from '../../shared/sync/outbox/store';
import type { OutboxCounts } from '../../shared/sync/status/status-model';
import type { WorkbenchDb } from '../db/database';
import { countPendingApprovals } from '../db/approvals';
import { expandApprovals } from './expand-approvals';

/** Kept here for older imports; the mapping lives with the entry (shared/sync/outbox/decision-status.ts). */
export { DECISION_STATUS_FOR } from '../../shared/sync/outbox/decision-status';

const OPEN_STATES: OutboxState[] = ['queued', 'sending', 'needs-attention'];

/** Key prefix of the in-flight round records in `settings`. */
export const IN_FLIGHT_PREFIX = 'outbox.inFlight.';

async function roundsInFlight(db: WorkbenchDb): Promise<{ key: string; round: InFlightRound }[]> {
  const rows = await db.settings.where('key').startsWith(IN_FLIGHT_PREFIX).toArray();
  return rows.map((r) => ({ key: r.key, round: r.value as InFlightRound }));
}

export function createDexieOutboxStore(db: WorkbenchDb): OutboxStore {
  return {
    async requeueInterrupted(now) {
      return db.transaction('rw', db.outbox, db.settings, async () => {
        const records = await roundsInFlight(db);
        const rounds = records.map((r) => r.round);
        const named = [...decisionIdsInFlight(rounds)];
        const candidates = new Map<string, OutboxEntry>();
        for (const e of await db.outbox.where('state').equals('sending').toArray()) candidates.set(e.decisionId, e);
        for (const e of named.length > 0 ? await db.outbox.bulkGet(named) : []) if (e) candidates.set(e.decisionId, e);
        const requeued = interruptedEntries([...candidates.values()], rounds, now);
        if (requeued.length > 0) await db.outbox.bulkPut(requeued);
        if (records.length > 0) await db.settings.bulkDelete(records.map((r) => r.key));
        return requeued.length;
      });
    },

    async loadOpen(range?: OpenRange) {
      // Approval records become entries first, so the sender sees every approved decision as an ordinary entry.
      await expandApprovals(db);
      if (range === undefined) {
        const open = await db.outbox.where('state').anyOf(OPEN_STATES).toArray();
        return open.sort((a, b) => a.seq - b.seq);
      }
      // The first `limit` of each open state after `afterSeq` ([state+seq] index) hold the first `limit` overall.
      const after = range.afterSeq ?? -Infinity;
      const limit = range.limit ?? Infinity;
      const parts = await Promise.all(
        OPEN_STATES.map((state) => {
          const slice = db.outbox.where('[state+seq]').between([state, after], [state, Infinity], false, true);
          return Number.isFinite(limit) ? slice.limit(limit).toArray() : slice.toArray();
        }),
      );
      const open = parts.flat().sort((a, b) => a.seq - b.seq);
      return Number.isFinite(limit) ? open.slice(0, limit) : open;
    },

    async save(changes: OutboxChange[], marks?: RoundMarks) {
      const settled = marks?.settled ?? [];
      const marking = marks?.started !== undefined || settled.length > 0;
      if (changes.length === 0 && !marking) return;
      // Only the tables this save writes: a round's record (settings) and the last round's outcomes (the rest) must
      // not queue behind each other.
      const tables = [...(changes.length > 0 ? [db.outbox, db.auditLog] : []), ...(marking ? [db.settings] : [])];
      await db.transaction('rw', tables, async () => {
        // Issued together: the database works through them while this side builds the next request.
        const writes: Promise<unknown>[] = [];
        if (changes.length > 0) {
          writes.push(db.outbox.bulkPut(changes.map((c) => c.entry)));
          const audits = changes.flatMap((c) => (c.audit ? [c.audit] : []));
          if (audits.length > 0) writes.push(db.auditLog.bulkAdd(audits));
        }
        if (settled.length > 0) writes.push(db.settings.bulkDelete(settled.map((id) => IN_FLIGHT_PREFIX + id)));
        if (marks?.started) writes.push(db.settings.put({ key: IN_FLIGHT_PREFIX + marks.started.id, value: marks.started }));
        await Promise.all(writes);
      });
    },
  };
}

/**
 * Counts for the status bar, from the outbox's state index. Entries of a round in flight are stored "queued" and
 * named by a round record: they count as sending, not pending (so do the next few of a busy row's chain, which the
 * record names ahead of their turn). Entries of approval records not yet expanded are pending (counted from the
 * records' keys). One read transaction, so an expansion cannot be counted twice or not at all.
 */
export async function countOutbox(db: WorkbenchDb): Promise<OutboxCounts> {
  return db.transaction('r', [db.outbox, db.settings, db.approvals], async () => {
    const [pending, sending, failed, needsAttention, applied] = await Promise.all(
      (['queued', 'sending', 'rejected', 'needs-attention', 'applied'] as const).map((s) => db.outbox.where('state').equals(s).count()),
    );
    const notExpanded = await countPendingApprovals(db);
    const inFlight = decisionIdsInFlight((await roundsInFlight(db)).map((r) => r.round));
    let inFlightQueued = 0;
    if (inFlight.size > 0) {
      // Only those still queued: a round whose outcomes are stored may keep its record until the next round starts.
      // Keys only (no entry is read whole).
      for (const id of await db.outbox.where('state').equals('queued').primaryKeys()) if (inFlight.has(id)) inFlightQueued++;
    }
    return {
      pending: (pending ?? 0) + notExpanded - inFlightQueued,
      sending: (sending ?? 0) + inFlightQueued,
      failed: failed ?? 0,
      needsAttention: needsAttention ?? 0,
      applied: applied ?? 0,
    };
  });
}

export type { OutboxEntry };
