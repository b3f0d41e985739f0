// Scoring: every open line gets named factors in 0..1 (computed once per snapshot and policy) and a weighted score
// out of 100. Each factor's contribution is kept so the UI can say why a line ranks where it does.
import type { Model } from './model/compile';
import type { Policy, ScoreWeights } from './policy';
import type { ScoreBreakdown } from './types';
import { SCORE_FACTORS } from './types';

export const FACTOR_COUNT = SCORE_FACTORS.length;

/** Factor values in 0..1 for every line: L x FACTOR_COUNT, in SCORE_FACTORS order. */
export function computeFactors(m: Model, policy: Policy): Float64Array {
  const f = new Float64Array(m.L * FACTOR_COUNT);
  const horizon = policy.urgencyHorizonDays;
  const ageFull = policy.orderAgeFullDays;
  for (let j = 0; j < m.L; j++) {
    const o = j * FACTOR_COUNT;
    const daysToPromise = m.lPromised[j]! - m.asOfDay;
    // SLA urgency: full when the promise is today or already missed, falling to 0 at the horizon.
    f[o] = daysToPromise <= 0 ? 1 : Math.max(0, 1 - daysToPromise / horizon);
    const price = m.lPrice[j]!;
    const cost = m.itemCost[m.lItem[j]!]!;
    f[o + 1] = price > 0 ? Math.min(1, Math.max(0, (price - cost) / price)) : 0;
    // Contract: how far the customer's current fill (ERP reservations / open units) falls short of its commitment.
    const c = m.lCust[j]!;
    const commit = m.custCommit[c]!;
    f[o + 2] = commit > 0 ? Math.min(1, Math.max(0, (commit - m.custCurrentFill[c]!) / commit)) : 0;
    f[o + 3] = (3 - m.custTier[c]!) / 2;
    f[o + 4] = Math.min(1, Math.max(0, (m.asOfDay - m.lOrdered[j]!) / ageFull));
    f[o + 5] = 1 / Math.max(1, m.lPriority[j]!);
  }
  return f;
}

/** Normalised weights: each factor's share of 100 points. */
export function pointsPerFactor(weights: ScoreWeights): Float64Array {
  let total = 0;
  for (const k of SCORE_FACTORS) total += weights[k];
  const p = new Float64Array(FACTOR_COUNT);
  SCORE_FACTORS.forEach((k, i) => (p[i] = total > 0 ? (100 * weights[k]) / total : 0));
  return p;
}

/** Scores (0..100) for the given lines (all lines when `lines` is omitted), written into `out`. */
export function computeScores(factors: Float64Array, weights: ScoreWeights, out: Float64Array, lines?: Int32Array): void {
  const p = pointsPerFactor(weights);
  const score = (j: number): number => {
    const o = j * FACTOR_COUNT;
    let s = 0;
    for (let k = 0; k < FACTOR_COUNT; k++) s += p[k]! * factors[o + k]!;
    return s;
  };
  if (lines) for (const j of lines) out[j] = score(j);
  else for (let j = 0; j < out.length; j++) out[j] = score(j);
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** The contribution of each factor to one line's score, rounded to 0.001 point. */
export function breakdownOf(factors: Float64Array, points: Float64Array, j: number): ScoreBreakdown {
  const p = points;
  const o = j * FACTOR_COUNT;
  // A literal (not a loop) so every breakdown shares one hidden class and key order.
  return {
    slaUrgency: round3(p[0]! * factors[o]!),
    margin: round3(p[1]! * factors[o + 1]!),
    contract: round3(p[2]! * factors[o + 2]!),
    tier: round3(p[3]! * factors[o + 3]!),
    orderAge: round3(p[4]! * factors[o + 4]!),
    erpPriority: round3(p[5]! * factors[o + 5]!),
  };
}

export { round3 };
