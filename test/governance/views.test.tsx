// Render checks of the governance views (server-side render: no effects run, so the state seeded here is what shows).
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { defaultPolicy } from '../../shared/engine/policy';
import type { IsoDateTime } from '../../shared/domain';
import type { PolicyVersion } from '../../shared/governance';
import { AuditView, InsightsView, PolicyView, createGovernanceSlice } from '../../renderer/policy';
import type { GovernanceServices, GovernanceStoreState } from '../../renderer/policy';
import { audit, input } from './fixtures';

const at = '2026-11-20T08:00:00.000Z' as IsoDateTime;
const v = (n: number, status: PolicyVersion['status']): PolicyVersion => ({ id: `POL-${n}`, version: n, status, name: `Policy ${n}`, effectiveFrom: at, createdBy: 'board', createdAt: at, basedOn: null, note: '', policy: defaultPolicy });

const never = () => new Promise<never>(() => {});
const services: GovernanceServices = {
  policies: { fetchGoverned: never, loadLocal: never, saveGoverned: never, saveDrafts: never, useForWhatIf: never, publish: never },
  audit: { read: never, append: never, decisions: never, push: never },
  insights: { readInput: never },
  files: { save: never, openText: never },
  now: () => Date.parse('2026-11-20T12:00:00Z'),
  newId: () => 'x',
};

/** A store whose initial state holds the patch (a server render reads the initial state). */
function storeWith(patch: (s: GovernanceStoreState) => Partial<GovernanceStoreState['governance']>, role: 'supervisor' | 'planner' = 'supervisor') {
  return createStore<GovernanceStoreState>()((set, get) => {
    const base: GovernanceStoreState = { session: { username: role === 'supervisor' ? 'sam' : 'pat', role }, ...createGovernanceSlice(services)(set, get) };
    return { ...base, governance: { ...base.governance, ...patch(base) } };
  });
}

describe('governance views render their state', () => {
  it('PolicyView lists versions, marks the active one and shows its weights and the what-if policy', () => {
    const draft: PolicyVersion = { ...v(2, 'draft'), id: 'DRAFT-1', name: 'Margin first' };
    const store = storeWith((s) => ({ policy: { ...s.governance.policy, loaded: true, governed: [v(1, 'retired'), v(2, 'governed')], drafts: [draft], whatIf: { id: 'DRAFT-1', version: 2, status: 'draft' }, selectedId: 'POL-2' } }));
    const html = renderToString(<PolicyView store={store} />).replaceAll('<!-- -->', '');
    expect(html).toContain('data-testid="policy-item-POL-2"');
    expect(html).toContain('active');
    expect(html).toContain('data-testid="policy-weight-slaUrgency"');
    expect(html).toContain('What-if runs with Margin first (draft from v2)');
    expect(html).toContain('data-testid="policy-compare"');
  });

  it('PolicyView shows the draft editor with refusals for a selected draft', () => {
    const draft: PolicyVersion = { ...v(2, 'draft'), id: 'DRAFT-1', name: 'Margin first' };
    const store = storeWith((s) => ({
      policy: { ...s.governance.policy, loaded: true, governed: [v(2, 'governed')], drafts: [draft], selectedId: 'DRAFT-1', lastCheck: { draftId: 'DRAFT-1', notices: [], issues: [{ field: 'segments[0].channel', expected: 'a known channel', found: '"b2b"', message: '' }] } },
    }));
    const html = renderToString(<PolicyView store={store} />).replaceAll('<!-- -->', '');
    expect(html).toContain('data-testid="draft-editor"');
    expect(html).toContain('segments[0].channel');
  });

  it('PolicyView edits order-type segments and offers a supervisor "Publish draft as version 3"; a planner sees why not', () => {
    const segments = [{ orderType: 'contract', strategy: 'win' }, ...defaultPolicy.segments] as typeof defaultPolicy.segments;
    const draft: PolicyVersion = { ...v(2, 'draft'), id: 'DRAFT-1', name: 'Contracts first', basedOn: 2, policy: { ...defaultPolicy, segments } };
    const state = (s: GovernanceStoreState) => ({ policy: { ...s.governance.policy, loaded: true, governed: [v(1, 'retired'), v(2, 'governed')], drafts: [draft], selectedId: 'DRAFT-1' } });
    const supervisor = renderToString(<PolicyView store={storeWith(state)} />).replaceAll('<!-- -->', '');
    expect(supervisor).toMatch(/data-testid="draft-segment-0-orderType"[^>]*value="contract"|value="contract"[^>]*data-testid="draft-segment-0-orderType"/);
    expect(supervisor).toMatch(/<button[^>]*data-testid="policy-publish-button"[^>]*>Publish draft as version 3<\/button>/);
    expect(supervisor).not.toMatch(/<button[^>]*disabled[^>]*data-testid="policy-publish-button"/);
    const planner = renderToString(<PolicyView store={storeWith(state, 'planner')} />).replaceAll('<!-- -->', '');
    expect(planner).toMatch(/<button[^>]*disabled[^>]*data-testid="policy-publish-button"/);
    expect(planner).toContain('Only a supervisor can publish a governed version (you are signed in as planner)');
    const governed = renderToString(<PolicyView store={storeWith((s) => ({ policy: { ...state(s).policy, governed: [v(1, 'retired'), { ...v(2, 'governed'), policy: draft.policy }], selectedId: 'POL-2' } }))} />);
    expect(governed).toMatch(/data-testid="policy-segment-0"><td>any<\/td><td>any<\/td><td>contract<\/td><td>win<\/td>/);
  });

  it('AuditView shows a decision timeline in order with what happened', () => {
    const store = storeWith((s) => ({ audit: { ...s.governance.audit, loaded: true, events: audit, focus: { kind: 'decision', id: 'D2' } } }));
    const html = renderToString(<AuditView store={store} />).replaceAll('<!-- -->', '');
    const order = [...html.matchAll(/data-event="([a-z-]+)"/g)].map((m) => m[1]);
    expect(order).toEqual(['proposed', 'override', 'approved']);
    expect(html).toContain('pat overrode the engine on L2: allocatedQty 5 (engine) -&gt; 0 (planner)');
  });

  it('InsightsView shows every KPI headline with before and after', () => {
    const store = storeWith((s) => ({ insights: { ...s.governance.insights, input, loadedAt: input.asOf } }));
    const html = renderToString(<InsightsView store={store} charts={false} />).replaceAll('<!-- -->', '');
    expect(html).toContain('data-testid="kpi-fill-rate-before"');
    expect(html.match(/data-testid="kpi-[a-z-]+-value"/g)).toHaveLength(10);
    expect(html).toContain('All rows (3)');
  });
});
