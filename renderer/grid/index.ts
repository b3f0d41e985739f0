/** The one AG Grid wrapper. Views import from here, never from ag-grid-*. */
export { DataGrid } from './DataGrid';
export type { DataGridHandle, DataGridProps, EditAnswer } from './DataGrid';
export { defineColumns, isEditable, readCell, COLUMN_KINDS } from './column-spec';
export type { CellEdit, CellRefusal, ColumnKind, ColumnSpec, GridViewState, ParseResult } from './column-spec';
export {
  formatAge, formatByKind, formatDate, formatDateTime, formatMoney, formatNumber, formatPercent, formatQuantity, formatRelative,
  getLocale, setLocale,
} from './format';
export { parseByKind, parseLocaleDate, parseLocaleNumber } from './parse';
export { checkCellInput } from './validate-cell';
export { parseClipboardText, planPaste } from './paste';
