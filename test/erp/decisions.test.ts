import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Decision, InventoryBalance, IsoDate, OrderLine, Qty, Snapshot } from '../../shared/domain';
import type { Harness } from './harness';
import { findReservableLine, reserveDecision, snapshotOf, startHarness } from './harness';

function balanceOf(s: Snapshot, id: string): InventoryBalance {
  return s.inventoryBalances.find((b) => b.id === id) as InventoryBalance;
}
function lineOf(s: Snapshot, id: string): OrderLine {
  return s.orderLines.find((l) => l.id === id) as OrderLine;
}

/** Invariants an ERP keeps whatever happens: no negative stock, reserved within on hand, ledgers agree. */
function expectConsistent(s: Snapshot): void {
  const reservedAt = new Map<string, number>();
  for (const l of s.orderLines) {
    expect(l.reservedQty + l.shippedQty).toBeLessThanOrEqual(l.orderedQty);
    reservedAt.set(`${l.itemId}@${l.warehouseId}`, (reservedAt.get(`${l.itemId}@${l.warehouseId}`) ?? 0) + l.reservedQty);
  }
  for (const b of s.inventoryBalances) {
    expect(b.onHandQty).toBeGreaterThanOrEqual(0);
    expect(b.erpReservedQty).toBeLessThanOrEqual(b.onHandQty);
    expect(b.erpReservedQty).toBe(reservedAt.get(b.id) ?? 0);
  }
}

describe('POST /decisions', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  it('same Idempotency-Key twice: one effect, the same answer (201 then 200)', async () => {
    const s0 = snapshotOf(h);
    const { line, balance } = findReservableLine(s0);
    const d = reserveDecision(line, balance, 2);
    const first = await h.planner.postDecisions(d, d.id);
    expect(first).toMatchObject({ ok: true, status: 201, value: { status: 'applied', idempotencyKey: d.id } });
    const second = await h.planner.postDecisions(d, d.id);
    expect(second).toMatchObject({ ok: true, status: 200 });
    expect(second.ok && second.value).toEqual(first.ok && first.value);
    const s1 = snapshotOf(h);
    expect(balanceOf(s1, balance.id).erpReservedQty).toBe(balance.erpReservedQty + 2);
    expect(lineOf(s1, line.id)).toMatchObject({ reservedQty: line.reservedQty + 2, version: line.version + 1 });
    const ledger = await h.planner.listDecisionOutcomes({ limit: 1000 });
    expect(ledger.ok && ledger.value.items.filter((o) => o.decisionId === d.id)).toHaveLength(1);
    expect(await h.planner.getDecision(d.id)).toMatchObject({
      ok: true,
      value: { decisionId: d.id, status: 'applied', httpStatus: 201, changed: expect.arrayContaining([{ entity: 'order-lines', id: line.id, version: line.version + 1 }]) },
    });
    expectConsistent(s1);
  });

  it('the same key with a different body is 422 naming Idempotency-Key, and changes nothing', async () => {
    const { line, balance } = findReservableLine(snapshotOf(h));
    const d = reserveDecision(line, balance, 1);
    expect((await h.planner.postDecisions(d, d.id)).ok).toBe(true);
    const other = await h.planner.postDecisions({ ...d, reason: 'changed my mind' }, d.id);
    expect(other).toMatchObject({ ok: false, status: 422, problem: { field: 'Idempotency-Key' } });
  });

  it('a stale basis version is 412 with the current rows; the rejection is stored and replayed', async () => {
    const { line, balance } = findReservableLine(snapshotOf(h));
    const d = reserveDecision({ ...line, version: line.version - 1 }, balance, 1);
    const r = await h.planner.postDecisions(d, d.id);
    expect(r).toMatchObject({ ok: false, status: 412, problem: { decisionId: d.id, field: 'basis[0].version', currentRows: [{ entity: 'order-lines', id: line.id, row: { version: line.version } }] } });
    expect(lineOf(snapshotOf(h), line.id).version).toBe(line.version);
    expect(await h.planner.postDecisions(d, d.id)).toMatchObject({ ok: false, status: 412 });
    expect(await h.planner.getDecision(d.id)).toMatchObject({ ok: true, value: { status: 'rejected', httpStatus: 412 } });
  });

  it('reserving more than is available is 409 with the balance as it is now, and changes nothing', async () => {
    const s = snapshotOf(h);
    const { line, balance } = findReservableLine(s);
    const avail = balance.onHandQty - balance.erpReservedQty;
    // Pretend the line wants more than the warehouse has: reserve available + 1 on a line with room for it.
    const roomy = s.orderLines.find(
      (l) => l.itemId === balance.itemId && l.warehouseId === balance.warehouseId && l.status === 'open' && l.holdCode === 'none' && l.orderedQty - l.shippedQty - l.reservedQty > avail,
    );
    const target = roomy ?? line;
    const d = reserveDecision(target, balance, avail + 1);
    const r = await h.planner.postDecisions(d, d.id);
    expect(r).toMatchObject({ ok: false, status: 409, problem: { decisionId: d.id, field: 'payload.qty' } });
    if (r.ok) return;
    expect(r.problem.currentRows?.map((c) => c.id)).toContain(target.id);
    if (roomy) expect(r.problem.currentRows?.map((c) => c.id)).toContain(balance.id);
    const after = snapshotOf(h);
    expect(balanceOf(after, balance.id)).toEqual(balance);
    expect(lineOf(after, target.id)).toEqual(target);
  });

  it('422 names the field of an invalid decision and records nothing', async () => {
    const { line, balance } = findReservableLine(snapshotOf(h));
    const d = reserveDecision(line, balance, 1);
    const bad = { ...d, payload: { ...d.payload, qty: -3 } } as unknown as Decision;
    const r = await h.planner.postDecisions(bad, d.id);
    expect(r).toMatchObject({ ok: false, status: 422, problem: { field: 'payload.qty' } });
    expect(!r.ok && r.problem.detail).toBe(`decisions "${d.id}": field "payload.qty" expected a non-negative integer, found -3`);
    expect(await h.planner.getDecision(d.id)).toMatchObject({ ok: false, status: 404 });
    const unknown = await h.planner.postDecisions({ ...d, id: `${d.id}-x`, payload: { orderLineId: 'OL-NOPE', qty: 1 as Qty } } as Decision, `${d.id}-x`);
    expect(unknown).toMatchObject({ ok: false, status: 422, problem: { field: 'payload.orderLineId' } });
    const noKey = await fetch(`${h.erp.url}/api/v1/decisions`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: 'Bearer x' }, body: '{}' });
    expect(noKey.status).toBe(401);
  });

  it('a role without the right gets 403: finance cannot reserve, a planner cannot release a credit hold', async () => {
    const s = snapshotOf(h);
    const { line, balance } = findReservableLine(s);
    const d = reserveDecision(line, balance, 1);
    expect(await h.finance.postDecisions(d, d.id)).toMatchObject({ ok: false, status: 403 });
    const held = s.orderLines.find((l) => l.holdCode === 'credit' && l.status === 'open') as OrderLine;
    const release: Decision = { ...d, id: `${d.id}-rel`, type: 'release-hold', basis: [{ entity: 'order-lines', id: held.id, version: held.version }], payload: { orderLineId: held.id } };
    expect(await h.planner.postDecisions(release, release.id)).toMatchObject({ ok: false, status: 403 });
    const ok = await h.finance.postDecisions(release, release.id);
    expect(ok).toMatchObject({ ok: true, status: 201 });
    const after = snapshotOf(h);
    expect(lineOf(after, held.id).holdCode).toBe('none');
    expect(after.exceptions.filter((e) => e.orderLineId === held.id && e.type === 'credit-hold' && e.status !== 'resolved')).toEqual([]);
  });

  it('a batch is all-or-nothing: one failing precondition leaves the others unapplied', async () => {
    const s = snapshotOf(h);
    const a = findReservableLine(s);
    const b = findReservableLine(s, 2, new Set([a.line.id, a.balance.id]));
    const good = reserveDecision(a.line, a.balance, 1);
    const stale = reserveDecision({ ...b.line, version: b.line.version + 5 }, b.balance, 1);
    const r = await h.supervisor.postDecisions([good, stale], `BATCH-${good.id}`);
    expect(r).toMatchObject({ ok: false, status: 412, problem: { decisionId: stale.id } });
    expect(lineOf(snapshotOf(h), a.line.id).reservedQty).toBe(a.line.reservedQty);
    expect(await h.planner.getDecision(good.id)).toMatchObject({ ok: true, value: { status: 'rejected' } });
  });

  it('a decision id already recorded cannot be applied again under another key', async () => {
    const { line, balance } = findReservableLine(snapshotOf(h));
    const d = reserveDecision(line, balance, 1);
    expect((await h.planner.postDecisions(d, d.id)).ok).toBe(true);
    const again = await h.planner.postDecisions([d], `OTHER-${d.id}`);
    expect(again).toMatchObject({ ok: false, status: 409, problem: { decisionId: d.id, field: 'id' } });
    expect(lineOf(snapshotOf(h), line.id).reservedQty).toBe(line.reservedQty + 1);
  });

  it('applies every decision type like an ERP: stock never negative, reserved within on hand, versions bumped', async () => {
    const s = snapshotOf(h);
    const asOf = s.asOf as IsoDate;
    const mk = (type: Decision['type'], payload: unknown, basis: Decision['basis'] = []): Decision =>
      ({ ...reserveDecision(s.orderLines[0] as OrderLine, s.inventoryBalances[0] as InventoryBalance, 1), id: `DEC-ALL-${type}-${++seq}`, type, payload, basis }) as Decision;
    const used = new Set<string>();
    let seq = 0;
    const pick = () => {
      const r = findReservableLine(snapshotOf(h), 4, used);
      used.add(r.line.id);
      used.add(r.balance.id);
      return r;
    };
    // reallocate: move reserved units between two lines of the same balance.
    const balances = new Map<string, OrderLine[]>();
    for (const l of s.orderLines) if (l.status === 'open' && l.holdCode === 'none') balances.set(`${l.itemId}@${l.warehouseId}`, [...(balances.get(`${l.itemId}@${l.warehouseId}`) ?? []), l]);
    const pair = [...balances.values()].map((ls) => [ls.find((l) => l.reservedQty >= 2), ls.find((l) => l.orderedQty - l.shippedQty - l.reservedQty >= 2)]).find(([x, y]) => x && y && x.id !== y.id) as [OrderLine, OrderLine];
    const posts: [Decision, number][] = [
      [mk('reallocate', { fromOrderLineId: pair[0].id, toOrderLineId: pair[1].id, qty: 2 }), 201],
      (() => {
        const { line } = pick();
        const other = s.warehouses.find((w) => w.id !== line.warehouseId && s.inventoryBalances.some((b) => b.id === `${line.itemId}@${w.id}`));
        return other ? ([mk('change-source', { orderLineId: line.id, toWarehouseId: other.id, reserveQty: 0 }), 201] as [Decision, number]) : ([mk('cancel', { orderLineId: line.id }), 201] as [Decision, number]);
      })(),
      (() => {
        const { line } = pick();
        return [mk('split', { orderLineId: line.id, keepQty: 1, parts: [{ qty: line.orderedQty - line.shippedQty - 1, warehouseId: line.warehouseId }] }), 201] as [Decision, number];
      })(),
      (() => {
        const { line } = pick();
        return [mk('backorder', { orderLineId: line.id, promisedDate: '2026-12-20' }), 201] as [Decision, number];
      })(),
      (() => {
        const { line } = pick();
        return [mk('cancel', { orderLineId: line.id }), 201] as [Decision, number];
      })(),
      (() => {
        const opt = s.dropShipOptions.find((o) => s.orderLines.some((l) => l.itemId === o.itemId && l.status === 'open' && l.holdCode === 'none' && !used.has(l.id)));
        const line = s.orderLines.find((l) => l.itemId === opt?.itemId && l.status === 'open' && l.holdCode === 'none' && !used.has(l.id)) as OrderLine;
        return [mk('drop-ship', { orderLineId: line.id, dropShipOptionId: opt?.id }), 201] as [Decision, number];
      })(),
      (() => {
        const bal = s.inventoryBalances.find((b) => b.inbound.some((r) => r.eta > addDaysIso(asOf, 3) && r.qty >= 1)) as InventoryBalance;
        return [mk('expedite', { itemId: bal.itemId, warehouseId: bal.warehouseId, qty: 1, newEta: addDaysIso(asOf, 2) }), 201] as [Decision, number];
      })(),
      (() => {
        const rule = s.substitutionRules.find((r) => s.orderLines.some((l) => l.itemId === r.itemId && l.allowSubstitution && l.shippedQty === 0 && l.status === 'open' && !used.has(l.id)));
        const line = s.orderLines.find((l) => l.itemId === rule?.itemId && l.allowSubstitution && l.shippedQty === 0 && l.status === 'open' && !used.has(l.id)) as OrderLine;
        return [mk('substitute', { orderLineId: line.id, substituteItemId: rule?.substituteItemId, reserveQty: 0 }), 201] as [Decision, number];
      })(),
    ];
    for (const [d, status] of posts) {
      const r = await h.supervisor.postDecisions(d, d.id);
      expect({ type: d.type, status: r.status, problem: r.ok ? undefined : r.problem.detail }).toEqual({ type: d.type, status, problem: undefined });
      if (r.ok) for (const o of r.value.outcomes) expect(o.changed.length).toBeGreaterThan(0);
    }
    const after = snapshotOf(h);
    expectConsistent(after);
    expect(after.orderLines.some((l) => l.id.includes('-S1'))).toBe(true);
    expect(after.orderLines.filter((l) => l.status === 'cancelled').length).toBeGreaterThan(0);
    expect(after.orderLines.filter((l) => l.status === 'drop-ship').length).toBe(1);
  });
});

function addDaysIso(d: IsoDate, n: number): string {
  return new Date(Date.parse(`${d}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);
}
