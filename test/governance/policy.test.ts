import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../shared/engine/policy';
import type { Policy } from '../../shared/engine/policy';
import {
  activePolicyVersion,
  checkApproval,
  checkDraftPolicy,
  comparePolicies,
  exportPolicyJson,
  importPolicyJson,
  normaliseWeights,
  requiredApproverRole,
  startDraft,
} from '../../shared/governance';
import type { PolicyVersion } from '../../shared/governance';
import type { IsoDateTime } from '../../shared/domain';
import { draftRef, governedV1 } from './fixtures';

const at = '2026-11-20T08:00:00.000Z' as IsoDateTime;
const version = (v: number, status: PolicyVersion['status'], policy: Policy = defaultPolicy): PolicyVersion => ({
  id: `POL-${v}`, version: v, status, name: `Policy ${v}`, effectiveFrom: at, createdBy: 'gov', createdAt: at, basedOn: null, note: '', policy,
});

describe('policy versions', () => {
  it('the active version is the highest governed one (retired and drafts never count)', () => {
    const versions = [version(1, 'retired'), version(3, 'governed'), version(2, 'governed'), { ...version(9, 'draft') }];
    expect(activePolicyVersion(versions)?.id).toBe('POL-3');
    expect(activePolicyVersion([version(1, 'retired')])).toBeUndefined();
  });
  it('a draft starts from a version with its values, and remembers which', () => {
    const d = startDraft(version(3, 'governed'), { id: 'DRAFT-a', by: 'pat', at });
    expect(d).toMatchObject({ id: 'DRAFT-a', status: 'draft', version: 3, basedOn: 3, effectiveFrom: null, createdBy: 'pat' });
    expect(d.policy).toEqual(defaultPolicy);
  });
});

describe('draft validation', () => {
  it('accepts weights summing to 100 unchanged, with no notice', () => {
    const r = checkDraftPolicy(defaultPolicy);
    expect(r.ok).toBe(true);
    expect(r.notices).toEqual([]);
    if (r.ok) expect(r.policy.weights).toEqual(defaultPolicy.weights);
  });
  it('normalises weights not summing to 100 and says so, with before and after', () => {
    const r = checkDraftPolicy({ ...defaultPolicy, weights: { ...defaultPolicy.weights, erpPriority: 0 } });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const w = r.policy.weights;
    expect(Math.round(Object.values(w).reduce((s, x) => s + x, 0) * 100)).toBe(10_000);
    expect(w).toEqual({ slaUrgency: 33.33, margin: 16.67, contract: 22.22, tier: 22.22, orderAge: 5.56, erpPriority: 0 });
    expect(r.notices).toHaveLength(1);
    expect(r.notices[0]?.message).toContain('summed to 90%');
    expect(r.notices[0]?.before.erpPriority).toBe(0);
    expect(r.notices[0]?.after.slaUrgency).toBe(33.33);
  });
  it('normalisation is deterministic and keeps proportions', () => {
    const w = normaliseWeights({ slaUrgency: 1, margin: 1, contract: 1, tier: 0, orderAge: 0, erpPriority: 0 });
    expect(w).toEqual({ slaUrgency: 33.34, margin: 33.33, contract: 33.33, tier: 0, orderAge: 0, erpPriority: 0 });
  });
  it('refuses an unknown channel naming the segment and field', () => {
    const r = checkDraftPolicy({ ...defaultPolicy, segments: [{ channel: 'b2b', strategy: 'win' }] });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues).toHaveLength(1);
    expect(r.issues[0]).toMatchObject({ field: 'segments[0].channel', found: '"b2b"' });
    expect(r.issues[0]?.expected).toContain('retail');
  });
  it('refuses an unknown tier, an unknown segment key, an empty segment and a repeated one', () => {
    const r = checkDraftPolicy({
      ...defaultPolicy,
      segments: [{ tier: 4, strategy: 'win' }, { region: 'North', tier: 1, strategy: 'gain' }, { strategy: 'fill' }, { tier: 1, strategy: 'lose' }],
    });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.field)).toEqual(['segments[0].tier', 'segments[1].region', 'segments[2]', 'segments[3]']);
  });
  it('accepts order-type segments alone or with a tier/channel, and refuses an unknown order type naming the field', () => {
    const ok = checkDraftPolicy({ ...defaultPolicy, segments: [{ orderType: 'contract', strategy: 'win' }, { tier: 3, orderType: 'replenishment', strategy: 'lose' }, ...defaultPolicy.segments] });
    expect(ok).toMatchObject({ ok: true, notices: [] });
    const bad = checkDraftPolicy({ ...defaultPolicy, segments: [{ tier: 1, strategy: 'gain' }, { orderType: 'urgent', strategy: 'win' }] });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.issues).toHaveLength(1);
    expect(bad.issues[0]).toMatchObject({ field: 'segments[1].orderType', found: '"urgent"' });
    expect(bad.issues[0]?.expected).toBe('a known order type (standard, rush, contract, replenishment)');
  });
  it('tells segments apart by order type: the same tier with two order types is not a repeat, the same triple is', () => {
    const r = checkDraftPolicy({
      ...defaultPolicy,
      segments: [{ tier: 1, orderType: 'rush', strategy: 'win' }, { tier: 1, strategy: 'gain' }, { tier: 1, orderType: 'rush', strategy: 'fill' }],
    });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues.map((i) => i.field)).toEqual(['segments[2]']);
  });
  it('reports engine-level problems too and still tells about the weights', () => {
    const r = checkDraftPolicy({ ...defaultPolicy, weights: { ...defaultPolicy.weights, margin: 25 }, defaultStrategy: 'steal' });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.field)).toEqual(['defaultStrategy']);
    expect(r.notices[0]?.kind).toBe('weights-normalised');
  });
});

describe('compare two versions', () => {
  it('lists changed, added and removed fields by path', () => {
    const after: Policy = {
      ...defaultPolicy,
      weights: { ...defaultPolicy.weights, margin: 25, contract: 10 },
      segments: [...defaultPolicy.segments, { channel: 'ecommerce', strategy: 'lose' }],
      approvals: { ...defaultPolicy.approvals, planner: { ...defaultPolicy.approvals.planner, maxQty: 800 } },
    };
    expect(comparePolicies(defaultPolicy, after)).toEqual([
      { field: 'weights.margin', change: 'changed', before: 15, after: 25 },
      { field: 'weights.contract', change: 'changed', before: 20, after: 10 },
      { field: 'approvals.planner.maxQty', change: 'changed', before: 500, after: 800 },
      { field: 'segments[2].channel', change: 'added', before: undefined, after: 'ecommerce' },
      { field: 'segments[2].strategy', change: 'added', before: undefined, after: 'lose' },
    ]);
    expect(comparePolicies(defaultPolicy, defaultPolicy)).toEqual([]);
  });
});

describe('JSON import/export', () => {
  it('round-trips a version through its file', () => {
    const v = version(4, 'governed');
    const text = exportPolicyJson(v, at);
    const r = importPolicyJson(text);
    expect(r.ok).toBe(true);
    if (r.ok) {
      expect(r.policy).toEqual(v.policy);
      expect(r.sourceVersion).toBe(4);
      expect(r.name).toBe('Policy 4');
    }
  });
  it('accepts a bare policy object and normalises it', () => {
    const r = importPolicyJson(JSON.stringify({ ...defaultPolicy, weights: { ...defaultPolicy.weights, tier: 40 } }));
    expect(r.ok).toBe(true);
    expect(r.notices[0]?.message).toContain('120%');
  });
  it('refuses text that is not JSON, saying so', () => {
    const r = importPolicyJson('{ "weights": ');
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ field: '(file)', expected: 'a JSON document' });
  });
  it('round-trips order-type segments through a file and refuses a file naming an unknown order type', () => {
    const withTypes = { ...defaultPolicy, segments: [{ orderType: 'contract', strategy: 'win' }, ...defaultPolicy.segments] } as Policy;
    const r = importPolicyJson(exportPolicyJson(version(3, 'governed', withTypes), at));
    expect(r.ok && r.policy.segments[0]).toEqual({ orderType: 'contract', strategy: 'win' });
    const bad = importPolicyJson(exportPolicyJson(version(3, 'governed', { ...defaultPolicy, segments: [{ orderType: 'express', strategy: 'win' }] } as unknown as Policy), at));
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.issues.map((i) => i.field)).toEqual(['segments[0].orderType']);
  });
  it('refuses a file whose policy names an unknown segment', () => {
    const r = importPolicyJson(exportPolicyJson(version(2, 'governed', { ...defaultPolicy, segments: [{ channel: 'space' as never, strategy: 'win' }] }), at));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]?.field).toBe('segments[0].channel');
  });
});

describe('approval: a decision proposed under a draft needs a supervisor', () => {
  it('refuses a planner and names the draft', () => {
    const v = checkApproval({ decisionId: 'D9', proposedUnder: draftRef, qty: 1, valueCents: 100 }, 'planner', defaultPolicy);
    expect(v.allowed).toBe(false);
    expect(v.requiredRole).toBe('supervisor');
    expect(v.reasons[0]).toContain('draft policy DRAFT-1');
  });
  it('allows a supervisor, and finance is not a substitute', () => {
    expect(checkApproval({ decisionId: 'D9', proposedUnder: draftRef }, 'supervisor', defaultPolicy).allowed).toBe(true);
    expect(checkApproval({ decisionId: 'D9', proposedUnder: draftRef }, 'finance', defaultPolicy).allowed).toBe(false);
  });
  it('lets a planner approve a governed decision within the governed thresholds', () => {
    expect(checkApproval({ decisionId: 'D1', proposedUnder: governedV1, qty: 10, valueCents: 1000, tier: 2 }, 'planner', defaultPolicy)).toEqual({ allowed: true, requiredRole: 'planner', reasons: [] });
    expect(requiredApproverRole({ proposedUnder: governedV1 })).toBe('planner');
  });
  it('refuses a planner above the value, quantity or tier limits, one reason each', () => {
    const v = checkApproval({ decisionId: 'D1', proposedUnder: governedV1, qty: 501, valueCents: 500_001, tier: 1 }, 'planner', defaultPolicy);
    expect(v.allowed).toBe(false);
    expect(v.reasons).toHaveLength(3);
    expect(v.reasons[0]).toContain('5000.01');
  });
  it("keeps a decision's own required role", () => {
    const v = checkApproval({ decisionId: 'D7', proposedUnder: governedV1, requiredRole: 'finance' }, 'supervisor', defaultPolicy);
    expect(v).toMatchObject({ allowed: false, requiredRole: 'finance' });
  });
});
