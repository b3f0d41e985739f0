/**
 * Decision rows for the Decisions view: the domain status joined with the outbox entry (queued / sent / needs
 * attention / the ERP's refusal), the customer and tier of the line it touches, and one readable sentence.
 */
import type { Customer, Decision, OrderLine } from '../../shared/domain';
import type { OutboxEntry } from '../../shared/sync/outbox/entry';
import { formatDate, formatQuantity } from '../grid/format';
import type { DecisionDisplayStatus, DecisionView } from '../state/rows';

export interface DecisionRowsInput {
  decisions: readonly Decision[];
  outboxOf(decisionId: string): OutboxEntry | undefined;
  lineOf(id: string): OrderLine | undefined;
  customerOf(id: string): Customer | undefined;
}

/** The order line a decision is about (the receiving line of a reallocation). */
export function primaryLineId(d: Decision): string | undefined {
  switch (d.type) {
    case 'reallocate':
      return d.payload.toOrderLineId;
    case 'expedite':
      return undefined;
    default:
      return d.payload.orderLineId;
  }
}

/** Units the decision moves, for the role's quantity limit. */
export function quantityOf(d: Decision): number | undefined {
  switch (d.type) {
    case 'reserve':
    case 'reallocate':
    case 'expedite':
      return d.payload.qty;
    case 'change-source':
    case 'substitute':
      return d.payload.reserveQty;
    case 'split':
      return d.payload.parts.reduce((n, p) => n + p.qty, 0);
    default:
      return undefined;
  }
}

/** One sentence a supervisor can approve from. */
export function describeDecision(d: Decision): string {
  const q = (n: number) => formatQuantity(n);
  switch (d.type) {
    case 'reserve':
      return `Reserve ${q(d.payload.qty)} for ${d.payload.orderLineId}`;
    case 'reallocate':
      return `Move ${q(d.payload.qty)} from ${d.payload.fromOrderLineId} to ${d.payload.toOrderLineId}`;
    case 'change-source':
      return `Ship ${d.payload.orderLineId} from ${d.payload.toWarehouseId}, reserve ${q(d.payload.reserveQty)}`;
    case 'substitute':
      return `Substitute ${d.payload.substituteItemId} on ${d.payload.orderLineId}, reserve ${q(d.payload.reserveQty)}`;
    case 'split':
      return `Split ${d.payload.orderLineId}: keep ${q(d.payload.keepQty)}, ${d.payload.parts.map((p) => `${q(p.qty)} from ${p.warehouseId}`).join(', ')}`;
    case 'drop-ship':
      return `Drop-ship ${d.payload.orderLineId} via ${d.payload.dropShipOptionId}`;
    case 'expedite':
      return `Expedite ${q(d.payload.qty)} of ${d.payload.itemId} at ${d.payload.warehouseId} to ${formatDate(d.payload.newEta)}`;
    case 'release-hold':
      return `Release the hold on ${d.payload.orderLineId}`;
    case 'backorder':
      return `Backorder ${d.payload.orderLineId}, re-promise ${formatDate(d.payload.promisedDate)}`;
    case 'cancel':
      return `Cancel the open quantity of ${d.payload.orderLineId}`;
  }
}

function displayStatus(d: Decision, entry: OutboxEntry | undefined): DecisionDisplayStatus {
  switch (d.status) {
    case 'proposed':
      return 'proposed';
    case 'rejected':
    case 'failed':
      return 'rejected';
    case 'conflicted':
      return 'needs-attention';
    case 'applied':
      return 'applied';
    default:
      if (!entry) return 'approved';
      if (entry.state === 'sending') return 'sent';
      if (entry.state === 'needs-attention') return 'needs-attention';
      if (entry.state === 'applied') return 'applied';
      if (entry.state === 'rejected' || entry.state === 'discarded') return 'rejected';
      return 'queued';
  }
}

function erpMessageOf(entry: OutboxEntry | undefined): string | undefined {
  if (!entry) return undefined;
  if (entry.state === 'rejected') {
    const answer = entry.answer as { message?: unknown; error?: { message?: unknown } } | undefined;
    const text = answer?.error?.message ?? answer?.message ?? entry.lastError?.message;
    return typeof text === 'string' ? `The ERP refused it: ${text}` : 'The ERP refused it.';
  }
  if (entry.lastError && entry.state === 'queued') return `Retrying: ${entry.lastError.message}`;
  return undefined;
}

export function buildDecisionRows(input: DecisionRowsInput): DecisionView[] {
  return input.decisions.map((d) => {
    const entry = input.outboxOf(d.id);
    const lineId = primaryLineId(d);
    const line = lineId ? input.lineOf(lineId) : undefined;
    const customer = line ? input.customerOf(line.customerId) : undefined;
    const qty = quantityOf(d);
    const erpMessage = erpMessageOf(entry);
    const view: DecisionView = {
      id: d.id,
      type: d.type,
      displayStatus: displayStatus(d, entry),
      summary: describeDecision(d),
      reason: d.reason,
      proposedBy: d.proposedBy,
      proposedAt: d.proposedAt,
      decision: d,
      ...(lineId ? { orderLineId: lineId } : {}),
      ...(line ? { itemId: line.itemId, warehouseId: line.warehouseId } : d.type === 'expedite' ? { itemId: d.payload.itemId, warehouseId: d.payload.warehouseId } : {}),
      ...(customer ? { customerName: customer.name, tier: customer.tier } : {}),
      ...(qty !== undefined ? { qty } : {}),
      ...(d.valueAtStake !== undefined ? { valueAtStakeCents: d.valueAtStake } : {}),
      ...(d.requiredRole ? { requiredRole: d.requiredRole } : {}),
      ...(d.approvedBy ? { approvedBy: d.approvedBy } : {}),
      ...(d.approvedAt ? { approvedAt: d.approvedAt } : {}),
      ...(erpMessage ? { erpMessage } : {}),
      ...(entry?.attention
        ? { attention: { reason: entry.attention.reason, base: entry.attention.base, current: entry.attention.current, proposed: entry.attention.proposed } }
        : {}),
    };
    return view;
  });
}
