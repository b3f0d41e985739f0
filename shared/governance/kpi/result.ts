// The common shape of a KPI: a headline value, a series for its chart, and the rows behind each point so the
// dashboard can drill down. `category` links a series point to its rows.
export const KPI_UNITS = ['count', 'hours', 'days', 'ratio', 'cents', 'per-exception'] as const;
export type KpiUnit = (typeof KPI_UNITS)[number];

export interface KpiPoint {
  readonly category: string;
  readonly [measure: string]: string | number | null;
}

export interface KpiRow {
  readonly category: string;
  readonly [field: string]: string | number | boolean | null;
}

export interface KpiResult {
  readonly id: string;
  readonly title: string;
  readonly unit: KpiUnit;
  /** The headline figure (null when there is nothing to measure). */
  readonly value: number | null;
  /** For before/after KPIs: the figure before (ERP reservations); `value` is after (the plan). */
  readonly before?: number | null;
  /** Series measures to chart, e.g. ['count'] or ['before', 'after']. */
  readonly measures: readonly string[];
  readonly series: readonly KpiPoint[];
  readonly rows: readonly KpiRow[];
  /** How the figure is computed, shown under the chart. */
  readonly definition: string;
}

/** Rows behind one chart point (or all rows when category is undefined). */
export function drillDown(result: KpiResult, category?: string): KpiRow[] {
  return category === undefined ? [...result.rows] : result.rows.filter((r) => r.category === category);
}
