/** Inventory: balances per item × warehouse with available-to-allocate, variances highlighted, inbound by ETA. */
import { useMemo, useRef, useState } from 'react';
import { GridToolbar } from '../app/GridToolbar';
import { DataGrid } from '../grid';
import type { DataGridHandle } from '../grid';
import { selectActiveView, selectCacheEmpty, selectInventory, selectVarianceCount, useWorkbench } from '../state';
import { inventoryColumns } from './inventory-columns';

const GRID_KEY = 'inventory';

export function InventoryView() {
  const all = useWorkbench(selectInventory);
  const varianceCount = useWorkbench(selectVarianceCount);
  const error = useWorkbench((s) => s.inventoryError);
  const cacheEmpty = useWorkbench(selectCacheEmpty);
  const activeView = useWorkbench(selectActiveView(GRID_KEY));
  const grid = useRef<DataGridHandle>(null);
  const [quickFilter, setQuickFilter] = useState(activeView?.quickFilter ?? '');
  const [variancesOnly, setVariancesOnly] = useState(false);
  const [shown, setShown] = useState<number | null>(null);
  const rows = useMemo(() => (variancesOnly ? all.filter((r) => r.hasVariance) : all), [all, variancesOnly]);

  return (
    <section className="view" data-testid="view-inventory" aria-labelledby="inventory-title">
      <header className="view-header">
        <h2 id="inventory-title">Inventory</h2>
        <p className="hint">Available = on hand − max(ERP reserved, WMS committed) − safety stock. Variances between ERP and WMS are highlighted.</p>
      </header>
      {error ? (
        <p role="alert" className="error">
          {error}
        </p>
      ) : null}
      <GridToolbar gridKey={GRID_KEY} grid={grid} quickFilter={quickFilter} onQuickFilter={setQuickFilter} shown={shown} total={rows.length}>
        <label className="toggle">
          <input type="checkbox" checked={variancesOnly} onChange={(e) => setVariancesOnly(e.target.checked)} data-testid="variances-only" />
          Variances only ({varianceCount})
        </label>
      </GridToolbar>
      <DataGrid
        rows={rows}
        columns={inventoryColumns}
        getRowId={(r) => r.id}
        ariaLabel="Inventory balances"
        rowLabel={(r) => `${r.itemId} at ${r.warehouseId}`}
        quickFilter={quickFilter}
        onDisplayedCountChange={setShown}
        rowClass={(r) => (r.hasVariance ? 'row-variance' : undefined)}
        {...(activeView ? { initialViewState: activeView.state } : {})}
        emptyState={
          cacheEmpty ? <p>No balances cached yet. Sign in and pull from the ERP (status bar).</p> : variancesOnly ? <p>No variances: the ERP and the WMS agree.</p> : <p>No balances in the cache.</p>
        }
        gridRef={grid}
        testId="inventory-grid"
      />
    </section>
  );
}
