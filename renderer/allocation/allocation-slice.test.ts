import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import type { StoreApi } from 'zustand/vanilla';
import type { Decision } from '../../shared/domain';
import { openWorkbenchDb } from '../db';
import type { WorkbenchDb } from '../db';
import { createEngineClient } from '../engine-worker/engine-client';
import type { EngineClient } from '../engine-worker/engine-client';
import { createEngineHandler } from '../engine-worker/engine-handler';
import { shippedEngine } from '../engine-worker/shipped-engine';
import { inProcessWorker } from '../engine-worker/testing/in-process-worker';
import { seedCache } from '../engine-worker/testing/small-world';
import { createScenarioStore } from '../scenarios/scenario-store';
import type { ScenariosSlice } from '../scenarios/scenarios-slice';
import { createScenariosSlice } from '../scenarios/scenarios-slice';
import type { AllocationSlice } from './allocation-slice';
import { createAllocationSlice } from './allocation-slice';
import { cellEdit } from './cell-edits';
import { describeValueGap } from './OptimalPanel';
import { selectEditContext, selectOptimalStale, selectRow, selectSummaryFigures } from './selectors';
import { setLocale } from '../grid/format';

type TestStore = AllocationSlice & ScenariosSlice & { proposed: Decision[]; addProposedDecisions(d: readonly Decision[]): void };

let n = 0;
let db: WorkbenchDb;
let engine: EngineClient;
let store: StoreApi<TestStore>;
let worker: ReturnType<typeof inProcessWorker>;

function makeStore(dbName: string): StoreApi<TestStore> {
  const handler = createEngineHandler({ openDb: () => openWorkbenchDb(dbName, { indexedDB, IDBKeyRange }), engine: shippedEngine });
  worker = inProcessWorker(handler);
  engine = createEngineClient({ worker });
  const scenarios = createScenarioStore(db, { now: () => new Date('2026-11-27T08:00:00.000Z') });
  const allocation = createAllocationSlice({ engine });
  const scenarioSlice = createScenariosSlice({ engine, scenarios, proposedBy: () => 'pat.planner', now: () => new Date('2026-11-27T09:00:00.000Z') });
  return createStore<TestStore>()((set, get) => ({
    ...allocation(set, get),
    ...scenarioSlice(set, get),
    proposed: [],
    addProposedDecisions: (d) => set((s) => ({ proposed: [...s.proposed, ...d] })),
  }));
}

beforeEach(async () => {
  const name = `slice-${++n}`;
  db = await openWorkbenchDb(name, { indexedDB, IDBKeyRange });
  await seedCache(db);
  store = makeStore(name);
});

afterEach(() => {
  engine.terminate();
  db.close();
});

const rowsOf = () => store.getState().allocation.rows.map((r) => `${r.orderLineId}#${r.rank}:${r.planQty}`);
const actions = () => store.getState().allocationActions;

describe('allocation slice', () => {
  it('opens a SKU group through the worker: rows in rank order, summary, ready', async () => {
    expect(store.getState().allocation.status).toBe('idle');
    const opening = actions().openAllocation({ kind: 'sku-group', itemId: 'SKU-A' });
    expect(store.getState().allocation.status).toBe('loading');
    await opening;
    const a = store.getState().allocation;
    expect(a.status).toBe('ready');
    expect(rowsOf()).toEqual(['SO-2-1#1:60', 'SO-3-1#2:40', 'SO-1-1#3:0']);
    expect(a.lastOpen?.rows).toBe(3);
    const fill = selectSummaryFigures(store.getState()).find((f) => f.id === 'fillRateLines')!;
    expect(fill.after).toBeGreaterThan(0);
  });

  it('an edit re-ranks the group in the store, highlights the changed fields, and undo/redo restore', async () => {
    await actions().openAllocation({ kind: 'sku-group', itemId: 'SKU-A' });
    const answer = await actions().applyAllocationEdit({ kind: 'priority-override', orderLineId: 'SO-1-1', priority: 1 });
    expect(answer).toBeNull();
    expect(rowsOf()).toEqual(['SO-1-1#1:60', 'SO-2-1#2:40', 'SO-3-1#3:0']);
    const { rows, rowIndex } = store.getState().allocation;
    rows.forEach((r, i) => expect(rowIndex.get(r.orderLineId)).toBe(i));
    const change = store.getState().allocation.lastChange!;
    expect(change.kind).toBe('edit');
    expect(change.changedFields['SO-1-1']).toContain('rank');
    expect(change.roundTripMs).toBeGreaterThanOrEqual(0);
    expect(store.getState().allocation.canUndo).toBe(true);

    await actions().undoAllocationEdit();
    expect(rowsOf()).toEqual(['SO-2-1#1:60', 'SO-3-1#2:40', 'SO-1-1#3:0']);
    expect(store.getState().allocation).toMatchObject({ canUndo: false, canRedo: true, edits: [] });
    await actions().redoAllocationEdit();
    expect(rowsOf()).toEqual(['SO-1-1#1:60', 'SO-2-1#2:40', 'SO-3-1#3:0']);
  });

  it('records the repaint time of the change the view painted, once', async () => {
    await actions().openAllocation({ kind: 'all' });
    await actions().applyAllocationEdit({ kind: 'lock', orderLineId: 'SO-4-1', locked: true });
    const seq = store.getState().allocation.lastChange!.seq;
    actions().markAllocationRepainted(seq + 1);
    expect(store.getState().allocation.lastChange!.repaintMs).toBeNull();
    actions().markAllocationRepainted(seq);
    const ms = store.getState().allocation.lastChange!.repaintMs;
    expect(ms).not.toBeNull();
    actions().markAllocationRepainted(seq);
    expect(store.getState().allocation.lastChange!.repaintMs).toBe(ms);
  });

  it('answers a refused edit with expected and found, and changes nothing', async () => {
    await actions().openAllocation({ kind: 'all' });
    const before = store.getState().allocation.rows;
    const answer = await actions().applyAllocationEdit({ kind: 'source', orderLineId: 'SO-3-1', warehouseId: 'DC-NOWHERE' });
    expect(answer).toBe('expected a warehouse in the snapshot, found "DC-NOWHERE"');
    expect(store.getState().allocation.rows).toBe(before);
    expect(store.getState().allocation.edits).toEqual([]);
  });

  it('cell input is validated like the engine validates edits, before anything is sent', async () => {
    await actions().openAllocation({ kind: 'sku-group', itemId: 'SKU-A' });
    const s = store.getState();
    const ctx = selectEditContext(s)!;
    const row = selectRow(s, 'SO-3-1')!;
    expect(cellEdit(row, 'quantityOverride', '41', ctx)).toEqual({ ok: false, message: 'Line SO-3-1, Quantity: expected at most the open quantity 40, found 41', expected: 'at most the open quantity 40' });
    expect(cellEdit(row, 'quantityOverride', '-3', ctx)).toMatchObject({ ok: false, message: expect.stringContaining('expected an integer >= 0, found -3') });
    expect(cellEdit(row, 'quantityOverride', '12abc', ctx)).toMatchObject({ ok: false, message: expect.stringContaining('found "12abc"') });
    expect(cellEdit(row, 'quantityOverride', '30', ctx)).toEqual({ ok: true, edit: { kind: 'quantity', orderLineId: 'SO-3-1', qty: 30 } });
    expect(cellEdit(row, 'quantityOverride', '', ctx)).toEqual({ ok: true, edit: { kind: 'quantity', orderLineId: 'SO-3-1', qty: null } });
    expect(cellEdit(row, 'substituteOverride', 'SKU-C', ctx)).toMatchObject({ ok: false, message: expect.stringContaining('a substitute allowed by a rule (SKU-A2)') });
    expect(cellEdit(row, 'substituteOverride', 'none', ctx)).toEqual({ ok: true, edit: { kind: 'substitute', orderLineId: 'SO-3-1', itemId: null } });
    expect(cellEdit(row, 'sourceOverride', 'DC-WEST', ctx)).toEqual({ ok: true, edit: { kind: 'source', orderLineId: 'SO-3-1', warehouseId: 'DC-WEST' } });
    expect(cellEdit(row, 'priorityOverride', '0', ctx)).toMatchObject({ ok: false, message: expect.stringContaining('expected an integer from 1 to 1000000, found 0') });
    expect(cellEdit(row, 'locked', 'maybe', ctx)).toMatchObject({ ok: false, message: expect.stringContaining('expected true or false, found "maybe"') });
    expect(store.getState().allocation.edits).toEqual([]);
  });

  it('remembers which navigation request it opened, so returning to the view keeps the planner\'s scope', async () => {
    await actions().openAllocation({ kind: 'sku-group', itemId: 'SKU-C' }, { requestedAt: 42 });
    expect(store.getState().allocation.lastOpenRequest).toBe(42);
    await actions().openAllocation({ kind: 'all' });
    expect(store.getState().allocation.lastOpenRequest).toBe(42);
    expect(store.getState().allocation.rows).toHaveLength(4);
  });

  it('after a pull the view is marked stale until it re-plans from the cache', async () => {
    actions().allocationCacheChanged();
    expect(store.getState().allocation.stale).toBe(false);
    await actions().openAllocation({ kind: 'all' });
    actions().allocationCacheChanged();
    expect(store.getState().allocation.stale).toBe(true);
    await db.inventoryBalances.update('SKU-A@DC-EAST', { onHandQty: 200 as never });
    await actions().openAllocation({ kind: 'all' }, { reload: true });
    expect(store.getState().allocation.stale).toBe(false);
    expect(store.getState().allocation.rows.filter((r) => r.itemId === 'SKU-A').every((r) => r.shortQty === 0)).toBe(true);
  });

  it('a slow answer for an older open does not overwrite a newer one', async () => {
    const first = actions().openAllocation({ kind: 'all' });
    const second = actions().openAllocation({ kind: 'sku-group', itemId: 'SKU-C' });
    await Promise.all([first, second]);
    expect(rowsOf()).toEqual(['SO-4-1#1:10']);
  });
});

describe('scenarios slice', () => {
  it('saves the session edits as a named scenario and reopens it after the edits were undone', async () => {
    await actions().openAllocation({ kind: 'sku-group', itemId: 'SKU-A' });
    await actions().applyAllocationEdit({ kind: 'priority-override', orderLineId: 'SO-1-1', priority: 1 });
    const sc = () => store.getState().scenarioActions;
    expect(await sc().saveScenario('Tier 3 first')).toBe(true);
    expect(store.getState().scenarios.list.map((s) => [s.name, s.editCount])).toEqual([['Tier 3 first', 1]]);
    expect(await sc().saveScenario('tier 3 FIRST')).toBe(false);
    expect(store.getState().scenarios.message?.text).toContain('A scenario named "Tier 3 first" already exists');

    await actions().undoAllocationEdit();
    expect(rowsOf()[0]).toBe('SO-2-1#1:60');
    const id = store.getState().scenarios.list[0]!.id;
    expect(await sc().openScenario(id)).toBe(true);
    expect(rowsOf()).toEqual(['SO-1-1#1:60', 'SO-2-1#2:40', 'SO-3-1#3:0']);
    expect(store.getState().allocation.edits).toEqual([{ kind: 'priority-override', orderLineId: 'SO-1-1', priority: 1 }]);
    expect(store.getState().scenarios.active?.name).toBe('Tier 3 first');
  });

  it('compares with the baseline and proposes decisions into the decisions slice', async () => {
    await actions().openAllocation({ kind: 'sku-group', itemId: 'SKU-A' });
    const sc = () => store.getState().scenarioActions;
    expect(await sc().proposeDecisions()).toBe(0);
    expect(store.getState().scenarios.message?.text).toContain('no edits');

    await actions().applyAllocationEdit({ kind: 'priority-override', orderLineId: 'SO-1-1', priority: 1 });
    await sc().compareWithBaseline();
    const cmp = store.getState().scenarios.comparison!;
    expect(cmp.changedLineCount).toBe(3);
    const count = await sc().proposeDecisions();
    expect(count).toBeGreaterThan(0);
    const proposed = store.getState().proposed;
    expect(proposed).toHaveLength(count);
    expect(proposed.every((d) => d.status === 'proposed' && d.proposedBy === 'pat.planner' && d.proposedAt === '2026-11-27T09:00:00.000Z')).toBe(true);
    expect(store.getState().scenarios.message?.text).toContain(`Proposed ${count} decision`);
  });
});

describe('compare with optimal', () => {
  const sentNames = () => worker.sent.map((m) => m.name);

  it('never runs by itself: opening, editing and undoing send no optimal request', async () => {
    await actions().openAllocation({ kind: 'sku-group', itemId: 'SKU-A' });
    await actions().applyAllocationEdit({ kind: 'lock', orderLineId: 'SO-1-1', locked: true });
    await actions().undoAllocationEdit();
    expect(sentNames()).not.toContain('optimal');
    expect(store.getState().allocation.optimal.status).toBe('idle');
  });

  it('shows running, then the comparison; an edit sent meanwhile is answered right after and makes it stale', async () => {
    await actions().openAllocation({ kind: 'sku-group', itemId: 'SKU-A' });
    const comparing = actions().compareWithOptimal();
    expect(store.getState().allocation.optimal.status).toBe('running');
    // Sent while the comparison runs: not refused, queued behind it.
    const editing = actions().applyAllocationEdit({ kind: 'priority-override', orderLineId: 'SO-1-1', priority: 1 });
    expect(sentNames().slice(-2)).toEqual(['optimal', 'apply']);
    await comparing;
    expect(await editing).toBeNull();
    const o = store.getState().allocation.optimal;
    expect(o.status).toBe('ready');
    expect(o.comparison).toMatchObject({ valueGapCents: 0, differentQtyLines: 0, scope: { kind: 'sku-group', itemId: 'SKU-A' }, edits: [] });
    expect(store.getState().allocation.edits).toHaveLength(1);
    expect(selectOptimalStale(store.getState())).toBe(true);
    // Undone back to the compared edits, the plan is the one compared again.
    await actions().undoAllocationEdit();
    expect(selectOptimalStale(store.getState())).toBe(false);
  });

  it('a re-plan from the cache makes it stale; another scope drops it; closing forgets it', async () => {
    await actions().openAllocation({ kind: 'sku-group', itemId: 'SKU-A' });
    await actions().compareWithOptimal();
    expect(selectOptimalStale(store.getState())).toBe(false);
    await actions().openAllocation({ kind: 'sku-group', itemId: 'SKU-A' }, { reload: true });
    expect(store.getState().allocation.optimal.status).toBe('ready');
    expect(selectOptimalStale(store.getState())).toBe(true);
    await actions().compareWithOptimal();
    expect(selectOptimalStale(store.getState())).toBe(false);
    await actions().openAllocation({ kind: 'sku-group', itemId: 'SKU-C' });
    expect(store.getState().allocation.optimal.status).toBe('idle');
    await actions().compareWithOptimal();
    actions().closeOptimalComparison();
    expect(store.getState().allocation.optimal).toMatchObject({ status: 'idle', comparison: null });
  });

  it('a failed comparison is an error value the panel can show', async () => {
    await actions().openAllocation({ kind: 'sku-group', itemId: 'SKU-A' });
    engine.terminate();
    await actions().compareWithOptimal();
    const o = store.getState().allocation.optimal;
    expect(o.status).toBe('error');
    expect(o.error?.kind).toBe('internal');
    expect(o.error?.message).toContain('allocation engine');
  });

  it('says the gap in money and relative to the current plan', () => {
    setLocale('en-US');
    expect(describeValueGap({ valueGapCents: 135_146_486, priorityObjectiveCents: 45_048_828_667 })).toBe('The exact optimum is worth $1,351,464.86 more (+0.30 %) than the current plan.');
    expect(describeValueGap({ valueGapCents: 0, priorityObjectiveCents: 100 })).toBe('The current plan is already optimal: the exact optimum is worth no more.');
  });
});
