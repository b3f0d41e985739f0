/** The storage the outbox sender needs; the renderer implements it over Dexie, tests over memory. */
import type { AuditRecord, OutboxEntry } from './entry';
import type { InFlightRound } from './in-flight';

export interface OutboxChange {
  /** The entry in its new state (written whole). */
  entry: OutboxEntry;
  /** Appended to the audit log in the same transaction, when the change is an acknowledgement. */
  audit?: AuditRecord;
}

/** Bookkeeping of rounds in flight, written with (or instead of) entry changes. */
export interface RoundMarks {
  /** The round about to go out: ONE record listing its keys, durable before the first request leaves. */
  started?: InFlightRound;
  /** Rounds whose outcomes are already stored: their records are removed. */
  settled?: readonly string[];
}

/** A slice of the open entries in approval order. */
export interface OpenRange {
  afterSeq?: number;
  limit?: number;
}

export interface OutboxStore {
  /**
   * After a crash: every open entry named by an in-flight round record (or left "sending" by an older sender) goes
   * back to "queued" as uncertain, and the round records are removed. One transaction. Returns how many entries.
   */
  requeueInterrupted(now: number): Promise<number>;
  /**
   * Entries that are not terminal (queued, sending, needs-attention), in approval order (seq): all of them, or with
   * `range` the first `limit` whose seq is above `afterSeq`.
   */
  loadOpen(range?: OpenRange): Promise<OutboxEntry[]>;
  /**
   * Writes all of it in ONE transaction: the entries, their audit records and the round marks. A decision's status
   * is derived from its entry (decision-status.ts), so nothing else is written for it.
   * The sender calls it with marks only (a one-record transaction) to start a round, and with changes only to record
   * outcomes, so the two never wait for each other.
   */
  save(changes: OutboxChange[], marks?: RoundMarks): Promise<void>;
}
