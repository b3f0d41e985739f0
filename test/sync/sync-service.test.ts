import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { getDecisions, openWorkbenchDb } from '../../renderer/db';
import type { WorkbenchDb } from '../../renderer/db';
import { createSyncService } from '../../renderer/sync/sync-service';
import type { NetworkEvents } from '../../renderer/sync/sync-service';
import type { ErpAnswer, EntityPage } from '../../shared/sync/ports';
import { isSynced } from '../../shared/sync/status/status-model';
import { LedgerErp } from './fakes';
import { orderLine, reserveDecision, uniqueDbName } from './helpers';

/** The ledger ERP, plus an empty catalogue to pull and a switchable /health. */
class Erp extends LedgerErp {
  up = true;
  override async listPage(): Promise<ErpAnswer<EntityPage>> {
    return { status: 200, body: { rows: [], nextCursor: 'end', hasMore: false } };
  }
  override async health(): Promise<boolean> {
    return this.up;
  }
}

class FakeNetwork implements NetworkEvents {
  onLine = true;
  private listeners = new Map<string, Set<() => void>>();
  addEventListener(type: string, l: () => void) {
    (this.listeners.get(type) ?? this.listeners.set(type, new Set()).get(type))?.add(l);
  }
  removeEventListener(type: string, l: () => void) {
    this.listeners.get(type)?.delete(l);
  }
  fire(type: 'online' | 'offline') {
    this.onLine = type === 'online';
    for (const l of this.listeners.get(type) ?? []) l();
  }
}

async function setup(n = 5) {
  const db: WorkbenchDb = await openWorkbenchDb(uniqueDbName('service'));
  const lines = Array.from({ length: n }, (_, i) => orderLine(`L${i}`));
  await db.orderLines.bulkPut(lines);
  await db.decisions.bulkPut(lines.map((l, i) => reserveDecision(`D${i}`, l)));
  const erp = new Erp();
  const network = new FakeNetwork();
  const sync = createSyncService({ db, erp, network, locks: null, heartbeatMs: 60_000, pullIntervalMs: 0, entities: ['items'] });
  return { db, erp, network, sync };
}

const settle = () => new Promise((r) => setTimeout(r, 50));

/** Waits (up to 5 s) until `condition` holds; the service works in the background. */
async function until(condition: () => boolean | Promise<boolean>): Promise<void> {
  for (let i = 0; i < 100; i++) {
    if (await condition()) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error('condition not reached in 5 s');
}

describe('sync service', () => {
  it('approves, pushes at once when online, and reports synced with the applied count', async () => {
    const { erp, sync, db } = await setup();
    await sync.start();
    // The first heartbeat finds the ERP and catches up (a pull) at once; then the service is idle and online.
    expect(sync.getStatus().connectivity).toBe('syncing');
    await until(() => sync.getStatus().connectivity === 'online');
    expect(await sync.approve(['D0', 'D1', 'D2'], 'supervisor')).toEqual({ ok: true, count: 3 });
    await sync.pushNow();
    await settle();
    expect(erp.ledger.sort()).toEqual(['D0', 'D1', 'D2']);
    expect(sync.getStatus().outbox).toMatchObject({ pending: 0, applied: 3 });
    expect(isSynced(sync.getStatus())).toBe(true);
    expect((await getDecisions(db, ['D0']))[0]?.status).toBe('applied');
    sync.stop();
  });

  it('keeps approved decisions queued while working offline and sends them when switched back', async () => {
    const { erp, sync } = await setup();
    await sync.start();
    await sync.setWorkOffline(true);
    expect(sync.getStatus().connectivity).toBe('offline');
    await sync.approve(['D0', 'D1'], 'supervisor');
    expect(await sync.pushNow()).toBeUndefined();
    await settle();
    expect(erp.posts).toEqual([]);
    expect(sync.getStatus().outbox.pending).toBe(2);
    await sync.setWorkOffline(false);
    await sync.pushNow();
    await settle();
    expect(erp.ledger.sort()).toEqual(['D0', 'D1']);
    sync.stop();
  });

  it('goes offline on the browser offline event, and catches up when the network and the ERP are back', async () => {
    const { erp, network, sync } = await setup();
    await sync.start();
    network.fire('offline');
    expect(sync.getStatus().connectivity).toBe('offline');
    await sync.approve(['D3'], 'supervisor');
    await settle();
    expect(erp.posts).toEqual([]);
    network.fire('online');
    await settle();
    await sync.pushNow();
    expect(erp.ledger).toEqual(['D3']);
    expect(sync.getStatus().lastPullAt.items).toBeGreaterThan(0);
    sync.stop();
  });

  it('asks for a sign-in on 401 without losing the outbox, and sends after signedIn()', async () => {
    const { db, erp, network } = await setup();
    let allow = false;
    const sync = createSyncService({ db, erp, network, locks: null, heartbeatMs: 0, pullIntervalMs: 0, entities: ['items'], reauthenticate: async () => allow });
    await sync.start();
    erp.auth = false;
    await sync.approve(['D0'], 'supervisor');
    await sync.pushNow();
    await settle();
    expect(sync.getStatus()).toMatchObject({ authRequired: true, connectivity: 'error' });
    expect(sync.getStatus().outbox.pending).toBe(1);
    erp.auth = true;
    allow = true;
    await sync.signedIn();
    await settle();
    expect(erp.ledger).toEqual(['D0']);
    expect(sync.getStatus().authRequired).toBe(false);
    sync.stop();
  });

  it('lists a conflict that still fails after two rebases, and re-applies it on the planner\'s word', async () => {
    const { erp, sync } = await setup();
    await sync.start();
    const stale = { status: 412, body: { title: 'stale', currentRows: [{ entity: 'order-lines', id: 'L0', row: orderLine('L0', { version: 7 }) }] } };
    erp.script.set('D0', [stale, stale, stale]);
    await sync.approve(['D0'], 'supervisor');
    await sync.pushNow();
    await settle();
    const attention = await sync.listNeedsAttention();
    expect(attention.map((e) => e.decisionId)).toEqual(['D0']);
    expect(attention[0]?.attention).toMatchObject({ status: 412, proposed: expect.objectContaining({ id: 'D0' }) });
    expect(sync.getStatus().outbox.needsAttention).toBe(1);
    expect(await sync.resolveNeedsAttention('D0', 'reapply')).toEqual({ ok: true, count: 1 });
    await sync.pushNow();
    await settle();
    expect(erp.ledger).toEqual(['D0~r3']);
    expect(sync.getStatus().outbox).toMatchObject({ needsAttention: 0, applied: 1 });
    sync.stop();
  });
});

describe('sync service, approvals during a push', () => {
  it('sends decisions approved while a push is running without waiting for the next schedule', async () => {
    const { erp, sync } = await setup(6);
    await sync.start();
    await settle();
    // Hold the first POST until more decisions are approved, so they cannot be in the running drain's snapshot.
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => (release = r));
    const post = erp.postDecision.bind(erp);
    erp.postDecision = async (decision, key) => {
      await gate;
      return post(decision, key);
    };
    await sync.approve(['D0', 'D1'], 'supervisor');
    const first = sync.pushNow();
    await settle();
    await sync.approve(['D4', 'D5'], 'supervisor');
    release();
    await first;
    await settle();
    await settle();
    expect(erp.ledger.sort()).toEqual(['D0', 'D1', 'D4', 'D5']);
    sync.stop();
  });
});

describe('single sender across windows', () => {
  it('does not send while another window holds the Web Lock, and sends once it is free', async () => {
    const { db, erp, network } = await setup(2);
    let held = true;
    // A LockManager double: `ifAvailable` requests get null while another window holds the lock.
    const locks = {
      request: async (_name: string, _opts: { ifAvailable: boolean }, cb: (lock: object | null) => Promise<unknown>) => cb(held ? null : {}),
    } as unknown as LockManager;
    const sync = createSyncService({ db, erp, network, locks, heartbeatMs: 0, pullIntervalMs: 0, entities: ['items'] });
    await sync.start();
    await sync.approve(['D0', 'D1'], 'supervisor');
    expect(await sync.pushNow()).toBeUndefined();
    await settle();
    expect(erp.posts).toEqual([]);
    held = false;
    await sync.pushNow();
    await until(() => erp.ledger.length === 2);
    await until(() => sync.getStatus().outbox.applied === 2 && sync.getStatus().outbox.pending === 0);
    sync.stop();
  });
});
