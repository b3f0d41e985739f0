/**
 * The whole store's shape: the union of its slices. The allocation engineer's slice (`createAllocationSlice` from
 * renderer/allocation/allocation-slice.ts) and scenarios join here when committed.
 */
import type { ConnectionSlice } from './connection-slice';
import type { DataSlice } from './data-slice';
import type { DecisionsSlice } from './decisions-slice';
import type { NavigationSlice } from './navigation-slice';
import type { PreferencesSlice } from './preferences-slice';
import type { SyncSlice } from './sync-slice';

export type WorkbenchState = ConnectionSlice & SyncSlice & DataSlice & DecisionsSlice & PreferencesSlice & NavigationSlice;
