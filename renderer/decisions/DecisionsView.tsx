/**
 * Decisions: every status in one grid with status chips, checkbox selection (shift ranges, header = all filtered),
 * Approve / Reject selected within the signed-in role's limits, and the needs-attention list.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { GridToolbar } from '../app/GridToolbar';
import { DataGrid, formatQuantity } from '../grid';
import type { DataGridHandle } from '../grid';
import {
  DECISION_DISPLAY_STATUSES,
  selectActiveView,
  selectDecisionCounts,
  selectDecisions,
  selectNeedsAttention,
  selectSelectedDecisionIds,
  selectSession,
  useWorkbench,
  useWorkbenchStore,
} from '../state';
import type { DecisionDisplayStatus, DecisionView } from '../state';
import { STATUS_LABELS, decisionColumns } from './decision-columns';
import { NeedsAttentionPanel } from './NeedsAttentionPanel';
import { RejectDialog } from './RejectDialog';

const GRID_KEY = 'decisions';

export function DecisionsView() {
  const store = useWorkbenchStore();
  const all = useWorkbench(selectDecisions);
  const counts = useWorkbench(selectDecisionCounts);
  const attention = useWorkbench(selectNeedsAttention);
  const selected = useWorkbench(selectSelectedDecisionIds);
  const busy = useWorkbench((s) => s.decisionBusy);
  const outcome = useWorkbench((s) => s.decisionOutcome);
  const session = useWorkbench(selectSession);
  const activeView = useWorkbench(selectActiveView(GRID_KEY));
  const grid = useRef<DataGridHandle>(null);
  const [status, setStatus] = useState<DecisionDisplayStatus | 'all'>('all');
  const [quickFilter, setQuickFilter] = useState(activeView?.quickFilter ?? '');
  const [shown, setShown] = useState<number | null>(null);
  const [rejecting, setRejecting] = useState(false);
  const rows = useMemo(() => (status === 'all' ? all : all.filter((d) => d.displayStatus === status)), [all, status]);

  const approve = useCallback(() => {
    void store.getState().approveDecisions(store.getState().selectedDecisionIds).then(() => grid.current?.clearSelection());
  }, [store]);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || !e.shiftKey) return;
      const k = e.key.toLowerCase();
      if (k === 'a') {
        e.preventDefault();
        approve();
      } else if (k === 'r') {
        e.preventDefault();
        if (store.getState().selectedDecisionIds.length > 0) setRejecting(true);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [approve, store]);

  const onSelection = useCallback((ids: string[]) => store.getState().setDecisionSelection(ids), [store]);
  const selectable = useCallback((d: DecisionView) => d.displayStatus === 'proposed', []);

  return (
    <section className="view" data-testid="view-decisions" aria-labelledby="decisions-title">
      <header className="view-header">
        <h2 id="decisions-title">Decisions</h2>
        <p className="hint">
          {session ? `Approving as ${session.username} (${session.role}).` : 'Sign in to approve or reject.'} Space selects a row, Shift+click a range, the header box all
          filtered rows.
        </p>
      </header>
      <div className="chips" role="tablist" aria-label="Decision status">
        <button type="button" role="tab" aria-selected={status === 'all'} onClick={() => setStatus('all')} data-testid="status-all">
          All ({formatQuantity(all.length)})
        </button>
        {DECISION_DISPLAY_STATUSES.map((s) => (
          <button key={s} type="button" role="tab" aria-selected={status === s} onClick={() => setStatus(s)} data-testid={`status-${s}`}>
            {STATUS_LABELS[s]} ({formatQuantity(counts[s])})
          </button>
        ))}
      </div>
      {outcome ? (
        <div className={`outcome outcome-${outcome.tone}`} role={outcome.tone === 'success' ? 'status' : 'alert'} data-testid="decision-outcome">
          <p>{outcome.message}</p>
          {outcome.details.length > 0 ? (
            <ul>
              {outcome.details.map((d, i) => (
                <li key={i}>{d}</li>
              ))}
            </ul>
          ) : null}
          <button type="button" className="link" onClick={() => store.getState().dismissDecisionOutcome()} aria-label="Dismiss">
            Dismiss
          </button>
        </div>
      ) : null}
      <GridToolbar gridKey={GRID_KEY} grid={grid} quickFilter={quickFilter} onQuickFilter={setQuickFilter} shown={shown} total={rows.length}>
        <button type="button" onClick={() => grid.current?.selectAllFiltered()} data-testid="select-all-filtered">
          Select all shown
        </button>
        <button type="button" className="primary" disabled={busy || selected.length === 0} onClick={approve} data-testid="approve-selected">
          Approve selected ({formatQuantity(selected.length)})
        </button>
        <button type="button" className="danger" disabled={busy || selected.length === 0} onClick={() => setRejecting(true)} data-testid="reject-selected">
          Reject selected…
        </button>
      </GridToolbar>
      <DataGrid
        rows={rows}
        columns={decisionColumns}
        getRowId={(r) => r.id}
        ariaLabel="Decisions"
        rowLabel={(r) => r.id}
        selectable
        isRowSelectable={selectable}
        onSelectionChange={onSelection}
        quickFilter={quickFilter}
        onDisplayedCountChange={setShown}
        {...(activeView ? { initialViewState: activeView.state } : {})}
        emptyState={
          all.length === 0 ? (
            <p>No decisions yet. Open an exception, adjust the allocation and press "Propose decisions".</p>
          ) : (
            <p>No decisions with this status.</p>
          )
        }
        gridRef={grid}
        testId="decisions-grid"
      />
      <NeedsAttentionPanel items={attention} />
      {rejecting ? (
        <RejectDialog
          count={selected.length}
          onCancel={() => setRejecting(false)}
          onConfirm={(reason) => {
            setRejecting(false);
            void store.getState().rejectDecisions(store.getState().selectedDecisionIds, reason).then(() => grid.current?.clearSelection());
          }}
        />
      ) : null}
    </section>
  );
}
