// Turns a value typed (or pasted) into an editable allocation cell into the engine's Edit, validated by the engine's
// own validator against what the view knows (open quantity, rule substitutes, warehouses). A refusal names the line,
// the column, what was expected and what was found; nothing is sent to the worker.
import type { Edit, EditContext } from '../../shared/engine/edits';
import { validateEdit } from '../../shared/engine/edits';
import type { AllocationRow } from '../engine-worker/allocation-row';
import { parseLocaleNumber } from '../grid/parse';

/** The editable columns and the edit kind each one produces. */
export const EDITABLE_FIELDS = {
  priorityOverride: 'priority-override',
  locked: 'lock',
  quantityOverride: 'quantity',
  sourceOverride: 'source',
  substituteOverride: 'substitute',
} as const;
export type EditableField = keyof typeof EDITABLE_FIELDS;

export const EDITABLE_LABELS: Readonly<Record<EditableField, string>> = {
  priorityOverride: 'Priority override',
  locked: 'Lock',
  quantityOverride: 'Quantity',
  sourceOverride: 'Source warehouse',
  substituteOverride: 'Substitute',
};

/** A refusal carries the full sentence (line, column, expected, found) and just the "expected" part for the grid. */
export type CellEditResult = { readonly ok: true; readonly edit: Edit } | { readonly ok: false; readonly message: string; readonly expected: string };

export function isEditableField(field: string): field is EditableField {
  return Object.prototype.hasOwnProperty.call(EDITABLE_FIELDS, field);
}

const BLANK = new Set(['', '-', '—', 'none', 'null', 'clear']);

/** Reads raw cell input: '' or 'clear' means "remove my edit"; numbers must be plain digits (no '1e3', no '12,5'). */
function readRaw(field: EditableField, raw: unknown): unknown {
  if (raw === null || raw === undefined) return null;
  if (typeof raw === 'boolean' || typeof raw === 'number') return raw;
  const text = String(raw).trim();
  switch (field) {
    case 'priorityOverride':
    case 'quantityOverride': {
      if (BLANK.has(text.toLowerCase())) return null;
      // Read in the planner's locale (grouping allowed); anything that is not a number stays text and is refused.
      const n = parseLocaleNumber(text);
      return n === null ? text : n;
    }
    case 'locked': {
      const t = text.toLowerCase();
      if (['true', 'yes', 'y', '1', 'locked', 'x'].includes(t)) return true;
      if (['false', 'no', 'n', '0', 'unlocked', ''].includes(t)) return false;
      return text;
    }
    case 'sourceOverride':
      return BLANK.has(text.toLowerCase()) ? null : text;
    case 'substituteOverride':
      return text === '' || text.toLowerCase() === 'rules' ? undefined : text;
  }
}

/** Builds and validates the edit for `field` of `row` set to `raw`. */
export function cellEdit(row: AllocationRow, field: EditableField, raw: unknown, ctx: EditContext): CellEditResult {
  const value = readRaw(field, raw);
  const id = row.orderLineId;
  let edit: unknown;
  switch (field) {
    case 'priorityOverride':
      edit = { kind: 'priority-override', orderLineId: id, priority: value };
      break;
    case 'locked':
      edit = { kind: 'lock', orderLineId: id, locked: value };
      break;
    case 'quantityOverride':
      edit = { kind: 'quantity', orderLineId: id, qty: value };
      break;
    case 'sourceOverride':
      edit = { kind: 'source', orderLineId: id, warehouseId: value };
      break;
    case 'substituteOverride':
      // 'none' forbids substitution (the engine's null). The engine has no "back to rules" edit, so a blank is
      // refused rather than guessed at; undo is the way back.
      if (value === undefined) {
        const expected = `a substitute item (${row.allowedSubstitutes.join(', ') || 'none allowed'}) or "none"`;
        return { ok: false, message: `Line ${id}, ${EDITABLE_LABELS[field]}: expected ${expected}, found an empty text`, expected };
      }
      edit = { kind: 'substitute', orderLineId: id, itemId: typeof value === 'string' && value.toLowerCase() === 'none' ? null : value };
      break;
  }
  const check = validateEdit(edit, ctx, `Line ${id}, ${EDITABLE_LABELS[field]}`);
  if (!check.ok) {
    return {
      ok: false,
      message: check.issues.map((i) => i.message.replace(/field "[^"]+" /, '')).join('; '),
      expected: check.issues.map((i) => i.expected).join(', and '),
    };
  }
  return { ok: true, edit: check.edit };
}
