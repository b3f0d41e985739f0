// The allocation grid's columns, as data. Editable cells parse what the planner typed into an engine Edit, checked
// by the engine's own validator against the loaded rows; the grid shows the refusal in the cell.
import type { EditContext } from '../../shared/engine/edits';
import { SCORE_FACTORS } from '../../shared/engine/types';
import type { AllocationRow } from '../engine-worker/allocation-row';
import type { ColumnSpec } from '../grid/column-spec';
import { defineColumns } from '../grid/column-spec';
import { formatNumber } from '../grid/format';
import type { EditableField } from './cell-edits';
import { cellEdit } from './cell-edits';

export const FACTOR_LABELS: Readonly<Record<(typeof SCORE_FACTORS)[number], string>> = {
  slaUrgency: 'SLA urgency',
  margin: 'Margin',
  contract: 'Contract fill',
  tier: 'Customer tier',
  orderAge: 'Order age',
  erpPriority: 'ERP priority',
};

/** "Score 62.2 = SLA urgency 30.0 + Margin 6.0 + …" for the score tooltip. */
export function scoreBreakdownText(row: AllocationRow): string {
  const parts = SCORE_FACTORS.map((f) => `${FACTOR_LABELS[f]} ${formatNumber(Math.round(row.scoreBreakdown[f] * 10) / 10)}`);
  const override = row.priorityOverride !== null ? ` · planner priority ${row.priorityOverride} ranks it ahead of scored lines` : '';
  const lock = row.locked ? ' · locked at its ERP reservation' : '';
  return `Score ${formatNumber(Math.round(row.score * 10) / 10)} = ${parts.join(' + ')}${override}${lock}`;
}

/** What each segment strategy allows against the ERP's current reservation. */
const STRATEGY_HINTS: Readonly<Record<string, string>> = {
  win: 'Win: fill fully on time, or flag it',
  gain: 'Gain: keeps its ERP reservation and may get more',
  redistribute: 'Redistribute: may gain or lose against its ERP reservation',
  fill: 'Fill: may lose, never gains beyond its ERP reservation',
  lose: 'Lose: gives up its reservation to others',
};

const SOURCE_LABELS: Readonly<Record<string, string>> = {
  'on-hand': 'On hand',
  inbound: 'Inbound',
  transfer: 'Transfer',
  substitute: 'Substitute',
  'drop-ship': 'Drop-ship',
  mixed: 'Mixed',
  backorder: 'Backorder',
  held: 'Held',
};

const signed = (n: number): string => (n > 0 ? `+${formatNumber(n)}` : n < 0 ? `−${formatNumber(-n)}` : '0');

/** An editable column: parse turns raw input into a validated Edit (the cell's value handed to onCellEdit). */
function editable(field: EditableField, spec: Omit<ColumnSpec<AllocationRow>, 'id' | 'editable' | 'parse'>, context: () => EditContext | null): ColumnSpec<AllocationRow> {
  return {
    ...spec,
    id: field,
    editable: true,
    parse: (raw, row) => {
      const ctx = context();
      if (!ctx) return { ok: false, expected: 'the allocation view to finish loading' };
      const r = cellEdit(row, field, raw, ctx);
      return r.ok ? { ok: true, value: r.edit } : { ok: false, expected: r.expected };
    },
  };
}

/** The allocation grid's columns; `context` reads the edit validator's context at edit time. */
/**
 * The columns. Both options are read when used (an edit, a tooltip), so the column definitions never change with the
 * loaded lines: new definitions make AG Grid rebuild its columns and lay the page out again (most of a second on
 * 100k rows).
 */
export function allocationColumns(options: { context: () => EditContext | null; warehouseIds: () => readonly string[] }): ColumnSpec<AllocationRow>[] {
  const { context } = options;
  return defineColumns<AllocationRow>([
    { id: 'rank', header: 'Rank', kind: 'number', width: 76, pinned: 'left', tooltip: (r) => `Rank ${r.rank} in SKU group ${r.groupId}` },
    {
      id: 'score', header: 'Score', kind: 'number', width: 84, pinned: 'left',
      format: (v) => (typeof v === 'number' ? formatNumber(Math.round(v * 10) / 10) : ''),
      tooltip: scoreBreakdownText,
    },
    { id: 'orderLineId', header: 'Order line', kind: 'text', width: 130, pinned: 'left' },
    { id: 'customerName', header: 'Customer', kind: 'text', width: 160, tooltip: (r) => `${r.customerName} (${r.customerId})` },
    editable('priorityOverride', { header: 'Priority override', kind: 'number', width: 110, tooltip: () => 'Type 1 to serve this line first; clear the cell to remove the override.' }, context),
    editable('locked', { header: 'Lock', kind: 'boolean', width: 76, tooltip: () => 'Locked lines keep their ERP reservation and get no decision.' }, context),
    editable('quantityOverride', { header: 'Quantity', kind: 'quantity', width: 96, tooltip: (r) => `0 to ${formatNumber(r.openQty)}; clear the cell to plan the open quantity.` }, context),
    { id: 'openQty', header: 'Open', kind: 'quantity', width: 84 },
    { id: 'planQty', header: 'Plan qty', kind: 'quantity', width: 92 },
    { id: 'shortQty', header: 'Short', kind: 'quantity', width: 80, cellClass: (r) => (r.shortQty > 0 ? 'alloc-short' : undefined) },
    {
      id: 'changeQty', header: 'Change vs ERP', kind: 'number', width: 112,
      format: (v) => (typeof v === 'number' ? signed(v) : ''),
      cellClass: (r) => (r.changeQty > 0 ? 'alloc-gain' : r.changeQty < 0 ? 'alloc-loss' : undefined),
    },
    { id: 'planSource', header: 'Plan source', kind: 'text', width: 110, format: (v) => SOURCE_LABELS[String(v)] ?? String(v ?? ''), tooltip: (r) => r.explanation },
    {
      id: 'strategy', header: 'Strategy', kind: 'text', width: 110,
      tooltip: (r) => STRATEGY_HINTS[r.strategy],
    },
    { id: 'holdCode', header: 'Hold', kind: 'text', width: 96, format: (v) => (v === 'none' ? '' : String(v ?? '')), cellClass: (r) => (r.holdCode !== 'none' ? 'alloc-held' : undefined) },
    { id: 'tier', header: 'Tier', kind: 'number', width: 68 },
    { id: 'channel', header: 'Channel', kind: 'text', width: 110 },
    { id: 'itemId', header: 'Item', kind: 'text', width: 110 },
    { id: 'warehouseId', header: 'Requested WH', kind: 'text', width: 120 },
    { id: 'promisedDate', header: 'Promised', kind: 'date', width: 112 },
    editable('sourceOverride', { header: 'Source WH', kind: 'text', width: 112, tooltip: () => `A warehouse (${options.warehouseIds().join(', ')}); clear the cell for the requested one.` }, context),
    editable('substituteOverride', {
      header: 'Substitute', kind: 'text', width: 112,
      tooltip: (r) => (r.allowedSubstitutes.length ? `Allowed: ${r.allowedSubstitutes.join(', ')}, or "none" to forbid substitution.` : 'No substitution rule for this item; "none" forbids substitution.'),
    }, context),
    { id: 'planWarehouseId', header: 'Ships from', kind: 'text', width: 110 },
    { id: 'planShipDate', header: 'Ship date', kind: 'date', width: 112 },
    { id: 'planSubstituteItemId', header: 'Plan substitute', kind: 'text', width: 120 },
    { id: 'daysLate', header: 'Days late', kind: 'number', width: 88, cellClass: (r) => (r.daysLate > 0 ? 'alloc-late' : undefined) },
    { id: 'erpReservedQty', header: 'ERP reserved', kind: 'quantity', width: 104 },
    { id: 'demandQty', header: 'Wanted', kind: 'quantity', width: 88, hidden: true },
    { id: 'explanation', header: 'Why', kind: 'text', minWidth: 260, flex: 1, tooltip: (r) => r.explanation },

  ]);
}
