/**
 * Turns our column specs into AG Grid column definitions: the only place that knows both shapes.
 */
import type { ColDef, ICellRendererParams, ValueFormatterParams } from 'ag-grid-community';
import type { ReactNode } from 'react';
import type { ColumnSpec } from './column-spec';
import { NUMERIC_KINDS, isEditable, readCell } from './column-spec';
import { formatByKind, toDate } from './format';

export interface ColDefContext {
  /** True when this cell's last edit or paste was refused (it keeps a red mark until the next accepted edit). */
  isRefused(rowId: string, columnId: string): boolean;
  getRowId(row: unknown): string;
}

function filterFor(kind: ColumnSpec<unknown>['kind']): string {
  if (NUMERIC_KINDS.has(kind)) return 'agNumberColumnFilter';
  if (kind === 'date' || kind === 'datetime') return 'agDateColumnFilter';
  return 'agTextColumnFilter';
}

function SpecCell(props: ICellRendererParams & { render: (row: unknown) => unknown }) {
  return props.data ? (props.render(props.data) as ReactNode) : null;
}

/** One AG Grid ColDef per spec. */
export function toColDefs<Row>(specs: readonly ColumnSpec<Row>[], ctx: ColDefContext): ColDef<Row>[] {
  return specs.map((spec) => {
    const numeric = NUMERIC_KINDS.has(spec.kind);
    const format = (value: unknown, row: Row | undefined) =>
      spec.format && row !== undefined ? spec.format(value, row) : formatByKind(spec.kind, value, spec.currency);
    const def: ColDef<Row> = {
      colId: spec.id,
      headerName: spec.header,
      // Type inference off: our parser decides what is valid, never AG Grid's coercion.
      cellDataType: false,
      valueGetter: (p) => (p.data ? readCell(spec, p.data) : undefined),
      valueFormatter: (p: ValueFormatterParams<Row>) => format(p.value, p.data),
      // The quick filter matches what the planner sees ("Credit hold", "$1,200.00"), not the stored code.
      getQuickFilterText: (p) => format(p.value, p.data),
      sortable: spec.sortable ?? true,
      filter: spec.filter === false ? false : filterFor(spec.kind),
      resizable: true,
      hide: spec.hidden ?? false,
      cellClass: (p) => {
        const classes: string[] = [];
        if (numeric) classes.push('wb-num');
        if (p.data) {
          const extra = spec.cellClass?.(p.data);
          if (extra) classes.push(extra);
          if (isEditable(spec, p.data)) classes.push('wb-editable');
          if (ctx.isRefused(ctx.getRowId(p.data), spec.id)) classes.push('wb-refused');
        }
        return classes;
      },
    };
    if (numeric) def.headerClass = 'ag-right-aligned-header';
    if (spec.width !== undefined) def.width = spec.width;
    if (spec.minWidth !== undefined) def.minWidth = spec.minWidth;
    if (spec.flex !== undefined) def.flex = spec.flex;
    if (spec.pinned) def.pinned = spec.pinned;
    if (spec.sort) def.sort = spec.sort;
    if (spec.sortBy) {
      const key = spec.sortBy;
      def.comparator = (_a, _b, nodeA, nodeB) => {
        const x = nodeA.data ? key(nodeA.data) : '';
        const y = nodeB.data ? key(nodeB.data) : '';
        return x < y ? -1 : x > y ? 1 : 0;
      };
    }
    if (spec.kind === 'date' || spec.kind === 'datetime') {
      def.filterParams = {
        comparator: (filterDate: Date, cellValue: unknown) => {
          const d = typeof cellValue === 'string' || typeof cellValue === 'number' ? toDate(cellValue) : null;
          if (!d) return -1;
          const day = new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
          return day === filterDate.getTime() ? 0 : day < filterDate.getTime() ? -1 : 1;
        },
      };
    }
    if (spec.editable) {
      def.editable = (p) => (p.data ? isEditable(spec, p.data) : false);
      if (spec.kind === 'enum' && spec.options) {
        def.cellEditor = 'agSelectCellEditor';
        def.cellEditorParams = { values: [...spec.options] };
      } else if (spec.kind === 'boolean') {
        def.cellEditor = 'agSelectCellEditor';
        def.cellEditorParams = { values: ['Yes', 'No'] };
        def.valueFormatter = (p: ValueFormatterParams<Row>) => (p.value === true || p.value === 'Yes' ? 'Yes' : p.value === undefined || p.value === null ? '' : 'No');
      } else {
        def.cellEditor = 'agTextCellEditor';
        // Numbers open in the editor as the planner sees them (locale grouping), so Enter on an untouched cell
        // parses back to the same value; dates open as ISO, which the parser always accepts.
        def.cellEditorParams = { useFormatter: numeric };
      }
    }
    if (spec.tooltip) {
      const tip = spec.tooltip;
      def.tooltipValueGetter = (p) => (p.data ? tip(p.data) : undefined);
    }
    if (spec.render) {
      def.cellRenderer = SpecCell;
      def.cellRendererParams = { render: spec.render };
    }
    return def;
  });
}
