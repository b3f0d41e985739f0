// The slices of supply assigned to every line, stored column by column (typed arrays) rather than as an object per
// slice: a full run assigns ~110k slices and objects that live as long as the plan are what the young-generation
// collector has to copy. A line's slices form a linked list in the order they were taken (head -> next).
// When a group runs again its lines' lists are dropped and rebuilt at the end; the store compacts itself when
// dropped slices outnumber live ones, so a long what-if session does not grow it without bound.

export class SliceStore {
  /** First slice of each line, or -1. */
  readonly head: Int32Array;
  private readonly tail: Int32Array;
  /** Number of slices of each line. */
  readonly count: Int32Array;
  item: Int32Array;
  wh: Int32Array;
  /** Units of `item` consumed (substitute units for a substitute). */
  qty: Int32Array;
  /** Units of the ordered item filled. */
  lineQty: Int32Array;
  day: Int32Array;
  source: Uint8Array;
  /** Cost per line unit excluding lateness (transfer, substitution, premium). */
  unitCost: Float64Array;
  /** Next slice of the same line, or -1. */
  next: Int32Array;
  private size = 0;
  private live = 0;

  constructor(lines: number) {
    this.head = new Int32Array(lines).fill(-1);
    this.tail = new Int32Array(lines);
    this.count = new Int32Array(lines);
    const cap = Math.max(1024, lines + (lines >> 2));
    this.item = new Int32Array(cap);
    this.wh = new Int32Array(cap);
    this.qty = new Int32Array(cap);
    this.lineQty = new Int32Array(cap);
    this.day = new Int32Array(cap);
    this.source = new Uint8Array(cap);
    this.unitCost = new Float64Array(cap);
    this.next = new Int32Array(cap);
  }

  /** Drops line j's slices (its group is about to run again). */
  clear(j: number): void {
    this.live -= this.count[j]!;
    this.head[j] = -1;
    this.count[j] = 0;
  }

  /**
   * Adds a slice to line j, merging it into an existing one from the same item, warehouse, day and source.
   * Returns the slice index.
   */
  add(j: number, item: number, wh: number, qty: number, lineQty: number, day: number, source: number, unitCost: number): number {
    for (let s = this.head[j]!; s >= 0; s = this.next[s]!) {
      if (this.item[s] === item && this.wh[s] === wh && this.day[s] === day && this.source[s] === source) {
        this.qty[s] = this.qty[s]! + qty;
        this.lineQty[s] = this.lineQty[s]! + lineQty;
        return s;
      }
    }
    if (this.size === this.next.length) this.grow();
    const s = this.size++;
    this.item[s] = item;
    this.wh[s] = wh;
    this.qty[s] = qty;
    this.lineQty[s] = lineQty;
    this.day[s] = day;
    this.source[s] = source;
    this.unitCost[s] = unitCost;
    this.next[s] = -1;
    if (this.head[j]! < 0) this.head[j] = s;
    else this.next[this.tail[j]!] = s;
    this.tail[j] = s;
    this.count[j] = this.count[j]! + 1;
    this.live++;
    return s;
  }

  /** Rewrites every line's list contiguously when most stored slices belong to no line any more. */
  compactIfSparse(): void {
    if (this.size < 4096 || this.size < 2 * this.live) return;
    const cap = Math.max(1024, this.live + (this.live >> 1));
    const item = new Int32Array(cap), wh = new Int32Array(cap), qty = new Int32Array(cap), lineQty = new Int32Array(cap), day = new Int32Array(cap);
    const source = new Uint8Array(cap), unitCost = new Float64Array(cap), next = new Int32Array(cap);
    let n = 0;
    for (let j = 0; j < this.head.length; j++) {
      let prev = -1;
      for (let s = this.head[j]!; s >= 0; s = this.next[s]!) {
        item[n] = this.item[s]!;
        wh[n] = this.wh[s]!;
        qty[n] = this.qty[s]!;
        lineQty[n] = this.lineQty[s]!;
        day[n] = this.day[s]!;
        source[n] = this.source[s]!;
        unitCost[n] = this.unitCost[s]!;
        next[n] = -1;
        if (prev < 0) this.head[j] = n;
        else next[prev] = n;
        prev = n;
        n++;
      }
      if (prev >= 0) this.tail[j] = prev;
    }
    this.item = item;
    this.wh = wh;
    this.qty = qty;
    this.lineQty = lineQty;
    this.day = day;
    this.source = source;
    this.unitCost = unitCost;
    this.next = next;
    this.size = n;
  }

  private grow(): void {
    const cap = this.next.length * 2;
    const widen = <T extends Int32Array | Uint8Array | Float64Array>(a: T, make: (n: number) => T): T => {
      const b = make(cap);
      b.set(a);
      return b;
    };
    this.item = widen(this.item, (n) => new Int32Array(n));
    this.wh = widen(this.wh, (n) => new Int32Array(n));
    this.qty = widen(this.qty, (n) => new Int32Array(n));
    this.lineQty = widen(this.lineQty, (n) => new Int32Array(n));
    this.day = widen(this.day, (n) => new Int32Array(n));
    this.source = widen(this.source, (n) => new Uint8Array(n));
    this.unitCost = widen(this.unitCost, (n) => new Float64Array(n));
    this.next = widen(this.next, (n) => new Int32Array(n));
  }
}
