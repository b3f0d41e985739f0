// The snapshot side of the engine's edit validator: which ids exist, which substitutes a rule allows, open quantities.
// Built in the worker from the whole snapshot, and on the UI thread from the loaded rows (so a cell refuses bad input
// before the edit is even sent).
import type { EditContext } from '../../shared/engine/edits';
import type { AllocationRow } from './allocation-row';

/** An edit context over the rows the view holds plus the known item and warehouse ids. */
export function editContextFromRows(
  rowById: Pick<ReadonlyMap<string, Pick<AllocationRow, 'openQty' | 'allowedSubstitutes'>>, 'has' | 'get'>,
  itemIds: readonly string[] | ReadonlySet<string>,
  warehouseIds: readonly string[] | ReadonlySet<string>,
): EditContext {
  const items = itemIds instanceof Set ? itemIds : new Set(itemIds);
  const warehouses = warehouseIds instanceof Set ? warehouseIds : new Set(warehouseIds);
  return {
    hasOrderLine: (id) => rowById.has(id),
    hasItem: (id) => items.has(id),
    hasWarehouse: (id) => warehouses.has(id),
    substitutesFor: (id) => rowById.get(id)?.allowedSubstitutes ?? [],
    openQty: (id) => rowById.get(id)?.openQty ?? 0,
  };
}
