/**
 * The toolbar above a grid: quick filter (Ctrl+F), saved views of this grid (choose, save as, delete), and a
 * count of shown rows. Saved views hold filters + columns + sort + the quick filter, stored on this machine.
 */
import { useEffect, useRef, useState } from 'react';
import type { ReactNode, RefObject } from 'react';
import type { DataGridHandle } from '../grid';
import { formatQuantity } from '../grid';
import { selectActiveView, selectSavedViews, useWorkbench, useWorkbenchStore } from '../state';

interface Props {
  gridKey: string;
  grid: RefObject<DataGridHandle | null>;
  quickFilter: string;
  onQuickFilter(text: string): void;
  shown: number | null;
  total: number;
  children?: ReactNode;
}

export function GridToolbar({ gridKey, grid, quickFilter, onQuickFilter, shown, total, children }: Props) {
  const store = useWorkbenchStore();
  const views = useWorkbench(selectSavedViews(gridKey));
  const active = useWorkbench(selectActiveView(gridKey));
  const [naming, setNaming] = useState(false);
  const [name, setName] = useState('');
  const [error, setError] = useState<string | null>(null);
  const filterRef = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === 'f') {
        e.preventDefault();
        filterRef.current?.focus();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);

  const choose = (viewName: string) => {
    if (!viewName) {
      store.getState().setActiveView(gridKey, null);
      return;
    }
    const view = views.find((v) => v.name === viewName);
    if (!view) return;
    grid.current?.applyViewState(view.state);
    onQuickFilter(view.quickFilter);
    store.getState().setActiveView(gridKey, view.name);
  };

  const save = () => {
    const state = grid.current?.getViewState();
    if (!state) return;
    const problem = store.getState().saveView(gridKey, name, state, quickFilter);
    setError(problem);
    if (!problem) {
      setNaming(false);
      setName('');
    }
  };

  return (
    <div className="grid-toolbar">
      <input
        ref={filterRef}
        type="search"
        placeholder="Filter rows… (Ctrl+F)"
        aria-label="Quick filter"
        data-testid="quick-filter"
        value={quickFilter}
        onChange={(e) => onQuickFilter(e.target.value)}
      />
      <label className="saved-views">
        View
        <select aria-label="Saved view" data-testid="saved-view" value={active?.name ?? ''} onChange={(e) => choose(e.target.value)}>
          <option value="">(default)</option>
          {views.map((v) => (
            <option key={v.name} value={v.name}>
              {v.name}
            </option>
          ))}
        </select>
      </label>
      {naming ? (
        <span className="save-view">
          <input
            aria-label="View name"
            data-testid="view-name"
            value={name}
            autoFocus
            placeholder="View name"
            onChange={(e) => setName(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter') save();
              if (e.key === 'Escape') setNaming(false);
            }}
          />
          <button type="button" onClick={save} data-testid="save-view-confirm">
            Save
          </button>
        </span>
      ) : (
        <button type="button" onClick={() => setNaming(true)} data-testid="save-view">
          Save view…
        </button>
      )}
      {active ? (
        <button type="button" onClick={() => store.getState().deleteView(gridKey, active.name)}>
          Delete view
        </button>
      ) : null}
      {error ? (
        <span role="alert" className="error">
          {error}
        </span>
      ) : null}
      <span className="spacer" />
      {children}
      <span className="row-count" data-testid="row-count">
        {shown !== null && shown !== total ? `${formatQuantity(shown)} of ${formatQuantity(total)}` : formatQuantity(total)} rows
      </span>
    </div>
  );
}
