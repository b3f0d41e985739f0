// One row of the allocation grid: an open order line with its plan, flattened to plain data so it crosses the worker
// boundary cheaply and AG Grid can show it without value getters. Built in the worker (row-projection.ts).
import type { ScoreBreakdown, Source, Strategy } from '../../shared/engine/types';

/** The plan's source for the row: one source, several ('mixed'), or none yet ('backorder'). */
export type RowSource = Source | 'mixed' | 'backorder' | 'held';

export interface AllocationRow {
  readonly orderLineId: string;
  readonly orderId: string;
  readonly lineNo: number;
  /** SKU group the line competes in (named by its smallest item id). */
  readonly groupId: string;
  readonly rank: number;
  readonly score: number;
  readonly scoreBreakdown: ScoreBreakdown;
  readonly strategy: Strategy;
  readonly customerId: string;
  readonly customerName: string;
  readonly tier: number;
  readonly channel: string;
  readonly itemId: string;
  /** Requested (and ERP-reserved) warehouse. */
  readonly warehouseId: string;
  readonly orderedQty: number;
  /** Ordered minus shipped. */
  readonly openQty: number;
  /** What the plan tries to fill (open quantity, or the planner's quantity edit). */
  readonly demandQty: number;
  readonly promisedDate: string;
  readonly unitPriceCents: number;
  readonly holdCode: string;
  readonly allowPartial: boolean;
  // the plan
  readonly planSource: RowSource;
  readonly planQty: number;
  readonly planWarehouseId: string | null;
  readonly planShipDate: string | null;
  /** The substitute item the plan uses, if any. */
  readonly planSubstituteItemId: string | null;
  readonly shortQty: number;
  readonly daysLate: number;
  readonly erpReservedQty: number;
  /** planQty - erpReservedQty: what the plan changes against the ERP's current reservation. */
  readonly changeQty: number;
  readonly explanation: string;
  // the planner's edits on this line (editable cells)
  readonly priorityOverride: number | null;
  readonly locked: boolean;
  /** The planner's quantity edit, or null for the open quantity. */
  readonly quantityOverride: number | null;
  /** The planner's source warehouse, or null for the requested one. */
  readonly sourceOverride: string | null;
  /** The planner's substitute choice: an item id, 'none' (substitution forbidden) or null (rules decide). */
  readonly substituteOverride: string | null;
  /** Substitutes a rule allows for the line (choices of the substitute editor). */
  readonly allowedSubstitutes: readonly string[];
}

/** Fields the highlight compares after an edit (what a planner sees move). */
export const COMPARED_FIELDS = [
  'rank',
  'score',
  'planSource',
  'planQty',
  'planWarehouseId',
  'planShipDate',
  'planSubstituteItemId',
  'shortQty',
  'daysLate',
  'changeQty',
  'demandQty',
  'priorityOverride',
  'locked',
  'quantityOverride',
  'sourceOverride',
  'substituteOverride',
] as const satisfies readonly (keyof AllocationRow)[];
