import { describe, expect, it } from 'vitest';
import { fullResync, pullChanges } from '../../shared/sync/pull/pull-all';
import { pullEntity } from '../../shared/sync/pull/pull-entity';
import type { EntityProgress, RecordValidator } from '../../shared/sync/pull/types';
import { MemoryPullStore, PagedErp, VirtualClock, seededRandom } from './fakes';

/** Accepts records whose qty is a non-negative integer. */
const validate: RecordValidator = (entity, value) => {
  const v = value as { id: string; qty: unknown };
  if (typeof v.qty === 'number' && Number.isInteger(v.qty) && v.qty >= 0) return { ok: true, value: v as unknown as Record<string, unknown> };
  return { ok: false, issues: [{ recordId: v.id, field: 'qty', expected: 'a non-negative integer', found: String(v.qty), message: `${entity} "${v.id}": field "qty" expected a non-negative integer, found ${String(v.qty)}` }] };
};

const rows = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ id: `R${i + from}`, qty: i }));

function deps(erp: PagedErp, store = new MemoryPullStore()) {
  return { erp, store, validate, clock: new VirtualClock(), random: seededRandom() };
}

describe('pull', () => {
  it('pulls every page and saves the cursor after each one, with progress and percent when the total is known', async () => {
    const erp = new PagedErp({ items: rows(25) }, true);
    const d = deps(erp);
    const seen: EntityProgress[] = [];
    const progress = await pullEntity({ ...d, entity: 'items', target: 'live', pageSize: 10, onProgress: (p) => seen.push(p) });
    expect(progress).toMatchObject({ rows: 25, pages: 3, done: true, percent: 100 });
    expect(seen.map((p) => p.percent)).toEqual([40, 80, 100]);
    expect(d.store.table('live', 'items').size).toBe(25);
    expect(d.store.cursors.get('live:items')?.cursor).toBe('25');
  });

  it('an incremental pull reports the total but no percent of it until done (the total is the whole entity)', async () => {
    const erp = new PagedErp({ items: rows(25) }, true);
    const d = deps(erp);
    await pullEntity({ ...d, entity: 'items', target: 'live', pageSize: 10 });
    erp.data.items = [...rows(25), ...rows(12, 25)];
    const seen: EntityProgress[] = [];
    const progress = await pullEntity({ ...d, entity: 'items', target: 'live', pageSize: 10, onProgress: (p) => seen.push(p) });
    expect(progress).toMatchObject({ rows: 12, pages: 2, total: 37, done: true, percent: 100 });
    expect(seen.map((p) => p.percent)).toEqual([undefined, 100]);
  });

  it('resumes after a failed write from the last stored page, never skipping or losing a page', async () => {
    const erp = new PagedErp({ items: rows(30) });
    const d = deps(erp);
    d.store.failOnWrite = 2;
    await expect(pullEntity({ ...d, entity: 'items', target: 'live', pageSize: 10 })).rejects.toThrow('disk full');
    // Page 2 was not stored, and neither was its cursor.
    expect(d.store.table('live', 'items').size).toBe(10);
    expect(d.store.cursors.get('live:items')?.cursor).toBe('10');
    erp.calls.length = 0;
    await pullEntity({ ...d, entity: 'items', target: 'live', pageSize: 10 });
    expect(erp.calls[0]?.cursor).toBe('10');
    expect(d.store.table('live', 'items').size).toBe(30);
  });

  it('deletes rows that come back as tombstones', async () => {
    const erp = new PagedErp({ items: rows(5) });
    const d = deps(erp);
    await pullEntity({ ...d, entity: 'items', target: 'live' });
    erp.data.items = [...rows(5), { id: 'R2', deleted: true }];
    await pullEntity({ ...d, entity: 'items', target: 'live' });
    expect([...d.store.table('live', 'items').keys()].sort()).toEqual(['R0', 'R1', 'R3', 'R4']);
  });

  it('keeps the valid rows of a page, records the invalid one as a sync issue, and clears it once fixed', async () => {
    const erp = new PagedErp({ items: [{ id: 'A', qty: 1 }, { id: 'B', qty: -4 }, { id: 'C', qty: 2 }] });
    const d = deps(erp);
    const progress = await pullEntity({ ...d, entity: 'items', target: 'live' });
    expect(progress.invalid).toBe(1);
    expect([...d.store.table('live', 'items').keys()]).toEqual(['A', 'C']);
    expect(d.store.issues).toEqual([
      expect.objectContaining({ entity: 'items', recordId: 'B', field: 'qty', expected: 'a non-negative integer', found: '-4' }),
    ]);
    erp.data.items = [...(erp.data.items ?? []), { id: 'B', qty: 4 }];
    await pullEntity({ ...d, entity: 'items', target: 'live' });
    expect(d.store.issues).toEqual([]);
    expect(d.store.table('live', 'items').get('B')).toEqual({ id: 'B', qty: 4 });
  });

  it('retries a page after 5xx and 429, honouring Retry-After', async () => {
    const erp = new PagedErp({ items: rows(3) });
    erp.failures = [{ status: 502 }, { status: 429, retryAfterMs: 4_000 }];
    const d = deps(erp);
    await pullEntity({ ...d, entity: 'items', target: 'live' });
    expect(d.store.table('live', 'items').size).toBe(3);
    expect(d.clock.sleeps.some((ms) => ms >= 4_000)).toBe(true);
  });

  it('fails with the ERP reason when the page keeps failing, keeping what was stored', async () => {
    const erp = new PagedErp({ items: rows(3) });
    erp.failures = [{ status: 403, body: { title: 'Forbidden', detail: 'role planner cannot read items' } }];
    await expect(pullEntity({ ...deps(erp), entity: 'items', target: 'live' })).rejects.toThrow('items: role planner cannot read items');
  });

  it('stops at a page boundary when cancelled', async () => {
    const erp = new PagedErp({ items: rows(50) });
    const d = deps(erp);
    const controller = new AbortController();
    await expect(
      pullEntity({ ...d, entity: 'items', target: 'live', pageSize: 10, signal: controller.signal, onProgress: (p) => p.pages === 2 && controller.abort() }),
    ).rejects.toThrow('sync cancelled');
    expect(d.store.table('live', 'items').size).toBe(20);
    expect(d.store.cursors.get('live:items')?.cursor).toBe('20');
  });

  it('pulls several entities and only changes since the cursor the next time', async () => {
    const erp = new PagedErp({ items: rows(12), customers: rows(4) });
    const d = deps(erp);
    await pullChanges({ ...d, entities: ['items', 'customers'], pageSize: 5 });
    erp.calls.length = 0;
    erp.data.items = [...rows(12), { id: 'R99', qty: 1 }];
    await pullChanges({ ...d, entities: ['items', 'customers'], pageSize: 5 });
    expect(erp.calls).toEqual(expect.arrayContaining([{ entity: 'items', cursor: '12' }, { entity: 'customers', cursor: '4' }]));
    expect(d.store.table('live', 'items').size).toBe(13);
  });

  it('full resync leaves the live cache untouched until every entity is complete, then swaps', async () => {
    const erp = new PagedErp({ items: rows(20), customers: rows(6) });
    const d = deps(erp);
    await pullChanges({ ...d, entities: ['items', 'customers'] });
    // The ERP has changed underneath: fewer items (deleted without tombstones, which only a resync can catch).
    erp.data.items = rows(8, 100);
    d.store.failOnWrite = d.store.writes + 2;
    await expect(fullResync({ ...d, entities: ['items', 'customers'], pageSize: 5, parallel: 1 })).rejects.toThrow('disk full');
    expect(d.store.table('live', 'items').size).toBe(20);
    expect(await d.store.stagingInProgress()).toBe(true);
    await fullResync({ ...d, entities: ['items', 'customers'], pageSize: 5, parallel: 1 });
    expect([...d.store.table('live', 'items').keys()].sort()).toEqual(rows(8, 100).map((r) => r.id).sort());
    expect(d.store.table('live', 'customers').size).toBe(6);
    expect(d.store.cursors.get('live:items')?.cursor).toBe('8');
  });
});
