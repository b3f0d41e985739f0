/** The storage the outbox sender needs; the renderer implements it over Dexie, tests over memory. */
import type { AuditRecord, OutboxEntry } from './entry';

export interface OutboxChange {
  /** The entry in its new state (written whole). */
  entry: OutboxEntry;
  /** Appended to the audit log in the same transaction, when the change is an acknowledgement. */
  audit?: AuditRecord;
}

export interface OutboxStore {
  /** Entries a crash left "sending" go back to "queued" (uncertain). Returns how many. One transaction. */
  requeueInterrupted(now: number): Promise<number>;
  /** Every entry that is not terminal (queued, sending, needs-attention), in approval order (seq). */
  loadOpen(): Promise<OutboxEntry[]>;
  /**
   * Writes all changes in ONE transaction: the entries, their audit records, and the status of the decisions they
   * carry (applied / rejected / conflicted / discarded), so the grid and the outbox never disagree.
   */
  save(changes: OutboxChange[]): Promise<void>;
}
