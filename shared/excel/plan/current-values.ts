// The planner's current setting of every editable column, reduced from the scenario's edit list (last edit
// wins). Export writes these values; import compares the file against them to find what changed.
import type { Edit } from '../../engine';

/** Per order line. `substitute` undefined = the rules decide; null = no substitution; a string = that item. */
export interface LineSettings {
  priority: number | null;
  locked: boolean;
  qty: number | null;
  source: string | null;
  substitute: string | null | undefined;
}

/** Added supply per balance (`${itemId}@${warehouseId}`): the sum of supply edits and the latest date. */
export interface SupplySettings {
  qty: number;
  date: string | null;
}

export const NO_LINE_SETTINGS: Readonly<LineSettings> = { priority: null, locked: false, qty: null, source: null, substitute: undefined };

export interface CurrentValues {
  readonly lines: ReadonlyMap<string, Readonly<LineSettings>>;
  readonly supply: ReadonlyMap<string, Readonly<SupplySettings>>;
}

/** Reduces an edit list to the current settings. */
export function currentValues(edits: readonly Edit[]): CurrentValues {
  const lines = new Map<string, LineSettings>();
  const supply = new Map<string, SupplySettings>();
  for (const e of edits) {
    if (e.kind === 'policy-weights') continue;
    if (e.kind === 'supply') {
      const key = `${e.itemId}@${e.warehouseId}`;
      const s = supply.get(key) ?? { qty: 0, date: null };
      s.qty += e.qty;
      s.date = e.date;
      supply.set(key, s);
      continue;
    }
    const s = lines.get(e.orderLineId) ?? { ...NO_LINE_SETTINGS };
    switch (e.kind) {
      case 'priority-override':
        s.priority = e.priority;
        break;
      case 'lock':
        s.locked = e.locked;
        break;
      case 'quantity':
        s.qty = e.qty;
        break;
      case 'source':
        s.source = e.warehouseId;
        break;
      case 'substitute':
        s.substitute = e.itemId;
        break;
    }
    lines.set(e.orderLineId, s);
  }
  return { lines, supply };
}
