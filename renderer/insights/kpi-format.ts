/** How KPI figures read on the dashboard: locale formatting by unit. */
import type { KpiResult, KpiRow } from '../../shared/governance';
import type { ColumnKind, ColumnSpec } from '../grid';
import { defineColumns, formatMoney, formatNumber, formatPercent } from '../grid';

/** A KPI's headline figure (or a dash when there is nothing to measure). */
export function formatKpiValue(kpi: Pick<KpiResult, 'unit'>, value: number | null | undefined): string {
  if (value === null || value === undefined) return '—';
  switch (kpi.unit) {
    case 'ratio':
      return formatPercent(value);
    case 'cents':
      return formatMoney(value / 100);
    case 'hours':
      return `${formatNumber(Math.round(value * 10) / 10)} h`;
    case 'days':
      return `${formatNumber(Math.round(value * 10) / 10)} d`;
    default:
      return formatNumber(value);
  }
}

function kindOf(key: string, sample: unknown): ColumnKind {
  if (key.endsWith('Cents')) return 'money';
  if (typeof sample === 'number') return /qty/i.test(key) ? 'quantity' : 'number';
  if (typeof sample === 'boolean') return 'boolean';
  return 'text';
}

/** Drill-down grid columns from the rows' own fields (every KPI's rows are flat records). */
export function drillColumns(rows: readonly KpiRow[]): ColumnSpec<KpiRow & { readonly __id: string }>[] {
  const first = rows[0];
  if (!first) return [];
  return defineColumns<KpiRow & { readonly __id: string }>(
    Object.keys(first).map((key) => {
      const kind = kindOf(key, rows.find((r) => r[key] !== null)?.[key]);
      return {
        id: key,
        header: key.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase()).replace(/ Cents$/, ''),
        kind,
        ...(kind === 'money' ? { value: (r: KpiRow) => (typeof r[key] === 'number' ? (r[key] as number) / 100 : r[key]) } : {}),
        minWidth: 110,
        flex: 1,
      };
    }),
  );
}
