/**
 * The exception queue: every type, pulled and derived, in one grid. Enter or double-click opens the allocation
 * view of the exception's SKU group.
 */
import { useMemo, useRef, useState } from 'react';
import { GridToolbar } from '../app/GridToolbar';
import { DataGrid } from '../grid';
import type { DataGridHandle } from '../grid';
import { selectActiveView, selectCacheEmpty, selectExceptions, selectSession, useWorkbench, useWorkbenchStore } from '../state';
import type { ExceptionQueueRow } from '../state';
import { exceptionColumns } from './exception-columns';

const GRID_KEY = 'exceptions';

export function ExceptionsView() {
  const store = useWorkbenchStore();
  const rows = useWorkbench(selectExceptions);
  const phase = useWorkbench((s) => s.exceptionsPhase);
  const error = useWorkbench((s) => s.exceptionsError);
  const deriving = useWorkbench((s) => s.exceptionsDeriving);
  const cacheEmpty = useWorkbench(selectCacheEmpty);
  const session = useWorkbench(selectSession);
  const activeView = useWorkbench(selectActiveView(GRID_KEY));
  const grid = useRef<DataGridHandle>(null);
  const [quickFilter, setQuickFilter] = useState(activeView?.quickFilter ?? '');
  const [shown, setShown] = useState<number | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  // Age is measured from when the view opened, so it does not shift under the planner's sort.
  const [openedAt] = useState(() => Date.now());
  const columns = useMemo(() => exceptionColumns(openedAt), [openedAt]);

  const open = (row: ExceptionQueueRow) => {
    if (!row.itemId) {
      setNotice(`${row.id} names no item, so there is no SKU group to allocate. Resolve it in the ERP (${row.sourceSystem}).`);
      return;
    }
    setNotice(null);
    store.getState().openAllocation(row.itemId, row.id);
  };

  const empty = cacheEmpty ? (
    <div>
      <p>No exceptions cached yet.</p>
      <p>{session ? 'Press "Pull now" in the status bar to fetch them from the ERP.' : 'Sign in to the ERP, then the first pull fills the queue.'}</p>
    </div>
  ) : (
    <p>No exceptions in the queue. New ones arrive with each pull.</p>
  );

  return (
    <section className="view" data-testid="view-exceptions" aria-labelledby="exceptions-title" data-phase={phase} data-deriving={deriving}>
      <header className="view-header">
        <h2 id="exceptions-title">Exceptions</h2>
        <p className="hint">Enter or double-click a row to open the allocation of its SKU group.</p>
        {deriving ? (
          <p className="hint" role="status" data-testid="exceptions-deriving">
            Finding shortages, variances and late risks in the cache…
          </p>
        ) : null}
      </header>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      {notice ? (
        <p role="status" className="notice" data-testid="exceptions-notice">
          {notice}
        </p>
      ) : null}
      <GridToolbar gridKey={GRID_KEY} grid={grid} quickFilter={quickFilter} onQuickFilter={setQuickFilter} shown={shown} total={rows.length} />
      <DataGrid
        rows={rows}
        columns={columns}
        getRowId={(r) => r.id}
        ariaLabel="Exception queue"
        rowLabel={(r) => r.id}
        quickFilter={quickFilter}
        onRowOpen={open}
        onDisplayedCountChange={setShown}
        {...(activeView ? { initialViewState: activeView.state } : {})}
        emptyState={phase === 'loading' && rows.length === 0 ? <p>Reading the cache…</p> : empty}
        gridRef={grid}
        testId="exceptions-grid"
      />
    </section>
  );
}
