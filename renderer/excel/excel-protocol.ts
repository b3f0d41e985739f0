// Messages between the UI thread and the Excel worker. Plain data only (structured clone); workbook bytes
// are transferred, not copied.
import type { Edit } from '../../shared/engine/edits';
import type { ImportOutcome } from '../../shared/excel';

export interface ExportRequest {
  /** The scenario's edits: the plan is allocated with them and the editable columns show them. */
  readonly edits: readonly Edit[];
  /** Only these lines (the open filtered view); all lines when absent. */
  readonly lineIds?: readonly string[];
  readonly scenarioName?: string;
  readonly exportedAt: string;
  readonly format: 'xlsx' | 'csv';
}

export interface ExportResult {
  readonly bytes: Uint8Array;
  readonly fileName: string;
  readonly mimeType: string;
  readonly lines: number;
}

export interface ImportRequest {
  readonly edits: readonly Edit[];
  readonly bytes: Uint8Array;
  readonly fileName: string;
}

export interface ExcelRequests {
  export: { args: ExportRequest; result: ExportResult };
  import: { args: ImportRequest; result: ImportOutcome };
}
export type ExcelRequestName = keyof ExcelRequests;

/** Where a long job is (shown under the progress bar). */
export interface ExcelProgress {
  readonly stage: string;
}

export type ExcelReply<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly message: string };

export type ExcelRequestMessage = { [K in ExcelRequestName]: { readonly id: number; readonly name: K; readonly dbName: string; readonly args: ExcelRequests[K]['args'] } }[ExcelRequestName];
export type ExcelResponseMessage =
  | ({ readonly id: number; readonly kind: 'reply' } & ExcelReply<unknown>)
  | { readonly id: number; readonly kind: 'progress'; readonly progress: ExcelProgress };
