// The supply panel: "+200 at DC-EAST on 2026-12-02" — add (or remove) supply of an item at a warehouse on a day.
// Validated by the engine's edit validator before it is sent; a refusal is shown beside the form and sends nothing.
import { useMemo, useState } from 'react';
import type { FormEvent } from 'react';
import type { Edit, EditContext, SupplyEdit } from '../../shared/engine/edits';
import { validateEdit } from '../../shared/engine/edits';
import { formatDate, formatQuantity } from '../grid/format';
import { parseLocaleNumber } from '../grid/parse';

/** "+200 at DC-EAST on 2 Dec 2026" */
export function describeSupply(e: SupplyEdit): string {
  return `${e.qty >= 0 ? '+' : '−'}${formatQuantity(Math.abs(e.qty))} ${e.itemId} at ${e.warehouseId} on ${formatDate(e.date)}`;
}

/**
 * Up to this many items the panel offers a list; beyond it (every open line: ~10,000 items) the item is typed. A list
 * of 10,000 options is no help to pick from, and it put ~60,000 DOM nodes on the page that every layout of the
 * allocation view (the grid's first layout of 100,000 lines, each edit) had to style again.
 */
export const ITEM_LIST_LIMIT = 200;

export interface SupplyPanelProps {
  itemIds: readonly string[];
  warehouseIds: readonly string[];
  asOf: string;
  edits: readonly Edit[];
  context: EditContext | null;
  onApply: (edit: Edit) => Promise<string | null>;
}

export function SupplyPanel({ itemIds, warehouseIds, asOf, edits, context, onApply }: SupplyPanelProps) {
  const [itemId, setItemId] = useState(itemIds[0] ?? '');
  const [warehouseId, setWarehouseId] = useState(warehouseIds[0] ?? '');
  const [qty, setQty] = useState('');
  const [date, setDate] = useState(asOf);
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const supply = edits.filter((e): e is SupplyEdit => e.kind === 'supply');
  const typed = itemIds.length > ITEM_LIST_LIMIT;
  const known = useMemo(() => new Set(itemIds), [itemIds]);
  // A typed item is taken as typed (checked on Apply); a listed one falls back to the first when the scope changed.
  const item = typed ? itemId.trim() : known.has(itemId) ? itemId : (itemIds[0] ?? '');

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!known.has(item)) {
      setProblem(`Supply adjustment: field "itemId" expected an item of the lines shown (e.g. ${itemIds[0] ?? 'none loaded'}), found "${item}"`);
      return;
    }
    const n = parseLocaleNumber(qty);
    const candidate = { kind: 'supply', itemId: item, warehouseId, qty: n === null ? qty.trim() : n, date };
    const check = validateEdit(candidate, context ?? undefined, 'Supply adjustment');
    if (!check.ok) {
      setProblem(check.issues.map((i) => i.message).join('; '));
      return;
    }
    if (check.edit.kind === 'supply' && check.edit.qty === 0) {
      setProblem('Supply adjustment: field "qty" expected a quantity other than 0, found 0');
      return;
    }
    setBusy(true);
    const refused = await onApply(check.edit);
    setBusy(false);
    setProblem(refused);
    if (refused === null) setQty('');
  }

  return (
    <section className="alloc-supply" aria-label="Supply adjustments" data-testid="supply-panel">
      <h3>Supply adjustment</h3>
      <form onSubmit={submit} className="alloc-supply-form">
        <label>
          Item
          {typed ? (
            <input value={itemId} onChange={(e) => setItemId(e.target.value)} placeholder={itemIds[0]} size={12} data-testid="supply-item" />
          ) : (
            <select value={item} onChange={(e) => setItemId(e.target.value)} data-testid="supply-item">
              {itemIds.map((i) => (
                <option key={i} value={i}>
                  {i}
                </option>
              ))}
            </select>
          )}
        </label>
        <label>
          Warehouse
          <select value={warehouseId} onChange={(e) => setWarehouseId(e.target.value)} data-testid="supply-warehouse">
            {warehouseIds.map((w) => (
              <option key={w} value={w}>
                {w}
              </option>
            ))}
          </select>
        </label>
        <label>
          Quantity (+/−)
          <input inputMode="numeric" value={qty} onChange={(e) => setQty(e.target.value)} placeholder="+200" data-testid="supply-qty" className="wb-num" />
        </label>
        <label>
          Available on
          <input type="date" value={date} onChange={(e) => setDate(e.target.value)} data-testid="supply-date" />
        </label>
        <button type="submit" disabled={busy || item === ''} data-testid="supply-apply">
          Apply
        </button>
      </form>
      {problem ? (
        <p role="alert" className="alloc-problem" data-testid="supply-problem">
          {problem}
        </p>
      ) : null}
      {supply.length > 0 ? (
        <ul className="alloc-supply-list" data-testid="supply-edits">
          {supply.map((e, i) => (
            <li key={i}>{describeSupply(e)}</li>
          ))}
        </ul>
      ) : (
        <p className="empty-state">No supply adjustments. Dated on or before {formatDate(asOf)} means on hand now; later dates arrive as inbound.</p>
      )}
    </section>
  );
}
