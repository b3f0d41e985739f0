import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { exampleDecision } from '../../shared/domain';
import type { Decision, IsoDateTime } from '../../shared/domain';
import { defaultPolicy } from '../../shared/engine/policy';
import { createGovernanceSlice, createMemoryGovernanceServices } from '../../renderer/policy';
import type { GovernanceStoreState } from '../../renderer/policy';

const at = '2026-11-20T08:00:00.000Z' as IsoDateTime;

describe('in-memory governance services (for store tests)', () => {
  it('carry a draft what-if through proposal stamping and approval logging', async () => {
    const d = { ...exampleDecision, status: 'proposed', requiredRole: undefined } as unknown as Decision;
    const services = createMemoryGovernanceServices({
      governed: [{ id: 'POL-2', version: 2, status: 'governed', name: 'v2', effectiveFrom: at, createdBy: 'b', createdAt: at, basedOn: null, note: '', policy: defaultPolicy }],
      decisions: [d],
      now: () => 1_000,
    });
    const store = createStore<GovernanceStoreState>()((set, get) => ({ session: { username: 'pat', role: 'planner' }, ...createGovernanceSlice(services)(set, get) }));
    const act = () => store.getState().governanceActions;
    await act().loadPolicies();
    const draft = await act().startPolicyDraft();
    await act().useInWhatIf(draft!.id);
    const [stamped] = await act().recordProposals([d]);
    expect(stamped?.requiredRole).toBe('supervisor');
    await act().recordApprovals([d.id], 'sam', 'supervisor');
    expect(services.state.events.map((e) => e.event)).toEqual(['proposed', 'approved']);
    expect(services.state.events[1]).toMatchObject({ governedPolicy: { id: 'POL-2' }, proposedUnder: { id: draft!.id, status: 'draft' } });
  });
});
