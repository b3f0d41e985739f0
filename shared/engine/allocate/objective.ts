// The objective both modes are measured by (and optimal mode maximises): for every allocated line unit,
// its weighted value minus what the source costs (transfer, substitution, premium) minus lateness.
// Weighted value = unit price x (1 + score / 100), rounded to whole cents so every coefficient is an integer.
import type { EngineContext } from '../context';

/** Weighted value of one unit of line j, in cents. */
export function valuePerUnit(ctx: EngineContext, j: number): number {
  return Math.round((ctx.m.lPrice[j]! * (100 + ctx.scores[j]!)) / 100);
}

/** Lateness cost of one unit of line j shipped on `day`, in cents. */
export function latenessPerUnit(ctx: EngineContext, j: number, day: number): number {
  const late = day - ctx.m.lPromised[j]!;
  return late > 0 ? late * ctx.policy.latenessCostPerDayCents : 0;
}
