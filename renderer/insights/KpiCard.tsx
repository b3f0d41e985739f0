/** One KPI: headline (before -> after where it applies), its chart, and buttons to drill into each bar's rows. */
import { AgCharts } from 'ag-charts-react';
import { useMemo } from 'react';
import type { KpiResult } from '../../shared/governance';
import { drillDown } from '../../shared/governance';
import { kpiChartOptions } from './charts';
import { formatKpiValue } from './kpi-format';

export function KpiCard({ kpi, onDrill, showChart }: { kpi: KpiResult; onDrill: (category?: string) => void; showChart: boolean }) {
  const options = useMemo(() => kpiChartOptions(kpi, (c) => onDrill(c)), [kpi, onDrill]);
  return (
    <article className="gov-kpi" data-testid={`kpi-${kpi.id}`} aria-labelledby={`kpi-${kpi.id}-title`}>
      <h3 id={`kpi-${kpi.id}-title`}>{kpi.title}</h3>
      <div className="gov-kpi-value">
        {kpi.before !== undefined ? (
          <>
            <span data-testid={`kpi-${kpi.id}-before`}>{formatKpiValue(kpi, kpi.before)}</span> → <strong data-testid={`kpi-${kpi.id}-value`}>{formatKpiValue(kpi, kpi.value)}</strong>
          </>
        ) : (
          <strong data-testid={`kpi-${kpi.id}-value`}>{formatKpiValue(kpi, kpi.value)}</strong>
        )}
      </div>
      {showChart ? (
        <div className="gov-chart" data-testid={`kpi-${kpi.id}-chart`}>
          <AgCharts options={options} />
        </div>
      ) : null}
      <div className="gov-drill-links" aria-label={`Rows behind ${kpi.title}`}>
        <button type="button" onClick={() => onDrill(undefined)} data-testid={`kpi-${kpi.id}-drill-all`}>
          All rows ({kpi.rows.length})
        </button>
        {kpi.series.map((p) => {
          const n = drillDown(kpi, p.category).length;
          return n === 0 ? null : (
            <button key={p.category} type="button" onClick={() => onDrill(p.category)} data-testid={`kpi-${kpi.id}-drill-${p.category.replace(/[^\w-]+/g, '_')}`}>
              {p.category} ({n})
            </button>
          );
        })}
      </div>
      <p className="gov-kpi-def">{kpi.definition}</p>
    </article>
  );
}
