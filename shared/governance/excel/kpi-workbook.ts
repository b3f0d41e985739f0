// The KPI report as an .xlsx workbook (bytes): a summary sheet with every headline figure and the filter, then one
// sheet per KPI with its rows, so the figures can be checked line by line in Excel.
import * as XLSX from 'xlsx';
import type { KpiReport } from '../kpi/report';
import type { KpiResult } from '../kpi/result';

/** Excel sheet names: at most 31 characters, none of : \ / ? * [ ]. */
function sheetName(title: string, used: Set<string>): string {
  const base = title.replace(/[:\\/?*[\]]/g, ' ').slice(0, 28).trim();
  let name = base;
  for (let n = 2; used.has(name); n++) name = `${base.slice(0, 26)} ${n}`;
  used.add(name);
  return name;
}

function headline(k: KpiResult, v: number | null | undefined): string | number {
  if (v === null || v === undefined) return '';
  return k.unit === 'cents' ? v / 100 : v;
}

/** Rows written per KPI sheet by default. */
export const KPI_SHEET_ROW_LIMIT = 5000;

/** The KPI report workbook, as xlsx bytes. */
export function kpiReportWorkbook(report: KpiReport, maxRowsPerKpi = KPI_SHEET_ROW_LIMIT): Uint8Array {
  const wb = XLSX.utils.book_new();
  const f = report.filter;
  const summary: (string | number)[][] = [
    ['Allocation Workbench KPI report'],
    ['As of', new Date(report.asOf).toISOString()],
    ['Region', f.region ?? 'all'],
    ['Warehouse', f.warehouseId ?? 'all'],
    ['Channel', f.channel ?? 'all'],
    ['Period from', f.from !== undefined ? new Date(f.from).toISOString() : 'any'],
    ['Period to', f.to !== undefined ? new Date(f.to).toISOString() : 'any'],
    [],
    ['KPI', 'Unit', 'Value', 'Before', 'Definition'],
    ...report.kpis.map((k) => [k.title, k.unit === 'cents' ? 'currency' : k.unit, headline(k, k.value), headline(k, k.before), k.definition]),
  ];
  const used = new Set<string>(['Summary']);
  XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(summary), 'Summary');
  for (const k of report.kpis) {
    // A report, not a data dump: each KPI sheet keeps its first rows (the dashboard's drill-down shows them all).
    const kept = k.rows.slice(0, maxRowsPerKpi);
    const rows = kept.length > 0 ? kept.map((r) => ({ ...r })) : [{ category: '(no rows)' }];
    const sheet = XLSX.utils.json_to_sheet(rows);
    if (k.rows.length > maxRowsPerKpi) XLSX.utils.sheet_add_aoa(sheet, [[`First ${maxRowsPerKpi} of ${k.rows.length} rows; filter the dashboard to narrow them.`]], { origin: -1 });
    XLSX.utils.book_append_sheet(wb, sheet, sheetName(k.title, used));
  }
  // type 'array' yields an ArrayBuffer; callers (and the bridge's file:save) expect a Uint8Array.
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer);
}
