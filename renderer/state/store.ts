/**
 * The store factory: one store per app instance (and per test), composed from slices over injected services.
 * Not a module singleton, so tests never share state.
 */
import { createStore } from 'zustand/vanilla';
import { createConnectionSlice } from './connection-slice';
import { createDataSlice } from './data-slice';
import { createDecisionsSlice } from './decisions-slice';
import { createNavigationSlice } from './navigation-slice';
import { createPreferencesSlice } from './preferences-slice';
import type { WorkbenchServices } from './services';
import { createSyncSlice } from './sync-slice';
import type { WorkbenchState } from './workbench-state';

export function createWorkbenchStore(services: WorkbenchServices) {
  return createStore<WorkbenchState>()((...a) => ({
    ...createConnectionSlice(services)(...a),
    ...createSyncSlice(services)(...a),
    ...createDataSlice(services)(...a),
    ...createDecisionsSlice(services)(...a),
    ...createPreferencesSlice(services)(...a),
    ...createNavigationSlice(services.now)(...a),
    // Allocation (what-if) and scenarios: `...createAllocationSlice(services.engine)(...a)` from
    // renderer/allocation/allocation-slice.ts joins here once committed (see workbench-state.ts).
  }));
}

export type WorkbenchStore = ReturnType<typeof createWorkbenchStore>;

/** Loads what the shell needs before the first paint: configuration, remembered identity, preferences, cached data. */
export async function bootWorkbench(store: WorkbenchStore): Promise<void> {
  const s = store.getState();
  s.loadPreferences();
  await Promise.all([s.loadAppInfo(), s.restoreSession()]);
  const { session } = store.getState();
  if (session === null) store.getState().navigate('sign-in');
  await store.getState().refreshViews();
  await store.getState().startSync();
}
