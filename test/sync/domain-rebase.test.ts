import { describe, expect, it } from 'vitest';
import type { Decision } from '../../shared/domain';
import { recheckDecision, rebaseOnto } from '../../shared/sync/outbox/domain-rebase';
import { rowKeysOf } from '../../shared/sync/outbox/decision-rows';
import { balance, orderLine, reserveDecision } from './helpers';

const line = orderLine('L1', { itemId: 'SKU-1', warehouseId: 'W1', version: 3, status: 'open' });
const current = (rows: { entity: string; row: Record<string, unknown> }[]) => rows.map((r) => ({ entity: r.entity, id: String(r.row.id), row: r.row }));

describe('rebasing a conflicted decision on the ERP rows', () => {
  it('moves the basis versions forward when the stock is still there', () => {
    const decision = reserveDecision('D1', line, 5);
    const result = recheckDecision(decision, current([
      { entity: 'order-lines', row: { ...line, version: 4 } },
      { entity: 'inventory-balances', row: { ...balance('SKU-1', 'W1'), onHandQty: 50, erpReservedQty: 40 } },
    ]));
    expect(result.holds).toBe(true);
    if (result.holds) expect((result.decision as Decision).basis).toEqual([{ entity: 'order-lines', id: 'L1', version: 4 }]);
  });

  it('does not hold when the stock it reserves is gone, and says how much is left', () => {
    const result = recheckDecision(reserveDecision('D1', line, 5), current([
      { entity: 'order-lines', row: { ...line, version: 4 } },
      { entity: 'inventory-balances', row: { ...balance('SKU-1', 'W1'), onHandQty: 50, erpReservedQty: 48 } },
    ]));
    expect(result).toEqual({ holds: false, reason: 'only 2 available at SKU-1@W1, the decision reserves 5' });
  });

  it('does not hold when the line has shipped or been deleted', () => {
    expect(recheckDecision(reserveDecision('D1', line), current([{ entity: 'order-lines', row: { ...line, status: 'shipped' } }]))).toMatchObject({ holds: false, reason: 'order line "L1" is now shipped' });
    expect(recheckDecision(reserveDecision('D1', line), current([{ entity: 'order-lines', row: { id: 'L1', deleted: true } }]))).toMatchObject({ holds: false });
  });

  it('re-applies on the current rows without re-checking when the planner says so', () => {
    const rebased = rebaseOnto(reserveDecision('D1', line), current([{ entity: 'order-lines', row: { ...line, version: 9 } }]));
    expect(rebased.basis[0]?.version).toBe(9);
  });

  it('knows the balance a line reserves from even when the basis names only the line', () => {
    const d = { ...reserveDecision('D1', line), type: 'change-source', payload: { orderLineId: 'L1', toWarehouseId: 'W2', reserveQty: 1 } } as Decision;
    expect(rowKeysOf(d, () => line)).toEqual(['inventory-balances:SKU-1@W1', 'inventory-balances:SKU-1@W2', 'order-lines:L1']);
  });
});
