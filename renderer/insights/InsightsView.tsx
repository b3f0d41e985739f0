/**
 * Process intelligence: every KPI over the local history and the current plan, filterable by region, warehouse,
 * channel and period; each chart drills down to the rows behind it in a grid; the report exports to Excel.
 */
import { useCallback, useEffect, useMemo } from 'react';
import type { KpiFilter } from '../../shared/governance';
import { drillDown, filterOptions } from '../../shared/governance';
import { DataGrid, formatDateTime } from '../grid';
import { MessageBanner } from '../policy/MessageBanner';
import type { GovernanceStoreApi } from '../policy/use-governance';
import { selectGovernanceActions, selectInsightsState, useGovernance } from '../policy/use-governance';
import '../policy/governance.css';
import { registerChartModules } from './charts';
import { KpiCard } from './KpiCard';
import { drillColumns } from './kpi-format';
import { selectKpiReport } from './insights-slice';

const dayStart = (d: string) => (d === '' ? undefined : Date.parse(`${d}T00:00:00Z`));
const dayEnd = (d: string) => (d === '' ? undefined : Date.parse(`${d}T23:59:59.999Z`));
const dayOf = (ms: number | undefined) => (ms === undefined ? '' : new Date(ms).toISOString().slice(0, 10));

export function InsightsView({ store, charts = true }: { store: GovernanceStoreApi; charts?: boolean }) {
  const s = useGovernance(store, selectInsightsState);
  const act = useGovernance(store, selectGovernanceActions);
  const report = useGovernance(store, selectKpiReport);
  useEffect(() => {
    registerChartModules();
    void act.loadInsights();
  }, [act]);

  const options = useMemo(() => (s.input ? filterOptions(s.input) : { regions: [], warehouses: [], channels: [] }), [s.input]);
  const setFilter = (p: Partial<KpiFilter>) => {
    const next: Record<string, unknown> = { ...s.filter, ...p };
    for (const k of Object.keys(next)) if (next[k] === undefined || next[k] === '') delete next[k];
    act.setInsightsFilter(next as KpiFilter);
  };
  const drillKpi = report?.kpis.find((k) => k.id === s.drill?.kpiId);
  const drillRows = useMemo(() => (drillKpi ? drillDown(drillKpi, s.drill?.category).map((r, i) => ({ ...r, __id: String(i) })) : []), [drillKpi, s.drill?.category]);
  const columns = useMemo(() => drillColumns(drillRows), [drillRows]);
  const onDrill = useCallback((kpiId: string, category?: string) => act.drillInto(kpiId, category), [act]);

  return (
    <section className="gov-view" data-testid="insights-view" aria-labelledby="insights-title">
      <header className="gov-header">
        <h2 id="insights-title">Process intelligence</h2>
        <div className="gov-actions">
          <button type="button" onClick={() => void act.loadInsights()} disabled={s.loading} data-testid="insights-refresh">
            {s.loading ? 'Computing…' : 'Recompute'}
          </button>
          <button type="button" onClick={() => report && void act.exportKpiReport(report)} disabled={!report} data-testid="insights-export">
            Export report to Excel
          </button>
        </div>
      </header>
      <MessageBanner message={s.message} testId="insights-message" />
      {s.loading && !report ? <progress aria-label="Computing the KPIs" data-testid="insights-progress" /> : null}
      <div className="gov-filters" role="group" aria-label="Filters">
        <label>
          Region
          <select value={s.filter.region ?? ''} onChange={(e) => setFilter({ region: e.target.value || undefined })} data-testid="filter-region">
            <option value="">all regions</option>
            {options.regions.map((r) => (
              <option key={r} value={r}>{r}</option>
            ))}
          </select>
        </label>
        <label>
          Warehouse
          <select value={s.filter.warehouseId ?? ''} onChange={(e) => setFilter({ warehouseId: e.target.value || undefined })} data-testid="filter-warehouse">
            <option value="">all warehouses</option>
            {options.warehouses.map((w) => (
              <option key={w} value={w}>{w}</option>
            ))}
          </select>
        </label>
        <label>
          Channel
          <select value={s.filter.channel ?? ''} onChange={(e) => setFilter({ channel: e.target.value || undefined })} data-testid="filter-channel">
            <option value="">all channels</option>
            {options.channels.map((c) => (
              <option key={c} value={c}>{c}</option>
            ))}
          </select>
        </label>
        <label>
          From
          <input type="date" value={dayOf(s.filter.from)} onChange={(e) => setFilter({ from: dayStart(e.target.value) })} data-testid="filter-from" />
        </label>
        <label>
          To
          <input type="date" value={dayOf(s.filter.to)} onChange={(e) => setFilter({ to: dayEnd(e.target.value) })} data-testid="filter-to" />
        </label>
        {s.loadedAt ? <span>As of {formatDateTime(s.loadedAt)}</span> : null}
      </div>
      {!report ? (
        !s.loading ? <p className="empty-state">No figures yet: pull from the ERP (status bar), then press "Recompute".</p> : null
      ) : (
        <div className="gov-kpis">
          {report.kpis.map((k) => (
            <KpiCard key={k.id} kpi={k} showChart={charts} onDrill={(c) => onDrill(k.id, c)} />
          ))}
        </div>
      )}
      {drillKpi ? (
        <section className="gov-drill" aria-label="Rows behind the chart" data-testid="kpi-drill">
          <header className="gov-header">
            <h3 data-testid="kpi-drill-title">
              {drillKpi.title}
              {s.drill?.category ? ` — ${s.drill.category}` : ''}: {drillRows.length} row{drillRows.length === 1 ? '' : 's'}
            </h3>
            <button type="button" onClick={act.closeDrill} data-testid="kpi-drill-close">Close</button>
          </header>
          <div className="gov-drill-grid">
            <DataGrid
              rows={drillRows}
              columns={columns}
              getRowId={(r) => r.__id}
              ariaLabel={`Rows behind ${drillKpi.title}`}
              emptyState={<p>No rows behind this figure for the current filters.</p>}
              testId="kpi-drill-grid"
            />
          </div>
        </section>
      ) : null}
    </section>
  );
}
