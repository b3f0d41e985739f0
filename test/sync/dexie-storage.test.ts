import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, it } from 'vitest';
import { compactEntity, getDecisions, openWorkbenchDb, readDecisions, readEntityRows } from '../../renderer/db';
import { SCHEMA_V1, SCHEMA_V2, SCHEMA_V3 } from '../../renderer/db/schema';
import { approveDecisions, rejectDecisions } from '../../renderer/sync/approve';
import { expandApprovals } from '../../renderer/sync/expand-approvals';
import { countOutbox, createDexieOutboxStore } from '../../renderer/sync/dexie-outbox-store';
import { createDexiePullStore } from '../../renderer/sync/dexie-pull-store';
import { withSenderLock } from '../../renderer/sync/sender-lock';
import { drainOutbox } from '../../shared/sync/outbox/sender';
import { domainRebasePolicy } from '../../shared/sync/outbox/domain-rebase';
import { fullResync, pullChanges } from '../../shared/sync/pull/pull-all';
import { validateCanonicalRecord } from '../../shared/sync/pull/domain-validator';
import { LedgerErp, PagedErp, VirtualClock, seededRandom } from './fakes';
import { balance, orderLine, reserveDecision, uniqueDbName } from './helpers';

describe('workbench database migrations', () => {
  it('opens a version 1 database as the current version: cursors move to the keyed table, the outbox gets its approval sequence', async () => {
    const name = uniqueDbName('migrate');
    const v1 = new Dexie(name);
    v1.version(1).stores(SCHEMA_V1);
    await v1.open();
    await v1.table('syncCursors').bulkPut([
      { entity: 'order-lines', cursor: 'c-77', lastCompletedAt: 5 },
      { entity: 'items', cursor: null },
    ]);
    await v1.table('outbox').bulkPut([
      { decisionId: 'D-late', state: 'queued', approvedAt: 300, decision: { basis: [{ entity: 'order-lines', id: 'L2' }] } },
      { decisionId: 'D-early', state: 'applied', approvedAt: 100, decision: { basis: [{ entity: 'order-lines', id: 'L1' }] } },
      { decisionId: 'D-mid', state: 'queued', approvedAt: 200, decision: { basis: [] } },
    ]);
    await v1.table('orderLines').put(orderLine('L1'));
    v1.close();

    const db = await openWorkbenchDb(name);
    expect(db.verno).toBe(4);
    expect(await db.cursors.get('live:order-lines')).toMatchObject({ entity: 'order-lines', target: 'live', cursor: 'c-77', lastCompletedAt: 5 });
    expect(await db.cursors.get('live:items')).toMatchObject({ cursor: null });
    const outbox = await db.outbox.orderBy('seq').toArray();
    expect(outbox.map((e) => [e.decisionId, e.seq])).toEqual([['D-early', 1], ['D-mid', 2], ['D-late', 3]]);
    expect(outbox[2]?.rowKeys).toEqual(['order-lines:L2']);
    expect(await readEntityRows(db, 'order-lines')).toEqual([orderLine('L1')]);
    expect(db.tables.map((t) => t.name)).not.toContain('syncCursors');
    db.close();
  });

  it('opens a version 2 database as version 3: rows become id-sorted page records, the overlay starts empty, nothing else moves', async () => {
    const name = uniqueDbName('migrate-v3');
    const v2 = new Dexie(name);
    v2.version(2).stores(SCHEMA_V2);
    await v2.open();
    const lines = Array.from({ length: 2500 }, (_, i) => orderLine(`L${String(2499 - i).padStart(4, '0')}`, { priority: 1 + (i % 9) }));
    await v2.table('orderLines').bulkPut(lines);
    await v2.table('items').put({ id: 'SKU-1', sku: 'SKU-1', modifiedAt: '2026-11-01T00:00:00Z' });
    await v2.table('cursors').bulkPut([
      { key: 'live:order-lines', entity: 'order-lines', target: 'live', cursor: 'c-9', lastCompletedAt: 42 },
      { key: 'staging:order-lines', entity: 'order-lines', target: 'staging', cursor: 'c-3' },
    ]);
    await v2.table('stagingRows').put({ entity: 'order-lines', id: 'L0001', row: orderLine('L0001') });
    await v2.table('settings').put({ key: 'sync.fullResync', value: { startedAt: 1, entities: ['order-lines'] } });
    await v2.table('outbox').put({ decisionId: 'D1', state: 'queued', seq: 1, rowKeys: ['order-lines:L0001'] });
    v2.close();

    const db = await openWorkbenchDb(name);
    expect(db.verno).toBe(4);
    const pages = await db.entityPages.where('[entity+gen+seq]').between(['order-lines', 0, -Infinity], ['order-lines', 0, Infinity]).toArray();
    expect(pages.map((p) => p.rows.length)).toEqual([1000, 1000, 500]);
    expect(pages[0]?.rows[0]).toEqual(orderLine('L0000', { priority: 1 + (2499 % 9) }));
    expect(await db.orderLines.count()).toBe(0);
    const read = await readEntityRows(db, 'order-lines');
    expect(read).toHaveLength(2500);
    expect(read.map((l) => l.id)).toEqual([...lines].map((l) => l.id).sort());
    expect(read.find((l) => l.id === 'L2499')).toEqual(lines[0]);
    expect(await readEntityRows(db, 'items')).toEqual([expect.objectContaining({ id: 'SKU-1' })]);
    expect(await db.cursors.get('live:order-lines')).toMatchObject({ cursor: 'c-9', lastCompletedAt: 42, gen: 0, nextSeq: 3, pageRows: 2500 });
    // The resync in progress restarts its staging (v2's staged rows are gone with their table); the live cache stays.
    expect(await db.cursors.get('staging:order-lines')).toBeUndefined();
    expect(await createDexiePullStore(db).stagingInProgress()).toBe(true);
    expect(db.tables.map((t) => t.name)).not.toContain('stagingRows');
    expect(await db.outbox.get('D1')).toMatchObject({ state: 'queued', seq: 1 });
    db.close();
  });

  it('opens a version 3 database as version 4: an empty approvals table, every v3 row where it was', async () => {
    const name = uniqueDbName('migrate-v3');
    const v3 = new Dexie(name);
    v3.version(3).stores(SCHEMA_V3);
    await v3.open();
    const decision = reserveDecision('D1', orderLine('L1'));
    await v3.table('decisions').bulkPut([decision, { ...reserveDecision('D2', orderLine('L2')), status: 'approved' }]);
    await v3.table('outbox').put({ decisionId: 'D2', state: 'queued', seq: 1, rowKeys: ['order-lines:L2'] });
    await v3.table('settings').put({ key: 'outbox.lastSeq', value: 1 });
    await v3.table('entityPages').put({ entity: 'order-lines', gen: 0, seq: 0, rows: [orderLine('L1')], deletes: [] });
    v3.close();

    const db = await openWorkbenchDb(name);
    expect(db.verno).toBe(4);
    expect(await db.approvals.count()).toBe(0);
    expect(await db.decisions.get('D1')).toEqual(decision);
    expect((await getDecisions(db, ['D2']))[0]?.status).toBe('approved');
    expect(await db.outbox.get('D2')).toMatchObject({ state: 'queued', seq: 1 });
    expect(await db.settings.get('outbox.lastSeq')).toEqual({ key: 'outbox.lastSeq', value: 1 });
    expect(await db.entityPages.count()).toBe(1);
    // The next approval continues the sequence and lands in the new table.
    expect(await approveDecisions(db, ['D1'], 'supervisor')).toEqual({ ok: true, count: 1 });
    expect(await db.approvals.toCollection().primaryKeys()).toEqual([[2, 2]]);
    db.close();
  });
});

describe('Dexie pull store', () => {
  it('stores a page and its cursor together: a page that fails to store leaves neither rows nor cursor', async () => {
    const db = await openWorkbenchDb(uniqueDbName('atomic'));
    const store = createDexiePullStore(db);
    const cursor = (c: string) => ({ entity: 'order-lines', target: 'live' as const, cursor: c });
    await store.writePage({ entity: 'order-lines', target: 'live', upserts: [orderLine('L1') as unknown as Record<string, unknown>], deletes: [], issues: [], resolvedIssueIds: [], cursor: cursor('p1') });
    // A row without its key cannot be stored: the whole transaction, cursor included, must roll back.
    const broken = { ...orderLine('L3'), id: undefined } as unknown as Record<string, unknown>;
    await expect(
      store.writePage({ entity: 'order-lines', target: 'live', upserts: [orderLine('L2') as unknown as Record<string, unknown>, broken], deletes: [], issues: [], resolvedIssueIds: [], cursor: cursor('p2') }),
    ).rejects.toThrow();
    expect((await readEntityRows(db, 'order-lines')).map((l) => l.id)).toEqual(['L1']);
    expect((await store.getCursor('order-lines', 'live'))?.cursor).toBe('p1');
    db.close();
  });

  it('pulls canonical records, records invalid ones as sync issues naming id and field, and applies tombstones', async () => {
    const db = await openWorkbenchDb(uniqueDbName('pull'));
    const bad = { ...orderLine('L-bad'), orderedQty: -4 };
    const erp = new PagedErp({ 'order-lines': [orderLine('L1'), bad, orderLine('L2')] });
    const deps = { erp, store: createDexiePullStore(db), validate: validateCanonicalRecord, clock: new VirtualClock(), random: seededRandom() };
    await pullChanges({ ...deps, entities: ['order-lines'] });
    expect((await readEntityRows(db, 'order-lines')).map((l) => l.id)).toEqual(['L1', 'L2']);
    const issues = await db.syncIssues.toArray();
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ entity: 'order-lines', recordId: 'L-bad', field: 'orderedQty', found: '-4' });
    expect(issues[0]?.message).toContain('L-bad');
    erp.data['order-lines'] = [...(erp.data['order-lines'] ?? []), { id: 'L1', deleted: true }];
    await pullChanges({ ...deps, entities: ['order-lines'] });
    expect((await readEntityRows(db, 'order-lines')).map((l) => l.id)).toEqual(['L2']);
    db.close();
  });

  it('full resync keeps the old cache readable until the swap, then replaces it atomically', async () => {
    const db = await openWorkbenchDb(uniqueDbName('resync'));
    const erp = new PagedErp({ 'order-lines': [orderLine('L1'), orderLine('L2')] });
    const deps = { erp, store: createDexiePullStore(db), validate: validateCanonicalRecord, clock: new VirtualClock(), random: seededRandom(), entities: ['order-lines'] };
    await pullChanges(deps);
    erp.data['order-lines'] = [orderLine('L7'), orderLine('L8'), orderLine('L9')];
    let seenDuringResync: string[] = [];
    const ids = async () => (await readEntityRows(db, 'order-lines')).map((l) => l.id);
    await fullResync({ ...deps, pageSize: 1, onProgress: () => void ids().then((k) => (seenDuringResync = k)) });
    await new Promise((r) => setTimeout(r, 10));
    expect(await ids()).toEqual(['L7', 'L8', 'L9']);
    // The swap re-pointed the live cursor at the staged page set; the old set is gone, nothing is left staged.
    expect(await db.cursors.get('staging:order-lines')).toBeUndefined();
    expect(new Set((await db.entityPages.toArray()).map((p) => p.gen))).toEqual(new Set([(await db.cursors.get('live:order-lines'))?.gen]));
    expect(await createDexiePullStore(db).stagingInProgress()).toBe(false);
    expect(seenDuringResync.length === 0 || seenDuringResync.join() === 'L1,L2' || seenDuringResync.join() === 'L7,L8,L9').toBe(true);
    db.close();
  });
});

describe('full resync into a new page set', () => {
  it('resumes an interrupted resync from its staged pages, keeps the live cache meanwhile, and swaps in only the new rows', async () => {
    const db = await openWorkbenchDb(uniqueDbName('resync-resume'));
    const erp = new PagedErp({ 'order-lines': [orderLine('L1'), orderLine('L2')] });
    const deps = { erp, store: createDexiePullStore(db), validate: validateCanonicalRecord, clock: new VirtualClock(), random: seededRandom(), entities: ['order-lines'] };
    await pullChanges(deps);
    // A local change in the overlay and a tombstone: the swap must drop both with the old page set.
    erp.data['order-lines']?.push(orderLine('L2', { priority: 9 }), { id: 'L1', deleted: true });
    await pullChanges(deps);
    expect((await readEntityRows(db, 'order-lines')).map((l) => [l.id, l.priority])).toEqual([['L2', 9]]);

    erp.data['order-lines'] = ['L5', 'L6', 'L7', 'L8'].map((id) => orderLine(id));
    const controller = new AbortController();
    let pages = 0;
    const interrupted = fullResync({ ...deps, pageSize: 2, signal: controller.signal, onProgress: () => ++pages === 1 && controller.abort() });
    await expect(interrupted).rejects.toThrow();
    expect(await createDexiePullStore(db).stagingInProgress()).toBe(true);
    expect((await readEntityRows(db, 'order-lines')).map((l) => l.id)).toEqual(['L2']);
    const staged = await db.cursors.get('staging:order-lines');
    expect(staged).toMatchObject({ cursor: '2', nextSeq: 1 });

    erp.calls.length = 0;
    await fullResync({ ...deps, pageSize: 2 });
    // Resumed after the staged page, not from the start.
    expect(erp.calls[0]).toEqual({ entity: 'order-lines', cursor: '2' });
    expect((await readEntityRows(db, 'order-lines')).map((l) => l.id)).toEqual(['L5', 'L6', 'L7', 'L8']);
    expect(await db.orderLines.count()).toBe(0);
    expect(await db.entityTombstones.count()).toBe(0);
    expect(await db.cursors.get('live:order-lines')).toMatchObject({ gen: staged?.gen, cursor: '4' });
    expect(await createDexiePullStore(db).stagingInProgress()).toBe(false);
    db.close();
  });
});

describe('approval and the Dexie outbox', () => {
  async function seeded(n: number) {
    const db = await openWorkbenchDb(uniqueDbName('approve'));
    const lines = Array.from({ length: n }, (_, i) => orderLine(`L${i}`, { itemId: `SKU-${i % 50}`, warehouseId: 'WH-EAST-1' }));
    await db.orderLines.bulkPut(lines);
    await db.inventoryBalances.bulkPut(Array.from({ length: 50 }, (_, i) => balance(`SKU-${i}`, 'WH-EAST-1')));
    // As after a pull: the lines live in page records, not in the overlay.
    await compactEntity(db, 'order-lines');
    await db.decisions.bulkPut(lines.map((l, i) => reserveDecision(`D${i}`, l)));
    return db;
  }

  it('approves 2,000 decisions in one transaction: status, approver and a queued outbox entry each, in approval order', async () => {
    const db = await seeded(2000);
    const ids = Array.from({ length: 2000 }, (_, i) => `D${1999 - i}`);
    const result = await approveDecisions(db, ids, 'supervisor', new Date('2026-11-27T09:00:00Z'));
    expect(result).toEqual({ ok: true, count: 2000 });
    // One approval record until it is expanded into the outbox; readers see it as approved all along.
    expect(await db.approvals.toCollection().primaryKeys()).toEqual([[1, 2000]]);
    expect(await db.outbox.count()).toBe(0);
    expect((await readDecisions(db)).filter((d) => d.status === 'approved')).toHaveLength(2000);
    expect(await expandApprovals(db)).toBe(2000);
    expect(await db.approvals.count()).toBe(0);
    expect((await readDecisions(db)).filter((d) => d.status === 'approved')).toHaveLength(2000);
    const first = await db.outbox.get('D1999');
    expect(first).toMatchObject({ seq: 1, state: 'queued', approvedBy: 'supervisor' });
    expect(first?.rowKeys).toEqual(['inventory-balances:SKU-49@WH-EAST-1', 'order-lines:L1999']);
    expect(first?.baseRows).toEqual([expect.objectContaining({ entity: 'order-lines', id: 'L1999', row: expect.objectContaining({ id: 'L1999' }) })]);
    expect((await getDecisions(db, ['D0']))[0]).toMatchObject({ approvedBy: 'supervisor', approvedAt: '2026-11-27T09:00:00.000Z' });
    db.close();
  });

  it('approves nothing when one id is unknown or not proposed, and names each', async () => {
    const db = await seeded(3);
    await db.decisions.update('D1', { status: 'applied' });
    const result = await approveDecisions(db, ['D0', 'D1', 'D-missing'], 'supervisor');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => [i.recordId, i.field])).toEqual([['D1', 'status'], ['D-missing', 'id']]);
    expect(result.issues[0]?.message).toBe('decisions "D1": field "status" expected "proposed", found "applied"');
    expect(await db.outbox.count()).toBe(0);
    expect(await db.approvals.count()).toBe(0);
    expect((await getDecisions(db, ['D0']))[0]?.status).toBe('proposed');
    db.close();
  });

  it('refuses to approve or reject again a decision whose entry moved on, naming the status readers see', async () => {
    const db = await seeded(3);
    await approveDecisions(db, ['D0', 'D1'], 'supervisor');
    await expandApprovals(db);
    const erp = new LedgerErp();
    erp.script.set('D1', [{ status: 422, body: { title: 'Invalid decision', detail: 'line is closed' } }]);
    await drainOutbox({ erp, store: createDexieOutboxStore(db), clock: new VirtualClock(), random: seededRandom(), rebase: domainRebasePolicy });
    const again = await approveDecisions(db, ['D0', 'D1', 'D2'], 'supervisor');
    expect(again.ok).toBe(false);
    if (again.ok) return;
    expect(again.issues.map((i) => i.message)).toEqual([
      'decisions "D0": field "status" expected "proposed", found "applied"',
      'decisions "D1": field "status" expected "proposed", found "failed"',
    ]);
    const rejected = await rejectDecisions(db, ['D0'], 'supervisor', 'too late');
    expect(rejected.ok).toBe(false);
    expect((await getDecisions(db, ['D0', 'D1', 'D2'])).map((d) => d?.status)).toEqual(['applied', 'failed', 'proposed']);
    expect(await db.approvals.count()).toBe(0);
    db.close();
  });

  it('rejection needs a reason and never reaches the outbox', async () => {
    const db = await seeded(2);
    expect((await rejectDecisions(db, ['D0'], 'supervisor', ' ')).ok).toBe(false);
    expect(await rejectDecisions(db, ['D0'], 'supervisor', 'over budget')).toEqual({ ok: true, count: 1 });
    expect((await getDecisions(db, ['D0']))[0]?.status).toBe('rejected');
    expect(await db.outbox.count()).toBe(0);
    db.close();
  });

  it('sends approved decisions and moves their answers to the audit log with the decision status, keeping every entry', async () => {
    const db = await seeded(40);
    await approveDecisions(db, Array.from({ length: 40 }, (_, i) => `D${i}`), 'supervisor');
    const erp = new LedgerErp();
    erp.script.set('D3', [{ status: 422, body: { title: 'Invalid decision', detail: 'line is closed' } }]);
    const report = await drainOutbox({ erp, store: createDexieOutboxStore(db), clock: new VirtualClock(), random: seededRandom(), rebase: domainRebasePolicy });
    expect(report).toMatchObject({ applied: 39, rejected: 1 });
    expect(await db.outbox.count()).toBe(40);
    expect(await countOutbox(db)).toEqual({ pending: 0, sending: 0, failed: 1, needsAttention: 0, applied: 39 });
    expect((await getDecisions(db, ['D3', 'D4'])).map((d) => d?.status)).toEqual(['failed', 'applied']);
    // The status is the entry's: the decision rows keep what was proposed (no rewrite per acknowledged decision).
    expect((await db.decisions.get('D4'))?.status).toBe('proposed');
    expect(await db.auditLog.where('decisionId').equals('D3').first()).toMatchObject({ event: 'rejected', status: 422, detail: 'line is closed' });
    db.close();
  });

  it('lets only one sender hold the lease at a time when Web Locks are missing', async () => {
    const db = await openWorkbenchDb(uniqueDbName('lease'));
    let release: () => void = () => undefined;
    const first = withSenderLock({ db, owner: 'window-a' }, () => new Promise<string>((r) => (release = () => r('a'))));
    await new Promise((r) => setTimeout(r, 20));
    const second = await withSenderLock({ db, owner: 'window-b' }, async () => 'b');
    expect(second).toEqual({ ran: false });
    release();
    expect(await first).toEqual({ ran: true, value: 'a' });
    expect(await withSenderLock({ db, owner: 'window-b' }, async () => 'b')).toEqual({ ran: true, value: 'b' });
    db.close();
  });
});
