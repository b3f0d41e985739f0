export { readPendingApprovals, countPendingApprovals } from './pending';
export type { PendingApprovals } from './pending';
export { readDecisions, getDecisions } from './decisions';
