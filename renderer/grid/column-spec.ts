/**
 * Our own column description: plain data that a feature folder writes beside its view. AG Grid types never leak out of
 * renderer/grid/; `to-col-defs.ts` is the one place that turns a spec into an AG Grid column definition.
 */
import type { ReactNode } from 'react';

/** What a column holds; decides alignment, formatting, the default parser and the filter. */
export const COLUMN_KINDS = ['text', 'quantity', 'number', 'money', 'percent', 'date', 'datetime', 'age', 'boolean', 'enum'] as const;
export type ColumnKind = (typeof COLUMN_KINDS)[number];

/** The outcome of reading what the planner typed or pasted: a value, or what was expected instead. */
export type ParseResult<T = unknown> = { ok: true; value: T } | { ok: false; expected: string };

export interface ColumnSpec<Row> {
  /** Stable id: AG Grid's `col-id`, the key in saved views, and the row field when `value` is not given. */
  id: string;
  header: string;
  kind: ColumnKind;
  /** Reads the cell's value; defaults to `row[id]`. */
  value?: (row: Row) => unknown;
  /** Overrides the locale formatting of the kind. */
  format?: (value: unknown, row: Row) => string;
  /** ISO 4217 code for `money` columns (default USD). */
  currency?: string;
  /** Allowed values of an `enum` column (the canonical spelling is kept; matching ignores case). */
  options?: readonly string[];
  /** Bounds for numeric kinds. Quantities default to `min: 0` and whole numbers. */
  min?: number;
  max?: number;
  /** Whether the planner may edit this cell. */
  editable?: boolean | ((row: Row) => boolean);
  /** Replaces the kind's parser for edits and pastes. */
  parse?: (raw: string, row: Row) => ParseResult;
  /** A rule that depends on the row (e.g. "not more than ordered"); return what was expected, or null when valid. */
  validate?: (value: unknown, row: Row) => string | null;
  /** A React rendering of the cell instead of formatted text. */
  render?: (row: Row) => ReactNode;
  /** Extra CSS class for the cell (e.g. highlight a variance). */
  cellClass?: (row: Row) => string | undefined;
  /** Hover text for the cell (e.g. a score's factor breakdown). */
  tooltip?: (row: Row) => string | undefined;
  width?: number;
  minWidth?: number;
  flex?: number;
  pinned?: 'left' | 'right';
  hidden?: boolean;
  /** Defaults to true. */
  sortable?: boolean;
  /** Column filter in the header; defaults to true. */
  filter?: boolean;
  /** Sort by this instead of the displayed value (e.g. severity by rank, not alphabetically). */
  sortBy?: (row: Row) => number | string;
  /** Initial sort of this column. */
  sort?: 'asc' | 'desc';
}

/** A validated edit the grid hands to its owner. The grid never mutates rows itself. */
export interface CellEdit<Row> {
  rowId: string;
  row: Row;
  columnId: string;
  value: unknown;
  /** What the planner typed or pasted. */
  raw: string;
  source: 'edit' | 'paste';
}

/** A refused edit, worded for the planner: which row, which column, what was expected, what was found. */
export interface CellRefusal {
  rowId: string;
  columnId: string;
  message: string;
}

/** Columns, sort and filters of a grid: what a saved view stores. Plain JSON. */
export interface GridViewState {
  columns: { id: string; hidden: boolean; width?: number }[];
  sort: { columnId: string; direction: 'asc' | 'desc' }[];
  /** Column filter model, opaque JSON owned by the grid wrapper. */
  filters: Record<string, unknown>;
}

/** Helper so feature folders get type inference on their column lists. */
export function defineColumns<Row>(columns: ColumnSpec<Row>[]): ColumnSpec<Row>[] {
  return columns;
}

/** Reads a cell's value through the spec. */
export function readCell<Row>(spec: ColumnSpec<Row>, row: Row): unknown {
  return spec.value ? spec.value(row) : (row as Record<string, unknown>)[spec.id];
}

/** True when the planner may edit this cell. */
export function isEditable<Row>(spec: ColumnSpec<Row>, row: Row): boolean {
  return typeof spec.editable === 'function' ? spec.editable(row) : spec.editable === true;
}

export const NUMERIC_KINDS: ReadonlySet<ColumnKind> = new Set(['quantity', 'number', 'money', 'percent', 'age']);
