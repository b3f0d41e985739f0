import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { OrderLine } from '../../../shared/domain';
import { fullResync, pullChanges } from '../../../shared/sync/pull/pull-all';
import { validateCanonicalRecord } from '../../../shared/sync/pull/domain-validator';
import { PagedErp, VirtualClock, seededRandom } from '../../../test/sync/fakes';
import { orderLine, uniqueDbName } from '../../../test/sync/helpers';
import { createDexiePullStore } from '../../sync/dexie-pull-store';
import { openWorkbenchDb } from '../database';
import type { WorkbenchDb } from '../database';
import type { EntityPageRow } from '../rows';
import { OVERLAY_COMPACT_ROWS, compactEntity } from './compact';
import { mergeEntityRows } from './merge';
import { getEntityRows, readEntityRows } from './read';
import { putEntityRows } from './write';

const page = (seq: number, rows: Record<string, unknown>[], deletes: string[] = []): EntityPageRow => ({ entity: 'items', gen: 0, seq, rows, deletes });

describe('merging page records, tombstones and the overlay', () => {
  it('lets a later page replace a row, its deletes remove one, tombstones hide one and the overlay shadow one; sorted by id', () => {
    const rows = mergeEntityRows(
      [page(0, [{ id: 'C', v: 1 }, { id: 'A', v: 1 }, { id: 'B', v: 1 }, { id: 'D', v: 1 }]), page(1, [{ id: 'A', v: 2 }, { id: 'E', v: 2 }], ['B'])],
      ['D'],
      [{ id: 'C', v: 3 }, { id: 'D', v: 3 }],
    );
    expect(rows).toEqual([
      { id: 'A', v: 2 },
      { id: 'C', v: 3 },
      { id: 'D', v: 3 },
      { id: 'E', v: 2 },
    ]);
  });
});

async function pulledCache(lines: OrderLine[]) {
  const db = await openWorkbenchDb(uniqueDbName('pages'));
  const erp = new PagedErp({ 'order-lines': [...lines] });
  const deps = { erp, store: createDexiePullStore(db), validate: validateCanonicalRecord, clock: new VirtualClock(), random: seededRandom(), entities: ['order-lines'] };
  await pullChanges({ ...deps, pageSize: 1000 });
  return { db, erp, deps };
}

const lineIds = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `L${String(from + i).padStart(5, '0')}`);
const ids = async (db: WorkbenchDb) => (await readEntityRows(db, 'order-lines')).map((l) => l.id);

describe('the page layout under pulls', () => {
  it('stores a pull from scratch as one page record per pulled page and nothing per row', async () => {
    const { db } = await pulledCache(lineIds(2300).map((id) => orderLine(id)));
    expect((await db.entityPages.toArray()).map((p) => p.rows.length)).toEqual([1000, 1000, 300]);
    expect(await db.orderLines.count()).toBe(0);
    expect(await ids(db)).toEqual(lineIds(2300));
    db.close();
  });

  it('lands a small incremental page per row in the overlay, where it shadows the page copy; a tombstone hides a page row', async () => {
    const { db, erp, deps } = await pulledCache(lineIds(1500).map((id) => orderLine(id)));
    erp.data['order-lines']?.push(orderLine('L00007', { priority: 42 }), { id: 'L00009', deleted: true }, orderLine('L09999'));
    await pullChanges(deps);
    expect(await db.entityPages.count()).toBe(2);
    expect((await db.orderLines.toCollection().primaryKeys()).sort()).toEqual(['L00007', 'L09999']);
    expect(await db.entityTombstones.count()).toBe(1);
    const rows = await readEntityRows(db, 'order-lines');
    expect(rows).toHaveLength(1500);
    expect(rows.find((l) => l.id === 'L00007')?.priority).toBe(42);
    expect(rows.some((l) => l.id === 'L00009')).toBe(false);
    expect(await getEntityRows(db, 'order-lines', ['L00007', 'L00009', 'L00010', 'nope'])).toEqual([
      expect.objectContaining({ id: 'L00007', priority: 42 }),
      undefined,
      expect.objectContaining({ id: 'L00010' }),
      undefined,
    ]);
    db.close();
  });

  it('stores a large incremental page as a page record that supersedes older overlay rows and tombstones of its ids', async () => {
    const { db, erp, deps } = await pulledCache(lineIds(1200).map((id) => orderLine(id)));
    erp.data['order-lines']?.push(orderLine('L00001', { priority: 7 }), { id: 'L00002', deleted: true });
    await pullChanges(deps);
    expect(await db.orderLines.count()).toBe(1);
    // 300 changed rows in one page, among them the overlay row and the deleted row (re-created).
    erp.data['order-lines']?.push(...lineIds(300).map((id) => orderLine(id, { priority: 9 })));
    await pullChanges(deps);
    expect(await db.orderLines.count()).toBe(0);
    expect(await db.entityTombstones.count()).toBe(0);
    const rows = await readEntityRows(db, 'order-lines');
    expect(rows).toHaveLength(1200);
    expect(rows.filter((l) => l.priority === 9).map((l) => l.id)).toEqual(lineIds(300));
    db.close();
  });

  it('serves rows written locally from the overlay over the page copy', async () => {
    const { db } = await pulledCache(lineIds(10).map((id) => orderLine(id)));
    await putEntityRows(db, 'order-lines', [orderLine('L00003', { priority: 77 }) as unknown as Record<string, unknown>]);
    expect((await getEntityRows(db, 'order-lines', ['L00003']))[0]?.priority).toBe(77);
    db.close();
  });
});

describe('compaction', () => {
  it('folds the overlay and tombstones into id-sorted page records without changing what readers see', async () => {
    const { db, erp, deps } = await pulledCache(lineIds(2500).map((id, i) => orderLine(id, { priority: 1 + (i % 5) })));
    erp.data['order-lines']?.push(orderLine('L00100', { priority: 50 }), { id: 'L00200', deleted: true }, orderLine('L90000'));
    await pullChanges(deps);
    const before = await readEntityRows(db, 'order-lines');
    const result = await compactEntity(db, 'order-lines');
    expect(result).toEqual({ rows: 2500, pages: 3 });
    expect(await readEntityRows(db, 'order-lines')).toEqual(before);
    expect(await db.orderLines.count()).toBe(0);
    expect(await db.entityTombstones.count()).toBe(0);
    const pages = await db.entityPages.toArray();
    expect(pages.map((p) => [p.rows[0]?.id, p.rows.length])).toEqual([['L00000', 1000], ['L01001', 1000], ['L02001', 500]]);
    db.close();
  });

  it('runs by itself when a finished pull leaves more overlay rows than the limit', async () => {
    const { db, erp, deps } = await pulledCache(lineIds(1000).map((id) => orderLine(id)));
    const changed = OVERLAY_COMPACT_ROWS + 50;
    erp.data['order-lines']?.push(...lineIds(changed, 10_000).map((id) => orderLine(id)));
    // Pages under the page-record size: each lands per row in the overlay until the pull is caught up.
    await pullChanges({ ...deps, pageSize: 150 });
    expect(await db.orderLines.count()).toBe(0);
    expect(await ids(db)).toEqual([...lineIds(1000), ...lineIds(changed, 10_000)]);
    expect(await db.entityPages.count()).toBe(Math.ceil((1000 + changed) / 1000));
    db.close();
  });
});

describe('merging pages with nothing over them', () => {
  it('keeps the later page copy of a row that moved during a pull from scratch, sorted by id', () => {
    const rows = mergeEntityRows([page(0, [{ id: 'B', v: 1 }, { id: 'A', v: 1 }]), page(1, [{ id: 'C', v: 2 }, { id: 'B', v: 2 }])], [], []);
    expect(rows).toEqual([
      { id: 'A', v: 1 },
      { id: 'B', v: 2 },
      { id: 'C', v: 2 },
    ]);
  });
});

describe('decoded pages kept per connection', () => {
  it('serves a warm connection what another connection wrote since: new page records, compaction, a full resync', async () => {
    const name = uniqueDbName('page-cache');
    const writer = await openWorkbenchDb(name);
    const reader = await openWorkbenchDb(name);
    const erp = new PagedErp({ 'order-lines': lineIds(1500).map((id) => orderLine(id)) });
    const deps = { erp, store: createDexiePullStore(writer), validate: validateCanonicalRecord, clock: new VirtualClock(), random: seededRandom(), entities: ['order-lines'] };
    await pullChanges(deps);
    expect(await ids(reader)).toEqual(lineIds(1500));

    erp.data['order-lines']?.push(...lineIds(250).map((id) => orderLine(id, { priority: 8 })));
    await pullChanges(deps);
    expect((await readEntityRows(reader, 'order-lines')).filter((l) => l.priority === 8)).toHaveLength(250);

    await compactEntity(writer, 'order-lines');
    erp.data['order-lines']?.push(orderLine('L00001', { priority: 5 }));
    await pullChanges(deps);
    expect((await getEntityRows(reader, 'order-lines', ['L00001', 'L00002'])).map((l) => l?.priority)).toEqual([5, 8]);

    erp.data['order-lines'] = lineIds(3, 50_000).map((id) => orderLine(id));
    await fullResync(deps);
    expect(await ids(reader)).toEqual(lineIds(3, 50_000));
    writer.close();
    reader.close();
  });

  it('hands out frozen rows, so one reader cannot change what the next one reads', async () => {
    const { db } = await pulledCache(lineIds(5).map((id) => orderLine(id)));
    const [first] = await readEntityRows(db, 'order-lines');
    expect(() => {
      (first as { priority: number }).priority = 99;
    }).toThrow(TypeError);
    expect((await readEntityRows(db, 'order-lines'))[0]?.priority).toBe(orderLine('L00000').priority);
    db.close();
  });
});
