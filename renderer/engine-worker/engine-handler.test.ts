import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Qty, Snapshot } from '../../shared/domain';
import { allocate } from '../../shared/engine';
import { defaultPolicy, resolvePolicy } from '../../shared/engine/policy';
import { createCacheReader } from '../app/cache-reader';
import { openWorkbenchDb } from '../db';
import type { WorkbenchDb } from '../db';
import type { EngineHandler } from './engine-handler';
import { createEngineHandler } from './engine-handler';
import { POLICY_SETTING_KEY } from './read-snapshot';
import type { EngineReply } from './protocol';
import { decodeRows, encodeRows, plainRow } from './row-batch';
import { shippedEngine } from './shipped-engine';
import { buildProjectionIndex, projectRow } from './row-projection';
import { seedCache, smallWorld } from './testing/small-world';

let dbCount = 0;
let db: WorkbenchDb;
let handler: EngineHandler;

function value<T>(reply: EngineReply<T>): T {
  if (!reply.ok) throw new Error(`expected a value, got ${reply.error.kind}: ${reply.error.message}`);
  return reply.value;
}

beforeEach(async () => {
  const name = `engine-handler-${++dbCount}`;
  db = await openWorkbenchDb(name, { indexedDB, IDBKeyRange });
  await seedCache(db);
  handler = createEngineHandler({ openDb: (n) => openWorkbenchDb(n ?? name, { indexedDB, IDBKeyRange }), engine: shippedEngine });
});

afterEach(async () => {
  await handler.close();
  db.close();
});

describe('engine worker protocol', () => {
  it('loads a SKU group from the cache in rank order with the plan of each line', async () => {
    const r = value(await handler.handle('load', { scope: { kind: 'sku-group', itemId: 'SKU-A' } }));
    const rows = decodeRows(r.rows);
    expect(rows.map((x) => [x.orderLineId, x.rank, x.planQty, x.shortQty])).toEqual([
      ['SO-2-1', 1, 60, 0],
      ['SO-3-1', 2, 40, 0],
      ['SO-1-1', 3, 0, 60],
    ]);
    const tier3 = rows[2]!;
    expect(tier3).toMatchObject({ customerName: 'Gamma Shop', tier: 3, erpReservedQty: 60, changeQty: -60, planSource: 'backorder', allowedSubstitutes: ['SKU-A2'] });
    expect(tier3.explanation).toContain('60 short');
    expect(r.totalLines).toBe(4);
    expect(r.reference.warehouseIds).toEqual(['DC-EAST', 'DC-WEST']);
    expect(r.buildMs).not.toBeNull();
  });

  it('answers a priority edit with the rows whose rank and fill changed, and the new summary', async () => {
    const loaded = value(await handler.handle('load', { scope: { kind: 'sku-group', itemId: 'SKU-A' } }));
    const out = value(await handler.handle('apply', { edit: { kind: 'priority-override', orderLineId: 'SO-1-1', priority: 1 } }));
    const byId = Object.fromEntries(out.rows.map((r) => [r.orderLineId, r]));
    expect(byId['SO-1-1']).toMatchObject({ rank: 1, planQty: 60, shortQty: 0, priorityOverride: 1 });
    expect(byId['SO-3-1']).toMatchObject({ rank: 3, planQty: 0 });
    expect(out.changedFields['SO-1-1']).toEqual(expect.arrayContaining(['rank', 'planQty', 'shortQty', 'priorityOverride']));
    expect(out.summary.after.allocatedUnits).toBe(loaded.summary.after.allocatedUnits);
    expect(out.summary.after.linesFilled).toBeLessThan(loaded.summary.after.linesFilled);
    expect(out).toMatchObject({ canUndo: true, canRedo: false, changedOutsideScope: 0 });
    expect(out.edits).toHaveLength(1);
  });

  it('undo restores the previous plan and redo re-applies the edit', async () => {
    const before = value(await handler.handle('load', { scope: { kind: 'all' } }));
    await handler.handle('apply', { edit: { kind: 'priority-override', orderLineId: 'SO-1-1', priority: 1 } });
    const undone = value(await handler.handle('undo', {}));
    expect(undone.rows.find((r) => r.orderLineId === 'SO-1-1')).toMatchObject({ rank: 3, planQty: 0, priorityOverride: null });
    expect(undone.summary).toEqual(before.summary);
    expect(undone).toMatchObject({ canUndo: false, canRedo: true, edits: [] });
    const redone = value(await handler.handle('redo', {}));
    expect(redone.rows.find((r) => r.orderLineId === 'SO-1-1')).toMatchObject({ rank: 1, planQty: 60 });
    const again = await handler.handle('redo', {});
    expect(again).toEqual({ ok: false, error: { kind: 'nothing-to-redo', message: 'Nothing to redo.' } });
  });

  it('refuses an invalid edit with the field, expected and found, and changes nothing', async () => {
    await handler.handle('load', { scope: { kind: 'all' } });
    const r = await handler.handle('apply', { edit: { kind: 'quantity', orderLineId: 'SO-3-1', qty: 41 } });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('invalid-edit');
    expect(r.error.message).toContain('"qty" expected at most the open quantity 40, found 41');
    const unknown = await handler.handle('apply', { edit: { kind: 'substitute', orderLineId: 'SO-3-1', itemId: 'SKU-C' } });
    expect(!unknown.ok && unknown.error.message).toContain('a substitute allowed by a rule (SKU-A2)');
    const after = value(await handler.handle('load', { scope: { kind: 'all' } }));
    expect(after.edits).toEqual([]);
  });

  it('opens the SKU group of a substitute item that has no open line of its own', async () => {
    const r = value(await handler.handle('load', { scope: { kind: 'sku-group', itemId: 'SKU-A2' } }));
    expect(decodeRows(r.rows).map((x) => x.orderLineId).sort()).toEqual(['SO-1-1', 'SO-2-1', 'SO-3-1']);
    const unknown = value(await handler.handle('load', { scope: { kind: 'sku-group', itemId: 'SKU-NOPE' } }));
    expect(unknown.rows.count).toBe(0);
  });

  it('keeps a filtered scope: rows outside it are counted, not sent', async () => {
    value(await handler.handle('load', { scope: { kind: 'filter', filter: { customerId: 'CU-3' } } }));
    const out = value(await handler.handle('apply', { edit: { kind: 'priority-override', orderLineId: 'SO-1-1', priority: 1 } }));
    expect(out.rows.map((r) => r.orderLineId)).toEqual(['SO-1-1']);
    expect(out.changedOutsideScope).toBe(2);
  });

  it('a supply adjustment fills the short line', async () => {
    await handler.handle('load', { scope: { kind: 'sku-group', itemId: 'SKU-A' } });
    const out = value(await handler.handle('apply', { edit: { kind: 'supply', itemId: 'SKU-A', warehouseId: 'DC-EAST', qty: 60, date: '2026-11-26' as never } }));
    expect(out.rows.find((r) => r.orderLineId === 'SO-1-1')).toMatchObject({ planQty: 60, shortQty: 0 });
  });

  it('compares the session with the baseline and replaces edits when a scenario is reopened', async () => {
    await handler.handle('load', { scope: { kind: 'sku-group', itemId: 'SKU-A' } });
    await handler.handle('apply', { edit: { kind: 'priority-override', orderLineId: 'SO-1-1', priority: 1 } });
    const cmp = value(await handler.handle('compare', {}));
    expect(cmp.changedLineCount).toBe(3);
    expect(cmp.changedLines.find((l) => l.orderLineId === 'SO-1-1')).toMatchObject({ baseline: { rank: 3, allocatedQty: 0 }, scenario: { rank: 1, allocatedQty: 60 } });
    expect(cmp.scenario.after.linesFilled).toBe(cmp.baseline.after.linesFilled - 1);

    const reopened = value(await handler.handle('replaceEdits', { edits: [{ kind: 'lock', orderLineId: 'SO-1-1', locked: true }] }));
    expect(reopened.edits).toEqual([{ kind: 'lock', orderLineId: 'SO-1-1', locked: true }]);
    const locked = decodeRows(reopened.rows).find((r) => r.orderLineId === 'SO-1-1')!;
    expect(locked).toMatchObject({ locked: true, priorityOverride: null, planQty: 60 });
  });

  it('a scenario that no longer fits the cache is refused as a whole', async () => {
    await handler.handle('load', { scope: { kind: 'all' } });
    await handler.handle('apply', { edit: { kind: 'lock', orderLineId: 'SO-4-1', locked: true } });
    const r = await handler.handle('replaceEdits', { edits: [{ kind: 'lock', orderLineId: 'SO-9-9', locked: true }] });
    expect(!r.ok && r.error.message).toContain('edit 1: field "orderLineId" expected the id of an open order line in the snapshot, found "SO-9-9"');
    const still = value(await handler.handle('load', { scope: { kind: 'all' } }));
    expect(still.edits).toEqual([{ kind: 'lock', orderLineId: 'SO-4-1', locked: true }]);
  });

  it('proposes the decisions that turn the ERP reservations into the scenario plan', async () => {
    await handler.handle('load', { scope: { kind: 'sku-group', itemId: 'SKU-A' } });
    await handler.handle('apply', { edit: { kind: 'priority-override', orderLineId: 'SO-1-1', priority: 1 } });
    const { decisions } = value(await handler.handle('propose', { proposedAt: '2026-11-27T09:00:00.000Z', proposedBy: 'pat.planner', onlyChangedFromBaseline: true }));
    expect(decisions.length).toBeGreaterThan(0);
    for (const d of decisions) expect(d).toMatchObject({ status: 'proposed', proposedBy: 'pat.planner', proposedAt: '2026-11-27T09:00:00.000Z' });
    // SKU-C's untouched reservation is not part of this scenario's differences.
    expect(decisions.some((d) => JSON.stringify(d.payload).includes('SO-4-1'))).toBe(false);
    // The tier-3 line now keeps its 60 reserved units, so nothing takes units away from it.
    expect(decisions.some((d) => d.type === 'reallocate' && 'fromOrderLineId' in d.payload && d.payload.fromOrderLineId === 'SO-1-1')).toBe(false);
  });

  it('says what to do when the cache is empty, and when no session is loaded', async () => {
    const empty = createEngineHandler({ openDb: () => openWorkbenchDb(`empty-${++dbCount}`, { indexedDB, IDBKeyRange }), engine: shippedEngine });
    const noSession = await empty.handle('apply', { edit: { kind: 'lock', orderLineId: 'x', locked: true } });
    expect(!noSession.ok && noSession.error.kind).toBe('no-session');
    const r = await empty.handle('load', { scope: { kind: 'all' } });
    expect(!r.ok && r.error).toMatchObject({ kind: 'empty-cache' });
    expect(!r.ok && r.error.message).toContain('sign in');
    await empty.close();
  });

  it('reload re-reads the cache and keeps edits that still apply', async () => {
    await handler.handle('load', { scope: { kind: 'all' } });
    await handler.handle('apply', { edit: { kind: 'priority-override', orderLineId: 'SO-1-1', priority: 1 } });
    await db.inventoryBalances.update('SKU-A@DC-EAST', { onHandQty: 200 as never });
    const r = value(await handler.handle('load', { scope: { kind: 'all' }, reload: true }));
    expect(r.edits).toHaveLength(1);
    expect(decodeRows(r.rows).filter((x) => x.itemId === 'SKU-A').every((x) => x.shortQty === 0)).toBe(true);
  });
});

/**
 * The small world where rank order leaves value on the table: SO-2-1 (tier 1, first) may take the substitute SKU-A2
 * but takes SKU-A, the cheaper source, so SO-3-1 (tier 2, no substitution) is left short while SO-1-1 (tier 3) gets
 * the substitute. The optimum gives SO-2-1 the substitute and SKU-A to SO-3-1.
 */
function substitutionWorld(): Snapshot {
  const w = smallWorld();
  return {
    ...w,
    orderLines: w.orderLines.map((l) => (l.id === 'SO-3-1' ? { ...l, allowSubstitution: false } : l)),
    inventoryBalances: w.inventoryBalances.map((b) =>
      b.itemId === 'SKU-A'
        ? { ...b, onHandQty: 60 as Qty, erpReservedQty: 60 as Qty, wmsCommittedQty: 60 as Qty }
        : b.itemId === 'SKU-A2'
          ? { ...b, id: 'SKU-A2@DC-EAST', warehouseId: 'DC-EAST', onHandQty: 60 as Qty }
          : b,
    ),
  };
}

describe('compare with optimal', () => {
  beforeEach(async () => {
    await db.orderLines.clear();
    await db.inventoryBalances.clear();
    await seedCache(db, substitutionWorld());
  });

  it('answers the same value gap as the engine in optimal mode, and the lines the optimum plans differently', async () => {
    await handler.handle('load', { scope: { kind: 'sku-group', itemId: 'SKU-A' } });
    const cmp = value(await handler.handle('optimal', {}));
    const direct = allocate(substitutionWorld(), defaultPolicy, [], { mode: 'optimal' });
    expect(direct.summary.valueGap).toBeGreaterThan(0);
    expect(cmp.valueGapCents).toBe(direct.summary.valueGap);
    expect(cmp.optimal).toEqual(direct.summary);
    // The gap is measured from the plan the planner sees.
    expect(cmp.priorityObjectiveCents).toBe(cmp.current.objective);
    expect(cmp.differentQtyLines).toBe(2);
    expect(cmp.differentQtyLinesInScope).toBe(2);
    expect(cmp.topLines.map((l) => [l.orderLineId, l.currentQty, l.optimalQty])).toEqual([
      ['SO-3-1', 0, 40],
      ['SO-1-1', 60, 20],
      // Same quantity, from the substitute instead: worth its substitution cost less.
      ['SO-2-1', 60, 60],
    ]);
    expect(cmp.topLines[0]).toMatchObject({ customerName: 'Beta Stores', itemId: 'SKU-A', valueDifferenceCents: 40 * 2500 });
    const byId = new Map(direct.lines.map((l) => [l.orderLineId, l.allocatedQty]));
    for (const l of cmp.topLines) expect(l.optimalQty).toBe(byId.get(l.orderLineId));
  });

  it('compares the scenario with its edits, lists only the open scope, and leaves the plan as it was', async () => {
    await handler.handle('load', { scope: { kind: 'sku-group', itemId: 'SKU-C' } });
    const edit = { kind: 'lock', orderLineId: 'SO-1-1', locked: true } as const;
    await handler.handle('apply', { edit });
    const before = value(await handler.handle('plan', {}));
    const cmp = value(await handler.handle('optimal', { maxLines: 1 }));
    const direct = allocate(substitutionWorld(), defaultPolicy, [edit], { mode: 'optimal' });
    expect(cmp.valueGapCents).toBe(direct.summary.valueGap);
    expect(cmp.edits).toEqual([edit]);
    expect(cmp.scope).toEqual({ kind: 'sku-group', itemId: 'SKU-C' });
    // SKU-C's one line is planned alike; the differences are in SKU-A's group, outside the scope.
    expect(cmp.differentQtyLinesInScope).toBe(0);
    expect(cmp.topLines).toEqual([]);
    expect(value(await handler.handle('plan', {}))).toEqual(before);
    expect(before.mode).toBe('priority');
  });

  it('says what to do when no session is loaded', async () => {
    const r = await handler.handle('optimal', {});
    expect(r).toMatchObject({ ok: false, error: { kind: 'no-session' } });
  });
});

describe('the opening views read through the worker', () => {
  it('joins the pulled exceptions and builds inventory rows exactly as the cache reader does', async () => {
    const base = { severity: 'high', detectedAt: '2026-11-26T08:00:00.000Z', status: 'open', sourceSystem: 'erp', version: 1, modifiedAt: '2026-11-26T08:00:00.000Z' } as const;
    await db.exceptions.bulkPut([
      { ...base, id: 'EX-1', type: 'backorder', orderLineId: 'SO-1-1', reason: 'short at DC-EAST' },
      { ...base, id: 'EX-2', type: 'inventory-variance', itemId: 'SKU-A', warehouseId: 'DC-EAST', severity: 'medium', reason: 'count not posted' },
    ] as never);
    const reader = createCacheReader(db);
    const queue = value(await handler.handle('queue', {}));
    expect(queue).toHaveLength(2);
    expect(queue.find((r) => r.id === 'EX-1')).toMatchObject({ customerName: 'Gamma Shop', tier: 3 });
    expect(queue).toEqual(await reader.loadExceptionQueue('pulled'));
    expect(value(await handler.handle('inventory', {}))).toEqual(await reader.loadInventory());
  });

  it('builds the session from the read the queue made (the cache is read once per refresh)', async () => {
    value(await handler.handle('queue', {}));
    // Changed after the queue's read: the session the derivation builds still plans the state the queue showed.
    await db.inventoryBalances.update('SKU-A@DC-EAST', { onHandQty: 200 as never });
    const derived = value(await handler.handle('exceptions', {}));
    expect(derived).toEqual(allocate(smallWorld(), defaultPolicy).exceptions);
    // A reload reads the cache again.
    const reloaded = value(await handler.handle('load', { scope: { kind: 'all' }, reload: true }));
    expect(decodeRows(reloaded.rows).filter((x) => x.itemId === 'SKU-A').every((x) => x.shortQty === 0)).toBe(true);
  });
});

describe('derived exceptions from the same worker', () => {
  it("answers the baseline plan's exceptions and the next open reuses the session it built", async () => {
    const derived = value(await handler.handle('exceptions', {}));
    const expected = allocate(smallWorld(), defaultPolicy).exceptions;
    expect(derived).toEqual(expected);
    expect(derived.some((e) => e.type === 'backorder' && e.orderLineId === 'SO-1-1')).toBe(true);
    const opened = value(await handler.handle('load', { scope: { kind: 'all' } }));
    expect(opened.buildMs).toBeNull();
  });

  it('derives from the baseline, not the edited plan, while the planner has edits', async () => {
    const before = value(await handler.handle('exceptions', {}));
    await handler.handle('load', { scope: { kind: 'all' } });
    await handler.handle('apply', { edit: { kind: 'priority-override', orderLineId: 'SO-1-1', priority: 1 } });
    expect(value(await handler.handle('exceptions', {}))).toEqual(before);
  });

  it('after a changed cache, rebuilds a session no view opened but leaves an opened one (and its edits) alone', async () => {
    value(await handler.handle('exceptions', {}));
    await db.inventoryBalances.update('SKU-A@DC-EAST', { onHandQty: 200 as never });
    const unopened = value(await handler.handle('exceptions', { reread: true }));
    expect(unopened.some((e) => e.orderLineId === 'SO-1-1' && e.type === 'backorder')).toBe(false);
    const opened = value(await handler.handle('load', { scope: { kind: 'all' } }));
    expect(opened.buildMs).toBeNull();
    expect(decodeRows(opened.rows).filter((x) => x.itemId === 'SKU-A').every((x) => x.shortQty === 0)).toBe(true);

    await handler.handle('apply', { edit: { kind: 'lock', orderLineId: 'SO-4-1', locked: true } });
    await db.inventoryBalances.update('SKU-A@DC-EAST', { onHandQty: 100 as never });
    const reread = value(await handler.handle('exceptions', { reread: true }));
    expect(reread.some((e) => e.orderLineId === 'SO-1-1' && e.type === 'backorder')).toBe(true);
    const still = value(await handler.handle('load', { scope: { kind: 'all' } }));
    expect(still.edits).toEqual([{ kind: 'lock', orderLineId: 'SO-4-1', locked: true }]);
  });

  it('prepares "All lines" between requests: the same rows as packing them on request, and no work once edited', async () => {
    value(await handler.handle('exceptions', {}));
    let steps = 0;
    while (handler.warm()) steps++;
    expect(steps).toBeGreaterThan(0);
    const warmed = decodeRows(value(await handler.handle('load', { scope: { kind: 'all' } })).rows).map(plainRow);
    const cold = createEngineHandler({ openDb: () => openWorkbenchDb(db.name, { indexedDB, IDBKeyRange }), engine: shippedEngine });
    const packed = decodeRows(value(await cold.handle('load', { scope: { kind: 'all' } })).rows).map(plainRow);
    await cold.close();
    expect(warmed).toEqual(packed);
    // The batch was handed over once; a second open packs again and still gives the same rows.
    expect(decodeRows(value(await handler.handle('load', { scope: { kind: 'all' } })).rows).map(plainRow)).toEqual(packed);
    await handler.handle('apply', { edit: { kind: 'lock', orderLineId: 'SO-4-1', locked: true } });
    expect(handler.warm()).toBe(false);
  });

  it('a session built ahead of the view follows a policy stored before the view opens it, not after', async () => {
    value(await handler.handle('exceptions', {}));
    const override = { weights: { slaUrgency: 0, margin: 0, contract: 0, tier: 0, orderAge: 0, erpPriority: 100 } };
    await db.settings.put({ key: POLICY_SETTING_KEY, value: override });
    const resolved = resolvePolicy(override, defaultPolicy);
    if (!resolved.ok) throw new Error('test policy invalid');
    const expected = allocate(smallWorld(), resolved.policy);
    const opened = value(await handler.handle('load', { scope: { kind: 'all' } }));
    expect(opened.buildMs).not.toBeNull();
    expect(opened.summary).toEqual(expected.summary);
    const rankOf = new Map(expected.lines.map((l) => [l.orderLineId, l.rank]));
    for (const r of decodeRows(opened.rows)) expect(r.rank).toBe(rankOf.get(r.orderLineId));
    // Once opened, the planner's session stays as it is (the policy view asks them to re-plan).
    await db.settings.put({ key: POLICY_SETTING_KEY, value: {} });
    expect(value(await handler.handle('load', { scope: { kind: 'all' } })).summary).toEqual(expected.summary);
  });

  it('answers no exceptions (and no error) while nothing is cached', async () => {
    const empty = createEngineHandler({ openDb: () => openWorkbenchDb(`empty-${++dbCount}`, { indexedDB, IDBKeyRange }), engine: shippedEngine });
    expect(value(await empty.handle('exceptions', {}))).toEqual([]);
    await empty.close();
  });
});

async function fullPlan() {
  return value(await handler.handle('plan', {}));
}

describe('row batches', () => {
  it('decodeRows(encodeRows(rows)) gives the same rows back, nulls and substitutes included', async () => {
    const r = value(await handler.handle('load', { scope: { kind: 'all' } }));
    await handler.handle('apply', { edit: { kind: 'quantity', orderLineId: 'SO-3-1', qty: 30 } });
    await handler.handle('apply', { edit: { kind: 'substitute', orderLineId: 'SO-1-1', itemId: null } });
    const after = value(await handler.handle('load', { scope: { kind: 'all' } }));
    const rows = decodeRows(after.rows).map(plainRow);
    expect(decodeRows(encodeRows(rows)).map(plainRow)).toEqual(rows);
    expect(Object.keys(rows[0]!).sort()).toEqual(Object.keys(projectRow((await fullPlan()).lines[0]!, buildProjectionIndex(smallWorld()), undefined)).sort());
    expect(rows.find((x) => x.orderLineId === 'SO-3-1')).toMatchObject({ quantityOverride: 30, priorityOverride: null, sourceOverride: null, demandQty: 30 });
    expect(rows.find((x) => x.orderLineId === 'SO-1-1')).toMatchObject({ substituteOverride: 'none', allowedSubstitutes: ['SKU-A2'] });
    expect(rows.find((x) => x.orderLineId === 'SO-4-1')).toMatchObject({ allowedSubstitutes: [], planWarehouseId: 'DC-EAST' });
    expect(r.rows.count).toBe(4);
  });

  it('gives one line in full: its allocation slices and explanation', async () => {
    await handler.handle('load', { scope: { kind: 'all' } });
    const d = value(await handler.handle('line', { orderLineId: 'SO-2-1' }));
    expect(d.allocations).toEqual([expect.objectContaining({ itemId: 'SKU-A', warehouseId: 'DC-EAST', lineQty: 60, source: 'on-hand' })]);
    expect(d.explanation).toContain('Rank 1');
  });
});
