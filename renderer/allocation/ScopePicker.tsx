// Choosing which lines to plan: a SKU group (most short units first), an item typed in, or every open line.
import { useState } from 'react';
import type { FormEvent } from 'react';
import type { AllocationScope, SkuGroupInfo } from '../engine-worker/protocol';
import { formatQuantity } from '../grid/format';

export function describeScope(scope: AllocationScope | null): string {
  if (!scope) return 'nothing open';
  if (scope.kind === 'all') return 'all open lines';
  if (scope.kind === 'sku-group') return `SKU group of ${scope.itemId}`;
  const f = scope.filter;
  const parts = [
    f.itemIds ? `items ${f.itemIds.join(', ')}` : null,
    f.warehouseId ? `warehouse ${f.warehouseId}` : null,
    f.customerId ? `customer ${f.customerId}` : null,
    f.tier ? `tier ${f.tier}` : null,
    f.channel ? `channel ${f.channel}` : null,
    f.shortOnly ? 'short lines' : null,
    f.orderLineIds ? `${f.orderLineIds.length} lines` : null,
  ].filter(Boolean);
  return parts.length ? parts.join(', ') : 'filtered lines';
}

export function ScopePicker({ groups, current, onOpen }: { groups: readonly SkuGroupInfo[]; current: AllocationScope | null; onOpen: (scope: AllocationScope) => void }) {
  const [item, setItem] = useState('');
  const selectedGroup = current?.kind === 'sku-group' ? (groups.find((g) => g.itemIds.includes(current.itemId))?.groupId ?? '') : '';

  function openItem(e: FormEvent) {
    e.preventDefault();
    const id = item.trim();
    if (id) onOpen({ kind: 'sku-group', itemId: id });
  }

  return (
    <div className="alloc-scope" role="group" aria-label="Lines to plan">
      <label>
        SKU group
        <select
          value={selectedGroup}
          data-testid="allocation-group-select"
          onChange={(e) => e.target.value && onOpen({ kind: 'sku-group', itemId: e.target.value })}
        >
          <option value="">{groups.length ? 'Choose a group…' : 'Loading groups…'}</option>
          {groups.map((g) => (
            <option key={g.groupId} value={g.groupId} data-lines={g.lines} data-short-lines={g.shortLines}>
              {g.itemIds.join(' + ')} — {g.lines} line{g.lines === 1 ? '' : 's'}{g.shortUnits > 0 ? `, ${formatQuantity(g.shortUnits)} short` : ''}
            </option>
          ))}
        </select>
      </label>
      <form onSubmit={openItem}>
        <label>
          Item
          <input value={item} onChange={(e) => setItem(e.target.value)} placeholder="SKU-10042" data-testid="allocation-item-input" size={12} />
        </label>
        <button type="submit">Open</button>
      </form>
      <button type="button" onClick={() => onOpen({ kind: 'filter', filter: { shortOnly: true } })} data-testid="allocation-scope-short">
        Short lines
      </button>
      <button type="button" onClick={() => onOpen({ kind: 'all' })} data-testid="allocation-scope-all">
        All lines
      </button>
      <span className="alloc-scope-current" data-testid="allocation-scope">
        Showing {describeScope(current)}
      </span>
    </div>
  );
}
