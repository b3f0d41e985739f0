// Allocation of one SKU group. Both modes share the order of play:
//   1. frozen lines (locked, or held with the 'keep' treatment) keep their ERP reservation;
//   2. floors: 'win' and 'gain' lines keep their ERP reservation (as far as the pools allow) before anyone competes;
//   3. lines with a planner priority override are served, override order first;
//   4. priority mode: the rest in rank order (win pass, then gain/redistribute/fill, then lose), each taking the
//      cheapest feasible source in the fixed order on hand -> inbound by ETA -> transfer -> substitute, then
//      drop-ship for whatever stock left short;
//      optimal mode: an exact min-cost flow for the rest (see optimal.ts for lines that do not allow partial fill).
// 'fill' and 'lose' lines are capped at their ERP reservation; held lines with 'release' get nothing.
import type { EngineContext } from '../context';
import { FILL, GAIN, HOLD_KEEP, HOLD_RELEASE, LOSE, WIN, isQuotaMember } from '../context';
import type { PlanMode } from '../types';
import { SliceStore } from './slices';
import { GroupSupply } from './supply';
import { solveGroupFlow } from './optimal';

import { SRC_DROP_SHIP, SRC_INBOUND, SRC_ON_HAND, SRC_SUBSTITUTE, SRC_TRANSFER } from './sources';

export { SRC_DROP_SHIP, SRC_INBOUND, SRC_ON_HAND, SRC_SUBSTITUTE, SRC_TRANSFER };

/** Pass codes that order service; lower first. */
export const PASS_FROZEN = -2, PASS_OVERRIDE = -1, PASS_RELEASED = 9;

export interface GroupRun {
  readonly g: number;
  /** The group's lines in service (rank) order. */
  readonly order: Int32Array;
  readonly supply: GroupSupply;
}

/** Per-line results, indexed by line, shared by every group run of a context. */
export class LineResults {
  readonly allocated: Int32Array;
  readonly demand: Int32Array;
  readonly cap: Int32Array;
  readonly floor: Int32Array;
  readonly pass: Int8Array;
  readonly rank: Int32Array;
  readonly effWh: Int32Array;
  /** Every line's slices of supply (columnar; see slices.ts). */
  readonly slices: SliceStore;
  constructor(L: number) {
    this.allocated = new Int32Array(L);
    this.demand = new Int32Array(L);
    this.cap = new Int32Array(L);
    this.floor = new Int32Array(L);
    this.pass = new Int8Array(L);
    this.rank = new Int32Array(L);
    this.effWh = new Int32Array(L);
    this.slices = new SliceStore(L);
  }
}

/**
 * How much of `avail` line units to take for a line that still needs `need`: everything when it covers the need,
 * else whole packs (`partial` false: nothing unless it covers the need).
 */
function portion(avail: number, need: number, partial: boolean, pack: number): number {
  if (avail <= 0) return 0;
  if (!partial) return avail >= need ? need : 0;
  if (avail >= need) return need;
  return avail - (avail % pack);
}

export class GroupAllocator {
  readonly supply: GroupSupply;
  readonly results: LineResults;
  private readonly substitutionUnitCost: number[];
  private mode: PlanMode = 'priority';
  /** The last group's lines in service (rank) order. */
  order: Int32Array = new Int32Array(0);
  private orderGroup = -1;

  constructor(readonly ctx: EngineContext) {
    this.supply = new GroupSupply(ctx);
    this.results = new LineResults(ctx.m.L);
    const c = ctx.policy.substitutionCostPerUnitCents;
    this.substitutionUnitCost = Array.from({ length: 10 }, (_, k) => Math.round(c * (1 + 0.1 * k)));
  }

  /** Cost per line unit of a substitution with this preference (1 = preferred). */
  substitutionCost(preference: number): number {
    const k = Math.max(0, Math.min(9, Math.round(preference) - 1));
    return this.substitutionUnitCost[k]!;
  }

  /**
   * Allocates one group; results land in `this.results` for the group's lines. `sameOrder`: the previous run was
   * of this group with the same snapshot, policy, scores and edits (optimal mode runs priority mode first for the
   * value gap), so its service order is reused instead of sorted again.
   */
  run(g: number, mode: PlanMode, sameOrder = false): GroupRun {
    this.mode = mode;
    const { m, overlay, strategy, holdTreatment, scores } = this.ctx;
    const R = this.results;
    const lines = m.groupLines[g]!;
    const n = lines.length;
    this.supply.load(g);
    for (let k = 0; k < n; k++) R.slices.clear(lines[k]!);
    R.slices.compactIfSparse();
    for (let k = 0; k < n; k++) {
      const j = lines[k]!;
      const lo = overlay.lines.get(j);
      const open = m.lOpen[j]!;
      const demand = lo && lo.qty !== null ? Math.min(lo.qty, open) : open;
      const st = strategy[j]!;
      const reserved = Math.min(m.lReserved[j]!, demand);
      R.demand[j] = demand;
      R.allocated[j] = 0;
      R.effWh[j] = lo && lo.warehouse !== null ? lo.warehouse : m.lWh[j]!;
      R.cap[j] = st === FILL || st === LOSE ? reserved : demand;
      const h = holdTreatment[j]!;
      let pass: number;
      if ((lo && lo.locked) || h === HOLD_KEEP) pass = PASS_FROZEN;
      else if (h === HOLD_RELEASE) pass = PASS_RELEASED;
      else if (lo && lo.priority !== null) pass = PASS_OVERRIDE;
      else pass = st === WIN ? 0 : st === LOSE ? 2 : 1;
      R.pass[j] = pass;
      const floorable = (st === WIN || st === GAIN) && pass >= PASS_OVERRIDE && pass !== PASS_RELEASED && R.effWh[j] === m.lWh[j] && !(lo && lo.substitute !== undefined && lo.substitute >= 0);
      R.floor[j] = floorable ? reserved : 0;
    }
    // Service order: pass, override priority, score (desc), promised date, line id.
    const order = sameOrder && this.orderGroup === g ? this.order : Int32Array.from(lines).sort((a, b) => {
      const pa = R.pass[a]!, pb = R.pass[b]!;
      if (pa !== pb) return pa - pb;
      if (pa === PASS_OVERRIDE) {
        const oa = overlay.lines.get(a)!.priority!, ob = overlay.lines.get(b)!.priority!;
        if (oa !== ob) return oa - ob;
      }
      const sa = scores[a]!, sb = scores[b]!;
      if (sa !== sb) return sb - sa;
      const da = m.lPromised[a]!, db = m.lPromised[b]!;
      if (da !== db) return da - db;
      const ia = m.lineIds[a]!, ib = m.lineIds[b]!;
      return ia < ib ? -1 : ia > ib ? 1 : 0;
    });
    for (let k = 0; k < n; k++) R.rank[order[k]!] = k + 1;
    this.order = order;
    this.orderGroup = g;

    // 1. Frozen reservations come out of the stock before the pools are split.
    for (let k = 0; k < n; k++) {
      const j = order[k]!;
      if (R.pass[j] !== PASS_FROZEN) continue;
      const key = m.lItem[j]! * m.W + m.lWh[j]!;
      const t = this.supply.takeFrozen(key, Math.min(m.lReserved[j]!, R.demand[j]!));
      if (t > 0) this.addSlice(j, m.lItem[j]!, m.lWh[j]!, t, t, m.asOfDay, SRC_ON_HAND, 0);
    }
    this.supply.split();
    // 2. Floors.
    for (let k = 0; k < n; k++) {
      const j = order[k]!;
      const f = R.floor[j]!;
      if (f <= 0) continue;
      const i = m.lItem[j]!;
      const key = i * m.W + m.lWh[j]!;
      const member = isQuotaMember(this.ctx, j, i);
      const dip = this.dips(j);
      const t = Math.min(f, this.supply.available(key, member, dip));
      if (t > 0) {
        this.supply.take(key, t, member, dip, j);
        this.addSlice(j, i, m.lWh[j]!, t, t, m.asOfDay, SRC_ON_HAND, 0);
      }
    }
    // 3-4. Overrides, then the rest.
    if (mode === 'priority') {
      for (let k = 0; k < n; k++) {
        const j = order[k]!;
        if (R.pass[j]! >= PASS_OVERRIDE && R.pass[j] !== PASS_RELEASED) this.serve(j);
      }
    } else {
      const flowLines: number[] = [];
      for (let k = 0; k < n; k++) {
        const j = order[k]!;
        const p = R.pass[j]!;
        if (p === PASS_OVERRIDE) this.serve(j);
        else if (p >= 0 && p !== PASS_RELEASED) flowLines.push(j);
      }
      if (flowLines.length > 0) solveGroupFlow(this, flowLines);
    }
    return { g, order, supply: this.supply };
  }

  /** True when the line's tier may dip into safety stock. */
  dips(j: number): boolean {
    return this.ctx.dipTier[this.ctx.m.custTier[this.ctx.m.lCust[j]!]!] === true;
  }

  /** True when rules, customer, line, policy and edits allow substitution for the line. */
  substitutionAllowed(j: number): boolean {
    const { m, policy, overlay } = this.ctx;
    const lo = overlay.lines.get(j);
    if (lo && lo.substitute !== undefined) return lo.substitute >= 0;
    return policy.sources.substitute && m.lSubstitution[j] === 1 && m.custSubstitution[m.lCust[j]!] === 1;
  }

  /**
   * Records a slice, merging with an identical source. `_dropShipId` and `_preference` are implied by the slice
   * (a drop-ship slice uses its item's option; the preference only prices the slice) and are not stored.
   */
  addSlice(j: number, item: number, wh: number, qty: number, lineQty: number, day: number, source: number, unitCost: number, _dropShipId?: string, _preference?: number): void {
    this.results.slices.add(j, item, wh, qty, lineQty, day, source, unitCost);
    this.results.allocated[j] = this.results.allocated[j]! + lineQty;
  }

  /**
   * Serves one line: cheapest feasible source first, in the fixed source order. A line that does not allow partial
   * fill takes everything it needs or nothing from stock (a dry run checks first); drop-ship then covers whatever
   * stock left short (the whole line when it got nothing, else the rest of it). Covering the shortfall rather than
   * only empty lines keeps a line's allocation from falling when it is served earlier and takes some stock first
   * (issue 4: raising a priority never lowers an allocation). Optimal mode serves without pack rounding, like its flow.
   */
  serve(j: number): void {
    const { m, policy, overlay } = this.ctx;
    const R = this.results;
    const need = Math.min(R.cap[j]!, R.demand[j]!) - R.allocated[j]!;
    if (need <= 0) return;
    const i = m.lItem[j]!;
    if (m.lPartial[j] === 1) {
      this.fill(j, need, policy.packRounding && this.mode === 'priority' ? m.packSize[i]! : 1, false);
    } else if (this.fill(j, need, 1, true) >= need) {
      this.fill(j, need, 1, false);
    }
    const left = Math.min(R.cap[j]!, R.demand[j]!) - R.allocated[j]!;
    const lo = overlay.lines.get(j);
    const forced = lo !== undefined && lo.substitute !== undefined && lo.substitute >= 0;
    if (left > 0 && policy.sources.dropShip && !forced) {
      const ds = m.dropShipOf[i];
      if (ds) this.addSlice(j, i, R.effWh[j]!, left, left, m.asOfDay + ds.leadDays, SRC_DROP_SHIP, ds.premium, ds.id);
    }
  }

  /** Takes up to `need` line units from stock sources in order (or, when `dry`, only counts them). */
  private fill(j: number, need0: number, pack: number, dry: boolean): number {
    const { m, policy, overlay } = this.ctx;
    const R = this.results;
    const i = m.lItem[j]!;
    const W = m.W;
    const wh = R.effWh[j]!;
    const dip = this.dips(j);
    const supply = this.supply;
    const lo = overlay.lines.get(j);
    const forced = lo && lo.substitute !== undefined && lo.substitute >= 0 ? lo.substitute : -1;
    let need = need0;
    if (forced < 0) {
      const member = isQuotaMember(this.ctx, j, i);
      // Requested (or planner-chosen) warehouse on hand.
      const home = i * W + wh;
      let t = portion(supply.available(home, member, dip), need, true, pack);
      if (t > 0) {
        if (!dry) {
          supply.take(home, t, member, dip, j);
          this.addSlice(j, i, wh, t, t, m.asOfDay, SRC_ON_HAND, 0);
        }
        need -= t;
      }
      // Inbound at that warehouse, by ETA.
      if (need > 0 && policy.sources.inbound) need = this.takeInbound(j, i, wh, need, pack, SRC_INBOUND, 1, 0, dry);
      // Transfers over lanes, cheapest first.
      if (need > 0 && policy.sources.transfer) {
        for (const lane of m.lanesInto[wh]!) {
          const key = i * W + lane.from;
          t = portion(supply.available(key, member, dip), need, true, pack);
          if (t > 0) {
            if (!dry) {
              supply.take(key, t, member, dip, j);
              this.addSlice(j, i, lane.from, t, t, m.asOfDay + lane.days, SRC_TRANSFER, lane.cost);
            }
            need -= t;
            if (need <= 0) break;
          }
        }
      }
    }
    // Substitutes, by preference: on hand at the warehouse, then their inbound.
    if (need > 0 && this.substitutionAllowed(j)) {
      for (const rule of m.rulesOf[i]!) {
        if (forced >= 0 && rule.sub !== forced) continue;
        const s = rule.sub;
        const key = s * W + wh;
        const member = isQuotaMember(this.ctx, j, s);
        const unitCost = this.substitutionCost(rule.preference);
        const t = portion(Math.floor(supply.available(key, member, dip) / rule.ratio + 1e-9), need, true, pack);
        if (t > 0) {
          if (!dry) {
            const used = Math.ceil(t * rule.ratio - 1e-9);
            supply.take(key, used, member, dip, j);
            this.addSlice(j, s, wh, used, t, m.asOfDay, SRC_SUBSTITUTE, unitCost, undefined, rule.preference);
          }
          need -= t;
        }
        if (need > 0 && policy.sources.inbound) need = this.takeInbound(j, s, wh, need, pack, SRC_SUBSTITUTE, rule.ratio, unitCost, dry, rule.preference);
        if (need <= 0) break;
      }
    }
    return need0 - need;
  }

  private takeInbound(j: number, item: number, wh: number, need: number, pack: number, source: number, ratio: number, unitCost: number, dry: boolean, preference?: number): number {
    const rec = this.supply.inbound.get(item * this.ctx.m.W + wh);
    if (!rec) return need;
    for (let k = 0; k < rec.day.length && need > 0; k++) {
      const avail = rec.qty[k]!;
      const t = portion(Math.floor(avail / ratio + 1e-9), need, true, pack);
      if (t <= 0) continue;
      if (!dry) {
        const used = Math.ceil(t * ratio - 1e-9);
        rec.qty[k] = avail - used;
        this.addSlice(j, item, wh, used, t, rec.day[k]!, source, unitCost, undefined, preference);
      }
      need -= t;
    }
    return need;
  }

}
