// One entity's rows, kept in (modifiedAt, id) order for paging. Updates only ever move a row to the end
// (the store's clock is strictly increasing), so the order is an append-only array plus a binary search;
// superseded positions are skipped when read and compacted away now and then.

/** A stored row: a record, or the tombstone of a deleted one (which keeps version and modifiedAt for paging). */
export interface StoredRow {
  readonly id: string;
  readonly version: number;
  readonly modifiedAt: string;
  readonly deleted?: true;
  readonly [field: string]: unknown;
}

interface Position {
  readonly m: string;
  readonly id: string;
}

function before(a: Position, m: string, id: string): boolean {
  return a.m < m || (a.m === m && a.id <= id);
}

export class Table {
  private readonly rows = new Map<string, StoredRow>();
  private order: Position[] = [];
  private stale = 0;

  /** Loads rows (any order) into an empty table. */
  load(rows: readonly StoredRow[]): void {
    for (const r of rows) this.rows.set(r.id, r);
    this.order = [...this.rows.values()].map((r) => ({ m: r.modifiedAt, id: r.id }));
    this.order.sort((a, b) => (a.m < b.m ? -1 : a.m > b.m ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  }

  get(id: string): StoredRow | undefined {
    return this.rows.get(id);
  }

  get size(): number {
    return this.rows.size;
  }

  /** All live (not deleted) rows, in insertion order of the map. */
  *live(): IterableIterator<StoredRow> {
    for (const r of this.rows.values()) if (r.deleted !== true) yield r;
  }

  /** The newest modifiedAt in the table ('' when empty). */
  latest(): string {
    for (let i = this.order.length - 1; i >= 0; i--) {
      const p = this.order[i] as Position;
      if (this.rows.get(p.id)?.modifiedAt === p.m) return p.m;
    }
    return '';
  }

  /** Stores a new version of a row. Its modifiedAt must sort after every position already in the table. */
  put(row: StoredRow): void {
    const last = this.order[this.order.length - 1];
    if (last !== undefined && !before(last, row.modifiedAt, row.id) && last.id !== row.id) {
      throw new Error(`table order violated: ${row.id}@${row.modifiedAt} is not after ${last.id}@${last.m}`);
    }
    if (this.rows.has(row.id)) this.stale++;
    this.rows.set(row.id, row);
    this.order.push({ m: row.modifiedAt, id: row.id });
    if (this.stale > 1024 && this.stale * 2 > this.order.length) this.compact();
  }

  private compact(): void {
    this.order = this.order.filter((p) => this.rows.get(p.id)?.modifiedAt === p.m);
    this.stale = 0;
  }

  /** Up to `limit` rows strictly after the position (m, id) (or from the start), and whether more remain. */
  page(after: Position | undefined, limit: number): { rows: StoredRow[]; hasMore: boolean } {
    let lo = 0;
    if (after !== undefined) {
      let hi = this.order.length;
      while (lo < hi) {
        const mid = (lo + hi) >>> 1;
        if (before(this.order[mid] as Position, after.m, after.id)) lo = mid + 1;
        else hi = mid;
      }
    }
    const rows: StoredRow[] = [];
    let i = lo;
    for (; i < this.order.length && rows.length < limit; i++) {
      const p = this.order[i] as Position;
      const r = this.rows.get(p.id);
      if (r !== undefined && r.modifiedAt === p.m) rows.push(r);
    }
    // More remain if any current position lies beyond i.
    let hasMore = false;
    for (let j = i; j < this.order.length; j++) {
      const p = this.order[j] as Position;
      if (this.rows.get(p.id)?.modifiedAt === p.m) {
        hasMore = true;
        break;
      }
    }
    return { rows, hasMore };
  }
}
