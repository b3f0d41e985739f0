// Supply of one SKU group while it is being allocated: on-hand pools per (item, warehouse) and inbound receipts
// by ETA, after the planner's supply adjustments. Buffers are sized once for the whole snapshot and reset per group.
//
// On-hand available to allocate = on hand - (WMS committed beyond ERP reserved): stock the WMS has already
// committed to picks the ERP does not know about is gone, whatever the ERP says (the conservative view).
// What is left after frozen reservations (held or locked lines) splits into three pools:
//   safety  - up to the safety stock level; only tiers the policy lets dip may take it;
//   fence   - the quota's share of the rest, kept for the quota's segment;
//   open    - everything else, for anyone.
import type { EngineContext } from '../context';

export class GroupSupply {
  readonly base: Int32Array;
  readonly open: Int32Array;
  readonly fence: Int32Array;
  readonly safety: Int32Array;
  /** Inbound receipts per key: ETA days ascending with remaining quantities. */
  readonly inbound = new Map<number, { day: number[]; qty: number[] }>();
  /**
   * On-hand takes per key, in order: line, qty, line, qty... (explains who took the stock). A new map per group run:
   * the group's outcome keeps it to compose explanations and exceptions later.
   */
  takers = new Map<number, number[]>();

  constructor(private readonly ctx: EngineContext) {
    const n = ctx.m.itemIds.length * ctx.m.W;
    this.base = new Int32Array(n);
    this.open = new Int32Array(n);
    this.fence = new Int32Array(n);
    this.safety = new Int32Array(n);
    this.stamp = new Int32Array(n);
  }

  /** Keys loaded for the current group; a key stamped with another generation reads as empty. */
  private readonly keys: number[] = [];
  private readonly stamp: Int32Array;
  private generation = 0;

  /** Loads the group's stock (before frozen reservations). */
  load(g: number): void {
    const { m, overlay } = this.ctx;
    const W = m.W;
    this.inbound.clear();
    this.takers = new Map();
    this.keys.length = 0;
    if (this.generation === 0x3fffffff) {
      // Never let the generation wrap in a long-lived worker: a wrapped value would match no key.
      this.stamp.fill(0);
      this.generation = 0;
    }
    this.generation++;
    for (const i of m.groupItems[g]!) {
      const whs = m.itemWarehouses[i]!;
      for (let k = 0; k < whs.length; k++) this.loadKey(i * W + whs[k]!);
    }
    if (overlay.supply.size > 0) {
      for (const key of overlay.supply.keys()) {
        if (m.groupOfItem[Math.floor(key / W)] === g && this.stamp[key] !== this.generation) this.loadKey(key);
      }
    }
  }

  private loadKey(key: number): void {
    const { m, overlay } = this.ctx;
    this.stamp[key] = this.generation;
    this.keys.push(key);
    const b = m.balanceOf[key]!;
    let base = 0;
    const adj = overlay.supply.size > 0 ? overlay.supply.get(key) : undefined;
    if (b >= 0) base = m.balAvailable[b]!;
    if (adj) base += adj.onHand;
    this.base[key] = base > 0 ? base : 0;
    this.open[key] = 0;
    this.fence[key] = 0;
    this.safety[key] = 0;
    const d = b >= 0 ? m.inboundDay[b]! : null;
    if ((d && d.length > 0) || (adj && adj.inbound.length > 0)) {
      const days: number[] = [];
      const qtys: number[] = [];
      if (d) {
        const q = m.inboundQty[b]!;
        for (let k = 0; k < d.length; k++) {
          days.push(Math.max(d[k]!, m.asOfDay));
          qtys.push(q[k]!);
        }
      }
      if (adj && adj.inbound.length > 0) this.addReceipts(days, qtys, adj.inbound);
      this.inbound.set(key, { day: days, qty: qtys });
    }
  }

  /** True when the key belongs to the group being allocated. */
  loaded(key: number): boolean {
    return this.stamp[key] === this.generation;
  }

  private addReceipts(days: number[], qtys: number[], extra: readonly { day: number; qty: number }[]): void {
    for (const e of extra) {
      if (e.qty >= 0) {
        // Insert after receipts of the same day (stable): existing receipts come first.
        let k = days.length;
        while (k > 0 && days[k - 1]! > e.day) k--;
        days.splice(k, 0, e.day);
        qtys.splice(k, 0, e.qty);
      } else {
        // A negative adjustment cancels receipts due that day, latest first; any excess is ignored.
        let left = -e.qty;
        for (let k = days.length - 1; k >= 0 && left > 0; k--) {
          if (days[k] !== e.day) continue;
          const t = Math.min(left, qtys[k]!);
          qtys[k] = qtys[k]! - t;
          left -= t;
        }
      }
    }
  }

  /** Takes up to `qty` of a frozen reservation straight from the stock (before the pools exist). */
  takeFrozen(key: number, qty: number): number {
    if (this.stamp[key] !== this.generation) return 0;
    const t = Math.min(qty, this.base[key]!);
    this.base[key] = this.base[key]! - t;
    return t;
  }

  /** Splits what is left of each key into safety, fence and open pools. */
  split(): void {
    const { m, policy, quotaOfItem } = this.ctx;
    const W = m.W;
    for (const key of this.keys) {
      const q = quotaOfItem[Math.floor(key / W)]!;
      const share = q >= 0 ? policy.quotas[q]!.share : 0;
      const left = this.base[key]!;
      const b = m.balanceOf[key]!;
      const ss = b >= 0 ? Math.min(m.balSafety[b]!, left) : 0;
      const rest = left - ss;
      const fence = share > 0 ? Math.floor(rest * share) : 0;
      this.safety[key] = ss;
      this.fence[key] = fence;
      this.open[key] = rest - fence;
    }
  }

  /** On-hand a line may take at a key, given its quota membership and safety-stock right. */
  available(key: number, member: boolean, dip: boolean): number {
    if (this.stamp[key] !== this.generation) return 0;
    return this.open[key]! + (member ? this.fence[key]! : 0) + (dip ? this.safety[key]! : 0);
  }

  /** Consumes `qty` on hand for a line: its fence first, then open, then safety. */
  take(key: number, qty: number, member: boolean, dip: boolean, line: number): void {
    let left = qty;
    if (member) {
      const t = Math.min(left, this.fence[key]!);
      this.fence[key] = this.fence[key]! - t;
      left -= t;
    }
    const t2 = Math.min(left, this.open[key]!);
    this.open[key] = this.open[key]! - t2;
    left -= t2;
    if (left > 0 && dip) {
      const t3 = Math.min(left, this.safety[key]!);
      this.safety[key] = this.safety[key]! - t3;
      left -= t3;
    }
    if (left !== 0) throw new Error(`internal: took ${qty} but only ${qty - left} was available at key ${key}`);
    let list = this.takers.get(key);
    if (!list) {
      list = [];
      this.takers.set(key, list);
    }
    list.push(line, qty);
  }
}
