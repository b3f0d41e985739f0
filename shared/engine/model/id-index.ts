// Order line id -> engine line number, as an open-addressing hash table over typed arrays. A Map of 100k fresh id
// strings was the largest single cost of compiling a snapshot (hashing plus the table's growth and copying); here the
// table is sized once and each id is hashed once (FNV-1a over its UTF-16 code units).

export class IdIndex {
  private readonly slots: Int32Array;
  private readonly mask: number;
  private count = 0;

  /** `ids[n]` must hold the id added as number n. */
  constructor(
    private readonly ids: readonly string[],
    capacity: number,
  ) {
    let size = 16;
    while (size < capacity * 2) size *= 2;
    this.slots = new Int32Array(size);
    this.mask = size - 1;
  }

  get size(): number {
    return this.count;
  }

  /** Adds `id` as number `n` (ids[n] must already be id); false when the id is already present. */
  add(id: string, n: number): boolean {
    let p = hash(id) & this.mask;
    for (;;) {
      const v = this.slots[p]!;
      if (v === 0) {
        this.slots[p] = n + 1;
        this.count++;
        return true;
      }
      if (this.ids[v - 1] === id) return false;
      p = (p + 1) & this.mask;
    }
  }

  get(id: string): number | undefined {
    let p = hash(id) & this.mask;
    for (;;) {
      const v = this.slots[p]!;
      if (v === 0) return undefined;
      if (this.ids[v - 1] === id) return v - 1;
      p = (p + 1) & this.mask;
    }
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }
}

function hash(s: string): number {
  let h = 0x811c9dc5;
  for (let k = 0; k < s.length; k++) h = Math.imul(h ^ s.charCodeAt(k), 0x01000193);
  return h >>> 0;
}
