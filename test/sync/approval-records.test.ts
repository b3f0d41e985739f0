/**
 * An approval is ONE record (schema v4) until `expandApprovals` moves it into the outbox: readers
 * see it as approved and queued meanwhile, a decision in it cannot be approved or rejected again, the expansion is
 * atomic and happens once, and a kill between approval and expansion loses nothing and sends each decision once.
 */
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { compactEntity, getDecisions, openWorkbenchDb, readDecisions } from '../../renderer/db';
import type { WorkbenchDb } from '../../renderer/db';
import { createCacheReader } from '../../renderer/app/cache-reader';
import { approveDecisions, rejectDecisions } from '../../renderer/sync/approve';
import { countOutbox, createDexieOutboxStore } from '../../renderer/sync/dexie-outbox-store';
import { expandApprovals } from '../../renderer/sync/expand-approvals';
import { createSyncService } from '../../renderer/sync/sync-service';
import { drainOutbox } from '../../shared/sync/outbox/sender';
import { domainRebasePolicy } from '../../shared/sync/outbox/domain-rebase';
import type { ErpAnswer, EntityPage } from '../../shared/sync/ports';
import { LedgerErp, VirtualClock, seededRandom } from './fakes';
import { orderLine, reserveDecision, uniqueDbName } from './helpers';

async function seeded(n: number, name = uniqueDbName('approval-record')): Promise<WorkbenchDb> {
  const db = await openWorkbenchDb(name);
  const lines = Array.from({ length: n }, (_, i) => orderLine(`L${i}`, { itemId: `SKU-${i % 7}`, warehouseId: 'WH-EAST-1' }));
  await db.orderLines.bulkPut(lines);
  await compactEntity(db, 'order-lines');
  await db.decisions.bulkPut(lines.map((l, i) => reserveDecision(`D${i}`, l)));
  return db;
}

const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `D${from + i}`);

/** The ledger ERP, plus an empty catalogue to pull (the sync service's start may pull). */
class Erp extends LedgerErp {
  override async listPage(): Promise<ErpAnswer<EntityPage>> {
    return { status: 200, body: { rows: [], nextCursor: 'end', hasMore: false } };
  }
}

describe('an approval record before its expansion', () => {
  it('reads as approved and queued everywhere: decisions list, decision readers and the pending count', async () => {
    const db = await seeded(300);
    const result = await approveDecisions(db, ids(250), 'supervisor', new Date('2026-11-27T09:00:00Z'));
    expect(result).toEqual({ ok: true, count: 250 });
    // The stored rows have not moved: one record holds the approval (and a decision row never carries the status).
    expect(await db.approvals.count()).toBe(1);
    expect(await db.outbox.count()).toBe(0);
    expect((await db.decisions.get('D0'))?.status).toBe('proposed');

    const rows = await createCacheReader(db).loadDecisions();
    const byId = new Map(rows.map((r) => [r.id, r]));
    expect(byId.get('D0')).toMatchObject({ displayStatus: 'queued', approvedBy: 'supervisor', approvedAt: '2026-11-27T09:00:00.000Z' });
    expect(byId.get('D249')?.displayStatus).toBe('queued');
    expect(byId.get('D250')?.displayStatus).toBe('proposed');
    expect(rows.filter((r) => r.displayStatus === 'queued')).toHaveLength(250);

    expect((await readDecisions(db)).filter((d) => d.status === 'approved')).toHaveLength(250);
    expect((await getDecisions(db, ['D3', 'D260', 'D-missing'])).map((d) => d?.status)).toEqual(['approved', 'proposed', undefined]);
    expect(await countOutbox(db)).toEqual({ pending: 250, sending: 0, failed: 0, needsAttention: 0, applied: 0 });
    db.close();
  });

  it('refuses to approve or reject again a decision whose approval is not expanded yet, naming id and field', async () => {
    const db = await seeded(5);
    await approveDecisions(db, ['D0', 'D1'], 'supervisor');

    const again = await approveDecisions(db, ['D1', 'D2'], 'supervisor');
    expect(again.ok).toBe(false);
    if (!again.ok) expect(again.issues.map((i) => [i.recordId, i.field, i.message])).toEqual([['D1', 'status', 'decisions "D1": field "status" expected "proposed", found "approved"']]);
    const rejected = await rejectDecisions(db, ['D0'], 'supervisor', 'changed my mind');
    expect(rejected.ok).toBe(false);
    if (!rejected.ok) expect(rejected.issues.map((i) => [i.recordId, i.field])).toEqual([['D0', 'status']]);
    // Nothing else changed: still the one approval record, D2 still proposed, no audit record of a rejection.
    expect(await db.approvals.count()).toBe(1);
    expect((await getDecisions(db, ['D2']))[0]?.status).toBe('proposed');
    expect(await db.auditLog.count()).toBe(0);
    db.close();
  });

  it('continues the approval sequence across records and expands them in approval order', async () => {
    const db = await seeded(10);
    await approveDecisions(db, ['D4', 'D2'], 'supervisor');
    await approveDecisions(db, ['D7'], 'lead');
    expect(await db.approvals.toCollection().primaryKeys()).toEqual([[1, 2], [3, 3]]);
    expect(await countOutbox(db)).toMatchObject({ pending: 3 });
    expect(await expandApprovals(db)).toBe(3);
    expect((await db.outbox.orderBy('seq').toArray()).map((e) => [e.decisionId, e.seq, e.approvedBy])).toEqual([
      ['D4', 1, 'supervisor'],
      ['D2', 2, 'supervisor'],
      ['D7', 3, 'lead'],
    ]);
    expect(await countOutbox(db)).toMatchObject({ pending: 3 });
    db.close();
  });
});

describe('expanding approval records', () => {
  it('moves the entries in and deletes the record; a second expansion, even from another window, adds nothing', async () => {
    const name = uniqueDbName('expand-twice');
    const db = await seeded(400, name);
    const other = await openWorkbenchDb(name);
    await approveDecisions(db, ids(400), 'supervisor');
    const [a, b] = await Promise.all([expandApprovals(db), expandApprovals(other)]);
    expect(a + b).toBe(400);
    expect(await expandApprovals(db)).toBe(0);
    expect(await db.approvals.count()).toBe(0);
    expect(await db.outbox.count()).toBe(400);
    expect((await readDecisions(db)).filter((d) => d.status === 'approved')).toHaveLength(400);
    expect(await db.outbox.get('D17')).toMatchObject({ state: 'queued', seq: 18, approvedBy: 'supervisor', decision: expect.objectContaining({ id: 'D17', status: 'approved' }) });
    expect(await countOutbox(db)).toMatchObject({ pending: 400 });
    other.close();
    db.close();
  });

  it('is all or nothing: an expansion that fails half-way leaves the record and no entry or decision change', async () => {
    const db = await seeded(50);
    await approveDecisions(db, ids(50), 'supervisor');
    // An outbox entry already under D30's key makes the expansion's bulkAdd fail after the other entries were added.
    await db.outbox.add({ ...(await db.approvals.toArray())[0]!.entries[30]!, approvedBy: 'stray' });
    await expect(expandApprovals(db)).rejects.toThrow();
    expect(await db.approvals.count()).toBe(1);
    expect(await db.outbox.count()).toBe(1);
    // Readers see the record (approved) for all 50, the stray entry winning for D30: nothing half-expanded shows.
    const during = await readDecisions(db);
    expect(during.filter((d) => d.status === 'approved')).toHaveLength(50);
    expect(during.find((d) => d.id === 'D30')?.approvedBy).toBe('stray');
    expect(await db.decisions.where('status').equals('proposed').count()).toBe(50);
    // Once the stray entry is gone, the same record expands whole.
    await db.outbox.delete('D30');
    expect(await expandApprovals(db)).toBe(50);
    expect((await readDecisions(db)).filter((d) => d.status === 'approved')).toHaveLength(50);
    db.close();
  });

  it('runs before the sender reads open entries, so a drain sends a record not yet expanded', async () => {
    const db = await seeded(30);
    await approveDecisions(db, ids(30), 'supervisor');
    const erp = new LedgerErp();
    const report = await drainOutbox({ erp, store: createDexieOutboxStore(db), clock: new VirtualClock(), random: seededRandom(), rebase: domainRebasePolicy });
    expect(report).toMatchObject({ applied: 30 });
    expect([...erp.ledger].sort()).toEqual([...ids(30)].sort());
    expect(await db.approvals.count()).toBe(0);
    expect((await readDecisions(db)).filter((d) => d.status === 'applied')).toHaveLength(30);
    db.close();
  });
});

describe('a kill between approval and expansion', () => {
  it('loses nothing and sends each decision once after the restart', async () => {
    const name = uniqueDbName('kill-after-approval');
    const erp = new Erp();
    let db = await seeded(600, name);
    // Window 1 approves twice and is killed before its background expansion ran: only the records are stored.
    expect(await approveDecisions(db, ids(350), 'supervisor')).toEqual({ ok: true, count: 350 });
    expect(await approveDecisions(db, ids(250, 350), 'supervisor')).toEqual({ ok: true, count: 250 });
    db.close();

    // Window 2 starts: the records become entries at start, before anything is sent.
    db = await openWorkbenchDb(name);
    const sync = createSyncService({ db, erp, network: null, locks: null, heartbeatMs: 0, pullIntervalMs: 0, entities: ['items'], clock: new VirtualClock(), random: seededRandom() });
    await sync.start();
    expect(await db.approvals.count()).toBe(0);
    expect(await db.outbox.count()).toBe(600);
    expect(sync.getStatus().outbox).toMatchObject({ pending: 600 });
    await sync.pushNow();
    // Another restart expands nothing and sends nothing again.
    await sync.start();
    await sync.pushNow();
    sync.stop();

    expect(erp.ledger).toHaveLength(600);
    expect(new Set(erp.posts).size).toBe(erp.posts.length);
    expect(new Set(erp.ledger)).toEqual(new Set(ids(600)));
    expect(await db.outbox.where('state').equals('applied').count()).toBe(600);
    expect((await readDecisions(db)).filter((d) => d.status === 'applied')).toHaveLength(600);
    db.close();
  });

  it('answers the approval before expanding, and the service then expands and sends in the background', async () => {
    const db = await seeded(40);
    const erp = new Erp();
    const sync = createSyncService({ db, erp, network: null, locks: null, heartbeatMs: 0, pullIntervalMs: 0, entities: ['items'] });
    await sync.start();
    expect(await sync.approve(ids(40), 'supervisor')).toEqual({ ok: true, count: 40 });
    for (let i = 0; i < 100 && (await db.outbox.where('state').equals('applied').count()) < 40; i++) await new Promise((r) => setTimeout(r, 50));
    expect(await db.approvals.count()).toBe(0);
    expect(await db.outbox.where('state').equals('applied').count()).toBe(40);
    expect(erp.ledger).toHaveLength(40);
    sync.stop();
    db.close();
  });
});
