/**
 * The workbench's IndexedDB schema, one constant per version. Never edit a released version: add a new one with its
 * date and an upgrade function in migrations.ts. Dexie index syntax: first key is the primary key, `[a+b]` compound.
 *
 * Entity tables are named by the domain's snapshot keys (`orderLines` for `order-lines`) and keyed by `id`.
 * Only the indexes the views and the engine filter on are declared: every index costs write time on a 100k-row pull.
 */
import { SNAPSHOT_KEYS } from '../../shared/domain';

/** Tables holding ERP records, by entity URL name -> table name: the domain's snapshot keys, one definition. */
export const ENTITY_TABLES = SNAPSHOT_KEYS;

const entityTables = {
  items: 'id, modifiedAt',
  warehouses: 'id, region, modifiedAt',
  lanes: 'id, fromWarehouseId, toWarehouseId, modifiedAt',
  customers: 'id, tier, channel, modifiedAt',
  substitutionRules: 'id, itemId, substituteItemId, modifiedAt',
  dropShipOptions: 'id, itemId, modifiedAt',
  orderLines: 'id, itemId, warehouseId, customerId, status, modifiedAt',
  inventoryBalances: 'id, itemId, warehouseId, modifiedAt',
  exceptions: 'id, type, severity, status, orderLineId, itemId, warehouseId, modifiedAt',
} as const;

/** Version 1 — 2026-11-20: first cache. One live cursor per entity; outbox ordered by approval time only. */
export const SCHEMA_V1 = {
  ...entityTables,
  syncCursors: 'entity',
  syncIssues: '++id, entity, recordId, [entity+recordId]',
  scenarios: 'id, name, updatedAt',
  scenarioEdits: 'id, scenarioId, itemId',
  decisions: 'id, status, type, proposedAt',
  outbox: 'decisionId, state, approvedAt',
  auditLog: '++id, decisionId, at',
  settings: 'key',
} as const;

/**
 * Version 2 — 2026-11-27: full resync into staging. Cursors are keyed by target (`live:order-lines`,
 * `staging:order-lines`) so a resync is resumable without touching the live cursor; staged rows wait in
 * `stagingRows` until the swap. The outbox gets an approval sequence (`seq`, per-row ordering) and a
 * `[state+seq]` index so the sender reads open entries in order without a sort.
 */
export const SCHEMA_V2 = {
  ...entityTables,
  syncCursors: null,
  cursors: 'key, entity, target',
  stagingRows: '[entity+id], entity',
  syncIssues: '++id, entity, recordId, [entity+recordId]',
  scenarios: 'id, name, updatedAt',
  scenarioEdits: 'id, scenarioId, itemId',
  decisions: 'id, status, type, proposedAt, approvedAt',
  outbox: 'decisionId, state, seq, [state+seq]',
  auditLog: '++id, decisionId, at, event',
  settings: 'key',
} as const;

/**
 * Version 3 — 2026-11-27: page records. Chromium's IndexedDB costs ~150 µs per record written (and pays per record
 * read), so a 175k-row pull cannot be one record per row. Pulled pages are stored whole, one record per page of
 * ~1,000 rows of one entity (`entityPages`, key `[entity+gen+seq]`: `gen` is the page set a full resync swaps in,
 * `seq` the order pages were written in, later pages win). Small incremental pages land per row in the entity
 * tables, which are now the *overlay* that shadows the page copy; `entityTombstones` hide deleted page rows. The
 * overlay keeps only `modifiedAt` as an index (the views filter in memory: see renderer/db/README.md); staging
 * moves to page records too, so `stagingRows` goes. Decisions keep only the `status` index (the only one queried;
 * every index is rewritten when approval updates 10,000 decisions).
 */
export const SCHEMA_V3 = {
  items: 'id, modifiedAt',
  warehouses: 'id, modifiedAt',
  lanes: 'id, modifiedAt',
  customers: 'id, modifiedAt',
  substitutionRules: 'id, modifiedAt',
  dropShipOptions: 'id, modifiedAt',
  orderLines: 'id, modifiedAt',
  inventoryBalances: 'id, modifiedAt',
  exceptions: 'id, modifiedAt',
  entityPages: '[entity+gen+seq]',
  entityTombstones: '[entity+id], entity',
  stagingRows: null,
  cursors: 'key, entity, target',
  syncIssues: '++id, entity, recordId, [entity+recordId]',
  scenarios: 'id, name, updatedAt',
  scenarioEdits: 'id, scenarioId, itemId',
  decisions: 'id, status',
  outbox: 'decisionId, state, seq, [state+seq]',
  auditLog: '++id, decisionId, at, event',
  settings: 'key',
} as const;

/**
 * Version 4 — 2026-11-27: an approval is ONE record. Approving N decisions writes one `approvals` record (the
 * approved decisions' ready-made outbox entries, seq numbers assigned) instead of N decision rewrites and N outbox
 * records (~20,000 records for 10,000 decisions, ~150 µs each in Chromium). A background step moves each record into
 * `outbox` and `decisions` in one transaction per record; until then readers overlay it (renderer/db/approvals).
 * The key `[firstSeq+lastSeq]` gives approval order and the count of queued entries from the keys alone. No rows
 * move in the upgrade: the table starts empty.
 */
export const SCHEMA_V4 = {
  ...SCHEMA_V3,
  approvals: '[firstSeq+lastSeq]',
} as const;

export const CURRENT_VERSION = 4;
