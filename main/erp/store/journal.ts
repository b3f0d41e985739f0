// The write-ahead journal: one JSON line per committed transaction, fsync'd before the server answers,
// so nothing acknowledged is lost. A torn last line (a crash mid-write) was never acknowledged and is ignored.
import { closeSync, existsSync, fsyncSync, openSync, readFileSync, truncateSync, writeSync } from 'node:fs';
import type { EntityName } from '../../../shared/domain';
import type { DecisionOutcome } from '../../../shared/erp';
import type { StoredRow } from './table';

/** A stored answer to an Idempotency-Key: replayed verbatim on a repeat. */
export interface IdempotencyRecord {
  readonly key: string;
  readonly requestHash: string;
  readonly httpStatus: number;
  readonly body: unknown;
  readonly decisionIds: readonly string[];
}

export interface JournalEntry {
  readonly seq: number;
  /** The transaction's modifiedAt (every row in it carries this instant). */
  readonly at: string;
  readonly rows: readonly { readonly e: EntityName; readonly r: StoredRow }[];
  readonly idem?: IdempotencyRecord;
  readonly outcomes?: readonly DecisionOutcome[];
  /** What caused the change (a live event, a PATCH), for audit. */
  readonly cause?: unknown;
}

export class Journal {
  private fd: number | null = null;

  constructor(private readonly path: string) {}

  /**
   * Reads every complete entry. A torn tail (a crash mid-write: never acknowledged) is cut off the file so
   * later appends start on a clean line.
   */
  readAll(): { entries: JournalEntry[]; tornTail: boolean } {
    if (!existsSync(this.path)) return { entries: [], tornTail: false };
    const buf = readFileSync(this.path);
    const entries: JournalEntry[] = [];
    let start = 0;
    while (start < buf.length) {
      const end = buf.indexOf(0x0a, start);
      let entry: JournalEntry | undefined;
      if (end !== -1) {
        try {
          entry = JSON.parse(buf.toString('utf8', start, end)) as JournalEntry;
        } catch {
          entry = undefined;
        }
      }
      if (entry === undefined) {
        truncateSync(this.path, start);
        return { entries, tornTail: true };
      }
      entries.push(entry);
      start = end + 1;
    }
    return { entries, tornTail: false };
  }

  /** Appends one entry and flushes it to disk before returning. */
  append(entry: JournalEntry): void {
    if (this.fd === null) this.fd = openSync(this.path, 'a');
    const buf = Buffer.from(`${JSON.stringify(entry)}\n`, 'utf8');
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off);
    fsyncSync(this.fd);
  }

  close(): void {
    if (this.fd !== null) closeSync(this.fd);
    this.fd = null;
  }
}
