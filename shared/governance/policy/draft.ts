// Draft validation: what the policy screen runs on every edit and on import. Two rules beyond the engine's own
// validation: weights that do not sum to 100 are scaled to 100 (and the planner is told, with before and after),
// and a segment naming an unknown tier, channel, order type or key is refused rather than silently ignored by strategyFor.
import { CHANNELS, CUSTOMER_TIERS, ORDER_TYPES } from '../../domain';
import type { Policy, PolicyIssue, ScoreWeights } from '../../engine/policy';
import { describeFound, validatePolicy } from '../../engine/policy';
import { SCORE_FACTORS } from '../../engine/types';
import type { ScoreFactor } from '../../engine/types';

/** Something the validator changed for the planner, who must be told. */
export interface DraftNotice {
  readonly kind: 'weights-normalised';
  readonly field: string;
  readonly message: string;
  readonly before: Readonly<Record<string, number>>;
  readonly after: Readonly<Record<string, number>>;
}

export type DraftCheck =
  | { readonly ok: true; readonly policy: Policy; readonly notices: readonly DraftNotice[] }
  | { readonly ok: false; readonly issues: readonly PolicyIssue[]; readonly notices: readonly DraftNotice[] };

/** The keys a segment may name: who (tier, channel), what kind of order (orderType), and its strategy. */
export const SEGMENT_KEYS = ['tier', 'channel', 'orderType', 'strategy'] as const;

function issue(field: string, expected: string, value: unknown): PolicyIssue {
  const found = describeFound(value);
  return { field, expected, found, message: `policy: field "${field}" expected ${expected}, found ${found}` };
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/**
 * Scales weights so they sum to exactly 100, to two decimals (largest remainder, ties in factor order), so the
 * result is deterministic and a score still reads as points out of 100.
 */
export function normaliseWeights(weights: ScoreWeights): ScoreWeights {
  const total = SCORE_FACTORS.reduce((s, f) => s + weights[f], 0);
  if (total <= 0) return weights;
  const exact = SCORE_FACTORS.map((f) => (weights[f] / total) * 10_000);
  const floors = exact.map(Math.floor);
  let left = 10_000 - floors.reduce((s, x) => s + x, 0);
  const order = SCORE_FACTORS.map((_, i) => i).sort((a, b) => (exact[b]! - floors[b]!) - (exact[a]! - floors[a]!) || a - b);
  for (const i of order) {
    if (left <= 0) break;
    floors[i] = floors[i]! + 1;
    left--;
  }
  const out = {} as Record<ScoreFactor, number>;
  SCORE_FACTORS.forEach((f, i) => (out[f] = floors[i]! / 100));
  return out;
}

/** The sum of the weights, when every factor is a finite number; otherwise null (the engine reports the field). */
function weightTotal(w: unknown): number | null {
  if (!isObject(w)) return null;
  let total = 0;
  for (const f of SCORE_FACTORS) {
    const x = w[f];
    if (typeof x !== 'number' || !Number.isFinite(x) || x < 0) return null;
    total += x;
  }
  return total;
}

/** Refuses segments the engine could never match or would misread: unknown keys, tiers, channels, empty or repeated segments. */
export function checkSegments(segments: unknown): PolicyIssue[] {
  if (!Array.isArray(segments)) return [];
  const issues: PolicyIssue[] = [];
  const seen = new Map<string, number>();
  segments.forEach((s, i) => {
    const f = `segments[${i}]`;
    if (!isObject(s)) return; // the engine reports a non-object
    for (const key of Object.keys(s)) {
      if (!(SEGMENT_KEYS as readonly string[]).includes(key)) issues.push(issue(`${f}.${key}`, 'a segment by tier, channel and/or order type (unknown segment key)', key));
    }
    if (s.tier !== undefined && !(CUSTOMER_TIERS as readonly unknown[]).includes(s.tier)) {
      issues.push(issue(`${f}.tier`, `a known customer tier (${CUSTOMER_TIERS.join(', ')})`, s.tier));
    }
    if (s.channel !== undefined && !(CHANNELS as readonly unknown[]).includes(s.channel)) {
      issues.push(issue(`${f}.channel`, `a known channel (${CHANNELS.join(', ')})`, s.channel));
    }
    if (s.orderType !== undefined && !(ORDER_TYPES as readonly unknown[]).includes(s.orderType)) {
      issues.push(issue(`${f}.orderType`, `a known order type (${ORDER_TYPES.join(', ')})`, s.orderType));
    }
    if (s.tier === undefined && s.channel === undefined && s.orderType === undefined) issues.push(issue(f, 'a tier, a channel or an order type naming the segment', s));
    const key = `${String(s.tier ?? '*')}|${String(s.channel ?? '*')}|${String(s.orderType ?? '*')}`;
    const first = seen.get(key);
    if (first !== undefined) issues.push(issue(`${f}`, `a segment not already listed (segments[${first}] matches the same lines first)`, s));
    else seen.set(key, i);
  });
  return issues;
}

/** Validates a draft policy: segments first, then weights normalised to 100, then the engine's full validation. */
export function checkDraftPolicy(input: unknown): DraftCheck {
  const notices: DraftNotice[] = [];
  if (!isObject(input)) {
    const r = validatePolicy(input);
    return r.ok ? { ok: true, policy: r.policy, notices } : { ok: false, issues: r.issues, notices };
  }
  const segmentIssues = checkSegments(input.segments);
  let candidate: Record<string, unknown> = input;
  const total = weightTotal(input.weights);
  if (total !== null && total > 0 && Math.abs(total - 100) > 1e-9) {
    const before = input.weights as ScoreWeights;
    const after = normaliseWeights(before);
    const changes = SCORE_FACTORS.map((f) => `${f} ${before[f]} -> ${after[f]}`).join(', ');
    notices.push({
      kind: 'weights-normalised',
      field: 'weights',
      message: `Weights summed to ${Math.round(total * 100) / 100}%, not 100%: scaled proportionally so they sum to 100% (${changes}).`,
      before: { ...before },
      after: { ...after },
    });
    candidate = { ...input, weights: after };
  }
  const r = validatePolicy(candidate);
  const engineIssues = r.ok ? [] : r.issues;
  // Keep one message per field: our segment wording is more specific than the engine's.
  const ours = new Set(segmentIssues.map((i) => i.field));
  const issues = [...segmentIssues, ...engineIssues.filter((i) => !ours.has(i.field))];
  if (issues.length > 0) return { ok: false, issues, notices };
  return { ok: true, policy: candidate as unknown as Policy, notices };
}
