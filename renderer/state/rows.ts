/**
 * The rows the views show, as the store holds them: domain records joined with the names and figures a planner
 * reads (customer name, tier, value at risk, available). Built by the feature folders' loaders, never by components.
 */
import type { Decision, DecisionType, ExceptionStatus, ExceptionType, Role, Severity } from '../../shared/domain';

/** One line of the exception queue: pulled from the ERP or derived by the engine. */
export interface ExceptionQueueRow {
  id: string;
  type: ExceptionType;
  origin: 'pulled' | 'derived';
  severity: Severity;
  /** ISO instant. */
  detectedAt: string;
  status: ExceptionStatus;
  /** Who acts on it: finance for holds, the planner otherwise. */
  owner: Role;
  reason: string;
  sourceSystem: string;
  orderLineId?: string;
  orderId?: string;
  customerId?: string;
  customerName?: string;
  tier?: 1 | 2 | 3;
  itemId?: string;
  warehouseId?: string;
  /** Open value the exception endangers, integer cents. */
  valueAtRiskCents: number;
}

/** One balance (item x warehouse) with what the planner needs to judge it. */
export interface InventoryRow {
  id: string;
  itemId: string;
  itemDescription: string;
  unit: string;
  warehouseId: string;
  warehouseName: string;
  onHandQty: number;
  erpReservedQty: number;
  wmsCommittedQty: number;
  safetyStockQty: number;
  /** Conservative available-to-allocate: on hand minus the larger of ERP reserved and WMS committed, minus safety stock. */
  availableQty: number;
  /** WMS committed minus ERP reserved; non-zero beyond tolerance is a variance. */
  varianceQty: number;
  hasVariance: boolean;
  inboundQty: number;
  /** Earliest inbound ETA (ISO day), if any. */
  nextEta?: string;
  /** "120 on Dec 2, 80 on Dec 9" */
  inboundByEta: string;
}

/** What the Decisions view calls each state (the domain status joined with the outbox state). */
export const DECISION_DISPLAY_STATUSES = ['proposed', 'approved', 'queued', 'sent', 'applied', 'rejected', 'needs-attention'] as const;
export type DecisionDisplayStatus = (typeof DECISION_DISPLAY_STATUSES)[number];

/** Base / current ERP / proposed side by side, for a decision the ERP refused on a conflict. */
export interface AttentionDetail {
  reason: string;
  base: unknown;
  current: unknown;
  proposed: unknown;
}

export interface DecisionView {
  id: string;
  type: DecisionType;
  displayStatus: DecisionDisplayStatus;
  /** One sentence: what the decision does. */
  summary: string;
  reason: string;
  orderLineId?: string;
  itemId?: string;
  warehouseId?: string;
  customerName?: string;
  tier?: 1 | 2 | 3;
  qty?: number;
  valueAtStakeCents?: number;
  requiredRole?: Role;
  proposedBy: string;
  proposedAt: string;
  approvedBy?: string;
  approvedAt?: string;
  /** The ERP's answer when it refused or failed. */
  erpMessage?: string;
  attention?: AttentionDetail;
  /** The record itself (for edit and re-apply). */
  decision: Decision;
}
