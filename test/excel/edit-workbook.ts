// Plays "another spreadsheet program": opens an exported workbook with SheetJS (an independent reader and
// writer: shared strings, its own XML layout), lets a test change it like a planner would, and saves it.
import * as XLSX from 'xlsx';

/** Reads with SheetJS, lets `edit` change the workbook, writes .xlsx bytes. */
export function viaSheetJs(bytes: Uint8Array, edit: (wb: XLSX.WorkBook) => void, writeOptions: Partial<XLSX.WritingOptions> = {}): Uint8Array {
  const wb = XLSX.read(bytes, { type: 'array', cellFormula: true });
  edit(wb);
  return new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true, ...writeOptions }) as ArrayBuffer);
}

/** The sheet as an array of rows (header first); formulas are kept in cell objects. */
export function sheetRows(ws: XLSX.WorkSheet): unknown[][] {
  return XLSX.utils.sheet_to_json<unknown[]>(ws, { header: 1, raw: true, defval: null });
}

/** Zero-based column of a header in row 1 (throws when absent, so a test cannot silently edit nothing). */
export function columnOf(ws: XLSX.WorkSheet, header: string): number {
  const range = XLSX.utils.decode_range(ws['!ref'] ?? 'A1');
  for (let c = range.s.c; c <= range.e.c; c++) {
    const cell = ws[XLSX.utils.encode_cell({ r: 0, c })] as XLSX.CellObject | undefined;
    if (cell && String(cell.v).trim() === header) return c;
  }
  throw new Error(`no column "${header}"`);
}

/** Zero-based rows whose column `keyHeader` holds `key`. */
export function rowsOf(ws: XLSX.WorkSheet, keyHeader: string, key: string): number[] {
  const col = columnOf(ws, keyHeader);
  const range = XLSX.utils.decode_range(ws['!ref'] ?? 'A1');
  const out: number[] = [];
  for (let r = 1; r <= range.e.r; r++) {
    const cell = ws[XLSX.utils.encode_cell({ r, c: col })] as XLSX.CellObject | undefined;
    if (cell && cell.v === key) out.push(r);
  }
  return out;
}

export type CellInput = string | number | boolean | null | { readonly formula: string; readonly value?: string | number };

/** Sets a cell (null deletes it; a formula keeps its cached value when given, like a program that calculated it). */
export function setCell(ws: XLSX.WorkSheet, r: number, c: number, value: CellInput): void {
  const ref = XLSX.utils.encode_cell({ r, c });
  if (value === null) {
    delete ws[ref];
    return;
  }
  if (typeof value === 'object') {
    const cell: XLSX.CellObject = { t: typeof value.value === 'number' ? 'n' : value.value === undefined ? 'z' : 's', f: value.formula };
    if (value.value !== undefined) cell.v = value.value;
    ws[ref] = cell;
    return;
  }
  ws[ref] = typeof value === 'number' ? { t: 'n', v: value } : typeof value === 'boolean' ? { t: 'b', v: value } : { t: 's', v: value };
}

export interface PlanCellEdit {
  readonly orderLineId: string;
  readonly column: string;
  readonly value: CellInput;
  /** Only the first row of the line (default: every row of the line, as a planner filling down would). */
  readonly firstRowOnly?: boolean;
}

/** Edits Plan cells by order line and column header. */
export function editPlanCells(bytes: Uint8Array, edits: readonly PlanCellEdit[], sheet = 'Plan'): Uint8Array {
  return viaSheetJs(bytes, (wb) => {
    const ws = wb.Sheets[sheet]!;
    for (const e of edits) {
      const rows = rowsOf(ws, 'Order line', e.orderLineId);
      if (rows.length === 0) throw new Error(`no row for ${e.orderLineId}`);
      const c = columnOf(ws, e.column);
      for (const r of e.firstRowOnly ? rows.slice(0, 1) : rows) setCell(ws, r, c, e.value);
    }
  });
}
