import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITIES, SNAPSHOT_KEYS, isTombstone } from '../../shared/domain';
import type { EntityName, OrderLine, Tombstone } from '../../shared/domain';
import type { Harness } from './harness';
import { snapshotOf, startHarness } from './harness';

describe('paging every entity', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  for (const entity of ENTITIES) {
    it(`${entity}: pages in (modifiedAt, id) order with an opaque cursor and returns every row once`, async () => {
      const expected = (snapshotOf(h)[SNAPSHOT_KEYS[entity]] as readonly { id: string }[]).map((r) => r.id).sort();
      const seen: string[] = [];
      let last = '';
      const r = await h.planner.pullAll(
        entity,
        (page) => {
          expect(page.items.length).toBeLessThanOrEqual(97);
          for (const row of page.items) {
            const m = (row as { modifiedAt: string }).modifiedAt;
            const key = `${m}\u0000${row.id}`;
            expect(key > last).toBe(true);
            last = key;
            seen.push(row.id);
          }
          expect(page.nextCursor).not.toMatch(/^\d+$/);
        },
        { limit: 97 },
      );
      expect(r.ok).toBe(true);
      expect(seen.sort()).toEqual(expected);
    });
  }

  it('rejects a bad cursor, a cursor of another entity and a limit above 1000, naming the parameter', async () => {
    const items = await h.planner.listPage('items', { limit: 1 });
    if (!items.ok) throw new Error('items page failed');
    const wrong = await h.planner.listPage('order-lines', { cursor: items.value.nextCursor });
    expect(wrong).toMatchObject({ ok: false, status: 400, problem: { field: 'cursor' } });
    const junk = await h.planner.listPage('order-lines', { cursor: 'not-a-cursor' });
    expect(junk).toMatchObject({ ok: false, status: 400, problem: { field: 'cursor' } });
    const big = await h.planner.listPage('order-lines', { limit: 1001 });
    expect(big).toMatchObject({ ok: false, status: 400, problem: { field: 'limit' } });
    const max = await h.planner.listPage('order-lines', { limit: 1000 });
    expect(max.ok && max.value.items.length).toBe(1000);
  });

  it('tells the entity\'s row count (records and tombstones) on every page, for a progress percent', async () => {
    const expected = (snapshotOf(h)[SNAPSHOT_KEYS.items] as readonly unknown[]).length;
    const first = await h.planner.listPage('items', { limit: 5 });
    if (!first.ok) throw new Error('items page failed');
    expect(first.value.total).toBe(h.erp.store().table('items').size);
    expect(first.value.total).toBeGreaterThanOrEqual(expected);
    const next = await h.planner.listPage('items', { limit: 5, cursor: first.value.nextCursor });
    expect(next.ok && next.value.total).toBe(first.value.total);
  });
});

describe('paging with concurrent changes', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  it('a full pull during changes ends with every current row, changed rows at their new version, deleted rows as tombstones', async () => {
    const before = snapshotOf(h).orderLines;
    const latest = new Map<string, OrderLine | Tombstone>();
    let pages = 0;
    const seenEarly = before[0] as OrderLine;
    const r = await h.planner.pullAll(
      'order-lines',
      async (page) => {
        for (const row of page.items) latest.set(row.id, row as OrderLine | Tombstone);
        pages++;
        if (pages === 2) {
          // Change a row already served, delete one and create new ones, while the client is mid-way.
          const seenRow = [...latest.values()].find((x) => !isTombstone(x)) as OrderLine;
          const patched = await h.planner.patchOrderLine(seenRow.id, { priority: seenRow.priority === 1 ? 2 : 1 }, seenRow.version);
          expect(patched.ok).toBe(true);
          const unseen = before.find((x) => !latest.has(x.id)) as OrderLine;
          h.erp.advance({ type: 'delete', entity: 'order-lines', id: unseen.id });
          h.erp.advance({ type: 'demand-spike', lines: 3 });
        }
      },
      { limit: 100 },
    );
    expect(r.ok).toBe(true);
    const now = snapshotOf(h).orderLines;
    for (const row of now) expect((latest.get(row.id) as OrderLine | undefined)?.version).toBe(row.version);
    const deleted = [...latest.values()].filter(isTombstone);
    expect(deleted).toHaveLength(1);
    expect(Object.keys(deleted[0] as object).sort()).toEqual(['deleted', 'id']);
    expect(latest.size).toBe(now.length + 1);
    expect(seenEarly.id).toBeTypeOf('string');
  });

  it('the last cursor gives only what changed since (incremental sync), then nothing', async () => {
    const first = await h.planner.pullAll('order-lines', () => {}, { limit: 1000 });
    if (!first.ok) throw new Error('pull failed');
    const line = snapshotOf(h).orderLines.find((l) => l.status === 'open') as OrderLine;
    const patched = await h.supervisor.patchOrderLine(line.id, { priority: line.priority === 1 ? 2 : 1 }, line.version);
    expect(patched.ok).toBe(true);
    const changes: string[] = [];
    const second = await h.planner.pullAll('order-lines', (p) => void changes.push(...p.items.map((x) => x.id)), { cursor: first.value.cursor as string });
    expect(changes).toEqual([line.id]);
    const third = await h.planner.listPage('order-lines', { cursor: second.ok ? (second.value.cursor as string) : '' });
    expect(third.ok && third.value.items).toEqual([]);
    expect(third.ok && third.value.hasMore).toBe(false);
    expect(third.ok && third.value.nextCursor).toBe(second.ok ? second.value.cursor : 'x');
  });

  it('a GET of a deleted row is 404; its tombstone is served by paging only', async () => {
    const line = snapshotOf(h).orderLines[5] as OrderLine;
    h.erp.advance({ type: 'delete', entity: 'order-lines', id: line.id });
    const r = await h.planner.get('order-lines', line.id);
    expect(r).toMatchObject({ ok: false, status: 404 });
  });

  it('serves every entity to every role, and nothing without a token', async () => {
    for (const entity of ['items', 'exceptions'] as EntityName[]) {
      expect((await h.finance.listPage(entity, { limit: 1 })).ok).toBe(true);
      expect(await h.anonymous.listPage(entity, { limit: 1 })).toMatchObject({ ok: false, status: 401 });
    }
  });
});
