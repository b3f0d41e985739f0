// The engine's public result types: a Plan and its lines, summary, deltas. Consumers (UI worker, Excel export,
// CLI) depend on these shapes; extend them by adding optional fields, never by renaming.
import type { Decision, IsoDate, OrderException, Severity } from '../domain';

/** Where a planned quantity comes from, in the order priority mode tries them. */
export const SOURCES = ['on-hand', 'inbound', 'transfer', 'substitute', 'drop-ship'] as const;
export type Source = (typeof SOURCES)[number];

/** One slice of supply assigned to a line. For a transfer, `warehouseId` is the warehouse the stock leaves from. */
export interface Allocation {
  readonly itemId: string;
  readonly warehouseId: string;
  /** Units of `itemId` taken from the source (for a substitute: substitute units, i.e. line units x ratio). */
  readonly qty: number;
  /** Units of the ordered item this slice fills (equals qty except for substitutes with ratio != 1). */
  readonly lineQty: number;
  readonly shipDate: IsoDate;
  readonly source: Source;
  /** Drop-ship only: the supplier option used. */
  readonly dropShipOptionId?: string;
  /** Cost of this slice in cents: transfer, substitution or premium, plus lateness. */
  readonly costCents: number;
}

/** Named score factors; the weights in the policy use the same names. */
export const SCORE_FACTORS = ['slaUrgency', 'margin', 'contract', 'tier', 'orderAge', 'erpPriority'] as const;
export type ScoreFactor = (typeof SCORE_FACTORS)[number];
export type ScoreBreakdown = Readonly<Record<ScoreFactor, number>>;

/** Segment strategies relative to the ERP's current reservation. */
export const STRATEGIES = ['win', 'gain', 'redistribute', 'fill', 'lose'] as const;
export type Strategy = (typeof STRATEGIES)[number];

export type PlanMode = 'priority' | 'optimal';

/** The plan for one order line. */
export interface PlanLine {
  readonly orderLineId: string;
  /** The SKU group (connected items by substitution) this line competes in. */
  readonly groupId: string;
  /** 1 = served first within its SKU group. */
  readonly rank: number;
  /** Weighted score 0..100 (sum of scoreBreakdown). */
  readonly score: number;
  readonly scoreBreakdown: ScoreBreakdown;
  readonly strategy: Strategy;
  /** Open quantity the line asks for (ordered - shipped, or the planner's quantity edit). */
  readonly demandQty: number;
  readonly allocatedQty: number;
  readonly allocations: readonly Allocation[];
  readonly shortQty: number;
  /** The ERP's current reservation for the line, for before/after. */
  readonly erpReservedQty: number;
  /** True when the line is filled from more than one source slice. */
  readonly split: boolean;
  /** True when something but not everything is allocated. */
  readonly partial: boolean;
  /** Latest ship date among its slices (null when nothing allocated). */
  readonly shipDate: IsoDate | null;
  readonly daysLate: number;
  readonly held: boolean;
  readonly locked: boolean;
  readonly priorityOverride: number | null;
  readonly explanation: string;
}

/** Figures for one state (the ERP's current reservations, or the plan). Money in cents. */
export interface StateFigures {
  readonly lines: number;
  readonly linesFilled: number;
  readonly demandUnits: number;
  readonly allocatedUnits: number;
  readonly demandValueCents: number;
  readonly allocatedValueCents: number;
  readonly fillRateUnits: number;
  readonly fillRateLines: number;
  readonly fillRateValue: number;
  readonly onTimeLines: number;
  readonly lateLines: number;
  readonly lateDays: number;
  readonly marginCents: number;
  readonly transferCostCents: number;
  readonly substitutionCostCents: number;
  readonly premiumCostCents: number;
  readonly latenessCostCents: number;
  readonly backorderUnits: number;
}

export interface PlanSummary {
  readonly mode: PlanMode;
  readonly asOf: IsoDate;
  readonly before: StateFigures;
  readonly after: StateFigures;
  /** The optimisation objective (weighted value minus costs) of the plan; see README "Optimal formulation". */
  readonly objective: number;
  /** Objective of the ERP's current reservations measured the same way. */
  readonly objectiveBefore: number;
  readonly decisions: number;
  readonly exceptions: number;
  /** Optimal mode only: the priority-mode objective of the same input, and objective - that (the value gap). */
  readonly priorityObjective?: number;
  readonly valueGap?: number;
}

/** A derived exception; the same record shape as the pulled ones, raised by the workbench. */
export type DerivedException = OrderException & { readonly impactCents: number };

export interface Plan {
  readonly mode: PlanMode;
  readonly asOf: IsoDate;
  /** In snapshot order of order lines (open lines only). */
  readonly lines: readonly PlanLine[];
  readonly summary: PlanSummary;
  readonly decisions: readonly Decision[];
  readonly exceptions: readonly DerivedException[];
}

/** What changed for one line after an edit. */
export interface LineDelta {
  readonly orderLineId: string;
  readonly before: PlanLine;
  readonly after: PlanLine;
}

export interface EditResult {
  readonly deltas: readonly LineDelta[];
  readonly summary: PlanSummary;
  /** SKU groups recomputed for this edit. */
  readonly groupsRecomputed: number;
}

export type { Severity };
