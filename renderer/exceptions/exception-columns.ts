/** The exception queue's columns, as data. */
import type { ExceptionType, Severity } from '../../shared/domain';
import { defineColumns } from '../grid';
import type { ExceptionQueueRow } from '../state';

export const EXCEPTION_TYPE_LABELS: Record<ExceptionType, string> = {
  backorder: 'Backorder',
  'allocation-dispute': 'Allocation dispute',
  'credit-hold': 'Credit hold',
  'compliance-hold': 'Compliance hold',
  'substitution-request': 'Substitution request',
  'shipment-delay': 'Shipment delay',
  'inventory-variance': 'Inventory variance',
};

const SEVERITY_RANK: Record<Severity, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/** Columns; `now` fixes the age at load time so sorting by age is stable while the planner works. */
export function exceptionColumns(now: number) {
  return defineColumns<ExceptionQueueRow>([
    { id: 'type', header: 'Type', kind: 'text', width: 170, pinned: 'left', format: (_v, r) => EXCEPTION_TYPE_LABELS[r.type] },
    {
      id: 'severity',
      header: 'Severity',
      kind: 'text',
      width: 110,
      sortBy: (r) => SEVERITY_RANK[r.severity],
      cellClass: (r) => `severity-${r.severity}`,
    },
    { id: 'age', header: 'Age', kind: 'age', width: 90, value: (r) => Math.max(0, now - Date.parse(r.detectedAt)) },
    { id: 'customerName', header: 'Customer', kind: 'text', flex: 1, minWidth: 160 },
    { id: 'tier', header: 'Tier', kind: 'number', width: 80 },
    { id: 'itemId', header: 'Item', kind: 'text', width: 130 },
    { id: 'warehouseId', header: 'Warehouse', kind: 'text', width: 120 },
    { id: 'valueAtRisk', header: 'Value at risk', kind: 'money', width: 140, value: (r) => r.valueAtRiskCents / 100, sort: 'desc' },
    { id: 'status', header: 'Status', kind: 'text', width: 120 },
    { id: 'owner', header: 'Owner', kind: 'text', width: 100 },
    { id: 'origin', header: 'Origin', kind: 'text', width: 100, format: (_v, r) => (r.origin === 'derived' ? 'Workbench' : r.sourceSystem.toUpperCase()) },
    { id: 'orderLineId', header: 'Order line', kind: 'text', width: 140 },
    { id: 'reason', header: 'Reason', kind: 'text', flex: 2, minWidth: 220, tooltip: (r) => r.reason },
  ]);
}
