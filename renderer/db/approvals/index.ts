export { readPendingApprovals, countPendingApprovals, withPendingApproval } from './pending';
export type { PendingApprovals } from './pending';
export { readDecisions, getDecisions } from './decisions';
