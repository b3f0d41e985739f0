// Allocation-plan workbooks: export (xlsx bytes or CSV text), import (refusal or a diff with the edits to apply).
// Bytes in, bytes out: no files, no DOM, no Node. Compression is injected (see zip/codec.ts).
export type { DeflateCodec } from './zip/codec';
export { exportPlanWorkbook, exportPlanCsv, planSheets } from './plan/export-plan';
export type { PlanExportInput } from './plan/export-plan';
export { importPlanWorkbook } from './plan/import-plan';
export type { PlanImportInput } from './plan/import-plan';
export type { CellProblem, CellChange, ChangedRow, RejectedRow, ImportDiff, ImportOutcome } from './plan/import-types';
export { SHEETS, PLAN_COLUMNS, INVENTORY_COLUMNS, WORKBOOK_FORMAT, NO_SUBSTITUTE } from './plan/layout';
export { lineFingerprint, balanceFingerprint, snapshotFingerprint } from './plan/fingerprint';
export { currentValues } from './plan/current-values';
export { DEFAULT_LIMITS, WorkbookRefusal, REFUSAL_CODES } from './xlsx/refusal';
export type { WorkbookLimits, RefusalCode } from './xlsx/refusal';
export { writeXlsx } from './xlsx/write-xlsx';
export type { SheetInput, SheetColumn, CellValue } from './xlsx/write-xlsx';
export { openXlsx, isExternalFormula, isPrototypeName } from './xlsx/read-xlsx';
export type { OpenedWorkbook, SheetData, RawCell } from './xlsx/read-xlsx';
export { parseTextDate, isoToSerial, serialToIso } from './xlsx/dates';
