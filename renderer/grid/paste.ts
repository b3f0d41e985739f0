/**
 * Our own paste (AG Grid's clipboard module is Enterprise-only): a block copied from Excel is tab/newline separated
 * text; it fills the focused cell's column (and the next displayed columns, for a wider block) from the focused row
 * down. Every value goes through the same check as a typed edit; valid ones apply, invalid ones are refused one by one.
 */
import type { CellEdit, CellRefusal, ColumnSpec } from './column-spec';
import { checkCellInput } from './validate-cell';

/** Splits clipboard text as Excel writes it: rows by CR/LF, cells by tab, quoted cells may hold tabs, newlines, "". */
export function parseClipboardText(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let i = 0;
  let atCellStart = true;
  while (i < text.length) {
    const c = text[i]!;
    if (atCellStart && c === '"') {
      // Quoted cell: read to the closing quote, "" is a literal quote.
      i++;
      while (i < text.length) {
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        cell += text[i];
        i++;
      }
      atCellStart = false;
      continue;
    }
    if (c === '\t') {
      row.push(cell);
      cell = '';
      atCellStart = true;
    } else if (c === '\r' || c === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      atCellStart = true;
      if (c === '\r' && text[i + 1] === '\n') i++;
    } else {
      cell += c;
      atCellStart = false;
    }
    i++;
  }
  if (cell !== '' || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

export interface PasteTarget<Row> {
  id: string;
  row: Row;
}

export interface PastePlan<Row> {
  edits: CellEdit<Row>[];
  refusals: CellRefusal[];
  /** Pasted rows that fell below the last row. */
  beyondLastRow: number;
}

/**
 * Plans a paste. `targets` are the displayed rows from the focused one down (filtered and sorted as the planner sees
 * them); `columns` are the displayed columns from the focused one rightwards; `block` comes from parseClipboardText.
 */
export function planPaste<Row>(
  block: readonly string[][],
  targets: readonly PasteTarget<Row>[],
  columns: readonly ColumnSpec<Row>[],
  rowLabel: (row: Row, id: string) => string,
): PastePlan<Row> {
  const edits: CellEdit<Row>[] = [];
  const refusals: CellRefusal[] = [];
  const beyondLastRow = Math.max(0, block.length - targets.length);
  block.slice(0, targets.length).forEach((cells, r) => {
    const target = targets[r]!;
    cells.forEach((raw, c) => {
      const spec = columns[c];
      if (!spec) {
        refusals.push({ rowId: target.id, columnId: '', message: `Row ${rowLabel(target.row, target.id)}: the pasted block is wider than the columns to the right; extra value "${raw}" ignored.` });
        return;
      }
      const check = checkCellInput(spec, target.row, raw, rowLabel(target.row, target.id));
      if (check.ok) edits.push({ rowId: target.id, row: target.row, columnId: spec.id, value: check.value, raw, source: 'paste' });
      else refusals.push({ rowId: target.id, columnId: spec.id, message: check.message });
    });
  });
  return { edits, refusals, beyondLastRow };
}
