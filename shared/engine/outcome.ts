// Everything a SKU group contributes to the plan once it has been allocated: before/after figures, objective, how
// many decisions and exceptions it raises (computed when the group runs), and its plan lines (with score breakdowns
// and explanations), decisions and exceptions as objects, composed on request from the group's run. A full run of
// 100k lines needs the figures and counts; composing a million objects nobody reads is what used to dominate it.
// A what-if replaces exactly one group's outcome, freezing (composing) the old one first while its inputs still hold.
import type { Decision } from '../domain';
import type { GroupAllocator } from './allocate/run';
import { PASS_FROZEN, PASS_OVERRIDE } from './allocate/run';
import { latenessPerUnit, valuePerUnit } from './allocate/objective';
import { SRC_DROP_SHIP, SRC_SUBSTITUTE, SRC_TRANSFER } from './allocate/sources';
import { explainLine } from './explain';
import type { GroupView } from './group-view';
import { F_BACKORDER, F_ALLOC, F_ALLOC_VALUE, F_DEMAND, F_DEMAND_VALUE, F_FILLED, F_LATE, F_LATE_DAYS, F_LATENESS, F_LINES, F_MARGIN, F_ON_TIME, F_PREMIUM, F_SUBST, F_TRANSFER, newFigures } from './figures';
import { isoOf } from './model/dates';
import { breakdownOf, round3 } from './scoring';
import { detectGroupExceptions } from './detect';
import { proposeGroupDecisions } from './propose';
import type { Allocation, DerivedException, PlanLine } from './types';
import { SOURCES, STRATEGIES } from './types';

/** Shared by every line that gets nothing (plan lines are read-only). */
const NO_ALLOCATIONS: Allocation[] = [];

/** The group's previous plan lines and the score points they were built with (a what-if reuses unchanged lines). */
export interface PreviousOutcome {
  readonly lines: readonly PlanLine[];
  readonly points: Float64Array;
}

/**
 * One SKU group's contribution to the plan. Figures, objective and counts are computed when the group runs; lines,
 * decisions and exceptions are composed on first request from the group's view (the per-line results of its run,
 * which stay until the group runs again). `freeze` composes whatever is still pending and lets go of the view: the
 * engine calls it before anything the view reads changes (the group runs again, an edit changes the overlay, a
 * weight change rescores), so an outcome composed late gives the same objects as one composed at once.
 */
export class GroupOutcome {
  private view: GroupView | null;
  private previous: PreviousOutcome | null;
  private composedLines: PlanLine[] | null = null;
  private composedDecisions: Decision[] | null = null;
  private composedExceptions: DerivedException[] | null = null;
  /** Set once a Plan has handed this outcome out: its decisions and exceptions may still be read after it is replaced. */
  shared = false;
  /** Score points the lines are composed with (for reuse by the next outcome of the group). */
  readonly points: Float64Array;

  constructor(
    view: GroupView,
    readonly g: number,
    readonly before: number[],
    readonly after: number[],
    readonly objective: number,
    readonly objectiveBefore: number,
    readonly decisionCount: number,
    readonly exceptionCount: number,
    previous: PreviousOutcome | null,
  ) {
    this.view = view;
    this.points = view.ctx.points;
    this.previous = previous;
  }

  /** Plan lines of the group, in engine (group) order. */
  lines(): PlanLine[] {
    if (!this.composedLines) {
      this.composedLines = composeLines(this.live(), this.g, this.previous);
      this.previous = null;
    }
    return this.composedLines;
  }

  /** True once the plan lines exist as objects. */
  linesComposed(): boolean {
    return this.composedLines !== null;
  }

  decisions(): Decision[] {
    if (!this.composedDecisions) {
      const out: Decision[] = [];
      proposeGroupDecisions(this.live(), this.g, out);
      this.composedDecisions = out;
    }
    return this.composedDecisions;
  }

  exceptions(): DerivedException[] {
    if (!this.composedExceptions) {
      const out: DerivedException[] = [];
      detectGroupExceptions(this.live(), this.g, out);
      this.composedExceptions = out;
    }
    return this.composedExceptions;
  }

  /**
   * Composes what may still be read and lets go of the group's run (its inputs are about to change): the lines
   * (the next outcome compares with and reuses them), and the decisions and exceptions if a Plan handed them out.
   */
  freeze(): void {
    if (!this.view) return;
    this.lines();
    if (this.shared) {
      this.decisions();
      this.exceptions();
    }
    this.view = null;
  }

  private live(): GroupView {
    if (!this.view) throw new Error(`internal: SKU group ${this.g} outcome was frozen before it was composed`);
    return this.view;
  }
}

/**
 * Allocates nothing: measures the group `a` has just allocated (figures, objective, decision and exception counts)
 * and returns its outcome, whose objects are composed on request.
 */
export function buildGroupOutcome(a: GroupAllocator, g: number, previous?: PreviousOutcome): GroupOutcome {
  const ctx = a.ctx;
  const { m, policy } = ctx;
  const R = a.results;
  const S = R.slices;
  const lines = m.groupLines[g]!;
  const before = newFigures();
  const after = newFigures();
  let objective = 0;
  let objectiveBefore = 0;
  for (let k = 0; k < lines.length; k++) {
    const j = lines[k]!;
    const price = m.lPrice[j]!;
    const demand = R.demand[j]!;
    const got = R.allocated[j]!;
    const promised = m.lPromised[j]!;
    let lastDay = -1;
    const value = valuePerUnit(ctx, j);
    if (S.head[j]! >= 0) {
      let lineObjective = 0;
      for (let s = S.head[j]!; s >= 0; s = S.next[s]!) {
        const day = S.day[s]!, lineQty = S.lineQty[s]!, unitCost = S.unitCost[s]!, source = S.source[s]!;
        const late = latenessPerUnit(ctx, j, day);
        if (day > lastDay) lastDay = day;
        lineObjective += lineQty * (value - unitCost - late);
        after[F_MARGIN] = after[F_MARGIN]! + lineQty * price - S.qty[s]! * m.itemCost[S.item[s]!]!;
        const extra = unitCost * lineQty;
        if (source === SRC_TRANSFER) after[F_TRANSFER] = after[F_TRANSFER]! + extra;
        else if (source === SRC_SUBSTITUTE) after[F_SUBST] = after[F_SUBST]! + extra;
        else if (source === SRC_DROP_SHIP) after[F_PREMIUM] = after[F_PREMIUM]! + extra;
        after[F_LATENESS] = after[F_LATENESS]! + late * lineQty;
      }
      objective += lineObjective;
    }
    const daysLate = lastDay >= 0 && lastDay > promised ? lastDay - promised : 0;
    addFigures(after, demand, got, price, daysLate, lastDay >= 0);
    // Before: the ERP's reservation at the requested warehouse, shipping today.
    const res = Math.min(m.lReserved[j]!, demand);
    const lateBefore = res > 0 && m.asOfDay > promised ? m.asOfDay - promised : 0;
    addFigures(before, demand, res, price, lateBefore, res > 0);
    before[F_MARGIN] = before[F_MARGIN]! + res * (price - m.itemCost[m.lItem[j]!]!);
    before[F_LATENESS] = before[F_LATENESS]! + lateBefore * policy.latenessCostPerDayCents * res;
    objectiveBefore += res * (value - latenessPerUnit(ctx, j, m.asOfDay));
  }
  const view: GroupView = { ctx, results: R, order: a.order, takers: a.supply.takers };
  const decisions = proposeGroupDecisions(view, g, null);
  const exceptions = detectGroupExceptions(view, g, null);
  return new GroupOutcome(view, g, before, after, objective, objectiveBefore, decisions, exceptions, previous ?? null);
}

/** The plan lines of a group from its run, in engine order. */
function composeLines(v: GroupView, g: number, previous: PreviousOutcome | null): PlanLine[] {
  const ctx = v.ctx;
  const { m, overlay, factors, points, scores } = ctx;
  const R = v.results;
  const S = R.slices;
  const lines = m.groupLines[g]!;
  const groupName = m.groupIds[g]!;
  const out: PlanLine[] = new Array<PlanLine>(lines.length);
  // A filled line whose inputs are unchanged keeps its previous plan line object (its text depends only on them);
  // short lines are always rebuilt, since their explanation names the lines that took the stock.
  const prevLines = previous && previous.points === points ? previous.lines : null;
  for (let k = 0; k < lines.length; k++) {
    const j = lines[k]!;
    const demand = R.demand[j]!;
    const got = R.allocated[j]!;
    const promised = m.lPromised[j]!;
    const allocations: Allocation[] = S.head[j]! >= 0 ? [] : NO_ALLOCATIONS;
    let lastDay = -1;
    for (let s = S.head[j]!; s >= 0; s = S.next[s]!) {
      const day = S.day[s]!, lineQty = S.lineQty[s]!, item = S.item[s]!;
      const late = latenessPerUnit(ctx, j, day);
      const costCents = (S.unitCost[s]! + late) * lineQty;
      const alloc: Allocation = {
        itemId: m.itemIds[item]!, warehouseId: m.whIds[S.wh[s]!]!, qty: S.qty[s]!, lineQty, shipDate: isoOf(day), source: SOURCES[S.source[s]!]!, costCents,
      };
      // A drop-ship slice always uses its item's drop-ship option (allocate/run.ts, optimal.ts).
      allocations.push(S.source[s] === SRC_DROP_SHIP ? { ...alloc, dropShipOptionId: m.dropShipOf[item]!.id } : alloc);
      if (day > lastDay) lastDay = day;
    }
    const daysLate = lastDay >= 0 && lastDay > promised ? lastDay - promised : 0;
    const lo = overlay.lines.get(j);
    const locked = R.pass[j] === PASS_FROZEN && !!lo?.locked;
    const priorityOverride = R.pass[j] === PASS_OVERRIDE ? (lo?.priority ?? null) : null;
    const prev = prevLines ? prevLines[k] : undefined;
    if (prev && got >= demand && prev.shortQty === 0 && prev.demandQty === demand && prev.allocatedQty === got && prev.rank === R.rank[j] && prev.locked === locked &&
      prev.priorityOverride === priorityOverride && prev.strategy === STRATEGIES[ctx.strategy[j]!] && sameAllocations(prev.allocations, allocations)) {
      out[k] = prev;
      continue;
    }
    out[k] = {
      orderLineId: m.lineIds[j]!,
      groupId: groupName,
      rank: R.rank[j]!,
      score: round3(scores[j]!),
      scoreBreakdown: breakdownOf(factors, points, j),
      strategy: STRATEGIES[ctx.strategy[j]!]!,
      demandQty: demand,
      allocatedQty: got,
      allocations,
      shortQty: demand - got,
      erpReservedQty: m.lReserved[j]!,
      split: allocations.length > 1,
      partial: got > 0 && got < demand,
      shipDate: lastDay >= 0 ? isoOf(lastDay) : null,
      daysLate,
      held: m.lHold[j] !== 0,
      locked,
      priorityOverride,
      explanation: explainLine(v, j, lines.length, groupName),
    };
  }
  return out;
}

/** The objective of the group `a` has just allocated (what buildGroupOutcome sums, without building lines). */
export function groupObjective(a: GroupAllocator, g: number): number {
  const ctx = a.ctx;
  const S = a.results.slices;
  let total = 0;
  for (const j of ctx.m.groupLines[g]!) {
    if (S.head[j]! < 0) continue;
    const value = valuePerUnit(ctx, j);
    for (let s = S.head[j]!; s >= 0; s = S.next[s]!) total += S.lineQty[s]! * (value - S.unitCost[s]! - latenessPerUnit(ctx, j, S.day[s]!));
  }
  return total;
}

function sameAllocations(a: readonly Allocation[], b: readonly Allocation[]): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) {
    const x = a[k]!, y = b[k]!;
    if (x.itemId !== y.itemId || x.warehouseId !== y.warehouseId || x.qty !== y.qty || x.lineQty !== y.lineQty || x.shipDate !== y.shipDate ||
      x.source !== y.source || x.costCents !== y.costCents || x.dropShipOptionId !== y.dropShipOptionId) return false;
  }
  return true;
}

function addFigures(f: number[], demand: number, got: number, price: number, daysLate: number, shipped: boolean): void {
  f[F_LINES] = f[F_LINES]! + 1;
  f[F_DEMAND] = f[F_DEMAND]! + demand;
  f[F_ALLOC] = f[F_ALLOC]! + got;
  f[F_DEMAND_VALUE] = f[F_DEMAND_VALUE]! + demand * price;
  f[F_ALLOC_VALUE] = f[F_ALLOC_VALUE]! + got * price;
  f[F_BACKORDER] = f[F_BACKORDER]! + (demand - got);
  if (got >= demand) f[F_FILLED] = f[F_FILLED]! + 1;
  if (shipped && daysLate > 0) {
    f[F_LATE] = f[F_LATE]! + 1;
    f[F_LATE_DAYS] = f[F_LATE_DAYS]! + daysLate;
  } else if (got >= demand && demand > 0) f[F_ON_TIME] = f[F_ON_TIME]! + 1;
}
