/**
 * The outbox entry and its state machine. One entry per approved decision, keyed by the decision id (which is also
 * the Idempotency-Key). Entries are never deleted: a terminal entry stays as the record of what happened, and the
 * ERP's answer is written to the audit log in the same transaction.
 *
 *   queued --send--> sending --201/200--> applied
 *                            --422/4xx--> rejected
 *                            --409/412--> queued (auto-rebase, at most twice) | needs-attention
 *                            --5xx/429/network--> queued (backoff; "uncertain" when it may have been applied)
 *   sending --crash--> queued (uncertain: ask GET /decisions/{id} before resending with the same key)
 *   needs-attention --re-apply | edit--> queued;  --discard--> discarded
 *
 * "sending" is held in the sender's memory; storage knows a round is out by its in-flight record (in-flight.ts), so
 * an entry is written once per send (its outcome), not twice. Entries stored "sending" come from older senders.
 */

export const OUTBOX_STATES = {
  queued: 'queued',
  sending: 'sending',
  applied: 'applied',
  rejected: 'rejected',
  needsAttention: 'needs-attention',
  discarded: 'discarded',
} as const;

export type OutboxState = (typeof OUTBOX_STATES)[keyof typeof OUTBOX_STATES];

/** States after which the ERP will never see the entry again. */
export const TERMINAL_STATES: readonly OutboxState[] = ['applied', 'rejected', 'discarded'];

/** True when the entry is finished (applied, rejected or discarded). */
export function isTerminal(state: OutboxState): boolean {
  return TERMINAL_STATES.includes(state);
}

/** Side by side view of a conflict that could not be rebased automatically. */
export interface NeedsAttention {
  /** The rows as the planner saw them when the decision was approved. */
  base: unknown;
  /** The ERP's rows now. */
  current: unknown;
  /** The decision as it would be sent. */
  proposed: unknown;
  reason: string;
  status: number;
}

export interface OutboxEntry {
  /** The decision's id; also the Idempotency-Key of every send. */
  decisionId: string;
  /** Approval order: decisions touching the same row are sent in this order. */
  seq: number;
  state: OutboxState;
  /** The decision as it will be sent (its base versions move forward on a rebase). */
  decision: unknown;
  /** `entity:id` of every order line / balance the decision touches. */
  rowKeys: string[];
  /** Snapshot of the cached rows at approval, shown as "base" if the decision needs attention. */
  baseRows?: unknown;
  approvedBy: string;
  approvedAt: number;
  /** Sends tried so far (a re-authentication does not count). */
  attempts: number;
  /** Automatic rebases done after 409/412 (at most two). */
  rebases: number;
  /**
   * How many times the decision was re-based (automatically or by the planner). The ERP records a rejected
   * decision under its id for good, so revision n > 0 is sent as `${decisionId}~r${n}` with that as its key:
   * a new request the ERP has never seen, sent only after the previous revision was recorded as not applied.
   */
  revision?: number;
  /** Not before this epoch-ms time. */
  nextAttemptAt: number;
  /** A previous send may have reached the ERP: ask for the outcome before sending again. */
  uncertain: boolean;
  lastError?: { status: number; message: string; at: number };
  /** The ERP's answer once terminal. */
  answer?: unknown;
  attention?: NeedsAttention;
  updatedAt: number;
}

/** What the audit log keeps for an acknowledged entry: who approved what, and what the ERP answered. */
export interface AuditRecord {
  decisionId: string;
  at: number;
  event: 'applied' | 'rejected' | 'needs-attention' | 'discarded' | 'resolved';
  status?: number;
  answer?: unknown;
  actor: string;
  detail?: string;
}

/** The id (and Idempotency-Key) the ERP knows the entry's current revision by. */
export function erpDecisionId(entry: Pick<OutboxEntry, 'decisionId' | 'revision'>): string {
  const revision = entry.revision ?? 0;
  return revision === 0 ? entry.decisionId : `${entry.decisionId}~r${revision}`;
}

/** The workbench decision id behind an ERP decision id (strips the revision suffix). */
export function workbenchDecisionId(erpId: string): string {
  const m = /^(.*)~r\d+$/.exec(erpId);
  return m?.[1] ?? erpId;
}

/** The decision as sent for the entry's current revision (its id replaced by the revision's id). */
export function decisionToSend(entry: OutboxEntry): unknown {
  const revision = entry.revision ?? 0;
  if (revision === 0 || !entry.decision || typeof entry.decision !== 'object') return entry.decision;
  return { ...(entry.decision as Record<string, unknown>), id: erpDecisionId(entry) };
}

/** Builds the queued entry for a decision approved now. */
export function newOutboxEntry(args: {
  decisionId: string;
  seq: number;
  decision: unknown;
  rowKeys: string[];
  baseRows?: unknown;
  approvedBy: string;
  now: number;
}): OutboxEntry {
  return {
    decisionId: args.decisionId,
    seq: args.seq,
    state: 'queued',
    decision: args.decision,
    rowKeys: args.rowKeys,
    baseRows: args.baseRows,
    approvedBy: args.approvedBy,
    approvedAt: args.now,
    attempts: 0,
    rebases: 0,
    revision: 0,
    nextAttemptAt: args.now,
    uncertain: false,
    updatedAt: args.now,
  };
}

/** After a crash: an entry left "sending" goes back to the queue, to be resent with the same key after a lookup. */
export function requeueInterrupted(entry: OutboxEntry, now: number): OutboxEntry {
  if (entry.state !== 'sending') return entry;
  return { ...entry, state: 'queued', uncertain: true, nextAttemptAt: now, updatedAt: now };
}

/** The planner's answer to a "needs attention" entry. */
export type Resolution =
  /** Send it again on top of the ERP's current rows (the planner accepts the new base). */
  | { choice: 'reapply'; currentDecision: unknown }
  /** Send an edited decision instead (same id, same key). */
  | { choice: 'edit'; decision: unknown }
  | { choice: 'discard' };

/** Applies the planner's resolution to a needs-attention entry; other states are returned unchanged. */
export function resolveNeedsAttention(entry: OutboxEntry, resolution: Resolution, now: number): OutboxEntry {
  if (entry.state !== 'needs-attention') return entry;
  if (resolution.choice === 'discard') return { ...entry, state: 'discarded', updatedAt: now };
  const decision = resolution.choice === 'edit' ? resolution.decision : resolution.currentDecision;
  // The previous revision is recorded as rejected in the ERP, so the resolved decision goes as a new revision.
  return { ...entry, state: 'queued', decision, rebases: 0, revision: (entry.revision ?? 0) + 1, nextAttemptAt: now, uncertain: false, attention: undefined, updatedAt: now };
}
