// Planner edits: plain serialisable objects the UI grid, the Excel import, the CLI and stored scenarios all use,
// and the one validator that names the field at fault (and, given the snapshot, the unknown id).
import { isIsoDate } from '../domain';
import type { IsoDate } from '../domain';
import type { ScoreWeights } from './policy';
import { checkWeights, describeFound } from './policy';

/** Serve this line with a planner priority (1 = first) ahead of every scored line; null removes the override. */
export interface PriorityOverrideEdit { readonly kind: 'priority-override'; readonly orderLineId: string; readonly priority: number | null }
/** Freeze the line at its ERP reservation: it neither gains nor loses, and gets no decision. */
export interface LockEdit { readonly kind: 'lock'; readonly orderLineId: string; readonly locked: boolean }
/** The quantity the planner wants for this line (0..open quantity); null goes back to the open quantity. */
export interface QuantityEdit { readonly kind: 'quantity'; readonly orderLineId: string; readonly qty: number | null }
/** Ship the line from this warehouse instead of the requested one; null goes back to the requested one. */
export interface SourceEdit { readonly kind: 'source'; readonly orderLineId: string; readonly warehouseId: string | null }
/** Fill the line with this substitute item only; null forbids substitution for the line. */
export interface SubstituteEdit { readonly kind: 'substitute'; readonly orderLineId: string; readonly itemId: string | null }
/** Add (or with a negative qty remove) supply: on hand when `date` <= the planning day, else inbound arriving on `date`. */
export interface SupplyEdit { readonly kind: 'supply'; readonly itemId: string; readonly warehouseId: string; readonly qty: number; readonly date: IsoDate }
/** Change some score weights (the others keep their policy value). */
export interface PolicyWeightsEdit { readonly kind: 'policy-weights'; readonly weights: Partial<ScoreWeights> }

export type Edit = PriorityOverrideEdit | LockEdit | QuantityEdit | SourceEdit | SubstituteEdit | SupplyEdit | PolicyWeightsEdit;
export const EDIT_KINDS = ['priority-override', 'lock', 'quantity', 'source', 'substitute', 'supply', 'policy-weights'] as const;
export type EditKind = Edit['kind'];

export interface EditIssue {
  readonly field: string;
  readonly expected: string;
  readonly found: string;
  readonly message: string;
}
export type EditResultCheck = { readonly ok: true; readonly edit: Edit } | { readonly ok: false; readonly issues: readonly EditIssue[] };

/** What the validator may ask about the snapshot to reject unknown ids. */
export interface EditContext {
  hasOrderLine(id: string): boolean;
  hasItem(id: string): boolean;
  hasWarehouse(id: string): boolean;
  /** Substitute item ids a rule allows for the line's item. */
  substitutesFor(orderLineId: string): readonly string[];
  /** Open quantity of the line (ordered - shipped). */
  openQty(orderLineId: string): number;
}

/** Validates one edit; `label` prefixes messages (e.g. 'edits[3]' or 'row 12'). */
export function validateEdit(input: unknown, ctx?: EditContext, label = 'edit'): EditResultCheck {
  const issues: EditIssue[] = [];
  const fail = (field: string, expected: string, found: unknown): void => {
    const f = describeFound(found);
    issues.push({ field, expected, found: f, message: `${label}: field "${field}" expected ${expected}, found ${f}` });
  };
  const num = (field: string, v: unknown, min: number, max = Infinity, integer = true): void => {
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min || v > max || (integer && !Number.isInteger(v))) {
      fail(field, `${integer ? 'an integer' : 'a number'} ${max === Infinity ? `>= ${min}` : `from ${min} to ${max}`}`, v);
    }
  };
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    fail('(edit)', 'an object with a "kind"', input);
    return { ok: false, issues };
  }
  const e = input as Record<string, unknown>;
  const lineId = (): string | null => {
    if (typeof e.orderLineId !== 'string' || e.orderLineId === '') {
      fail('orderLineId', 'an order line id', e.orderLineId);
      return null;
    }
    if (ctx && !ctx.hasOrderLine(e.orderLineId)) {
      fail('orderLineId', 'the id of an open order line in the snapshot', e.orderLineId);
      return null;
    }
    return e.orderLineId;
  };
  switch (e.kind) {
    case 'priority-override':
      lineId();
      if (e.priority !== null) num('priority', e.priority, 1, 1_000_000);
      break;
    case 'lock':
      lineId();
      if (typeof e.locked !== 'boolean') fail('locked', 'true or false', e.locked);
      break;
    case 'quantity': {
      const id = lineId();
      if (e.qty !== null) {
        num('qty', e.qty, 0);
        if (id !== null && ctx && typeof e.qty === 'number' && e.qty > ctx.openQty(id)) fail('qty', `at most the open quantity ${ctx.openQty(id)}`, e.qty);
      }
      break;
    }
    case 'source':
      lineId();
      if (e.warehouseId !== null) {
        if (typeof e.warehouseId !== 'string' || e.warehouseId === '') fail('warehouseId', 'a warehouse id or null', e.warehouseId);
        else if (ctx && !ctx.hasWarehouse(e.warehouseId)) fail('warehouseId', 'a warehouse in the snapshot', e.warehouseId);
      }
      break;
    case 'substitute': {
      const id = lineId();
      if (e.itemId !== null) {
        if (typeof e.itemId !== 'string' || e.itemId === '') fail('itemId', 'an item id or null', e.itemId);
        else if (id !== null && ctx) {
          const allowed = ctx.substitutesFor(id);
          if (!allowed.includes(e.itemId)) fail('itemId', allowed.length ? `a substitute allowed by a rule (${allowed.join(', ')})` : 'null (no substitution rule exists for this item)', e.itemId);
        }
      }
      break;
    }
    case 'supply':
      if (typeof e.itemId !== 'string' || e.itemId === '' || (ctx && !ctx.hasItem(e.itemId))) fail('itemId', 'an item in the snapshot', e.itemId);
      if (typeof e.warehouseId !== 'string' || e.warehouseId === '' || (ctx && !ctx.hasWarehouse(e.warehouseId))) fail('warehouseId', 'a warehouse in the snapshot', e.warehouseId);
      num('qty', e.qty, -1_000_000_000, 1_000_000_000);
      if (!isIsoDate(e.date)) fail('date', "a date 'YYYY-MM-DD'", e.date);
      break;
    case 'policy-weights':
      if (typeof e.weights !== 'object' || e.weights === null || Array.isArray(e.weights)) fail('weights', 'an object of factor weights', e.weights);
      else checkWeights({ fail, num: (f, v, min, max) => num(f, v, min, max, false) }, 'weights', e.weights as Record<string, unknown>, true);
      break;
    default:
      fail('kind', `one of ${EDIT_KINDS.join(', ')}`, e.kind);
  }
  return issues.length === 0 ? { ok: true, edit: input as Edit } : { ok: false, issues };
}

/** Validates a list of edits; issues name the edit index. */
export function validateEdits(input: unknown, ctx?: EditContext): { ok: true; edits: Edit[] } | { ok: false; issues: EditIssue[] } {
  if (!Array.isArray(input)) {
    return { ok: false, issues: [{ field: '(edits)', expected: 'an array of edits', found: describeFound(input), message: `edits: expected an array of edits, found ${describeFound(input)}` }] };
  }
  const issues: EditIssue[] = [];
  input.forEach((e, i) => {
    const r = validateEdit(e, ctx, `edits[${i}]`);
    if (!r.ok) issues.push(...r.issues);
  });
  return issues.length === 0 ? { ok: true, edits: input as Edit[] } : { ok: false, issues };
}
