// A decision: what a planner proposes and a supervisor approves, written back to the ERP exactly once.
// It names the rows it was based on (with the version seen), so the ERP can refuse it if they have moved.
import type { Cents, IsoDate, IsoDateTime, Qty } from './brands';

export const DECISION_TYPES = [
  'reserve',
  'reallocate',
  'change-source',
  'substitute',
  'split',
  'drop-ship',
  'expedite',
  'release-hold',
  'backorder',
  'cancel',
] as const;
export type DecisionType = (typeof DECISION_TYPES)[number];

export const DECISION_STATUSES = ['proposed', 'approved', 'rejected', 'queued', 'applied', 'conflicted', 'failed'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export const ROLES = ['planner', 'supervisor', 'finance'] as const;
export type Role = (typeof ROLES)[number];

/** Entities a decision can be based on: any served entity (same list as ENTITIES, kept here to avoid an import cycle). */
export const BASIS_ENTITIES = [
  'items',
  'warehouses',
  'lanes',
  'customers',
  'substitution-rules',
  'drop-ship-options',
  'order-lines',
  'inventory-balances',
  'exceptions',
] as const;
export type BasisEntity = (typeof BASIS_ENTITIES)[number];

/** A row the decision read, and the version it read. */
export interface BasisRow {
  readonly entity: BasisEntity;
  readonly id: string;
  readonly version: number;
}

/**
 * What each decision type does in the ERP (all quantities in stocking units):
 * - reserve: reserve `qty` more units for the line at its warehouse (needs available >= qty).
 * - reallocate: move `qty` reserved units from one line to another line of the same item and warehouse.
 * - change-source: move the line to `toWarehouseId`, release its old reservation, reserve `reserveQty` there.
 * - substitute: replace the line's item by `substituteItemId` (a substitution rule must exist), reserve `reserveQty`.
 * - split: keep `keepQty` on the line and move each part to a new line (new ids `${id}-S${n}`), optionally from another warehouse.
 * - drop-ship: fulfil the line's open quantity from a supplier (`dropShipOptionId`); releases its reservation.
 * - expedite: pull `qty` units of inbound supply forward to `newEta`.
 * - release-hold: set the line's holdCode to 'none' (finance role for credit holds).
 * - backorder: release the line's reservation and re-promise it for `promisedDate`.
 * - cancel: cancel the open quantity and release its reservation.
 */
export interface DecisionPayloads {
  readonly reserve: { readonly orderLineId: string; readonly qty: Qty };
  readonly reallocate: { readonly fromOrderLineId: string; readonly toOrderLineId: string; readonly qty: Qty };
  readonly 'change-source': { readonly orderLineId: string; readonly toWarehouseId: string; readonly reserveQty: Qty };
  readonly substitute: { readonly orderLineId: string; readonly substituteItemId: string; readonly reserveQty: Qty };
  readonly split: {
    readonly orderLineId: string;
    readonly keepQty: Qty;
    readonly parts: readonly { readonly qty: Qty; readonly warehouseId: string }[];
  };
  readonly 'drop-ship': { readonly orderLineId: string; readonly dropShipOptionId: string };
  readonly expedite: { readonly itemId: string; readonly warehouseId: string; readonly qty: Qty; readonly newEta: IsoDate };
  readonly 'release-hold': { readonly orderLineId: string };
  readonly backorder: { readonly orderLineId: string; readonly promisedDate: IsoDate };
  readonly cancel: { readonly orderLineId: string };
}

interface DecisionBase<T extends DecisionType> {
  readonly id: string;
  readonly type: T;
  readonly basis: readonly BasisRow[];
  readonly payload: DecisionPayloads[T];
  readonly reason: string;
  readonly proposedBy: string;
  readonly proposedAt: IsoDateTime;
  readonly approvedBy?: string;
  readonly approvedAt?: IsoDateTime;
  readonly status: DecisionStatus;
  /** Value at stake (e.g. open line value moved), for approval thresholds. Optional. */
  readonly valueAtStake?: Cents;
  /** The role whose approval the policy requires. Optional. */
  readonly requiredRole?: Role;
  /** Score factors at proposal time, for audit. Optional. */
  readonly scoreSnapshot?: Readonly<Record<string, number>>;
}

/** A decision of any type; narrow on `type` to get the payload. */
export type Decision = { [T in DecisionType]: DecisionBase<T> }[DecisionType];
/** A decision with its payload for one type. */
export type DecisionOf<T extends DecisionType> = DecisionBase<T>;
