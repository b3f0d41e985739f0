// The reference ERP's state: one Table per entity, the decision ledger, the idempotency records, and the
// transaction that changes them. A transaction stages rows, then commit() writes them to the journal and makes
// them visible to the server's own logic; the journal's group commit makes them durable within a turn, and no
// HTTP answer leaves before `flushed()` (server/durable-replies.ts): nothing a client hears of can be lost.
import { ENTITIES, SNAPSHOT_KEYS } from '../../../shared/domain';
import type { EntityName, EntityRecord, IsoDate, Snapshot, Tombstone } from '../../../shared/domain';
import type { ChangedRow, CurrentRow, DecisionOutcome } from '../../../shared/erp';
import type { IdempotencyRecord, JournalEntry } from './journal';
import type { Journal } from './journal';
import { Table } from './table';
import type { StoredRow } from './table';

export interface WorldInfo {
  readonly scale: string;
  readonly seed: number;
  readonly asOf: IsoDate;
}

/** Indexes the decision logic needs: open exceptions per line / balance, lines per balance / order. */
class Indexes {
  readonly openExceptionsByLine = new Map<string, Set<string>>();
  readonly openExceptionsByBalance = new Map<string, Set<string>>();
  readonly linesByBalance = new Map<string, Set<string>>();
  readonly linesByOrder = new Map<string, Set<string>>();

  private static add(map: Map<string, Set<string>>, key: string, id: string): void {
    let s = map.get(key);
    if (s === undefined) map.set(key, (s = new Set()));
    s.add(id);
  }

  update(entity: EntityName, before: StoredRow | undefined, after: StoredRow): void {
    if (entity === 'exceptions') {
      for (const r of [before, after]) {
        if (r === undefined) continue;
        const open = r === after && r.deleted !== true && r.status !== 'resolved';
        const line = r.orderLineId as string | undefined;
        const bal = r.itemId !== undefined && r.warehouseId !== undefined ? `${String(r.itemId)}@${String(r.warehouseId)}` : undefined;
        if (open) {
          if (line !== undefined) Indexes.add(this.openExceptionsByLine, line, r.id);
          if (bal !== undefined) Indexes.add(this.openExceptionsByBalance, bal, r.id);
        } else {
          if (line !== undefined) this.openExceptionsByLine.get(line)?.delete(r.id);
          if (bal !== undefined) this.openExceptionsByBalance.get(bal)?.delete(r.id);
        }
      }
    } else if (entity === 'order-lines') {
      if (before !== undefined) {
        this.linesByBalance.get(`${String(before.itemId)}@${String(before.warehouseId)}`)?.delete(before.id);
      }
      if (after.deleted !== true) {
        Indexes.add(this.linesByBalance, `${String(after.itemId)}@${String(after.warehouseId)}`, after.id);
        Indexes.add(this.linesByOrder, String(after.orderId), after.id);
      }
    }
  }
}

/** A unit of change. Read through it to see your own staged writes. */
export class Tx {
  readonly staged = new Map<EntityName, Map<string, StoredRow>>();
  /** Every put/delete in order, so a batch can tell which decision touched which row. */
  readonly log: { readonly entity: EntityName; readonly id: string }[] = [];
  private exceptionCounter = 0;

  constructor(
    private readonly store: ErpStore,
    readonly seq: number,
  ) {}

  /** The current row (staged or committed); undefined when absent or deleted. */
  get<E extends EntityName>(entity: E, id: string): EntityRecord<E> | undefined {
    const r = this.raw(entity, id);
    return r === undefined || r.deleted === true ? undefined : (r as unknown as EntityRecord<E>);
  }

  /** The staged or committed row including tombstones. */
  raw(entity: EntityName, id: string): StoredRow | undefined {
    return this.staged.get(entity)?.get(id) ?? this.store.table(entity).get(id);
  }

  /** Stages a new content for a row; version and modifiedAt are assigned at commit. */
  put<E extends EntityName>(entity: E, row: EntityRecord<E>): void {
    let m = this.staged.get(entity);
    if (m === undefined) this.staged.set(entity, (m = new Map()));
    m.set(row.id, row as unknown as StoredRow);
    this.log.push({ entity, id: row.id });
  }

  /** Stages the deletion of a row (it will be served as a tombstone). */
  delete(entity: EntityName, id: string): void {
    const cur = this.raw(entity, id);
    if (cur === undefined || cur.deleted === true) return;
    let m = this.staged.get(entity);
    if (m === undefined) this.staged.set(entity, (m = new Map()));
    m.set(id, { id, deleted: true, version: cur.version, modifiedAt: cur.modifiedAt });
    this.log.push({ entity, id });
  }

  /** A fresh exception id, unique across restarts (derived from the journal sequence). */
  newExceptionId(): string {
    return `EX-T${this.seq}-${++this.exceptionCounter}`;
  }

  get isEmpty(): boolean {
    for (const m of this.staged.values()) if (m.size > 0) return false;
    return true;
  }
}

export interface CommitExtras {
  /** Builds the idempotency record and outcomes once versions are known (stored in the same journal line). */
  readonly finalize?: (
    changed: readonly ChangedRow[],
    at: string,
    rows: readonly CurrentRow[],
  ) => { idem?: IdempotencyRecord; outcomes?: readonly DecisionOutcome[] };
  readonly cause?: unknown;
}

export class ErpStore {
  private readonly tables: Record<EntityName, Table>;
  readonly indexes = new Indexes();
  private readonly outcomes = new Map<string, DecisionOutcome>();
  private readonly ledger: DecisionOutcome[] = [];
  private readonly idempotency = new Map<string, IdempotencyRecord>();
  private last = '';
  private seq = 0;
  /** Rows changed since the generated world ("entity|id"), so a compaction knows what to keep. */
  private readonly touched = new Set<string>();

  constructor(
    readonly world: WorldInfo,
    private readonly journal: Journal | null,
    snapshot: Snapshot,
  ) {
    this.tables = Object.fromEntries(ENTITIES.map((e) => [e, new Table()])) as Record<EntityName, Table>;
    for (const e of ENTITIES) {
      const rows = snapshot[SNAPSHOT_KEYS[e]] as unknown as readonly StoredRow[];
      this.tables[e].load(rows);
      for (const r of rows) this.indexes.update(e, undefined, r);
      const latest = this.tables[e].latest();
      if (latest > this.last) this.last = latest;
    }
  }

  table(entity: EntityName): Table {
    return this.tables[entity];
  }

  /** Replays journal entries (at start-up). */
  replay(entries: readonly JournalEntry[]): void {
    for (const entry of entries) this.applyEntry(entry);
  }

  private applyEntry(entry: JournalEntry): void {
    // Rows arrive sorted by id within each entity (commit sorts them), as Table.put requires.
    for (const { e, r } of entry.rows) {
      const before = this.tables[e].get(r.id);
      this.tables[e].put(r);
      this.indexes.update(e, before, r);
      this.touched.add(`${e}|${r.id}`);
    }
    if (entry.idem) this.idempotency.set(entry.idem.key, entry.idem);
    for (const idem of entry.idems ?? []) this.idempotency.set(idem.key, idem);
    for (const o of entry.outcomes ?? []) {
      this.outcomes.set(o.decisionId, o);
      this.ledger.push(o);
    }
    if (entry.at > this.last) this.last = entry.at;
    if (entry.seq > this.seq) this.seq = entry.seq;
  }

  /** Strictly increasing instants: wall clock when it is ahead, else the last instant + 1 ms. */
  private nextInstant(): string {
    const now = new Date().toISOString();
    if (now > this.last) return now;
    return new Date(Date.parse(this.last) + 1).toISOString();
  }

  begin(): Tx {
    return new Tx(this, this.seq + 1);
  }

  /** Makes a transaction durable (journal + fsync) and then visible. Returns the rows changed with new versions. */
  commit(tx: Tx, extras: CommitExtras = {}): { changed: ChangedRow[]; rows: CurrentRow[]; at: string } {
    const at = this.nextInstant();
    const rows: { e: EntityName; r: StoredRow }[] = [];
    for (const [e, m] of tx.staged) {
      for (const [id, staged] of [...m.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1))) {
        const prev = this.tables[e].get(id);
        rows.push({ e, r: { ...staged, version: (prev?.version ?? 0) + 1, modifiedAt: at } });
      }
    }
    const changed: ChangedRow[] = rows.map(({ e, r }) => ({ entity: e, id: r.id, version: r.version }));
    const current = rows.map(({ e, r }) => ({ entity: e, id: r.id, row: served(r) }));
    const fin = extras.finalize ? extras.finalize(changed, at, current) : {};
    const entry: JournalEntry = {
      seq: tx.seq,
      at,
      rows,
      ...(fin.idem ? { idem: fin.idem } : {}),
      ...(fin.outcomes ? { outcomes: fin.outcomes } : {}),
      ...(extras.cause === undefined ? {} : { cause: extras.cause }),
    };
    this.journal?.append(entry);
    this.applyEntry(entry);
    return { changed, rows: current, at };
  }

  /**
   * The journal as one entry that replays, on top of the same generated world, to the state now: the current
   * version of every row changed since generation (in (modifiedAt, id) order, as tables require), every stored
   * idempotency answer, the whole decision ledger in order, and the last sequence number and instant. What it
   * drops: superseded row versions and the `cause` notes of live events.
   */
  compactedEntry(): JournalEntry {
    const rows: { e: EntityName; r: StoredRow }[] = [];
    for (const key of this.touched) {
      const bar = key.indexOf('|');
      const e = key.slice(0, bar) as EntityName;
      const r = this.tables[e].get(key.slice(bar + 1));
      if (r !== undefined) rows.push({ e, r });
    }
    rows.sort((a, b) => (a.r.modifiedAt < b.r.modifiedAt ? -1 : a.r.modifiedAt > b.r.modifiedAt ? 1 : a.r.id < b.r.id ? -1 : a.r.id > b.r.id ? 1 : 0));
    return { seq: this.seq, at: this.last, rows, idems: [...this.idempotency.values()], outcomes: [...this.ledger] };
  }

  /**
   * Compacts the journal (snapshot of the changes + truncate): it becomes the single `compactedEntry()`. Waits for
   * pending lines to be on disk first, so nothing acknowledged is ever only in the old file. Returns the lines the
   * journal now holds (0 or 1).
   */
  compactJournal(): number {
    if (this.journal === null) return 0;
    const entry = this.compactedEntry();
    const keep = entry.rows.length > 0 || (entry.idems?.length ?? 0) > 0 || (entry.outcomes?.length ?? 0) > 0 || entry.seq > 0;
    this.journal.replaceWith(keep ? [entry] : []);
    return keep ? 1 : 0;
  }

  /** Resolves when every committed change is on disk (at once without a journal, or when nothing is pending). */
  flushed(): Promise<void> {
    return this.journal === null || !this.journal.pending ? Promise.resolve() : this.journal.flushed();
  }

  /** Whether changes are journaled at all (false: in memory only). */
  get durable(): boolean {
    return this.journal !== null;
  }

  outcome(decisionId: string): DecisionOutcome | undefined {
    return this.outcomes.get(decisionId);
  }

  idempotencyRecord(key: string): IdempotencyRecord | undefined {
    return this.idempotency.get(key);
  }

  /** Ledger entries after `afterSequence`. */
  ledgerPage(afterSequence: number, limit: number): { items: DecisionOutcome[]; hasMore: boolean } {
    // Sequences are 1, 2, 3... in ledger order, so the entry after `afterSequence` sits at that index.
    const start = Math.max(0, afterSequence);
    const items = this.ledger.slice(start, start + limit);
    return { items, hasMore: start + limit < this.ledger.length };
  }

  get ledgerLength(): number {
    return this.ledger.length;
  }

  /** The row as served: a record, or `{ id, deleted: true }`. */
  current(entity: EntityName, id: string): CurrentRow {
    const r = this.tables[entity].get(id);
    return { entity, id, row: r === undefined ? { id, deleted: true } : served(r) };
  }

  /** The whole current state as a canonical snapshot (live rows only). */
  snapshot(): Snapshot {
    const out: Record<string, unknown> = { asOf: this.world.asOf };
    for (const e of ENTITIES) out[SNAPSHOT_KEYS[e]] = [...this.tables[e].live()];
    return out as unknown as Snapshot;
  }

  close(): void {
    this.journal?.close();
  }
}

/** Strips storage details: tombstones are served as exactly `{ id, deleted: true }`. */
export function served(r: StoredRow): EntityRecord<EntityName> | Tombstone {
  return r.deleted === true ? { id: r.id, deleted: true } : (r as unknown as EntityRecord<EntityName>);
}
