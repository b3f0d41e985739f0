// The typed message protocol between the UI thread and the engine's Web Worker. One map of request name ->
// { args, result }; the client's `call` and the worker's handler are both typed from it, so a misspelt request or a
// wrong payload is a compile error. Everything here must survive structured clone (plain data, no classes).
import type { Decision, IsoDate } from '../../shared/domain';
import type { Edit, EditIssue } from '../../shared/engine/edits';
import type { Allocation, DerivedException, Plan, PlanSummary, ScoreBreakdown } from '../../shared/engine/types';
import type { AllocationRow } from './allocation-row';
import type { ExceptionQueueRow, InventoryRow } from '../state/rows';
import type { RowBatch } from './row-batch';

/** Which lines the allocation view shows. */
export type AllocationScope =
  /** The SKU group (items linked by substitution) containing this item — what opening an exception leads to. */
  | { readonly kind: 'sku-group'; readonly itemId: string }
  /** A filtered set of lines across groups; every given criterion must hold. */
  | { readonly kind: 'filter'; readonly filter: LineFilter }
  /** Every open line (the benchmark's 100k view). */
  | { readonly kind: 'all' };

export interface LineFilter {
  readonly itemIds?: readonly string[];
  readonly warehouseId?: string;
  readonly customerId?: string;
  readonly tier?: 1 | 2 | 3;
  readonly channel?: string;
  readonly orderLineIds?: readonly string[];
  /** Only lines the plan leaves short. */
  readonly shortOnly?: boolean;
}

/** A SKU group the planner can pick, with the figures that make it worth opening. */
export interface SkuGroupInfo {
  readonly groupId: string;
  readonly itemIds: readonly string[];
  readonly lines: number;
  readonly shortLines: number;
  readonly shortUnits: number;
}

/** What the grid needs besides rows: lists for the editors and the supply panel. */
export interface AllocationReferenceData {
  readonly asOf: IsoDate;
  readonly warehouseIds: readonly string[];
  /** Items present in the scope (supply panel choices). */
  readonly itemIds: readonly string[];
}

export interface LoadResult {
  readonly scope: AllocationScope;
  /** Scope's rows in rank order (group, then rank), in columns (decodeRows turns them into row objects). */
  readonly rows: RowBatch;
  readonly summary: PlanSummary;
  readonly reference: AllocationReferenceData;
  /** Edits currently applied in the session (non-empty after reopening a scenario). */
  readonly edits: readonly Edit[];
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** Milliseconds spent reading the cache + building the session (only when this call built it). */
  readonly buildMs: number | null;
  /** Open lines in the whole cache (to tell "empty cache" from "empty filter"). */
  readonly totalLines: number;
}

/** The answer to an edit, undo or redo: the rows of the scope that changed, and the new summary. */
export interface EditOutcome {
  /** Rows (in scope) after the change. */
  readonly rows: readonly AllocationRow[];
  /** Per changed row, the fields whose value changed (for the highlight). */
  readonly changedFields: Readonly<Record<string, readonly string[]>>;
  /** Lines that changed outside the loaded scope (a filtered view may not show every competitor). */
  readonly changedOutsideScope: number;
  readonly summary: PlanSummary;
  readonly edits: readonly Edit[];
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** Worker-side compute time for the edit (engine + projection). */
  readonly engineMs: number;
}

/** A line whose plan differs between the baseline (no edits) and the scenario. */
export interface ComparedLine {
  readonly orderLineId: string;
  readonly groupId: string;
  readonly customerName: string;
  readonly itemId: string;
  readonly baseline: { readonly rank: number; readonly allocatedQty: number; readonly shortQty: number; readonly source: string; readonly shipDate: string | null };
  readonly scenario: { readonly rank: number; readonly allocatedQty: number; readonly shortQty: number; readonly source: string; readonly shipDate: string | null };
}

export interface ScenarioComparison {
  readonly baseline: PlanSummary;
  readonly scenario: PlanSummary;
  readonly changedLines: readonly ComparedLine[];
  /** Total changed lines (changedLines is capped for display). */
  readonly changedLineCount: number;
}

/** A line that the exact optimum plans differently from the current (rule-based) plan. */
export interface OptimalLineDifference {
  readonly orderLineId: string;
  readonly groupId: string;
  readonly customerName: string;
  readonly itemId: string;
  readonly currentQty: number;
  readonly optimalQty: number;
  /**
   * Optimal minus current line value, in cents; a line's value is its allocated units at the unit price less the
   * cost of its slices (transfer, substitution, premium, lateness).
   */
  readonly valueDifferenceCents: number;
}

/** The current scenario (priority mode, what the planner edits) beside the exact optimum of the same input. */
export interface OptimalComparison {
  /** The current plan's summary (priority mode, with the session's edits). */
  readonly current: PlanSummary;
  /** The optimal plan's summary (its `valueGap` = optimal - priority objective, in cents). */
  readonly optimal: PlanSummary;
  /** Optimal minus priority objective, cents (never negative for a correct engine). */
  readonly valueGapCents: number;
  /** The priority objective the gap is measured from, cents. */
  readonly priorityObjectiveCents: number;
  /** Lines in the whole plan whose allocated quantity differs between the two plans. */
  readonly differentQtyLines: number;
  /** The same within the scope the view had open (equal to the above for All lines). */
  readonly differentQtyLinesInScope: number;
  /** The scope the top lines were picked from. */
  readonly scope: AllocationScope;
  /** Lines of that scope by |value difference|, largest first (ties by line id), at most `maxLines`. */
  readonly topLines: readonly OptimalLineDifference[];
  /** The edits in force when the comparison was computed (the view marks it stale when they change). */
  readonly edits: readonly Edit[];
  /** Worker-side time of the optimal run and the comparison. */
  readonly engineMs: number;
}

/** One line's plan in full, for the side panel. */
export interface LineDetailInfo {
  readonly orderLineId: string;
  readonly rank: number;
  readonly score: number;
  readonly scoreBreakdown: ScoreBreakdown;
  readonly explanation: string;
  /** Where each unit comes from (for a transfer, warehouseId is where the stock leaves from). */
  readonly allocations: readonly Allocation[];
}

/** Every request the worker answers. */
export interface EngineRequests {
  /** Chooses the cache database before the first load (default: the workbench database). */
  configure: { args: { dbName: string }; result: null };
  /** Reads the cache (first call, or `reload`) and returns the scope's rows. */
  load: { args: { scope: AllocationScope; reload?: boolean }; result: LoadResult };
  /**
   * The pulled exceptions joined with their line, customer, tier and value at risk, in queue order. The worker reads
   * the whole cache for it (the UI thread would block for seconds deserialising 100k order lines) and keeps that read
   * for the `inventory` and `exceptions` requests that follow, so the session is built without reading it again.
   */
  queue: { args: Record<string, never>; result: readonly ExceptionQueueRow[] };
  /** Inventory rows (balances with available-to-allocate, variance, inbound), from the same read as `queue`. */
  inventory: { args: Record<string, never>; result: readonly InventoryRow[] };
  /**
   * The exceptions the engine derives from the cache's baseline plan (shortage, variance, late risk). The first call
   * builds the what-if session, so the exception queue's derivation also readies the allocation view. `reread`: the
   * cache changed since the last call; a session no view has opened yet is rebuilt, one the planner is working in is
   * left alone (the view offers its own re-plan) and the exceptions come from a fresh read.
   */
  exceptions: { args: { reread?: boolean }; result: readonly DerivedException[] };
  /** SKU groups, most short units first (for the group picker and "open the worst group"). */
  groups: { args: { limit?: number }; result: readonly SkuGroupInfo[] };
  /** Validates (against the snapshot) and applies one edit. */
  apply: { args: { edit: Edit }; result: EditOutcome };
  undo: { args: Record<string, never>; result: EditOutcome };
  redo: { args: Record<string, never>; result: EditOutcome };
  /** Starts over from the baseline and applies these edits (reopening a scenario); returns the current scope. */
  replaceEdits: { args: { edits: readonly Edit[] }; result: LoadResult };
  /** The current session against the baseline plan. */
  compare: { args: { maxLines?: number }; result: ScenarioComparison };
  /**
   * The current scenario (snapshot, policy, edits) allocated in optimal mode and compared with the current plan. A
   * comparison only: the session's plan is not changed. Top lines come from the loaded scope.
   */
  optimal: { args: { maxLines?: number }; result: OptimalComparison };
  /** Decisions turning the current plan's differences from the ERP's reservations into proposals. */
  propose: { args: { proposedAt: string; proposedBy: string; onlyChangedFromBaseline?: boolean }; result: { readonly decisions: readonly Decision[] } };
  /** One line's allocation slices and explanation. */
  line: { args: { orderLineId: string }; result: LineDetailInfo };
  /** The full current plan (Excel export). */
  plan: { args: Record<string, never>; result: Plan };
}
export type EngineRequestName = keyof EngineRequests;
export type EngineArgs<K extends EngineRequestName> = EngineRequests[K]['args'];
export type EngineResult<K extends EngineRequestName> = EngineRequests[K]['result'];

/** Error kinds the UI treats differently: `invalid-edit` is shown in the cell, the rest in a banner. */
export const ENGINE_ERROR_KINDS = ['invalid-edit', 'no-session', 'empty-cache', 'snapshot', 'nothing-to-undo', 'nothing-to-redo', 'internal'] as const;
export type EngineErrorKind = (typeof ENGINE_ERROR_KINDS)[number];

export interface EngineError {
  readonly kind: EngineErrorKind;
  readonly message: string;
  /** For invalid edits: each field at fault. */
  readonly issues?: readonly EditIssue[];
}

/** Errors are values: a request answers either its result or an error the UI can show. */
export type EngineReply<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: EngineError };

/** UI thread -> worker. */
export interface EngineRequestMessage<K extends EngineRequestName = EngineRequestName> {
  readonly id: number;
  readonly name: K;
  readonly args: EngineArgs<K>;
}

/** Worker -> UI thread. */
export type EngineResponseMessage = { readonly id: number } & EngineReply<unknown>;
