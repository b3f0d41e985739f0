import { describe, expect, it, vi } from 'vitest';
import type { Decision, Role } from '../../shared/domain';
import { defaultPolicy } from '../../shared/engine/policy';
import type { SessionInfo } from '../../shared/ipc';
import type { SyncStatus } from '../../shared/sync/status/status-model';
import { INITIAL_STATUS } from '../../shared/sync/status/status-model';
import type { DecisionView, ExceptionQueueRow } from './rows';
import type { DecisionChange, WorkbenchServices } from './services';
import { createMemoryGovernanceServices } from '../policy/memory-governance-services';
import { bootWorkbench, createWorkbenchStore } from './store';
import { selectPullFraction, selectSyncHeadline } from './sync-slice';

function decision(id: string, over: Partial<DecisionView> = {}): DecisionView {
  return {
    id,
    type: 'reserve',
    displayStatus: 'proposed',
    summary: `Reserve 10 for ${id}`,
    reason: 'shortfall',
    qty: 10,
    valueAtStakeCents: 10_000,
    tier: 2,
    proposedBy: 'engine',
    proposedAt: '2026-11-27T08:00:00.000Z',
    decision: { id } as unknown as Decision,
    ...over,
  };
}

function session(role: Role): SessionInfo {
  return { baseUrl: 'http://erp.test', username: role === 'planner' ? 'pat' : 'sam', role, expiresAt: '2026-11-28T00:00:00Z', hasToken: true };
}

function fakeServices(decisions: DecisionView[]) {
  const listeners = new Set<(s: SyncStatus) => void>();
  const approved: string[][] = [];
  const loads = { exceptions: 0, decisions: 0 };
  let stored: unknown = null;
  const services: WorkbenchServices = {
    session: {
      appInfo: async () => ({ name: 'wb', version: '1', platform: 'browser', erp: { baseUrl: 'http://erp.test', embedded: true, label: 'Built-in reference ERP' } }),
      current: async () => null,
      signIn: async (_b, user, password) =>
        password === 'right' ? { ok: true, session: { ...session('planner'), username: user } } : { ok: false, status: 401, message: 'The ERP refused the user name or password.' },
      signOut: async () => undefined,
    },
    sync: {
      start: async () => undefined,
      stop: () => undefined,
      subscribe: (l) => {
        listeners.add(l);
        l(INITIAL_STATUS);
        return () => listeners.delete(l);
      },
      pullNow: async () => undefined,
      fullResync: async () => undefined,
      cancel: () => undefined,
      pushNow: async () => undefined,
      approve: async (ids): Promise<DecisionChange> => {
        approved.push([...ids]);
        for (const d of decisions) if (ids.includes(d.id)) d.displayStatus = 'queued';
        return { ok: true, count: ids.length };
      },
      reject: async (ids) => ({ ok: true, count: ids.length }),
      resolveNeedsAttention: async () => ({ ok: true, count: 1 }),
      setWorkOffline: async () => undefined,
      signedIn: async () => undefined,
    },
    cache: {
      loadExceptionQueue: async (origin) => {
        if (origin === 'pulled') loads.exceptions++;
        return [];
      },
      loadInventory: async () => [],
      loadDecisions: async () => {
        loads.decisions++;
        return decisions.map((d) => ({ ...d }));
      },
      addProposedDecisions: async (ds) => ds.length,
    },
    engine: { call: async () => ({ ok: false, error: { kind: 'internal', message: 'no engine in store tests' } }), terminate: () => undefined },
    scenarioStore: {
      list: async () => ({ ok: true, value: [] }),
      save: async () => ({ ok: false, message: 'not in store tests' }),
      open: async () => ({ ok: false, message: 'not in store tests' }),
      remove: async () => ({ ok: true, value: null }),
    },
    excel: {
      excel: { call: async () => ({ ok: false, error: { kind: 'internal', message: 'no Excel worker in store tests' } }), terminate: () => undefined },
      files: { save: async () => ({ saved: false }), open: async () => null },
    } as unknown as WorkbenchServices['excel'],
    governance: createMemoryGovernanceServices(),
    preferences: { load: () => stored, save: (v) => (stored = JSON.parse(JSON.stringify(v))) },
    approvalLimits: () => defaultPolicy.approvals,
    now: () => Date.parse('2026-11-27T09:00:00Z'),
  };
  const emit = (s: SyncStatus) => listeners.forEach((l) => l(s));
  return { services, approved, loads, emit, stored: () => stored };
}

describe('decisions slice: approval limited by role and policy', () => {
  it('refuses a planner above the value threshold, names the limit, and approves nothing it may not', async () => {
    const f = fakeServices([decision('D-1'), decision('D-2', { valueAtStakeCents: 900_000 })]);
    const store = createWorkbenchStore(f.services);
    store.setState({ session: session('planner') });
    await store.getState().loadDecisions();
    const outcome = await store.getState().approveDecisions(['D-1', 'D-2']);
    expect(f.approved).toEqual([['D-1']]);
    expect(outcome.tone).toBe('warning');
    expect(outcome.details[0]).toBe('D-2: value $9,000.00 is above the planner limit of $5,000.00; supervisor or finance must approve it.');
  });

  it('refuses everything when no selected decision is within the role, without calling the sync service', async () => {
    const f = fakeServices([decision('D-9', { tier: 1 })]);
    const store = createWorkbenchStore(f.services);
    store.setState({ session: session('planner') });
    await store.getState().loadDecisions();
    const outcome = await store.getState().approveDecisions(['D-9']);
    expect(f.approved).toEqual([]);
    expect(outcome.tone).toBe('error');
    expect(outcome.details[0]).toContain('customer tier 1');
  });

  it('lets a supervisor approve 200 in one call and shows them queued at once', async () => {
    const ds = Array.from({ length: 200 }, (_, i) => decision(`D-${i}`, { valueAtStakeCents: 900_000 }));
    const f = fakeServices(ds);
    const store = createWorkbenchStore(f.services);
    store.setState({ session: session('supervisor') });
    await store.getState().loadDecisions();
    store.getState().setDecisionSelection(ds.map((d) => d.id));
    const outcome = await store.getState().approveDecisions(store.getState().selectedDecisionIds);
    expect(f.approved).toHaveLength(1);
    expect(f.approved[0]).toHaveLength(200);
    expect(outcome).toMatchObject({ tone: 'success', message: 'Approved 200 decisions; queued for the ERP.' });
    expect(store.getState().decisions.every((d) => d.displayStatus === 'queued')).toBe(true);
    expect(store.getState().selectedDecisionIds).toEqual([]);
  });

  it('requires a reason to reject', async () => {
    const f = fakeServices([decision('D-1')]);
    const store = createWorkbenchStore(f.services);
    store.setState({ session: session('supervisor') });
    const outcome = await store.getState().rejectDecisions(['D-1'], '  ');
    expect(outcome.tone).toBe('error');
    expect(outcome.message).toContain('reason');
  });
});

describe('connection slice', () => {
  it('keeps the ERP message when sign-in is refused and stays signed out', async () => {
    const store = createWorkbenchStore(fakeServices([]).services);
    expect(await store.getState().signIn('http://erp.test', 'pat', 'wrong')).toBe(false);
    expect(store.getState().signInState).toEqual({ phase: 'failed', message: 'The ERP refused the user name or password.' });
    expect(store.getState().session).toBeNull();
  });
  it('asks for every field before calling the ERP', async () => {
    const store = createWorkbenchStore(fakeServices([]).services);
    expect(await store.getState().signIn('', 'pat', 'x')).toBe(false);
    expect(store.getState().signInState.message).toContain('ERP address');
  });
});

describe('sync slice', () => {
  it('mirrors the status, reloads the views when a pull finishes, and reports synced', async () => {
    const f = fakeServices([]);
    const store = createWorkbenchStore(f.services);
    await store.getState().startSync();
    const pulling: SyncStatus = {
      ...INITIAL_STATUS,
      connectivity: 'syncing',
      erpReachable: true,
      pulling: true,
      pullProgress: { 'order-lines': { entity: 'order-lines', target: 'live', rows: 250, pages: 1, invalid: 0, total: 1000, done: false } },
    };
    f.emit(pulling);
    expect(selectSyncHeadline(store.getState())).toBe('syncing');
    expect(selectPullFraction(store.getState())).toBe(0.25);
    const before = f.loads.exceptions;
    // As the status reducer does, the finished pull keeps its progress (rows received) until the next one starts.
    f.emit({ ...pulling, pulling: false, connectivity: 'online', lastPullAt: { 'order-lines': 1 } });
    await Promise.resolve();
    expect(f.loads.exceptions).toBe(before + 1);
    expect(selectSyncHeadline(store.getState())).toBe('synced');
  });

  it('does not reload the views after an incremental pull that received nothing', async () => {
    const f = fakeServices([]);
    const store = createWorkbenchStore(f.services);
    await store.getState().startSync();
    const empty: SyncStatus = { ...INITIAL_STATUS, connectivity: 'syncing', erpReachable: true, pulling: true, pullProgress: {} };
    f.emit(empty);
    const before = f.loads.exceptions;
    f.emit({ ...empty, pulling: false, connectivity: 'online', pullProgress: { 'order-lines': { entity: 'order-lines', target: 'live', rows: 0, pages: 1, invalid: 0, done: true } } });
    await Promise.resolve();
    expect(f.loads.exceptions).toBe(before);
  });
});

describe('preferences slice', () => {
  it('saves a named view, replaces it by name, and reads it back in a new store', () => {
    const f = fakeServices([]);
    const a = createWorkbenchStore(f.services);
    const state = { columns: [{ id: 'severity', hidden: false }], sort: [{ columnId: 'age', direction: 'desc' as const }], filters: {} };
    expect(a.getState().saveView('exceptions', '  ', state, '')).toContain('Name the view');
    expect(a.getState().saveView('exceptions', 'Critical East', state, 'east')).toBeNull();
    a.getState().saveView('exceptions', 'Critical East', { ...state, sort: [] }, 'east');
    const b = createWorkbenchStore(f.services);
    b.getState().loadPreferences();
    const views = b.getState().preferences.savedViews.exceptions ?? [];
    expect(views.map((v) => [v.name, v.state.sort.length, v.quickFilter])).toEqual([['Critical East', 0, 'east']]);
    expect(b.getState().preferences.activeViews.exceptions).toBe('Critical East');
  });
  it('starts fresh from a stored value of the wrong shape', () => {
    const f = fakeServices([]);
    f.services.preferences.save({ savedViews: { exceptions: [{ nope: 1 }] } });
    const s = createWorkbenchStore(f.services);
    s.getState().loadPreferences();
    expect(s.getState().preferences.savedViews.exceptions).toEqual([]);
  });
});

describe('stores are independent', () => {
  it('two stores do not share state', () => {
    const a = createWorkbenchStore(fakeServices([]).services);
    const b = createWorkbenchStore(fakeServices([]).services);
    a.getState().navigate('decisions');
    expect(b.getState().view).toBe('exceptions');
  });
});

describe('selectors are stable for unchanged state (Zustand re-renders on a new reference)', () => {
  it('returns the same derived arrays and objects until the decisions change', async () => {
    const { selectNeedsAttention, selectDecisionCounts } = await import('./decisions-slice');
    const { selectSavedViews } = await import('./preferences-slice');
    const store = createWorkbenchStore(fakeServices([decision('D-1', { displayStatus: 'needs-attention' })]).services);
    await store.getState().loadDecisions();
    const s = store.getState();
    expect(selectNeedsAttention(s)).toBe(selectNeedsAttention(s));
    expect(selectNeedsAttention(s).map((d) => d.id)).toEqual(['D-1']);
    expect(selectDecisionCounts(s)).toBe(selectDecisionCounts(s));
    expect(selectSavedViews('x')(s)).toBe(selectSavedViews('x')(s));
  });
});

describe('data slice: the queue does not wait for derivation', () => {
  it('shows pulled exceptions first and adds derived ones when the engine answers, in queue order', async () => {
    const f = fakeServices([]);
    let release: (rows: ExceptionQueueRow[]) => void = () => undefined;
    const row = (id: string, origin: 'pulled' | 'derived', severity: ExceptionQueueRow['severity']): ExceptionQueueRow => ({
      id, type: 'backorder', origin, severity, detectedAt: '2026-11-26T00:00:00Z', status: 'open', owner: 'planner', reason: '', sourceSystem: 'erp', valueAtRiskCents: 100,
    });
    f.services.cache.loadExceptionQueue = (origin) =>
      origin === 'pulled' ? Promise.resolve([row('P-1', 'pulled', 'low')]) : new Promise((resolve) => (release = resolve));
    const store = createWorkbenchStore(f.services);
    const loading = store.getState().loadExceptions();
    await vi.waitFor(() => expect(store.getState().exceptionsDeriving).toBe(true));
    expect(store.getState().exceptions.map((e) => e.id)).toEqual(['P-1']);
    release([row('D-1', 'derived', 'critical')]);
    await loading;
    expect(store.getState().exceptions.map((e) => e.id)).toEqual(['D-1', 'P-1']);
    expect(store.getState().exceptionsDeriving).toBe(false);
  });
});

describe('data slice: a derivation failure is said, not hidden', () => {
  it('keeps the pulled rows and tells the planner what could not be derived', async () => {
    const f = fakeServices([]);
    f.services.cache.loadExceptionQueue = async (origin) => {
      if (origin === 'derived') throw new Error('the cache has no order lines');
      return [];
    };
    const store = createWorkbenchStore(f.services);
    await store.getState().loadExceptions();
    expect(store.getState().exceptionsPhase).toBe('ready');
    expect(store.getState().exceptionsError).toContain('could not be worked out from the cache (the cache has no order lines)');
  });
});

describe('boot: the cache read does not wait for the app configuration', () => {
  it('reads the queue while the configuration is still loading, opens sign-in for nobody remembered, and starts sync only after both', async () => {
    const f = fakeServices([]);
    let releaseInfo: () => void = () => undefined;
    const info = f.services.session.appInfo;
    f.services.session.appInfo = () => new Promise((resolve) => (releaseInfo = () => void info().then(resolve)));
    const store = createWorkbenchStore(f.services);
    const boot = bootWorkbench(store);
    await vi.waitFor(() => expect(f.loads.exceptions).toBeGreaterThan(0));
    expect(store.getState().appInfo).toBeNull();
    expect(store.getState().view).toBe('sign-in');
    expect(store.getState().syncStarted).toBe(false);
    releaseInfo();
    await boot;
    expect(store.getState().appInfo?.erp.baseUrl).toBe('http://erp.test');
    expect(store.getState().syncStarted).toBe(true);
  });

  it('opens on the queue for a remembered identity (offline start) and reads the cache', async () => {
    const f = fakeServices([decision('D-1')]);
    f.services.session.current = async () => ({ ...session('planner'), hasToken: false });
    const store = createWorkbenchStore(f.services);
    await bootWorkbench(store);
    expect(store.getState().view).not.toBe('sign-in');
    expect(store.getState().session?.username).toBe('pat');
    expect(f.loads.exceptions).toBeGreaterThan(0);
    expect(store.getState().decisions.map((d) => d.id)).toEqual(['D-1']);
  });
});
