/**
 * The one check every edit and every pasted value goes through, so typing and pasting refuse the same things with
 * the same words: which row, which column, what was expected, what was found.
 */
import type { ColumnSpec } from './column-spec';
import { isEditable } from './column-spec';
import { parseByKind } from './parse';

export type CellCheck = { ok: true; value: unknown } | { ok: false; message: string };

function shown(raw: string): string {
  const t = raw.length > 40 ? `${raw.slice(0, 37)}...` : raw;
  return t === '' ? 'an empty cell' : `"${t}"`;
}

/** Validates raw input for one cell of one row. */
export function checkCellInput<Row>(spec: ColumnSpec<Row>, row: Row, raw: string, rowLabel: string): CellCheck {
  const where = `Row ${rowLabel}, ${spec.header}`;
  if (!isEditable(spec, row)) return { ok: false, message: `${where}: this column cannot be edited here.` };
  const parsed = spec.parse
    ? spec.parse(raw, row)
    : parseByKind(spec.kind, raw, { min: spec.min, max: spec.max, options: spec.options });
  if (!parsed.ok) return { ok: false, message: `${where}: expected ${parsed.expected}, found ${shown(raw)}.` };
  const rule = spec.validate?.(parsed.value, row) ?? null;
  if (rule !== null) return { ok: false, message: `${where}: expected ${rule}, found ${shown(raw)}.` };
  return { ok: true, value: parsed.value };
}
