/**
 * A decision's status once it has left "proposed" is derived from its outbox entry, not stored on the decision:
 * the outbox is the one record of where a decision is, and rewriting 10,000 decision rows on every push would cost
 * as much as the entries themselves (Chromium's IndexedDB pays per record). Readers overlay it with `withEntryStatus`.
 */
import type { Decision, DecisionStatus } from '../../domain';
import type { OutboxEntry, OutboxState } from './entry';

/** The decision status an outbox state means. "sending" is still approved (the ERP has not answered). */
export const DECISION_STATUS_FOR: Readonly<Record<OutboxState, DecisionStatus>> = {
  queued: 'approved',
  sending: 'approved',
  applied: 'applied',
  rejected: 'failed',
  'needs-attention': 'conflicted',
  discarded: 'rejected',
};

/** What a reader needs of an entry to show its decision's status: its state and who approved it when. */
export type EntryStatus = Pick<OutboxEntry, 'state' | 'approvedBy' | 'approvedAt'>;

/**
 * The decision as readers see it: with an entry, its status is the entry's and its approver and approval time are
 * the entry's (a decision row keeps what was proposed, plus content edits); without one, the row as stored (proposed,
 * rejected by a supervisor, or a status written by an older version, which had an entry too).
 */
export function withEntryStatus<D extends Decision | undefined>(decision: D, entry: EntryStatus | undefined): D {
  if (!decision || !entry) return decision;
  // Entries stored by older versions may lack the approver or the time: then the row's own (if any) stays.
  const approvedBy = decision.approvedBy ?? (typeof entry.approvedBy === 'string' ? entry.approvedBy : undefined);
  const approvedAt = decision.approvedAt ?? (Number.isFinite(entry.approvedAt) ? new Date(entry.approvedAt).toISOString() : undefined);
  return {
    ...decision,
    status: DECISION_STATUS_FOR[entry.state] ?? decision.status,
    ...(approvedBy !== undefined ? { approvedBy } : {}),
    ...(approvedAt !== undefined ? { approvedAt } : {}),
  } as D;
}
