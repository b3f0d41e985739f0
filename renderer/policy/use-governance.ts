/** React access for the governance views: they take the store as a prop and read it through named selectors. */
import { useStore } from 'zustand';
import type { StoreApi } from 'zustand/vanilla';
import type { GovernanceStoreState } from './slice-types';

/** Any store holding the governance slice (the workbench store, or a test's own). */
export type GovernanceStoreApi = Pick<StoreApi<GovernanceStoreState>, 'getState' | 'subscribe' | 'getInitialState'>;

export function useGovernance<T>(store: GovernanceStoreApi, selector: (s: GovernanceStoreState) => T): T {
  return useStore(store, selector);
}

export const selectPolicyState = (s: GovernanceStoreState) => s.governance.policy;
export const selectAuditState = (s: GovernanceStoreState) => s.governance.audit;
export const selectInsightsState = (s: GovernanceStoreState) => s.governance.insights;
export const selectGovernanceActions = (s: GovernanceStoreState) => s.governanceActions;
export const selectRole = (s: GovernanceStoreState) => s.session?.role ?? null;
