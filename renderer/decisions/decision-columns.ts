/** The Decisions grid's columns, as data. */
import { defineColumns } from '../grid';
import type { DecisionDisplayStatus, DecisionView } from '../state';

export const STATUS_LABELS: Record<DecisionDisplayStatus, string> = {
  proposed: 'Proposed',
  approved: 'Approved',
  queued: 'Queued',
  sent: 'Sent',
  applied: 'Applied',
  rejected: 'Rejected',
  'needs-attention': 'Needs attention',
};

export const decisionColumns = defineColumns<DecisionView>([
  { id: 'id', header: 'Decision', kind: 'text', width: 150, pinned: 'left' },
  {
    id: 'displayStatus',
    header: 'Status',
    kind: 'text',
    width: 140,
    format: (_v, r) => STATUS_LABELS[r.displayStatus],
    cellClass: (r) => `status-${r.displayStatus}`,
    tooltip: (r) => r.erpMessage,
  },
  { id: 'type', header: 'Type', kind: 'text', width: 120 },
  { id: 'summary', header: 'What it does', kind: 'text', flex: 2, minWidth: 260, tooltip: (r) => r.summary },
  { id: 'customerName', header: 'Customer', kind: 'text', flex: 1, minWidth: 150 },
  { id: 'tier', header: 'Tier', kind: 'number', width: 75 },
  { id: 'qty', header: 'Qty', kind: 'quantity', width: 90 },
  { id: 'valueAtStake', header: 'Value', kind: 'money', width: 120, value: (r) => (r.valueAtStakeCents === undefined ? undefined : r.valueAtStakeCents / 100) },
  { id: 'requiredRole', header: 'Needs', kind: 'text', width: 100 },
  { id: 'reason', header: 'Reason', kind: 'text', flex: 1, minWidth: 180, tooltip: (r) => r.reason },
  { id: 'proposedAt', header: 'Proposed', kind: 'datetime', width: 170 },
  { id: 'approvedBy', header: 'Approved by', kind: 'text', width: 120 },
  { id: 'erpMessage', header: 'ERP answer', kind: 'text', width: 200, tooltip: (r) => r.erpMessage },
]);
