/**
 * AG Charts Community, configured once for the dashboard: only the modules the KPI charts use are registered, and
 * each KPI becomes a bar chart whose bars drill down to their rows.
 */
import { BarSeriesModule, CategoryAxisModule, LegendModule, ModuleRegistry, NumberAxisModule } from 'ag-charts-community';
import type { AgCartesianChartOptions } from 'ag-charts-community';
import type { KpiResult } from '../../shared/governance';

let registered = false;
export function registerChartModules(): void {
  if (registered) return;
  ModuleRegistry.registerModules([BarSeriesModule, CategoryAxisModule, NumberAxisModule, LegendModule]);
  registered = true;
}

const MEASURE_LABELS: Record<string, string> = {
  count: 'Open', averageAgeDays: 'Avg age (days)', averageHours: 'Average (h)', medianHours: 'Median (h)', p90Hours: '90th pct (h)',
  before: 'Before', after: 'After', lines: 'Lines', shortQty: 'Short units', touchesPerException: 'Touches / exception',
  decisions: 'Decisions', costCents: 'Cost',
};

/** Chart options for a KPI; `onBar` gets the clicked category. */
export function kpiChartOptions(kpi: KpiResult, onBar: (category: string) => void): AgCartesianChartOptions {
  const money = kpi.unit === 'cents';
  const data = kpi.series.map((p) => {
    const row: Record<string, unknown> = { category: p.category };
    for (const m of kpi.measures) {
      const v = p[m];
      row[m] = typeof v === 'number' ? (money ? v / 100 : v) : 0;
    }
    return row;
  });
  const options: AgCartesianChartOptions = {
    data,
    height: 200,
    legend: { enabled: kpi.measures.length > 1, position: 'bottom' },
    series: kpi.measures.map((m) => ({
      type: 'bar' as const,
      xKey: 'category',
      yKey: m,
      yName: MEASURE_LABELS[m] ?? m,
      listeners: {
        seriesNodeClick: (e: { readonly datum: unknown }) => {
          const c = (e.datum as { category?: unknown }).category;
          if (typeof c === 'string') onBar(c);
        },
      },
    })),
    axes: { x: { type: 'category', position: 'bottom' }, y: { type: 'number', position: 'left' } },
  };
  return options;
}
