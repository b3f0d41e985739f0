// The workbook layout as data: every sheet's columns, in order, with the header a planner sees. Import finds
// columns by these headers (case and spacing ignored), never by position, so re-ordered columns still work.
import type { SheetColumn } from '../xlsx/write-xlsx';

export const SHEETS = { plan: 'Plan', exceptions: 'Exceptions', inventory: 'Inventory', summary: 'Summary', about: 'About' } as const;

/** Format of the workbook; bump when an import could misread an older one. */
export const WORKBOOK_FORMAT = 'allocation-plan/1';

export const PLAN_COLUMNS = {
  orderLine: { header: 'Order line', kind: 'text', width: 16, inline: true },
  order: { header: 'Order', kind: 'text', width: 12, inline: true },
  slice: { header: 'Slice', kind: 'int', width: 6 },
  customer: { header: 'Customer', kind: 'text', width: 11 },
  customerName: { header: 'Customer name', kind: 'text', width: 26 },
  tier: { header: 'Tier', kind: 'int', width: 6 },
  item: { header: 'Item', kind: 'text', width: 13 },
  warehouse: { header: 'Requested warehouse', kind: 'text', width: 12 },
  hold: { header: 'Hold', kind: 'text', width: 10 },
  orderedQty: { header: 'Ordered qty', kind: 'int', width: 10 },
  openQty: { header: 'Open qty', kind: 'int', width: 10 },
  packSize: { header: 'Pack size', kind: 'int', width: 8 },
  erpReservedQty: { header: 'ERP reserved qty', kind: 'int', width: 11 },
  sliceQty: { header: 'Slice qty', kind: 'int', width: 10 },
  allocatedQty: { header: 'Line allocated qty', kind: 'int', width: 11 },
  shortQty: { header: 'Short qty', kind: 'int', width: 10 },
  source: { header: 'Source', kind: 'text', width: 11 },
  shipFrom: { header: 'Ship from', kind: 'text', width: 11 },
  shipItem: { header: 'Ship item', kind: 'text', width: 13 },
  promisedDate: { header: 'Promised date', kind: 'date', width: 12 },
  plannedShipDate: { header: 'Planned ship date', kind: 'date', width: 12 },
  daysLate: { header: 'Days late', kind: 'int', width: 8 },
  score: { header: 'Score', kind: 'decimal', width: 8 },
  rank: { header: 'Rank', kind: 'int', width: 7 },
  overrideQty: { header: 'Override qty', kind: 'int', width: 12, editable: true },
  overrideSource: { header: 'Override source', kind: 'text', width: 14, editable: true },
  overrideSubstitute: { header: 'Override substitute', kind: 'text', width: 17, editable: true },
  lock: { header: 'Lock', kind: 'text', width: 7, editable: true },
  priorityOverride: { header: 'Priority override', kind: 'int', width: 14, editable: true },
  comment: { header: 'Comment', kind: 'text', width: 30, editable: true },
  fingerprint: { header: 'Row fingerprint', kind: 'text', width: 18, hidden: true, inline: true },
} as const satisfies Record<string, SheetColumn>;
export type PlanColumnKey = keyof typeof PLAN_COLUMNS;
export const PLAN_COLUMN_KEYS = Object.keys(PLAN_COLUMNS) as PlanColumnKey[];

export const INVENTORY_COLUMNS = {
  balance: { header: 'Balance', kind: 'text', width: 20, inline: true },
  item: { header: 'Item', kind: 'text', width: 13 },
  warehouse: { header: 'Warehouse', kind: 'text', width: 11 },
  onHandQty: { header: 'On hand qty', kind: 'int', width: 11 },
  erpReservedQty: { header: 'ERP reserved qty', kind: 'int', width: 11 },
  wmsCommittedQty: { header: 'WMS committed qty', kind: 'int', width: 12 },
  varianceQty: { header: 'ERP vs WMS gap', kind: 'int', width: 11 },
  safetyStockQty: { header: 'Safety stock qty', kind: 'int', width: 11 },
  inboundQty: { header: 'Inbound qty', kind: 'int', width: 10 },
  nextInboundDate: { header: 'Next inbound date', kind: 'date', width: 12 },
  plannedOutQty: { header: 'Planned out qty', kind: 'int', width: 11 },
  addSupplyQty: { header: 'Add supply qty', kind: 'int', width: 13, editable: true },
  supplyDate: { header: 'Supply date', kind: 'date', width: 12, editable: true },
  fingerprint: { header: 'Row fingerprint', kind: 'text', width: 18, hidden: true, inline: true },
} as const satisfies Record<string, SheetColumn>;
export type InventoryColumnKey = keyof typeof INVENTORY_COLUMNS;
export const INVENTORY_COLUMN_KEYS = Object.keys(INVENTORY_COLUMNS) as InventoryColumnKey[];

export const EXCEPTION_COLUMNS = {
  id: { header: 'Exception', kind: 'text', width: 20, inline: true },
  origin: { header: 'Raised by', kind: 'text', width: 11 },
  type: { header: 'Type', kind: 'text', width: 20 },
  severity: { header: 'Severity', kind: 'text', width: 9 },
  status: { header: 'Status', kind: 'text', width: 12 },
  orderLine: { header: 'Order line', kind: 'text', width: 16, inline: true },
  item: { header: 'Item', kind: 'text', width: 13 },
  warehouse: { header: 'Warehouse', kind: 'text', width: 11 },
  detected: { header: 'Detected', kind: 'date', width: 12 },
  impact: { header: 'Impact ($)', kind: 'decimal', width: 11 },
  reason: { header: 'Reason', kind: 'text', width: 60, inline: true },
} as const satisfies Record<string, SheetColumn>;

export const SUMMARY_COLUMNS = [
  { header: 'Measure', kind: 'text', width: 34 },
  { header: 'ERP today', kind: 'decimal', width: 14 },
  { header: 'Plan', kind: 'decimal', width: 14 },
  { header: 'Change', kind: 'decimal', width: 14 },
  { header: 'Unit', kind: 'text', width: 10 },
] as const satisfies readonly SheetColumn[];

export const ABOUT_COLUMNS = [
  { header: 'Topic', kind: 'text', width: 28 },
  { header: 'Details', kind: 'text', width: 110 },
] as const satisfies readonly SheetColumn[];

/** About-sheet topics the import reads back. */
export const ABOUT_KEYS = { format: 'Workbook format', snapshot: 'Snapshot fingerprint', asOf: 'Planning day' } as const;

/** Values a planner may type in the Lock column. */
export const LOCK_YES = ['yes', 'y', 'true', '1', 'x', 'locked'] as const;
export const LOCK_NO = ['no', 'n', 'false', '0', 'unlocked', ''] as const;
/** Typed in Override substitute: the line may not be substituted at all. */
export const NO_SUBSTITUTE = 'none';
export const MAX_COMMENT_LENGTH = 500;
export const MAX_PRIORITY = 1_000_000;
