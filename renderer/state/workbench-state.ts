/**
 * The whole store's shape: the union of its slices, including the allocation engineer's allocation and scenarios
 * slices (renderer/allocation, renderer/scenarios), the Excel slice (renderer/excel) and governance (renderer/policy).
 */
import type { AllocationSlice } from '../allocation/allocation-slice';
import type { ExcelSlice } from '../excel/excel-slice';
import type { GovernanceSlice } from '../policy/governance-slice';
import type { ScenariosSlice } from '../scenarios/scenarios-slice';
import type { ConnectionSlice } from './connection-slice';
import type { DataSlice } from './data-slice';
import type { DecisionsSlice } from './decisions-slice';
import type { NavigationSlice } from './navigation-slice';
import type { PreferencesSlice } from './preferences-slice';
import type { SyncSlice } from './sync-slice';

export type WorkbenchState = ConnectionSlice &
  SyncSlice &
  DataSlice &
  DecisionsSlice &
  PreferencesSlice &
  NavigationSlice &
  AllocationSlice &
  ScenariosSlice &
  ExcelSlice &
  GovernanceSlice;
