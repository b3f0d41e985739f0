/**
 * The store factory: one store per app instance (and per test), composed from slices over injected services.
 * Not a module singleton, so tests never share state.
 */
import { createStore } from 'zustand/vanilla';
import { createAllocationSlice } from '../allocation/allocation-slice';
import { createExcelSlice } from '../excel/excel-slice';
import { createGovernanceSlice } from '../policy/governance-slice';
import type { GovernanceGet, GovernanceSet } from '../policy/slice-types';
import { createScenariosSlice } from '../scenarios/scenarios-slice';
import { createConnectionSlice } from './connection-slice';
import { createDataSlice } from './data-slice';
import { createDecisionsSlice } from './decisions-slice';
import { createNavigationSlice } from './navigation-slice';
import { createPreferencesSlice } from './preferences-slice';
import type { WorkbenchServices } from './services';
import { createSyncSlice } from './sync-slice';
import { timed } from './timing';
import type { WorkbenchState } from './workbench-state';

type ScenariosSet = Parameters<ReturnType<typeof createScenariosSlice>>[0];
type ExcelSet = Parameters<ReturnType<typeof createExcelSlice>>[0];
type ExcelGet = Parameters<ReturnType<typeof createExcelSlice>>[1];

export function createWorkbenchStore(services: WorkbenchServices) {
  return createStore<WorkbenchState>()((...a) => ({
    ...createAllocationSlice({ engine: services.engine })(a[0], a[1]),
    ...createScenariosSlice({
      engine: services.engine,
      scenarios: services.scenarioStore,
      // Proposals are attributed to whoever is signed in (or remembered, offline).
      proposedBy: () => a[1]().session?.username ?? 'planner',
      // The scenarios slice only ever sets its own `scenarios` key; its optional view of addProposedDecisions is ours.
    })(a[0] as unknown as ScenariosSet, a[1]),
    // The Excel slice sets only its own `excel` key and reads the allocation and scenarios slices.
    ...createExcelSlice(services.excel)(a[0] as unknown as ExcelSet, a[1] as unknown as ExcelGet),
    // Governance writes only its own keys and reads the session.
    ...createGovernanceSlice(services.governance)(a[0] as unknown as GovernanceSet, a[1] as unknown as GovernanceGet),
    ...createConnectionSlice(services)(...a),
    ...createSyncSlice(services)(...a),
    ...createDataSlice(services)(...a),
    ...createDecisionsSlice(services)(...a),
    ...createPreferencesSlice(services)(...a),
    ...createNavigationSlice(services.now)(...a),
  }));
}

export type WorkbenchStore = ReturnType<typeof createWorkbenchStore>;

/**
 * Loads what the shell needs after the first paint: remembered identity, configuration and cached data, then sync.
 * (Preferences are loaded when the store is created.) The cache read does not wait for the app's configuration (in
 * the browser a fetch of runtime-config.json, ~0.2 s at start): nothing in it depends on which ERP is configured, and
 * the views read the cache whether or not someone is signed in. The identity (local: remembered) still decides the
 * opening view before any data shows, and sync starts only once both are known.
 */
export async function bootWorkbench(store: WorkbenchStore): Promise<void> {
  const s = store.getState();
  const appInfo = timed('boot-app-info', () => s.loadAppInfo());
  await timed('boot-identity', () => s.restoreSession());
  const { session } = store.getState();
  if (session === null) store.getState().navigate('sign-in');
  await Promise.all([appInfo, store.getState().refreshViews()]);
  await store.getState().startSync();
}
