// The Dexie outbox store's rounds in flight: one settings record per round, the status bar counting its entries as
// sending, and a restart (requeueInterrupted) turning them into uncertain queued entries, in fake-indexeddb.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import type { Decision } from '../../shared/domain';
import { getDecisions, openWorkbenchDb, readDecisions } from '../../renderer/db';
import { IN_FLIGHT_PREFIX, countOutbox, createDexieOutboxStore } from '../../renderer/sync/dexie-outbox-store';
import { newOutboxEntry } from '../../shared/sync/outbox/entry';
import type { OutboxEntry } from '../../shared/sync/outbox/entry';
import { inFlightRound } from '../../shared/sync/outbox/in-flight';
import { drainOutbox } from '../../shared/sync/outbox/sender';
import { BatchLedgerErp, VirtualClock, alwaysHolds, seededRandom } from './fakes';
import { uniqueDbName } from './helpers';

async function outboxOf(n: number) {
  const db = await openWorkbenchDb(uniqueDbName('rounds'));
  const entries = Array.from({ length: n }, (_, i) =>
    newOutboxEntry({ decisionId: `D${i}`, seq: i + 1, decision: { id: `D${i}` }, rowKeys: [`order-lines:L${i}`], approvedBy: 'sup', now: 0 }),
  );
  await db.outbox.bulkAdd(entries);
  await db.decisions.bulkPut(entries.map((e) => ({ id: e.decisionId, status: 'approved' }) as unknown as Decision));
  return { db, entries, store: createDexieOutboxStore(db) };
}

describe('Dexie outbox rounds in flight', () => {
  it("starting a round writes one settings record and leaves the entries as they are; the status bar counts them as sending", async () => {
    const { db, entries, store } = await outboxOf(5);
    const before = await db.outbox.toArray();
    await store.save([], { started: inFlightRound('r1', entries.slice(0, 3), 10) });
    expect(await db.settings.where('key').startsWith(IN_FLIGHT_PREFIX).count()).toBe(1);
    expect(await db.outbox.toArray()).toEqual(before);
    expect(await countOutbox(db)).toEqual({ pending: 2, sending: 3, failed: 0, needsAttention: 0, applied: 0 });
    db.close();
  });

  it('outcomes and the removal of a stored round: applied entries stop counting as sending, decisions follow', async () => {
    const { db, entries, store } = await outboxOf(3);
    await store.save([], { started: inFlightRound('r1', entries, 10) });
    const applied: OutboxEntry = { ...(entries[0] as OutboxEntry), state: 'applied', answer: { ok: true } };
    await store.save([{ entry: applied, audit: { decisionId: 'D0', at: 11, event: 'applied', status: 201, actor: 'sup' } }]);
    // The round's record is still there (removed with the next round's), but D0 no longer counts as sending.
    expect(await countOutbox(db)).toEqual({ pending: 0, sending: 2, failed: 0, needsAttention: 0, applied: 1 });
    expect((await getDecisions(db, ['D0']))[0]?.status).toBe('applied');
    await store.save([], { settled: ['r1'] });
    expect(await db.settings.where('key').startsWith(IN_FLIGHT_PREFIX).count()).toBe(0);
    db.close();
  });

  it("after a crash, the round's open entries come back queued and uncertain, the record goes, applied ones stay", async () => {
    const { db, entries, store } = await outboxOf(4);
    await store.save([], { started: inFlightRound('r1', entries.slice(0, 3), 10) });
    await store.save([{ entry: { ...(entries[0] as OutboxEntry), state: 'applied' } }]);
    // An older sender's "sending" mark is recovered the same way.
    await db.outbox.update('D3', { state: 'sending' });
    expect(await store.requeueInterrupted(20)).toBe(3);
    const after = new Map((await db.outbox.toArray()).map((e) => [e.decisionId, e]));
    expect(after.get('D0')).toMatchObject({ state: 'applied', uncertain: false });
    for (const id of ['D1', 'D2', 'D3']) expect(after.get(id)).toMatchObject({ state: 'queued', uncertain: true, nextAttemptAt: 20 });
    expect(await db.settings.where('key').startsWith(IN_FLIGHT_PREFIX).count()).toBe(0);
    db.close();
  });

  it('reads the open entries in slices by approval order, across states, skipping finished ones', async () => {
    const { db, store } = await outboxOf(6);
    await db.outbox.update('D1', { state: 'applied' });
    await db.outbox.update('D2', { state: 'needs-attention' });
    await db.outbox.update('D4', { state: 'sending' });
    const first = await store.loadOpen({ limit: 3 });
    expect(first.map((e) => e.decisionId)).toEqual(['D0', 'D2', 'D3']);
    const rest = await store.loadOpen({ afterSeq: first.at(-1)?.seq ?? 0 });
    expect(rest.map((e) => e.decisionId)).toEqual(['D4', 'D5']);
    expect((await store.loadOpen()).map((e) => e.decisionId)).toEqual(['D0', 'D2', 'D3', 'D4', 'D5']);
    db.close();
  });

  it('a drain killed after the ERP applied a batch: the next drain over the same database looks up, never resends', async () => {
    const { db, store } = await outboxOf(6);
    const erp = new BatchLedgerErp();
    erp.batchScript.push('commit-then-kill');
    const options = { erp, store, clock: new VirtualClock(), random: seededRandom(), rebase: alwaysHolds, concurrency: 1 };
    expect((await drainOutbox(options)).stop).toBe('cancelled');
    expect(await countOutbox(db)).toMatchObject({ pending: 0, sending: 6 });
    const report = await drainOutbox(options);
    expect(report).toMatchObject({ requeuedAfterCrash: 6, lookups: 6, applied: 6 });
    expect(erp.batches).toHaveLength(1);
    expect(erp.ledger).toHaveLength(6);
    expect(await countOutbox(db)).toEqual({ pending: 0, sending: 0, failed: 0, needsAttention: 0, applied: 6 });
    expect(await db.auditLog.where('event').equals('applied').count()).toBe(6);
    expect((await readDecisions(db)).filter((d) => d.status === 'applied')).toHaveLength(6);
    db.close();
  });
});
