/**
 * THE grid of the workbench: every table view renders this component with its own column specs (data). It owns
 * AG Grid's configuration (modules, theme, editing, selection, paste, flashing) so views never import AG Grid.
 * The grid never changes rows itself: a valid edit goes to `onCellEdit`, the owner updates its state, and the new
 * rows come back through `rows` (changed cells flash).
 */
import type {
  CellEditRequestEvent,
  CellKeyDownEvent,
  ColumnState,
  GetRowIdParams,
  GridApi,
  GridReadyEvent,
  IRowNode,
  RowClassParams,
} from 'ag-grid-community';
import { AgGridReact } from 'ag-grid-react';
import type { ClipboardEvent as ReactClipboardEvent, ReactNode, Ref } from 'react';
import { useCallback, useImperativeHandle, useLayoutEffect, useMemo, useRef, useState } from 'react';
import type { CellEdit, ColumnSpec, GridViewState } from './column-spec';
import { formatByKind } from './format';
import { registerGridModules } from './modules';
import { planRowDelta } from './row-delta';
import { parseClipboardText, planPaste } from './paste';
import type { PasteTarget } from './paste';
import { workbenchGridTheme } from './theme';
import { toColDefs } from './to-col-defs';
import { checkCellInput } from './validate-cell';
import './grid.css';

registerGridModules(import.meta.env.DEV);

/** What an edit handler may answer: nothing (accepted), or a sentence saying why the owner refused it. */
export type EditAnswer = void | string | null | undefined;

export interface DataGridProps<Row> {
  rows: readonly Row[];
  columns: readonly ColumnSpec<Row>[];
  getRowId: (row: Row) => string;
  /** Accessible name of the grid (also used in messages). */
  ariaLabel: string;
  /** How a row is named in messages ("order SO-1042 line 3"); defaults to its id. */
  rowLabel?: (row: Row) => string;
  /** A validated single edit. Return a message to refuse it (e.g. the engine said no). */
  onCellEdit?: (edit: CellEdit<Row>) => EditAnswer | Promise<EditAnswer>;
  /** Valid values of one paste, in one call (else each goes to `onCellEdit`). */
  onCellEdits?: (edits: CellEdit<Row>[]) => void | Promise<void>;
  /** Checkbox selection with shift-click ranges and a header box that selects all filtered rows. */
  selectable?: boolean;
  isRowSelectable?: (row: Row) => boolean;
  onSelectionChange?: (ids: string[]) => void;
  quickFilter?: string;
  /** Enter on a read-only cell or double-click: open the row (e.g. exception -> allocation). */
  onRowOpen?: (row: Row) => void;
  rowClass?: (row: Row) => string | undefined;
  /** Saved view to start from. */
  initialViewState?: GridViewState;
  onViewStateChange?: (state: GridViewState) => void;
  onDisplayedCountChange?: (displayed: number) => void;
  /** Shown instead of rows when there are none (say what to do next). */
  emptyState?: ReactNode;
  /** Flash cells whose values change when new rows arrive (default true). */
  flashChanges?: boolean;
  testId?: string;
  gridRef?: Ref<DataGridHandle>;
}

/** Imperative actions for the owner of a grid (through `gridRef`). */
export interface DataGridHandle {
  selectAllFiltered(): void;
  clearSelection(): void;
  selectIds(ids: readonly string[]): void;
  getSelectedIds(): string[];
  /** Ids of the rows left after filters, in displayed order. */
  getDisplayedIds(): string[];
  focusCell(rowId: string, columnId?: string): void;
  flashRows(rowIds: readonly string[], columnIds?: readonly string[]): void;
  getViewState(): GridViewState;
  applyViewState(state: GridViewState): void;
}

interface GridMessage {
  tone: 'error' | 'info';
  lines: string[];
}

const MAX_LISTED = 6;
/** The checkbox column stays at the left edge, before pinned key columns. */
const SELECTION_COLUMN = { pinned: 'left' as const, width: 48, minWidth: 48, maxWidth: 48, resizable: false, suppressHeaderMenuButton: true };

export function DataGrid<Row>(props: DataGridProps<Row>) {
  const {
    rows, columns, ariaLabel, rowLabel, selectable, isRowSelectable, onSelectionChange,
    quickFilter, onRowOpen, rowClass, initialViewState, emptyState,
    flashChanges = true, testId, gridRef,
  } = props;
  const apiRef = useRef<GridApi<Row> | null>(null);
  const refused = useRef(new Set<string>());
  const [message, setMessage] = useState<GridMessage | null>(null);
  const [displayed, setDisplayed] = useState<number | null>(null);

  // Latest props for AG Grid callbacks created once.
  const latest = useRef(props);
  latest.current = props;

  const specById = useMemo(() => new Map(columns.map((c) => [c.id, c])), [columns]);
  const labelOf = useCallback((row: Row, id: string) => (rowLabel ? rowLabel(row) : id), [rowLabel]);

  const columnDefs = useMemo(
    () =>
      toColDefs(columns, {
        isRefused: (rowId, colId) => refused.current.has(`${rowId}\u0000${colId}`),
        getRowId: (row) => latest.current.getRowId(row as Row),
      }),
    [columns],
  );

  const markRefused = useCallback((rowId: string, columnId: string, on: boolean) => {
    const key = `${rowId}\u0000${columnId}`;
    if (on === refused.current.has(key)) return;
    if (on) refused.current.add(key);
    else refused.current.delete(key);
    const api = apiRef.current;
    const node = api?.getRowNode(rowId);
    if (api && node) api.refreshCells({ rowNodes: [node], columns: [columnId], force: true });
  }, []);

  const handleEditRequest = useCallback(
    async (e: CellEditRequestEvent<Row>) => {
      const columnId = e.column.getColId();
      const spec = specById.get(columnId);
      const row = e.data;
      if (!spec || !row) return;
      const rowId = latest.current.getRowId(row);
      const raw = e.newValue === null || e.newValue === undefined ? '' : String(e.newValue);
      // Enter on an untouched cell is not an edit.
      const shownBefore = formatByKind(spec.kind, e.oldValue, spec.currency);
      if (raw === shownBefore || raw === String(e.oldValue ?? '')) return;
      const check = checkCellInput(spec, row, raw, labelOf(row, rowId));
      if (!check.ok) {
        markRefused(rowId, columnId, true);
        setMessage({ tone: 'error', lines: [check.message, 'The cell keeps its previous value. Press Enter to try again, Escape to leave it.'] });
        return;
      }
      const answer = await latest.current.onCellEdit?.({ rowId, row, columnId, value: check.value, raw, source: 'edit' });
      if (typeof answer === 'string' && answer) {
        markRefused(rowId, columnId, true);
        setMessage({ tone: 'error', lines: [`Row ${labelOf(row, rowId)}, ${spec.header}: ${answer}`] });
        return;
      }
      markRefused(rowId, columnId, false);
      setMessage(null);
    },
    [specById, labelOf, markRefused],
  );

  const handlePaste = useCallback(
    async (event: ReactClipboardEvent<HTMLDivElement>) => {
      const api = apiRef.current;
      if (!api || api.getEditingCells().length > 0) return; // pasting inside an open editor is the editor's business
      const focused = api.getFocusedCell();
      if (!focused || focused.rowPinned) return;
      const text = event.clipboardData.getData('text/plain');
      if (!text) return;
      event.preventDefault();
      const block = parseClipboardText(text);
      const shownColumns = api.getAllDisplayedColumns();
      const start = shownColumns.findIndex((c) => c.getColId() === focused.column.getColId());
      const specs = shownColumns.slice(Math.max(start, 0)).map((c) => specById.get(c.getColId())).filter((s): s is ColumnSpec<Row> => Boolean(s));
      const targets: PasteTarget<Row>[] = [];
      for (let i = focused.rowIndex; i < focused.rowIndex + block.length; i++) {
        const node = api.getDisplayedRowAtIndex(i);
        if (!node?.data || !node.id) break;
        targets.push({ id: node.id, row: node.data });
      }
      const plan = planPaste(block, targets, specs, labelOf);
      for (const r of plan.refusals) if (r.columnId) markRefused(r.rowId, r.columnId, true);
      const ownerRefusals: string[] = [];
      if (plan.edits.length > 0) {
        if (latest.current.onCellEdits) await latest.current.onCellEdits(plan.edits);
        else {
          for (const edit of plan.edits) {
            const answer = await latest.current.onCellEdit?.(edit);
            if (typeof answer === 'string' && answer) {
              ownerRefusals.push(`Row ${labelOf(edit.row, edit.rowId)}, ${specById.get(edit.columnId)?.header ?? edit.columnId}: ${answer}`);
              markRefused(edit.rowId, edit.columnId, true);
            } else markRefused(edit.rowId, edit.columnId, false);
          }
        }
      }
      const problems = [...plan.refusals.map((r) => r.message), ...ownerRefusals];
      const applied = plan.edits.length - ownerRefusals.length;
      const lines = [`Pasted ${applied} of ${applied + problems.length} value${applied + problems.length === 1 ? '' : 's'}.`];
      lines.push(...problems.slice(0, MAX_LISTED));
      if (problems.length > MAX_LISTED) lines.push(`…and ${problems.length - MAX_LISTED} more refused.`);
      if (plan.beyondLastRow > 0) lines.push(`${plan.beyondLastRow} pasted row(s) fell below the last row and were not used.`);
      setMessage({ tone: problems.length > 0 || plan.beyondLastRow > 0 ? 'error' : 'info', lines });
    },
    [specById, labelOf, markRefused],
  );

  const handleKeyDown = useCallback((e: CellKeyDownEvent<Row>) => {
    const key = (e.event as KeyboardEvent | undefined)?.key;
    if (key !== 'Enter' || !e.data || !latest.current.onRowOpen) return;
    const editable = e.column.isCellEditable(e.node as IRowNode<Row>);
    if (!editable) latest.current.onRowOpen(e.data);
  }, []);

  const viewState = useCallback((): GridViewState => {
    const api = apiRef.current;
    if (!api) return { columns: [], sort: [], filters: {} };
    const state: ColumnState[] = api.getColumnState();
    return {
      columns: state.filter((c) => specById.has(c.colId)).map((c) => ({ id: c.colId, hidden: Boolean(c.hide), ...(c.width ? { width: c.width } : {}) })),
      sort: state
        .filter((c) => c.sort)
        .sort((a, b) => (a.sortIndex ?? 0) - (b.sortIndex ?? 0))
        .map((c) => ({ columnId: c.colId, direction: c.sort as 'asc' | 'desc' })),
      filters: (api.getFilterModel() ?? {}) as Record<string, unknown>,
    };
  }, [specById]);

  const applyViewState = useCallback((state: GridViewState) => {
    const api = apiRef.current;
    if (!api) return;
    const sortIndex = new Map(state.sort.map((s, i) => [s.columnId, i]));
    const known = state.columns.filter((c) => api.getColumn(c.id));
    api.applyColumnState({
      state: known.map((c) => ({
        colId: c.id,
        hide: c.hidden,
        ...(c.width ? { width: c.width } : {}),
        sort: state.sort.find((s) => s.columnId === c.id)?.direction ?? null,
        sortIndex: sortIndex.get(c.id) ?? null,
      })),
      applyOrder: true,
      defaultState: { sort: null },
    });
    api.setFilterModel(state.filters as Parameters<GridApi<Row>['setFilterModel']>[0]);
  }, []);

  const emitViewState = useCallback(() => {
    latest.current.onViewStateChange?.(viewState());
  }, [viewState]);

  useImperativeHandle(
    gridRef,
    (): DataGridHandle => ({
      selectAllFiltered: () => apiRef.current?.selectAll('filtered'),
      clearSelection: () => apiRef.current?.deselectAll(),
      selectIds: (ids) => {
        const api = apiRef.current;
        if (!api) return;
        const nodes = ids.map((id) => api.getRowNode(id)).filter((n): n is IRowNode<Row> => Boolean(n));
        api.setNodesSelected({ nodes, newValue: true });
      },
      getSelectedIds: () => (apiRef.current?.getSelectedNodes() ?? []).map((n) => n.id ?? ''),
      getDisplayedIds: () => {
        const ids: string[] = [];
        apiRef.current?.forEachNodeAfterFilterAndSort((n) => {
          if (n.id) ids.push(n.id);
        });
        return ids;
      },
      focusCell: (rowId, columnId) => {
        const api = apiRef.current;
        const node = api?.getRowNode(rowId);
        if (!api || !node || node.rowIndex === null) return;
        api.ensureNodeVisible(node);
        const col = columnId ?? api.getAllDisplayedColumns()[0]?.getColId();
        if (col) api.setFocusedCell(node.rowIndex, col);
      },
      flashRows: (rowIds, columnIds) => {
        const api = apiRef.current;
        if (!api) return;
        const rowNodes = rowIds.map((id) => api.getRowNode(id)).filter((n): n is IRowNode<Row> => Boolean(n));
        api.flashCells({ rowNodes, ...(columnIds ? { columns: [...columnIds] } : {}) });
      },
      getViewState: viewState,
      applyViewState,
    }),
    [viewState, applyViewState],
  );

  const onGridReady = useCallback(
    (e: GridReadyEvent<Row>) => {
      apiRef.current = e.api;
      if (initialViewState) applyViewState(initialViewState);
    },
    // The saved view is applied once, when the grid is ready; later changes go through the handle.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [],
  );

  const rowSelection = useMemo(
    () =>
      selectable
        ? {
            mode: 'multiRow' as const,
            checkboxes: true,
            headerCheckbox: true,
            selectAll: 'filtered' as const,
            enableClickSelection: false,
            ...(isRowSelectable ? { isRowSelectable: (n: IRowNode<Row>) => (n.data ? isRowSelectable(n.data) : false) } : {}),
          }
        : undefined,
    [selectable, isRowSelectable],
  );

  const defaultColDef = useMemo(() => ({ enableCellChangeFlash: flashChanges, floatingFilter: false, minWidth: 70 }), [flashChanges]);
  // AG Grid gets a new row list only when the rows really are another list (a new scope, a reload). A small change
  // (an edit's changed rows in a 100k-row list) goes in as a transaction on the rows it already holds: diffing the
  // whole list again costs hundreds of milliseconds per edit.
  const [rowData, setRowData] = useState<Row[]>(() => rows as Row[]);
  const heldRows = useRef<readonly Row[]>(rows);
  useLayoutEffect(() => {
    const prev = heldRows.current;
    if (prev === rows) return;
    heldRows.current = rows;
    const api = apiRef.current;
    const delta = api && !api.isDestroyed() ? planRowDelta(prev, rows, latest.current.getRowId) : ({ kind: 'replace' } as const);
    if (delta.kind === 'none') return;
    if (delta.kind === 'replace' || !api) {
      setRowData(rows as Row[]);
      return;
    }
    // Changed rows that stay where they are need no pass of AG Grid's row model over every row (25-60 ms on 100k
    // rows) as long as the order is ours: no grid sort or filter that an updated value could move the row in.
    const updateOnly = delta.remove.length === 0;
    api.setGridOption('suppressModelUpdateAfterUpdateTransaction', updateOnly && !api.isAnyFilterPresent() && !api.getColumnState().some((c) => c.sort));
    api.applyTransaction({
      ...(delta.remove.length > 0 ? { remove: delta.remove, add: delta.add, addIndex: delta.addIndex } : {}),
      ...(delta.update.length > 0 ? { update: delta.update } : {}),
    });
  }, [rows]);
  const getRowIdCb = useCallback((p: GetRowIdParams<Row>) => latest.current.getRowId(p.data), []);
  const getRowClass = useCallback((p: RowClassParams<Row>) => (p.data ? latest.current.rowClass?.(p.data) : undefined), []);

  const filteredEmpty = rows.length > 0 && displayed === 0;

  return (
    <div className="wb-grid" data-testid={testId} onPaste={handlePaste}>
      {message ? (
        <div className={`wb-grid-message wb-grid-message-${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'} data-testid="grid-message">
          <div>
            {message.lines.map((l, i) => (
              <p key={i}>{l}</p>
            ))}
          </div>
          <button type="button" aria-label="Dismiss message" onClick={() => setMessage(null)}>
            ×
          </button>
        </div>
      ) : null}
      <div className="wb-grid-body">
        <AgGridReact<Row>
          theme={workbenchGridTheme}
          rowData={rowData}
          columnDefs={columnDefs}
          defaultColDef={defaultColDef}
          getRowId={getRowIdCb}
          getRowClass={rowClass ? getRowClass : undefined}
          readOnlyEdit
          onCellEditRequest={handleEditRequest}
          onCellKeyDown={handleKeyDown}
          onRowDoubleClicked={(e) => {
            if (e.data && onRowOpen && !(e.event?.target as HTMLElement | null)?.closest?.('.wb-editable')) onRowOpen(e.data);
          }}
          rowSelection={rowSelection}
          selectionColumnDef={SELECTION_COLUMN}
          onSelectionChanged={(e) => onSelectionChange?.(e.api.getSelectedNodes().map((n) => n.id ?? ''))}
          quickFilterText={quickFilter}
          cacheQuickFilter
          onGridReady={onGridReady}
          onModelUpdated={(e) => {
            const count = e.api.getDisplayedRowCount();
            setDisplayed(count);
            latest.current.onDisplayedCountChange?.(count);
          }}
          onSortChanged={emitViewState}
          onFilterChanged={emitViewState}
          onColumnVisible={emitViewState}
          onColumnMoved={(e) => e.finished && emitViewState()}
          onColumnResized={(e) => e.finished && e.source === 'uiColumnResized' && emitViewState()}
          suppressNoRowsOverlay
          stopEditingWhenCellsLoseFocus
          enterNavigatesVerticallyAfterEdit={false}
          tooltipShowDelay={300}
          animateRows={false}
          rowBuffer={10}
          aria-label={ariaLabel}
        />
        {rows.length === 0 && emptyState ? (
          <div className="wb-grid-empty" data-testid="grid-empty">
            {emptyState}
          </div>
        ) : null}
        {filteredEmpty ? (
          <div className="wb-grid-empty" data-testid="grid-empty-filtered">
            <p>No rows match the current filters. Clear the quick filter or a column filter to see rows again.</p>
          </div>
        ) : null}
      </div>
    </div>
  );
}
