/**
 * Governance for the shell: the three views, the store slice and the real services. Mount the views with the
 * workbench store (`<PolicyView store={store} />`); compose the slice into the store with the services.
 */
export { PolicyView } from './PolicyView';
export { AuditView } from '../audit/AuditView';
export { InsightsView } from '../insights/InsightsView';
export { createGovernanceSlice, initialGovernanceState, proposalPolicy } from './governance-slice';
export type { GovernanceSlice, GovernanceState, GovernanceActions, ProposalContext } from './governance-slice';
export { createGovernanceServices } from './create-governance-services';
export type { GovernanceServiceDeps } from './create-governance-services';
export type { GovernanceServices } from './governance-services';
export { createKpiWorkerClient } from '../insights/kpi-client';
export type { GovernanceStoreApi } from './use-governance';
export type { GovernanceSet, GovernanceGet, GovernanceStoreState } from './slice-types';
export { createMemoryGovernanceServices } from './memory-governance-services';
export type { MemoryGovernance } from './memory-governance-services';
