// The write-ahead journal: one JSON line per committed transaction, fsync'd before the server answers,
// so nothing acknowledged is lost. A torn last line (a crash mid-write) was never acknowledged and is ignored.
//
// Group commit: append() writes the line at once (so the file keeps commit order) but does not wait for the disk;
// every line appended in the same event-loop turn shares one fsync, started on the next turn and run off the main
// thread while new requests keep arriving. The server answers nobody before `flushed()` resolves (see
// server/durable-replies.ts), so acknowledged = durable still holds, for ~1 fsync per turn instead of 1 per decision.
import { closeSync, existsSync, fsync, fsyncSync, openSync, readFileSync, renameSync, truncateSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
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
  /** A compacted entry's idempotency records, in the order they were first stored. */
  readonly idems?: readonly IdempotencyRecord[];
  readonly outcomes?: readonly DecisionOutcome[];
  /** What caused the change (a live event, a PATCH), for audit. */
  readonly cause?: unknown;
}

export class Journal {
  private fd: number | null = null;
  /** Waiting for lines written but not yet covered by a started fsync. */
  private waiting: { resolve: () => void; reject: (e: Error) => void }[] = [];
  /** Waiting for the fsync in progress (it covers every line written before it started). */
  private syncing: { resolve: () => void; reject: (e: Error) => void }[] | null = null;
  private scheduled = false;
  private unsynced = false;
  /** Set when an fsync failed: nothing written since can be trusted, so the journal refuses further writes. */
  private failure: Error | null = null;
  private syncs = 0;

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

  /**
   * Writes one entry (in commit order) and schedules the shared fsync. Durable only once `flushed()` resolves;
   * throws if an earlier fsync failed.
   */
  append(entry: JournalEntry): void {
    if (this.failure !== null) throw new Error(`journal ${this.path} failed to reach the disk earlier (${this.failure.message}); restart the ERP`);
    if (this.fd === null) this.fd = openSync(this.path, 'a');
    const buf = Buffer.from(`${JSON.stringify(entry)}\n`, 'utf8');
    let off = 0;
    while (off < buf.length) off += writeSync(this.fd, buf, off, buf.length - off);
    this.unsynced = true;
    this.schedule();
  }

  /** Resolves once every line appended so far is on disk (at once when nothing is pending). */
  flushed(): Promise<void> {
    if (this.failure !== null) return Promise.reject(this.failure);
    if (this.unsynced) return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
    if (this.syncing !== null) {
      const group = this.syncing;
      return new Promise((resolve, reject) => group.push({ resolve, reject }));
    }
    return Promise.resolve();
  }

  /** fsyncs issued so far (group commit: fewer than the entries appended). */
  get fsyncCount(): number {
    return this.syncs;
  }

  /** True while some appended line is not yet known to be on disk. */
  get pending(): boolean {
    return this.unsynced || this.syncing !== null;
  }

  private schedule(): void {
    if (this.scheduled || this.syncing !== null) return;
    this.scheduled = true;
    // setImmediate: after this turn's I/O callbacks, so every request that arrived in this turn joins the group.
    setImmediate(() => this.startSync());
  }

  private startSync(): void {
    this.scheduled = false;
    if (!this.unsynced || this.fd === null) return;
    const group = this.waiting;
    this.waiting = [];
    this.unsynced = false;
    this.syncing = group;
    const fd = this.fd;
    this.syncs++;
    fsync(fd, (error) => {
      if (this.fd !== fd) return; // closed meanwhile: close() synced and answered everyone
      this.syncing = null;
      if (error) {
        this.failure = error;
        for (const w of [...group, ...this.waiting]) w.reject(error);
        this.waiting = [];
        return;
      }
      for (const w of group) w.resolve();
      if (this.unsynced) this.schedule();
    });
  }

  /**
   * Replaces the whole journal by `entries` (a compaction: the same state in fewer lines). Crash-safe: the new file
   * is written and fsync'd beside the old one and renamed over it, so a crash leaves either journal, never half of
   * one. Everything appended before is flushed first; appends continue on the new file.
   */
  replaceWith(entries: readonly JournalEntry[]): void {
    if (this.failure !== null) throw new Error(`journal ${this.path} failed to reach the disk earlier (${this.failure.message}); restart the ERP`);
    this.close();
    const tmp = `${this.path}.compact`;
    const fd = openSync(tmp, 'w');
    try {
      const buf = Buffer.from(entries.map((e) => `${JSON.stringify(e)}\n`).join(''), 'utf8');
      let off = 0;
      while (off < buf.length) off += writeSync(fd, buf, off, buf.length - off);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(tmp, this.path);
    // The rename itself must reach the disk before the old journal's lines can be considered gone.
    try {
      const dir = openSync(dirname(this.path), 'r');
      try {
        fsyncSync(dir);
      } finally {
        closeSync(dir);
      }
    } catch {
      // Some platforms cannot fsync a directory; the rename is still atomic.
    }
  }

  /** Flushes what is pending (synchronously) and closes the file. */
  close(): void {
    if (this.fd !== null) {
      if (this.pending && this.failure === null) fsyncSync(this.fd);
      closeSync(this.fd);
    }
    this.fd = null;
    // Everything written is on disk now; an fsync still running in the pool may report EBADF, which is moot.
    const waiters = [...(this.syncing ?? []), ...this.waiting];
    this.syncing = null;
    this.waiting = [];
    this.unsynced = false;
    for (const w of waiters) w.resolve();
  }
}
