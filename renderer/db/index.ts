export { WorkbenchDb, openWorkbenchDb, DEFAULT_DB_NAME } from './database';
export { ENTITY_TABLES, SCHEMA_V1, SCHEMA_V2, CURRENT_VERSION } from './schema';
export type * from './rows';
