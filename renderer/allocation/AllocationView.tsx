// The allocation (what-if) view: the competing lines of a SKU group (or a filtered set) in rank order, editable
// priority / lock / quantity / source / substitute cells, a supply panel, the summary bar, undo/redo, the line's
// explanation, and named scenarios. Reads the store through selectors; every action goes through the slices.
import { useCallback, useEffect, useMemo, useRef } from 'react';
import type { KeyboardEvent } from 'react';
import type { Edit } from '../../shared/engine/edits';
import type { AllocationRow } from '../engine-worker/allocation-row';
import type { CellEdit, DataGridHandle } from '../grid';
import { DataGrid, formatNumber } from '../grid';
import { ScenarioCompare } from '../scenarios/ScenarioCompare';
import { ScenarioPanel } from '../scenarios/ScenarioPanel';
import { selectScenarioActions, selectScenarios } from '../scenarios/selectors';
import { allocationColumns } from './allocation-columns';
import { LineDetail } from './LineDetail';
import { OptimalPanel } from './OptimalPanel';
import { ScopePicker, describeScope } from './ScopePicker';
import {
  selectAllocation,
  selectAllocationActions,
  selectCanRedo,
  selectCanUndo,
  selectEditContext,
  selectOptimalComparison,
  selectOptimalStale,
  selectSelectedRow,
  selectSummaryFigures,
} from './selectors';
import { SummaryBar } from './SummaryBar';
import { SupplyPanel } from './SupplyPanel';
import type { AllocationViewStore } from './view-store';
import { useAllocationStore } from './view-store';
import './allocation.css';

const FIELD_LABELS: Readonly<Record<string, string>> = {
  rank: 'rank', score: 'score', planSource: 'source', planQty: 'plan qty', planWarehouseId: 'ships from', planShipDate: 'ship date',
  planSubstituteItemId: 'substitute', shortQty: 'short', daysLate: 'lateness', changeQty: 'change vs ERP', demandQty: 'wanted',
  priorityOverride: 'priority override', locked: 'lock', quantityOverride: 'quantity', sourceOverride: 'source WH', substituteOverride: 'substitute choice',
};

const getRowId = (r: AllocationRow) => r.orderLineId;
const rowLabel = (r: AllocationRow) => `${r.orderId} line ${r.lineNo}`;

function isTextTarget(t: EventTarget): boolean {
  const el = t as HTMLElement;
  return el.tagName === 'INPUT' || el.tagName === 'TEXTAREA' || el.tagName === 'SELECT' || el.isContentEditable === true;
}

export function AllocationView({ store }: { store: AllocationViewStore }) {
  const a = useAllocationStore(store, selectAllocation);
  const actions = useAllocationStore(store, selectAllocationActions);
  const scenarios = useAllocationStore(store, selectScenarios);
  const scenarioActions = useAllocationStore(store, selectScenarioActions);
  const figures = useAllocationStore(store, selectSummaryFigures);
  const selectedRow = useAllocationStore(store, selectSelectedRow);
  const canUndo = useAllocationStore(store, selectCanUndo);
  const canRedo = useAllocationStore(store, selectCanRedo);
  const target = useAllocationStore(store, (s) => s.allocationTarget ?? null);
  const optimal = useAllocationStore(store, selectOptimalComparison);
  const optimalStale = useAllocationStore(store, selectOptimalStale);
  const gridRef = useRef<DataGridHandle>(null);
  const openedFor = useRef<number | null>(null);

  // An exception's "open" asks for its item's SKU group; a new request (requestedAt) reopens even the same group.
  useEffect(() => {
    if (target && target.requestedAt !== store.getState().allocation.lastOpenRequest) {
      void actions.openAllocation({ kind: 'sku-group', itemId: target.itemId }, { requestedAt: target.requestedAt });
    }
  }, [target, actions, store]);

  useEffect(() => {
    const s = store.getState();
    if (s.allocation.groups.length === 0) void actions.loadSkuGroups();
    void scenarioActions.refreshScenarios();
  }, [store, actions, scenarioActions]);

  const columns = useMemo(
    () =>
      allocationColumns({
        context: () => selectEditContext(store.getState()),
        warehouseIds: () => store.getState().allocation.reference?.warehouseIds ?? [],
      }),
    [store],
  );

  const onCellEdit = useCallback((e: CellEdit<AllocationRow>) => actions.applyAllocationEdit(e.value as Edit), [actions]);
  const onRowOpen = useCallback((r: AllocationRow) => void actions.selectAllocationLine(r.orderLineId), [actions]);
  // A line listed by the optimal comparison: brought into view and focused in the grid, its detail opened beside it.
  const onOpenOptimalLine = useCallback(
    (orderLineId: string) => {
      gridRef.current?.focusCell(orderLineId, 'orderLineId');
      void actions.selectAllocationLine(orderLineId);
    },
    [actions],
  );
  const onCompareWithOptimal = useCallback(() => void actions.compareWithOptimal(), [actions]);

  // Repaint timing: two frames after the new rows reached the store, the grid has painted them.
  const change = a.lastChange;
  useEffect(() => {
    if (!change || change.repaintMs !== null) return;
    let second = 0;
    const first = requestAnimationFrame(() => {
      second = requestAnimationFrame(() => actions.markAllocationRepainted(change.seq));
    });
    const ids = Object.keys(change.changedFields);
    if (ids.length > 0 && ids.length <= 500) gridRef.current?.flashRows(ids);
    return () => {
      cancelAnimationFrame(first);
      cancelAnimationFrame(second);
    };
  }, [change, actions]);

  const open = a.lastOpen;
  const onDisplayedCountChange = useCallback(
    (count: number) => {
      if (!open || open.paintedMs !== null || openedFor.current === open.startedAt || count === 0) return;
      openedFor.current = open.startedAt;
      requestAnimationFrame(() => requestAnimationFrame(() => actions.markAllocationOpened()));
    },
    [open, actions],
  );

  const onKeyDown = useCallback(
    (e: KeyboardEvent<HTMLDivElement>) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || isTextTarget(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        void actions.undoAllocationEdit();
      } else if (key === 'y' || (key === 'z' && e.shiftKey)) {
        e.preventDefault();
        void actions.redoAllocationEdit();
      }
    },
    [actions],
  );

  const changedCount = change ? Object.keys(change.changedFields).length : 0;
  const changedWhat = change ? [...new Set(Object.values(change.changedFields).flat())].map((f) => FIELD_LABELS[f] ?? f).join(', ') : '';

  const emptyState =
    a.status === 'idle' ? (
      <p>Pick a SKU group above (the most short first), open an exception from the queue, or show all lines.</p>
    ) : a.status === 'ready' ? (
      <p>No open lines in {describeScope(a.scope)}. Pick another SKU group or show all lines.</p>
    ) : null;

  return (
    <div className="alloc-view" data-testid="allocation-view" data-status={a.status} onKeyDown={onKeyDown}>
      <div className="alloc-toolbar">
        <ScopePicker groups={a.groups} current={a.scope} onOpen={(scope) => void actions.openAllocation(scope)} />
        <div className="alloc-history" role="group" aria-label="Undo and redo">
          <button type="button" onClick={() => void actions.undoAllocationEdit()} disabled={!canUndo} aria-keyshortcuts="Control+Z" data-testid="allocation-undo" title="Undo (Ctrl+Z)">
            Undo
          </button>
          <button type="button" onClick={() => void actions.redoAllocationEdit()} disabled={!canRedo} aria-keyshortcuts="Control+Y" data-testid="allocation-redo" title="Redo (Ctrl+Y)">
            Redo
          </button>
          <button
            type="button"
            onClick={() => a.scope && void actions.openAllocation(a.scope, { reload: true })}
            disabled={a.scope === null || a.status === 'loading'}
            data-testid="allocation-reload"
            title="Re-read the cache after a pull and re-plan; your edits are kept where they still apply"
          >
            Re-plan from cache
          </button>
          <span className="alloc-edit-count" data-testid="allocation-edit-count" data-count={a.edits.length}>
            {a.edits.length} edit{a.edits.length === 1 ? '' : 's'}
            {a.pendingEdits > 0 ? ' · recomputing…' : ''}
          </span>
        </div>
      </div>

      {a.error ? (
        <div className="alloc-message alloc-message-error" role="alert" data-testid="allocation-error" data-kind={a.error.kind}>
          <p>{a.error.message}</p>
          <button type="button" aria-label="Dismiss" onClick={actions.dismissAllocationError}>
            ×
          </button>
        </div>
      ) : null}
      {a.stale && a.scope ? (
        <div className="alloc-message alloc-message-info" role="status" data-testid="allocation-stale">
          <p>New data arrived from the ERP since this plan was built. Re-plan to see it; your edits are kept where they still apply.</p>
          <button type="button" onClick={() => a.scope && void actions.openAllocation(a.scope, { reload: true })}>
            Re-plan now
          </button>
        </div>
      ) : null}
      {a.busyLabel ? (
        <p className="alloc-busy" role="status" data-testid="allocation-busy">
          <progress aria-label={a.busyLabel} /> {a.busyLabel}
        </p>
      ) : null}

      <div className="alloc-summary-row">
        <SummaryBar figures={figures} />
        <button
          type="button"
          onClick={onCompareWithOptimal}
          disabled={a.status !== 'ready' || optimal.status === 'running'}
          data-testid="optimal-compare"
          title="Allocate this scenario exactly (optimal mode) and show how far the rule-based plan is from it; nothing is applied"
        >
          {optimal.status === 'running' ? 'Comparing with optimal…' : 'Compare with optimal'}
        </button>
      </div>
      <OptimalPanel state={optimal} stale={optimalStale} onCompare={onCompareWithOptimal} onClose={actions.closeOptimalComparison} onOpenLine={onOpenOptimalLine} />

      <div className="alloc-body">
        <div className="alloc-grid">
          <DataGrid<AllocationRow>
            rows={a.rows}
            columns={columns}
            getRowId={getRowId}
            rowLabel={rowLabel}
            ariaLabel="Competing order lines in rank order"
            onCellEdit={onCellEdit}
            onRowOpen={onRowOpen}
            onDisplayedCountChange={onDisplayedCountChange}
            emptyState={emptyState}
            gridRef={gridRef}
            testId="allocation-grid"
          />
        </div>
        {selectedRow ? <LineDetail row={selectedRow} detail={a.selectedLineDetail} onClose={() => void actions.selectAllocationLine(null)} /> : null}
      </div>

      <p className="alloc-last-change" aria-live="polite" data-testid="allocation-last-change">
        {change
          ? `${change.kind === 'edit' ? 'Edit applied' : change.kind === 'undo' ? 'Undone' : 'Redone'}: ${changedCount} line${changedCount === 1 ? '' : 's'} changed${changedWhat ? ` (${changedWhat})` : ''}${change.changedOutsideScope > 0 ? `, plus ${change.changedOutsideScope} outside this view` : ''} · engine ${formatNumber(Math.round(change.engineMs))} ms${change.repaintMs !== null ? ` · on screen in ${formatNumber(Math.round(change.repaintMs))} ms` : ''}`
          : 'Double-click a line (or press Enter on it) to see why it ranks where it does.'}
      </p>
      <output
        hidden
        data-testid="allocation-timing"
        data-open-ms={open?.paintedMs ?? ''}
        data-open-rows={open?.rows ?? ''}
        data-open-loaded-ms={open?.loadedMs ?? ''}
        data-build-ms={open?.buildMs ?? ''}
        data-edit-seq={change?.seq ?? ''}
        data-edit-repaint-ms={change?.repaintMs ?? ''}
        data-edit-engine-ms={change?.engineMs ?? ''}
        data-edit-round-trip-ms={change?.roundTripMs ?? ''}
      />

      {scenarios.comparison ? (
        <ScenarioCompare comparison={scenarios.comparison} scenarioName={scenarios.active?.name ?? null} onClose={scenarioActions.closeComparison} />
      ) : null}

      <div className="alloc-panels">
        {a.reference ? (
          <SupplyPanel
            itemIds={a.reference.itemIds}
            warehouseIds={a.reference.warehouseIds}
            asOf={a.reference.asOf}
            edits={a.edits}
            context={selectEditContext(store.getState())}
            onApply={actions.applyAllocationEdit}
          />
        ) : null}
        <ScenarioPanel scenarios={scenarios} actions={scenarioActions} editCount={a.edits.length} ready={a.status === 'ready'} />
      </div>
    </div>
  );
}
