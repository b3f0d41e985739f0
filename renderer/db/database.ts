/**
 * The workbench database (Dexie over IndexedDB). Works in a window and in a Web Worker (the engine's worker opens it
 * itself rather than receiving 100k rows by message). Use `openWorkbenchDb()`; there is no module singleton, so tests
 * and the worker each hold their own connection.
 */
import { Dexie } from 'dexie';
import type { Table } from 'dexie';
import type {
  Customer,
  DropShipOption,
  InventoryBalance,
  Item,
  Lane,
  OrderException,
  OrderLine,
  SubstitutionRule,
  Warehouse,
} from '../../shared/domain';
import { SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4 } from './schema';
import { upgradeToV2, upgradeToV3 } from './migrations';
import type {
  ApprovalBatchRow,
  AuditRow,
  CursorRow,
  DecisionRow,
  EntityPageRow,
  EntityTombstoneRow,
  OutboxRow,
  ScenarioEditRow,
  ScenarioRow,
  SettingRow,
  SyncIssueRow,
} from './rows';

export const DEFAULT_DB_NAME = 'allocation-workbench';

export class WorkbenchDb extends Dexie {
  // `declare`: Dexie creates these properties itself; a class field would overwrite them with undefined.
  // The entity tables are the per-row overlay over `entityPages` (schema v3): read rows with readEntityRows().
  declare items: Table<Item, string>;
  declare warehouses: Table<Warehouse, string>;
  declare lanes: Table<Lane, string>;
  declare customers: Table<Customer, string>;
  declare substitutionRules: Table<SubstitutionRule, string>;
  declare dropShipOptions: Table<DropShipOption, string>;
  declare orderLines: Table<OrderLine, string>;
  declare inventoryBalances: Table<InventoryBalance, string>;
  declare exceptions: Table<OrderException, string>;
  declare cursors: Table<CursorRow, string>;
  declare entityPages: Table<EntityPageRow, [string, number, number]>;
  declare entityTombstones: Table<EntityTombstoneRow, [string, string]>;
  declare syncIssues: Table<SyncIssueRow, number>;
  declare scenarios: Table<ScenarioRow, string>;
  declare scenarioEdits: Table<ScenarioEditRow, string>;
  declare decisions: Table<DecisionRow, string>;
  declare outbox: Table<OutboxRow, string>;
  declare auditLog: Table<AuditRow, number>;
  declare settings: Table<SettingRow, string>;
  declare approvals: Table<ApprovalBatchRow, [number, number]>;

  constructor(name: string, options?: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange }) {
    super(name, options);
    this.version(1).stores(SCHEMA_V1);
    this.version(2).stores(SCHEMA_V2).upgrade(upgradeToV2);
    this.version(3).stores(SCHEMA_V3).upgrade(upgradeToV3);
    // v4 only adds the (empty) approvals table: nothing to convert.
    this.version(4).stores(SCHEMA_V4);
  }
}

/**
 * Opens (creating or upgrading) the workbench database. `options` lets Node tests pass fake-indexeddb explicitly.
 */
export async function openWorkbenchDb(
  name: string = DEFAULT_DB_NAME,
  options?: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange },
): Promise<WorkbenchDb> {
  const db = new WorkbenchDb(name, options);
  await db.open();
  return db;
}
