// Named selectors over the allocation and scenarios slices: what components read, and nothing else.
import type { Edit, EditContext } from '../../shared/engine/edits';
import type { StateFigures } from '../../shared/engine/types';
import type { AllocationRow } from '../engine-worker/allocation-row';
import { editContextFromRows } from '../engine-worker/edit-context';
import type { AllocationSlice } from './allocation-slice';

type S = AllocationSlice;

export const selectAllocation = (s: S) => s.allocation;
export const selectAllocationActions = (s: S) => s.allocationActions;
export const selectAllocationRows = (s: S) => s.allocation.rows;
export const selectAllocationStatus = (s: S) => s.allocation.status;
export const selectAllocationError = (s: S) => s.allocation.error;
export const selectAllocationSummary = (s: S) => s.allocation.summary;
export const selectAllocationReference = (s: S) => s.allocation.reference;
export const selectCanUndo = (s: S) => s.allocation.canUndo && s.allocation.status === 'ready';
export const selectCanRedo = (s: S) => s.allocation.canRedo && s.allocation.status === 'ready';
export const selectLastChange = (s: S) => s.allocation.lastChange;
export const selectEditCount = (s: S) => s.allocation.edits.length;
export const selectSkuGroups = (s: S) => s.allocation.groups;

/** The row of an order line in the loaded scope, or undefined. */
export function selectRow(s: S, orderLineId: string): AllocationRow | undefined {
  const i = s.allocation.rowIndex.get(orderLineId);
  return i === undefined ? undefined : s.allocation.rows[i];
}

/** The line whose explanation and score breakdown the side panel shows. */
export function selectSelectedRow(s: S): AllocationRow | null {
  const id = s.allocation.selectedLineId;
  return id === null ? null : (selectRow(s, id) ?? null);
}

const contexts = new WeakMap<readonly AllocationRow[], { ref: unknown; ctx: EditContext }>();
/** The edit validator's context over the loaded rows (null until loaded); built per rows array, without copying them. */
export function selectEditContext(s: S): EditContext | null {
  const ref = s.allocation.reference;
  if (!ref) return null;
  const hit = contexts.get(s.allocation.rows);
  if (hit && hit.ref === ref) return hit.ctx;
  const { rows, rowIndex } = s.allocation;
  const rowById: Pick<ReadonlyMap<string, AllocationRow>, 'has' | 'get'> = {
    has: (id) => rowIndex.has(id),
    get: (id) => {
      const i = rowIndex.get(id);
      return i === undefined ? undefined : rows[i];
    },
  };
  const ctx = editContextFromRows(rowById, ref.itemIds, ref.warehouseIds);
  contexts.set(rows, { ref, ctx });
  return ctx;
}

/** One figure of the summary bar: ERP's current state vs the plan. */
export interface SummaryFigure {
  readonly id: string;
  readonly label: string;
  readonly kind: 'percent' | 'count' | 'money';
  readonly before: number;
  readonly after: number;
  /** True when a higher value is better (colours the change). */
  readonly higherIsBetter: boolean;
}

const FIGURES: readonly { id: string; label: string; kind: SummaryFigure['kind']; read: (f: StateFigures) => number; higherIsBetter: boolean }[] = [
  { id: 'fillRateUnits', label: 'Fill rate (units)', kind: 'percent', read: (f) => f.fillRateUnits, higherIsBetter: true },
  { id: 'fillRateLines', label: 'Fill rate (lines)', kind: 'percent', read: (f) => f.fillRateLines, higherIsBetter: true },
  { id: 'fillRateValue', label: 'Fill rate (value)', kind: 'percent', read: (f) => f.fillRateValue, higherIsBetter: true },
  { id: 'lateLines', label: 'Late lines', kind: 'count', read: (f) => f.lateLines, higherIsBetter: false },
  { id: 'marginCents', label: 'Margin', kind: 'money', read: (f) => f.marginCents, higherIsBetter: true },
];

const figureCache = new WeakMap<object, SummaryFigure[]>();
const NO_FIGURES: readonly SummaryFigure[] = [];
/** The summary bar's figures, before (ERP reservations) vs after (the plan). */
export function selectSummaryFigures(s: S): readonly SummaryFigure[] {
  const summary = s.allocation.summary;
  // The same empty array every time: a fresh one would re-render subscribers forever.
  if (!summary) return NO_FIGURES;
  let out = figureCache.get(summary);
  if (!out) {
    out = FIGURES.map((f) => ({ id: f.id, label: f.label, kind: f.kind, before: f.read(summary.before), after: f.read(summary.after), higherIsBetter: f.higherIsBetter }));
    figureCache.set(summary, out);
  }
  return out;
}

export const selectOptimalComparison = (s: S) => s.allocation.optimal;

const sameEdits = (a: readonly Edit[], b: readonly Edit[]): boolean =>
  a === b || (a.length === b.length && a.every((e, i) => JSON.stringify(e) === JSON.stringify(b[i])));

/**
 * True when the plan changed after the optimal comparison was made: other edits in force (an edit, undo, redo or a
 * reopened scenario) or a re-plan from the cache. Undoing back to the compared edits makes it current again — the
 * plan is then the one compared.
 */
export function selectOptimalStale(s: S): boolean {
  const o = s.allocation.optimal;
  if (o.status !== 'ready' || !o.comparison) return false;
  return o.replans !== s.allocation.replans || !sameEdits(o.comparison.edits, s.allocation.edits);
}
