// Publishing a draft from the policy screen's store: a supervisor makes it the active governed version (audit says
// who), a planner is told why not and nothing is published, a stale draft is refused before anything is sent.
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { IsoDateTime, Role } from '../../shared/domain';
import { defaultPolicy } from '../../shared/engine/policy';
import type { GovernedSegment, PolicyVersion } from '../../shared/governance';
import { activePolicyVersion, governedSegments } from '../../shared/governance';
import { createGovernanceSlice, createMemoryGovernanceServices } from '../../renderer/policy';
import type { GovernanceStoreState } from '../../renderer/policy';
import { publishBlocker } from '../../renderer/policy/policy-slice';

const at = '2026-11-20T08:00:00.000Z' as IsoDateTime;
const v2: PolicyVersion = { id: 'POL-2', version: 2, status: 'governed', name: 'Service-led', effectiveFrom: at, createdBy: 'board', createdAt: at, basedOn: 1, note: '', policy: defaultPolicy };

function setup(role: Role) {
  const services = createMemoryGovernanceServices({ governed: [v2], now: () => Date.parse('2026-11-27T09:00:00Z'), publisher: { user: role === 'supervisor' ? 'sam' : 'pat', role } });
  const store = createStore<GovernanceStoreState>()((set, get) => ({ session: { username: role === 'supervisor' ? 'sam' : 'pat', role }, ...createGovernanceSlice(services)(set, get) }));
  return { services, s: () => store.getState(), act: () => store.getState().governanceActions };
}

const rushGains: GovernedSegment = { orderType: 'rush', strategy: 'gain' };

describe('publishing a draft from the policy screen', () => {
  it('a supervisor publishes a draft with an order-type segment as v3: active after the pull, audit records who, the draft is gone', async () => {
    const { services, s, act } = setup('supervisor');
    await act().loadPolicies();
    const draft = await act().startPolicyDraft();
    expect(await act().updatePolicyDraft(draft!.id, { ...draft!.policy, segments: [rushGains, ...draft!.policy.segments] })).toBe(true);
    await act().useInWhatIf(draft!.id);
    expect(publishBlocker(s().governance.policy, s().governance.policy.drafts[0]!, 'supervisor')).toBeNull();

    expect(await act().publishPolicyDraft(draft!.id)).toBe(3);
    const p = s().governance.policy;
    const active = activePolicyVersion(p.governed);
    expect(active).toMatchObject({ id: 'POL-3', createdBy: 'sam', basedOn: 2 });
    expect(governedSegments(active!.policy)[0]).toEqual(rushGains);
    expect(p.governed.find((v) => v.id === 'POL-2')?.status).toBe('retired');
    expect(p.drafts).toEqual([]);
    expect(p.whatIf).toEqual({ id: 'POL-3', version: 3, status: 'governed' });
    expect(services.state.whatIf?.id).toBe('POL-3');
    expect(p.message?.text).toContain('as governed v3; it is now the active policy');
    expect(services.state.events).toEqual([expect.objectContaining({ event: 'policy-published', decisionId: 'POL-3', actor: 'sam', role: 'supervisor', basedOn: 2 })]);
  });

  it('a planner sees why not, and asking anyway publishes nothing', async () => {
    const { services, s, act } = setup('planner');
    await act().loadPolicies();
    const draft = await act().startPolicyDraft();
    expect(publishBlocker(s().governance.policy, draft!, 'planner')).toMatch(/^Only a supervisor can publish a governed version \(you are signed in as planner\)/);
    expect(await act().publishPolicyDraft(draft!.id)).toBeNull();
    expect(s().governance.policy.message?.text).toMatch(/^Not published\. Only a supervisor/);
    expect(services.state.governed.map((v) => v.id)).toEqual(['POL-2']);
    expect(services.state.events).toEqual([]);
  });

  it('a draft started from an older version is refused before sending, naming the newer version', async () => {
    const { services, s, act } = setup('supervisor');
    await act().loadPolicies();
    const old = await act().startPolicyDraft();
    const fresh = await act().startPolicyDraft();
    expect(await act().publishPolicyDraft(fresh!.id)).toBe(3);
    expect(publishBlocker(s().governance.policy, old!, 'supervisor')).toContain('started from v2, but v3 is the newest version');
    expect(await act().publishPolicyDraft(old!.id)).toBeNull();
    expect(services.state.governed.map((v) => v.version)).toEqual([2, 3]);
  });
});
