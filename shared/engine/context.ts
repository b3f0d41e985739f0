// The engine context: a compiled snapshot plus everything the policy and the planner's edits derive from it
// (strategies, hold treatment, quota membership, factors, scores). Built once; edits update it in place.
import { ORDER_TYPES } from '../domain';
import type { Model } from './model/compile';
import type { Overlay } from './overlay';
import type { Policy } from './policy';
import { strategyFor } from './policy';
import { computeFactors, computeScores, pointsPerFactor } from './scoring';
import { STRATEGIES } from './types';

/** Strategy codes (index into STRATEGIES). */
export const WIN = 0, GAIN = 1, REDISTRIBUTE = 2, FILL = 3, LOSE = 4;
/** Hold treatment codes per line. */
export const NOT_HELD = 0, HOLD_KEEP = 1, HOLD_RELEASE = 2, HOLD_ALLOCATE = 3;

export interface EngineContext {
  readonly m: Model;
  readonly policy: Policy;
  readonly overlay: Overlay;
  readonly factors: Float64Array;
  readonly scores: Float64Array;
  points: Float64Array;
  readonly strategy: Uint8Array;
  readonly holdTreatment: Uint8Array;
  /** Tier (1..3) -> may dip into safety stock. */
  readonly dipTier: readonly boolean[];
  /** Item -> index of the quota that ring-fences it, or -1. */
  readonly quotaOfItem: Int32Array;
  /** Customer x quota membership: custIndex * quotas + q. */
  readonly quotaMember: Uint8Array;
}

const HOLD_CODES = { keep: HOLD_KEEP, release: HOLD_RELEASE, allocate: HOLD_ALLOCATE } as const;

/** Builds the context for a model, policy and overlay. */
export function createContext(m: Model, policy: Policy, overlay: Overlay): EngineContext {
  const strategy = new Uint8Array(m.L);
  const holdTreatment = new Uint8Array(m.L);
  // Strategy per (customer, order type): a segment names a tier, a channel and/or an order type.
  const T = ORDER_TYPES.length;
  const stratBySegment = new Uint8Array(m.custIds.length * T);
  for (let c = 0; c < m.custIds.length; c++) {
    for (let t = 0; t < T; t++) stratBySegment[c * T + t] = STRATEGIES.indexOf(strategyFor(policy, m.custTier[c] as 1 | 2 | 3, m.custChannel[c]!, ORDER_TYPES[t]!));
  }
  for (let j = 0; j < m.L; j++) {
    strategy[j] = stratBySegment[m.lCust[j]! * T + m.lOrderType[j]!]!;
    const h = m.lHold[j]!;
    holdTreatment[j] = h === 0 ? NOT_HELD : HOLD_CODES[h === 1 ? policy.holds.credit : policy.holds.compliance];
  }
  const quotaOfItem = new Int32Array(m.itemIds.length).fill(-1);
  const Q = policy.quotas.length;
  for (let i = 0; i < m.itemIds.length; i++) {
    const id = m.itemIds[i]!;
    const q = policy.quotas.findIndex((x) => x.itemId === id || x.itemId === '*');
    quotaOfItem[i] = q;
  }
  const quotaMember = new Uint8Array(m.custIds.length * Math.max(1, Q));
  for (let c = 0; c < m.custIds.length; c++) {
    policy.quotas.forEach((q, k) => {
      const channelOk = q.channel === undefined || q.channel === m.custChannel[c];
      const tierOk = q.tiers === undefined || q.tiers.includes(m.custTier[c] as 1 | 2 | 3);
      quotaMember[c * Q + k] = channelOk && tierOk ? 1 : 0;
    });
  }
  const dipTier = [false, false, false, false];
  for (const t of policy.safetyStockDipTiers) dipTier[t] = true;
  const factors = factorsFor(m, policy);
  const scores = new Float64Array(m.L);
  computeScores(factors, overlay.weights, scores);
  return { m, policy, overlay, factors, scores, points: pointsPerFactor(overlay.weights), strategy, holdTreatment, dipTier, quotaOfItem, quotaMember };
}

/**
 * The last factor table, reused while the same model is allocated under the same factor settings (a re-run, a
 * session after an `allocate`, a weight change): factors depend only on the model and those two policy numbers,
 * and nothing writes to the table. One slot, like the model itself (engine.ts `compileFor`).
 */
let lastFactors: { readonly m: Model; readonly horizon: number; readonly ageFull: number; readonly factors: Float64Array } | null = null;

function factorsFor(m: Model, policy: Policy): Float64Array {
  const f = lastFactors;
  if (f && f.m === m && f.horizon === policy.urgencyHorizonDays && f.ageFull === policy.orderAgeFullDays) return f.factors;
  const factors = computeFactors(m, policy);
  lastFactors = { m, horizon: policy.urgencyHorizonDays, ageFull: policy.orderAgeFullDays, factors };
  return factors;
}

/** Recomputes every score after a weight change. */
export function rescore(ctx: EngineContext): void {
  computeScores(ctx.factors, ctx.overlay.weights, ctx.scores);
  ctx.points = pointsPerFactor(ctx.overlay.weights);
}

/** True when line j's customer belongs to the quota fencing item i. */
export function isQuotaMember(ctx: EngineContext, j: number, i: number): boolean {
  const q = ctx.quotaOfItem[i]!;
  if (q < 0) return false;
  return ctx.quotaMember[ctx.m.lCust[j]! * ctx.policy.quotas.length + q] === 1;
}
