export { WorkbenchDb, openWorkbenchDb, DEFAULT_DB_NAME } from './database';
export { ENTITY_TABLES, SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, CURRENT_VERSION } from './schema';
export { readEntityRows, getEntityRows, countEntityRows, entityChangeStamp, putEntityRows, compactEntity, rowTablesFor } from './entity-rows';
export type * from './rows';
export { readPendingApprovals, countPendingApprovals, readDecisions, getDecisions } from './approvals';
export type { PendingApprovals } from './approvals';
