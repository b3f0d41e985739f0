/**
 * The outbox's storage over the workbench database. Every save writes the entries, their audit records and the
 * decisions' statuses in one transaction, so the grid, the outbox and the audit log never disagree.
 */
import type { DecisionStatus } from '../../shared/domain';
import type { OutboxEntry, OutboxState } from '../../shared/sync/outbox/entry';
import { requeueInterrupted } from '../../shared/sync/outbox/entry';
import type { OutboxChange, OutboxStore } from '../../shared/sync/outbox/store';
import type { OutboxCounts } from '../../shared/sync/status/status-model';
import type { WorkbenchDb } from '../db/database';

/** The decision status that mirrors an outbox state (undefined: leave the decision as it is). */
export const DECISION_STATUS_FOR: Partial<Record<OutboxState, DecisionStatus>> = {
  queued: 'approved',
  applied: 'applied',
  rejected: 'failed',
  'needs-attention': 'conflicted',
  discarded: 'rejected',
};

const OPEN_STATES: OutboxState[] = ['queued', 'sending', 'needs-attention'];

export function createDexieOutboxStore(db: WorkbenchDb): OutboxStore {
  return {
    async requeueInterrupted(now) {
      return db.transaction('rw', db.outbox, async () => {
        const stuck = await db.outbox.where('state').equals('sending').toArray();
        if (stuck.length > 0) await db.outbox.bulkPut(stuck.map((e) => requeueInterrupted(e, now)));
        return stuck.length;
      });
    },

    async loadOpen() {
      const open = await db.outbox.where('state').anyOf(OPEN_STATES).toArray();
      return open.sort((a, b) => a.seq - b.seq);
    },

    async save(changes: OutboxChange[]) {
      if (changes.length === 0) return;
      await db.transaction('rw', [db.outbox, db.auditLog, db.decisions], async () => {
        await db.outbox.bulkPut(changes.map((c) => c.entry));
        const audits = changes.flatMap((c) => (c.audit ? [c.audit] : []));
        if (audits.length > 0) await db.auditLog.bulkAdd(audits);
        const statusChanges = changes.flatMap((c) => {
          const status = c.entry.state === 'sending' || c.entry.state === 'queued' ? undefined : DECISION_STATUS_FOR[c.entry.state];
          return status ? [{ key: c.entry.decisionId, changes: { status } }] : [];
        });
        if (statusChanges.length > 0) await db.decisions.bulkUpdate(statusChanges);
      });
    },
  };
}

/** Counts for the status bar, from the outbox's state index. */
export async function countOutbox(db: WorkbenchDb): Promise<OutboxCounts> {
  const [pending, sending, failed, needsAttention, applied] = await Promise.all(
    (['queued', 'sending', 'rejected', 'needs-attention', 'applied'] as const).map((s) => db.outbox.where('state').equals(s).count()),
  );
  return { pending: pending ?? 0, sending: sending ?? 0, failed: failed ?? 0, needsAttention: needsAttention ?? 0, applied: applied ?? 0 };
}

export type { OutboxEntry };
