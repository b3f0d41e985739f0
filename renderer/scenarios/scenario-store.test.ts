import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Edit } from '../../shared/engine/edits';
import { openWorkbenchDb } from '../db';
import type { WorkbenchDb } from '../db';
import type { ScenarioStore } from './scenario-store';
import { MAX_SCENARIO_NAME, createScenarioStore } from './scenario-store';

let n = 0;
let db: WorkbenchDb;
let store: ScenarioStore;
let clock = 0;
let ids = 0;

const lift: Edit = { kind: 'priority-override', orderLineId: 'SO-1-1', priority: 1 };
const supply: Edit = { kind: 'supply', itemId: 'SKU-A', warehouseId: 'DC-EAST', qty: 200, date: '2026-12-02' as never };
const scope = { kind: 'sku-group', itemId: 'SKU-A' } as const;

beforeEach(async () => {
  db = await openWorkbenchDb(`scenarios-${++n}`, { indexedDB, IDBKeyRange });
  clock = Date.parse('2026-11-27T08:00:00.000Z');
  store = createScenarioStore(db, { newId: () => `SC-${++ids}`, now: () => new Date((clock += 60_000)) });
});

afterEach(() => db.close());

function ok<T>(r: { ok: true; value: T } | { ok: false; message: string }): T {
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

describe('scenario store', () => {
  it('saves edits in order and reopens exactly them, with the scope', async () => {
    const saved = ok(await store.save({ name: '  Expedite east  ', scope, edits: [lift, supply] }));
    expect(saved).toMatchObject({ name: 'Expedite east', editCount: 2, scope });
    const opened = ok(await store.open(saved.id));
    expect(opened.edits).toEqual([lift, supply]);
    expect(opened.scope).toEqual(scope);
    // Supply edits are indexed by item so a pull of that item can find the scenarios it touches.
    expect(await db.scenarioEdits.where('itemId').equals('SKU-A').count()).toBe(1);
  });

  it('lists newest first', async () => {
    ok(await store.save({ name: 'First', scope, edits: [lift] }));
    ok(await store.save({ name: 'Second', scope, edits: [supply] }));
    expect(ok(await store.list()).map((s) => s.name)).toEqual(['Second', 'First']);
  });

  it('saving over a scenario replaces all of its edits and keeps its creation time', async () => {
    const first = ok(await store.save({ name: 'Plan B', scope, edits: [lift, supply] }));
    const again = ok(await store.save({ id: first.id, name: 'Plan B', scope, edits: [supply] }));
    expect(again.id).toBe(first.id);
    expect(again.createdAt).toBe(first.createdAt);
    expect(again.updatedAt > first.updatedAt).toBe(true);
    expect(ok(await store.open(first.id)).edits).toEqual([supply]);
    expect(await db.scenarioEdits.where('scenarioId').equals(first.id).count()).toBe(1);
  });

  it('refuses an empty name, a long name, a taken name (any case) and no edits, saving nothing', async () => {
    ok(await store.save({ name: 'Plan B', scope, edits: [lift] }));
    expect(await store.save({ name: '   ', scope, edits: [lift] })).toEqual({ ok: false, message: 'Scenario name: expected a name, found an empty text.' });
    expect(await store.save({ name: 'x'.repeat(MAX_SCENARIO_NAME + 1), scope, edits: [lift] })).toEqual({
      ok: false,
      message: `Scenario name: expected at most ${MAX_SCENARIO_NAME} characters, found ${MAX_SCENARIO_NAME + 1}.`,
    });
    const taken = await store.save({ name: 'plan b', scope, edits: [lift] });
    expect(!taken.ok && taken.message).toContain('A scenario named "Plan B" already exists');
    const none = await store.save({ name: 'Empty', scope, edits: [] });
    expect(!none.ok && none.message).toContain('Nothing to save');
    expect(ok(await store.list()).map((s) => s.name)).toEqual(['Plan B']);
  });

  it('refuses a malformed edit naming it, and saves nothing', async () => {
    const r = await store.save({ name: 'Broken', scope, edits: [lift, { kind: 'quantity', orderLineId: 'SO-1-1', qty: -5 } as Edit] });
    expect(r).toEqual({ ok: false, message: 'The scenario was not saved: edit 2: field "qty" expected an integer >= 0, found -5' });
    expect(await db.scenarios.count()).toBe(0);
    expect(await db.scenarioEdits.count()).toBe(0);
  });

  it('a stored edit damaged on disk is reported with the scenario, the edit and the field', async () => {
    const saved = ok(await store.save({ name: 'Plan C', scope, edits: [lift] }));
    await db.scenarioEdits.update(`${saved.id}#000001`, { edit: { kind: 'lock', orderLineId: 'SO-1-1', locked: 'yes' } });
    expect(await store.open(saved.id)).toEqual({ ok: false, message: 'Scenario "Plan C" cannot be opened: scenario "Plan C" edit 1: field "locked" expected true or false, found "yes"' });
  });

  it('deletes a scenario with its edits', async () => {
    const saved = ok(await store.save({ name: 'Gone', scope, edits: [lift, supply] }));
    ok(await store.remove(saved.id));
    expect(ok(await store.list())).toEqual([]);
    expect(await db.scenarioEdits.count()).toBe(0);
    const r = await store.open(saved.id);
    expect(!r.ok && r.message).toContain('was not found');
  });
});
