// The allocation policy: the planner-facing rules the engine applies (weights, strategies, quotas, safety stock,
// holds, costs, approval thresholds) and its validation. A bad policy is reported field by field, never guessed at.
import type { Channel, CustomerTier, IsoDate, OrderType, Role } from '../domain';
import { CHANNELS, ORDER_TYPES, isIsoDate } from '../domain';
import type { ScoreFactor, Strategy } from './types';
import { SCORE_FACTORS, STRATEGIES } from './types';

export type ScoreWeights = Readonly<Record<ScoreFactor, number>>;

/**
 * A segment (customer tier, channel and/or the line's order type) and the strategy its lines follow; the first
 * matching entry wins. A field left out matches any value; a line without an order type is a 'standard' order.
 */
export interface SegmentStrategy {
  readonly tier?: CustomerTier;
  readonly channel?: Channel;
  readonly orderType?: OrderType;
  readonly strategy: Strategy;
}

/** Ring-fences `share` of an item's on-hand stock at every warehouse for lines of a channel and/or tiers. */
export interface Quota {
  readonly id: string;
  /** An item id, or '*' for every item. The first quota matching an item applies to it. */
  readonly itemId: string;
  readonly channel?: Channel;
  readonly tiers?: readonly CustomerTier[];
  /** 0..1 of the allocatable on-hand (after safety stock) kept for the segment. */
  readonly share: number;
}

/** keep: the line keeps exactly its ERP reservation and gets no decision (untouched);
 *  release: the line gets nothing and its reserved stock returns to the pool;
 *  allocate: the line competes like any other (a release-hold decision is proposed). */
export const HOLD_TREATMENTS = ['keep', 'release', 'allocate'] as const;
export type HoldTreatment = (typeof HOLD_TREATMENTS)[number];

/** A role may approve a decision when all three limits hold. */
export interface ApprovalLimit {
  readonly maxValueCents: number;
  readonly maxQty: number;
  /** Most strategic tier the role may decide for (1 = any tier; 2 = tiers 2 and 3 only). */
  readonly minTier: CustomerTier;
}

export interface Policy {
  /** The planning day. null: derived from the snapshot (latest modifiedAt day of its rows). The engine never reads the clock. */
  readonly asOf: IsoDate | null;
  readonly weights: ScoreWeights;
  readonly segments: readonly SegmentStrategy[];
  readonly defaultStrategy: Strategy;
  readonly quotas: readonly Quota[];
  /** Tiers whose lines may dip into safety stock. */
  readonly safetyStockDipTiers: readonly CustomerTier[];
  readonly holds: Readonly<{ credit: HoldTreatment; compliance: HoldTreatment }>;
  /** Cents per unit per day shipped after the promised date. */
  readonly latenessCostPerDayCents: number;
  /** Cents per line unit filled by a substitute (handling, customer friction), plus 10 % per preference step. */
  readonly substitutionCostPerUnitCents: number;
  /** Units of ERP-reserved vs WMS-committed disagreement tolerated before an inventory variance is raised. */
  readonly varianceToleranceUnits: number;
  /** Days ahead of the promise at which SLA urgency starts to rise. */
  readonly urgencyHorizonDays: number;
  /** Order age (days) at which the age factor is full. */
  readonly orderAgeFullDays: number;
  readonly sources: Readonly<{ inbound: boolean; transfer: boolean; substitute: boolean; dropShip: boolean }>;
  /** Round each slice down to whole packs of the item, except the slice that completes the line. */
  readonly packRounding: boolean;
  readonly approvals: Readonly<Record<Role, ApprovalLimit>>;
  /** Who the engine's proposals are attributed to. */
  readonly proposedBy: string;
}

/** The policy a new workspace starts with. Weights sum to 100 so a score reads as points out of 100. */
export const defaultPolicy: Policy = {
  asOf: null,
  weights: { slaUrgency: 30, margin: 15, contract: 20, tier: 20, orderAge: 5, erpPriority: 10 },
  segments: [
    { tier: 1, strategy: 'gain' },
    { tier: 3, channel: 'wholesale', strategy: 'fill' },
  ],
  defaultStrategy: 'redistribute',
  quotas: [],
  safetyStockDipTiers: [1],
  holds: { credit: 'keep', compliance: 'keep' },
  latenessCostPerDayCents: 25,
  substitutionCostPerUnitCents: 50,
  varianceToleranceUnits: 0,
  urgencyHorizonDays: 14,
  orderAgeFullDays: 30,
  sources: { inbound: true, transfer: true, substitute: true, dropShip: true },
  packRounding: true,
  approvals: {
    planner: { maxValueCents: 500_000, maxQty: 500, minTier: 2 },
    supervisor: { maxValueCents: 5_000_000, maxQty: 10_000, minTier: 1 },
    finance: { maxValueCents: Number.MAX_SAFE_INTEGER, maxQty: Number.MAX_SAFE_INTEGER, minTier: 1 },
  },
  proposedBy: 'engine',
};

/** One policy field at fault. */
export interface PolicyIssue {
  readonly field: string;
  readonly expected: string;
  readonly found: string;
  readonly message: string;
}

export type PolicyResult = { readonly ok: true; readonly policy: Policy } | { readonly ok: false; readonly issues: readonly PolicyIssue[] };

/** Renders a found value briefly for messages. */
export function describeFound(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  if (Array.isArray(value)) return `an array of ${value.length}`;
  const json = JSON.stringify(value);
  return json.length > 60 ? `${json.slice(0, 60)}...` : json;
}

class Checker {
  readonly issues: PolicyIssue[] = [];
  fail(field: string, expected: string, found: unknown): void {
    const f = describeFound(found);
    this.issues.push({ field, expected, found: f, message: `policy: field "${field}" expected ${expected}, found ${f}` });
  }
  num(field: string, v: unknown, min: number, max = Infinity, integer = false): void {
    const ok = typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max && (!integer || Number.isInteger(v));
    if (!ok) this.fail(field, `${integer ? 'an integer' : 'a number'} ${max === Infinity ? `>= ${min}` : `from ${min} to ${max}`}`, v);
  }
  oneOf(field: string, v: unknown, values: readonly unknown[]): void {
    if (!values.includes(v)) this.fail(field, `one of ${values.map((x) => JSON.stringify(x)).join(', ')}`, v);
  }
  bool(field: string, v: unknown): void {
    if (typeof v !== 'boolean') this.fail(field, 'true or false', v);
  }
  obj(field: string, v: unknown): v is Record<string, unknown> {
    if (typeof v !== 'object' || v === null || Array.isArray(v)) {
      this.fail(field, 'an object', v);
      return false;
    }
    return true;
  }
  arr(field: string, v: unknown): v is unknown[] {
    if (!Array.isArray(v)) {
      this.fail(field, 'an array', v);
      return false;
    }
    return true;
  }
}

const TIERS = [1, 2, 3] as const;

/** Checks score weights (used by the policy and the policy-weights edit). */
export function checkWeights(c: { num: Checker['num']; fail: Checker['fail'] }, field: string, w: Record<string, unknown>, partial: boolean): void {
  for (const key of Object.keys(w)) {
    if (!(SCORE_FACTORS as readonly string[]).includes(key)) c.fail(`${field}.${key}`, `a factor name (${SCORE_FACTORS.join(', ')})`, key);
  }
  for (const f of SCORE_FACTORS) {
    if (partial && w[f] === undefined) continue;
    c.num(`${field}.${f}`, w[f], 0, 1000);
  }
}

/** Validates a complete policy; every problem is reported with its field path. */
export function validatePolicy(input: unknown): PolicyResult {
  const c = new Checker();
  if (!c.obj('(policy)', input)) return { ok: false, issues: c.issues };
  const p = input;
  if (p.asOf !== null && !isIsoDate(p.asOf)) c.fail('asOf', "null or a date 'YYYY-MM-DD'", p.asOf);
  if (c.obj('weights', p.weights)) {
    checkWeights(c, 'weights', p.weights, false);
    const total = SCORE_FACTORS.reduce((s, f) => s + (typeof (p.weights as Record<string, unknown>)[f] === 'number' ? ((p.weights as Record<string, number>)[f] ?? 0) : 0), 0);
    if (total <= 0) c.fail('weights', 'at least one positive weight', total);
  }
  if (c.arr('segments', p.segments)) {
    p.segments.forEach((s, i) => {
      const f = `segments[${i}]`;
      if (!c.obj(f, s)) return;
      if (s.tier !== undefined) c.oneOf(`${f}.tier`, s.tier, TIERS);
      if (s.channel !== undefined) c.oneOf(`${f}.channel`, s.channel, CHANNELS);
      if (s.orderType !== undefined) c.oneOf(`${f}.orderType`, s.orderType, ORDER_TYPES);
      c.oneOf(`${f}.strategy`, s.strategy, STRATEGIES);
    });
  }
  c.oneOf('defaultStrategy', p.defaultStrategy, STRATEGIES);
  if (c.arr('quotas', p.quotas)) {
    const ids = new Set<unknown>();
    p.quotas.forEach((q, i) => {
      const f = `quotas[${i}]`;
      if (!c.obj(f, q)) return;
      if (typeof q.id !== 'string' || q.id === '') c.fail(`${f}.id`, 'a non-empty string', q.id);
      else if (ids.has(q.id)) c.fail(`${f}.id`, 'a unique quota id', q.id);
      ids.add(q.id);
      if (typeof q.itemId !== 'string' || q.itemId === '') c.fail(`${f}.itemId`, "an item id or '*'", q.itemId);
      if (q.channel !== undefined) c.oneOf(`${f}.channel`, q.channel, CHANNELS);
      if (q.tiers !== undefined && c.arr(`${f}.tiers`, q.tiers)) q.tiers.forEach((t, j) => c.oneOf(`${f}.tiers[${j}]`, t, TIERS));
      if (q.channel === undefined && q.tiers === undefined) c.fail(`${f}.channel`, 'a channel or tiers naming the segment', undefined);
      c.num(`${f}.share`, q.share, 0, 1);
    });
  }
  if (c.arr('safetyStockDipTiers', p.safetyStockDipTiers)) p.safetyStockDipTiers.forEach((t, i) => c.oneOf(`safetyStockDipTiers[${i}]`, t, TIERS));
  if (c.obj('holds', p.holds)) {
    c.oneOf('holds.credit', p.holds.credit, HOLD_TREATMENTS);
    c.oneOf('holds.compliance', p.holds.compliance, HOLD_TREATMENTS);
  }
  c.num('latenessCostPerDayCents', p.latenessCostPerDayCents, 0, 1e9, true);
  c.num('substitutionCostPerUnitCents', p.substitutionCostPerUnitCents, 0, 1e9, true);
  c.num('varianceToleranceUnits', p.varianceToleranceUnits, 0, 1e9, true);
  c.num('urgencyHorizonDays', p.urgencyHorizonDays, 1, 3650, true);
  c.num('orderAgeFullDays', p.orderAgeFullDays, 1, 3650, true);
  if (c.obj('sources', p.sources)) for (const k of ['inbound', 'transfer', 'substitute', 'dropShip'] as const) c.bool(`sources.${k}`, p.sources[k]);
  c.bool('packRounding', p.packRounding);
  if (c.obj('approvals', p.approvals)) {
    for (const role of ['planner', 'supervisor', 'finance'] as const) {
      const a = p.approvals[role];
      if (!c.obj(`approvals.${role}`, a)) continue;
      c.num(`approvals.${role}.maxValueCents`, a.maxValueCents, 0, Number.MAX_SAFE_INTEGER, true);
      c.num(`approvals.${role}.maxQty`, a.maxQty, 0, Number.MAX_SAFE_INTEGER, true);
      c.oneOf(`approvals.${role}.minTier`, a.minTier, TIERS);
    }
  }
  if (typeof p.proposedBy !== 'string' || p.proposedBy === '') c.fail('proposedBy', 'a non-empty string', p.proposedBy);
  return c.issues.length === 0 ? { ok: true, policy: input as unknown as Policy } : { ok: false, issues: c.issues };
}

function isPlainObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Fills a partial policy (e.g. a policy.json naming only what differs) from the defaults, then validates it. */
export function resolvePolicy(partial: unknown, base: Policy = defaultPolicy): PolicyResult {
  if (partial === undefined || partial === null) return validatePolicy(base);
  if (!isPlainObject(partial)) return validatePolicy(partial);
  const merged: Record<string, unknown> = { ...(base as unknown as Record<string, unknown>) };
  for (const [k, v] of Object.entries(partial)) {
    const b = merged[k];
    if (isPlainObject(b) && isPlainObject(v) && k !== 'approvals') merged[k] = { ...b, ...v };
    else if (k === 'approvals' && isPlainObject(b) && isPlainObject(v)) {
      const out: Record<string, unknown> = { ...b };
      for (const [role, lim] of Object.entries(v)) out[role] = isPlainObject(out[role]) && isPlainObject(lim) ? { ...(out[role] as object), ...lim } : lim;
      merged[k] = out;
    } else merged[k] = v;
  }
  return validatePolicy(merged);
}

/**
 * The strategy for a line's segment (its customer's tier and channel, its order type; 'standard' when the line has
 * none): the first matching segment entry, else the default.
 */
export function strategyFor(policy: Policy, tier: CustomerTier, channel: Channel, orderType: OrderType = 'standard'): Strategy {
  for (const s of policy.segments) {
    if ((s.tier === undefined || s.tier === tier) && (s.channel === undefined || s.channel === channel) && (s.orderType === undefined || s.orderType === orderType)) return s.strategy;
  }
  return policy.defaultStrategy;
}
