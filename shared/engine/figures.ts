// Summary figures: integer accumulators per SKU group (units, cents, days), summed in group order into the
// before (ERP reservations) and after (plan) figures. Integers keep incremental sums identical to full ones.
import type { StateFigures } from './types';

export const F_LINES = 0, F_FILLED = 1, F_DEMAND = 2, F_ALLOC = 3, F_DEMAND_VALUE = 4, F_ALLOC_VALUE = 5, F_ON_TIME = 6,
  F_LATE = 7, F_LATE_DAYS = 8, F_MARGIN = 9, F_TRANSFER = 10, F_SUBST = 11, F_PREMIUM = 12, F_LATENESS = 13, F_BACKORDER = 14;
export const FIGURE_COUNT = 15;

/** A fresh set of accumulators (a plain array: cheaper than a typed array for 15 numbers). */
export function newFigures(): number[] {
  return [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0];
}

const ratio = (a: number, b: number): number => (b > 0 ? Math.round((a / b) * 1e6) / 1e6 : 1);

/** Turns summed accumulators into the published figures. */
export function toStateFigures(f: ArrayLike<number>): StateFigures {
  return {
    lines: f[F_LINES]!,
    linesFilled: f[F_FILLED]!,
    demandUnits: f[F_DEMAND]!,
    allocatedUnits: f[F_ALLOC]!,
    demandValueCents: f[F_DEMAND_VALUE]!,
    allocatedValueCents: f[F_ALLOC_VALUE]!,
    fillRateUnits: ratio(f[F_ALLOC]!, f[F_DEMAND]!),
    fillRateLines: ratio(f[F_FILLED]!, f[F_LINES]!),
    fillRateValue: ratio(f[F_ALLOC_VALUE]!, f[F_DEMAND_VALUE]!),
    onTimeLines: f[F_ON_TIME]!,
    lateLines: f[F_LATE]!,
    lateDays: f[F_LATE_DAYS]!,
    marginCents: f[F_MARGIN]!,
    transferCostCents: f[F_TRANSFER]!,
    substitutionCostCents: f[F_SUBST]!,
    premiumCostCents: f[F_PREMIUM]!,
    latenessCostCents: f[F_LATENESS]!,
    backorderUnits: f[F_BACKORDER]!,
  };
}
