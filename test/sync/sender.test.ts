import { describe, expect, it } from 'vitest';
import { newOutboxEntry, resolveNeedsAttention } from '../../shared/sync/outbox/entry';
import { drainOutbox } from '../../shared/sync/outbox/sender';
import { LedgerErp, MemoryOutboxStore, VirtualClock, alwaysHolds, outboxSetup } from './fakes';

function setup(ids: string[], rowsOf?: (id: string) => string[]) {
  return outboxSetup(new LedgerErp(), ids, rowsOf);
}

describe('outbox sender', () => {
  it('delivers every queued decision once, records the ERP answer in the audit log, and keeps the entries', async () => {
    const { store, erp, options } = setup(['D1', 'D2', 'D3']);
    const report = await drainOutbox(options);
    expect(report).toMatchObject({ applied: 3, stop: 'idle', open: 0 });
    expect(erp.ledger.sort()).toEqual(['D1', 'D2', 'D3']);
    expect([...store.entries.values()].map((e) => e.state)).toEqual(['applied', 'applied', 'applied']);
    expect(store.audit.map((a) => a?.event)).toEqual(['applied', 'applied', 'applied']);
  });

  it('per round: one in-flight record and one outcome transaction; per decision one entry write and one audit record', async () => {
    const { store, options } = setup(Array.from({ length: 100 }, (_, i) => `D${i}`));
    await drainOutbox({ ...options, batchSize: 50 });
    // 2 round records, 2 outcome transactions, 1 final removal of the stored rounds' records.
    expect(store.saves).toBe(5);
    expect(store.records).toBe(100 + 100 + 2);
    // No entry is rewritten to "sending": its only write is its outcome.
    expect(store.entryWrites.every((w) => w.state === 'applied')).toBe(true);
    expect(new Set(store.entryWrites.map((w) => w.decisionId)).size).toBe(100);
    expect(store.rounds.size).toBe(0);
  });

  it('backs off on 503 and honours Retry-After on 429, then applies', async () => {
    const { erp, clock, options } = setup(['D1']);
    erp.script.set('D1', [{ status: 503 }, { status: 429, retryAfterMs: 7_000 }]);
    const report = await drainOutbox(options);
    expect(report.applied).toBe(1);
    expect(report.retries).toBe(2);
    expect(clock.sleeps.some((ms) => ms >= 7_000)).toBe(true);
    expect(erp.ledger).toEqual(['D1']);
  });

  it('asks the ERP for the outcome after a lost response instead of applying twice', async () => {
    const { erp, store, options } = setup(['D1']);
    erp.script.set('D1', ['commit-then-drop']);
    const report = await drainOutbox(options);
    expect(report).toMatchObject({ applied: 1, lookups: 1 });
    expect(erp.posts).toEqual(['D1']);
    expect(erp.lookups).toEqual(['D1']);
    expect(store.entries.get('D1')?.state).toBe('applied');
  });

  it('resends with the same key when the lookup says the ERP never saw it', async () => {
    const { erp, options } = setup(['D1']);
    erp.script.set('D1', [{ status: 0, networkError: 'ECONNREFUSED' }]);
    await drainOutbox(options);
    expect(erp.posts).toEqual(['D1', 'D1']);
    expect(erp.lookups).toEqual(['D1']);
    expect(erp.ledger).toEqual(['D1']);
  });

  it('returns entries left "sending" by an older sender\'s crash to the queue and looks them up before resending', async () => {
    const { store, erp, options } = setup(['D1', 'D2']);
    // The crashed sender had marked both, and D1 had reached the ERP.
    for (const e of store.entries.values()) e.state = 'sending';
    erp.ledger.push('D1');
    const report = await drainOutbox(options);
    expect(report).toMatchObject({ requeuedAfterCrash: 2, applied: 2, lookups: 2 });
    expect(erp.posts).toEqual(['D2']);
    expect(erp.ledger).toEqual(['D1', 'D2']);
  });

  it('re-authenticates on 401 and retries without counting an attempt', async () => {
    const { erp, store, options } = setup(['D1']);
    erp.auth = false;
    let signIns = 0;
    const report = await drainOutbox({ ...options, reauthenticate: async () => { signIns++; erp.auth = true; return true; } });
    expect(signIns).toBe(1);
    expect(report.applied).toBe(1);
    expect(store.entries.get('D1')?.attempts).toBe(1);
  });

  it('stops with auth-required and keeps the outbox intact when sign-in is not possible', async () => {
    const { erp, store, options } = setup(['D1', 'D2']);
    erp.auth = false;
    const report = await drainOutbox({ ...options, reauthenticate: async () => false });
    expect(report.stop).toBe('auth-required');
    expect([...store.entries.values()].map((e) => [e.state, e.attempts])).toEqual([['queued', 0], ['queued', 0]]);
  });

  it('rejects on 422 with the ERP reason and does not retry', async () => {
    const { erp, store, options } = setup(['D1']);
    erp.script.set('D1', [{ status: 422, body: { title: 'Invalid', detail: 'qty exceeds ordered quantity', field: 'payload.qty' } }]);
    const report = await drainOutbox(options);
    expect(report.rejected).toBe(1);
    expect(erp.posts).toEqual(['D1']);
    expect(store.entries.get('D1')).toMatchObject({ state: 'rejected', lastError: { status: 422, message: 'qty exceeds ordered quantity (field payload.qty)' } });
    expect(store.audit[0]).toMatchObject({ event: 'rejected', status: 422 });
  });

  it('rebases automatically after a conflict, at most twice, then asks the planner with base / current / proposed', async () => {
    const { erp, store, options } = setup(['D1', 'D2', 'D3'], (id) => (id === 'D3' ? ['order-lines:other'] : ['order-lines:shared']));
    const conflict = { status: 409, body: { title: 'stale', currentRows: [{ entity: 'order-lines', id: 'shared', row: { id: 'shared', version: 9 } }] } };
    erp.script.set('D1', [conflict, conflict, conflict]);
    const report = await drainOutbox(options);
    expect(report).toMatchObject({ rebased: 2, needsAttention: 1, applied: 1 });
    const d1 = store.entries.get('D1');
    expect(d1?.state).toBe('needs-attention');
    expect(d1?.attention).toMatchObject({ current: conflict.body.currentRows, proposed: { id: 'D1', rebased: true }, status: 409 });
    // D2 shares the row and waits; D3 does not and went through.
    expect(store.entries.get('D2')?.state).toBe('queued');
    expect(store.entries.get('D3')?.state).toBe('applied');
  });

  it('lets held-back decisions go once the planner re-applies the conflicted one', async () => {
    const { erp, store, options } = setup(['D1', 'D2'], () => ['order-lines:shared']);
    erp.script.set('D1', [{ status: 412 }, { status: 412 }, { status: 412 }]);
    await drainOutbox(options);
    const d1 = store.entries.get('D1');
    if (!d1) throw new Error('missing');
    store.entries.set('D1', resolveNeedsAttention(d1, { choice: 'reapply', currentDecision: { id: 'D1', basis: 'current' } }, 5));
    const report = await drainOutbox(options);
    expect(report.applied).toBe(2);
    // Two automatic rebases and the planner's re-apply: the ERP applied revision 3 of D1, once, then D2.
    expect(erp.ledger).toEqual(['D1~r3', 'D2']);
    expect(erp.posts.filter((k) => k.startsWith('D1'))).toEqual(['D1', 'D1~r1', 'D1~r2', 'D1~r3']);
  });

  it('sends a rebased decision as a new revision, since the ERP keeps the refused one under its key', async () => {
    const { erp, store, options } = setup(['D1']);
    erp.script.set('D1', [{ status: 412, body: { title: 'stale', currentRows: [] } }]);
    const report = await drainOutbox(options);
    expect(report).toMatchObject({ rebased: 1, applied: 1 });
    expect(erp.posts).toEqual(['D1', 'D1~r1']);
    expect(erp.ledger).toEqual(['D1~r1']);
    expect(store.entries.get('D1')).toMatchObject({ state: 'applied', revision: 1 });
  });

  it('after a lost response, a lookup that finds the revision refused rebases instead of replaying the refusal', async () => {
    const { erp, options } = setup(['D1']);
    erp.refused.set('D1', { status: 409, body: { title: 'no stock', currentRows: [] } });
    const { store } = options;
    const entry = store.entries.get('D1');
    if (entry) store.entries.set('D1', { ...entry, uncertain: true });
    const report = await drainOutbox(options);
    expect(report).toMatchObject({ lookups: 1, rebased: 1, applied: 1 });
    expect(erp.posts).toEqual(['D1~r1']);
  });

  it('moves a conflict to needs attention at once when the decision no longer holds', async () => {
    const { erp, store, options } = setup(['D1']);
    erp.script.set('D1', [{ status: 409, body: { title: 'stale', currentRows: [] } }]);
    const report = await drainOutbox({ ...options, rebase: { rowsOf: () => [], recheck: () => ({ holds: false, reason: 'only 3 available' }) } });
    expect(report.needsAttention).toBe(1);
    expect(store.entries.get('D1')?.attention?.reason).toBe('only 3 available');
  });

  it('stops when cancelled, leaving the outbox resumable', async () => {
    const { store, erp, options } = setup(['D1', 'D2']);
    const controller = new AbortController();
    erp.script.set('D1', [{ status: 503 }]);
    const clock = options.clock;
    const origSleep = clock.sleep.bind(clock);
    clock.sleep = async (ms, signal) => {
      controller.abort();
      return origSleep(ms, signal);
    };
    const report = await drainOutbox(options, controller.signal);
    expect(report.stop).toBe('cancelled');
    expect(store.entries.get('D1')?.state).toBe('queued');
  });
});

describe('outbox sender when the ERP is down', () => {
  it('pauses everything after a round where nothing got through, instead of trying the next batch at once', async () => {
    const store = new MemoryOutboxStore();
    ['D1', 'D2', 'D3', 'D4'].forEach((id, i) => store.entries.set(id, newOutboxEntry({ decisionId: id, seq: i + 1, decision: { id }, rowKeys: [`r:${id}`], approvedBy: 'sup', now: 0 })));
    const erp = new LedgerErp();
    const down = { status: 0, networkError: 'ECONNREFUSED' };
    for (const id of ['D1', 'D2']) erp.script.set(id, [down]);
    const clock = new VirtualClock();
    const postTimes: number[] = [];
    const post = erp.postDecision.bind(erp);
    erp.postDecision = async (d, key) => {
      postTimes.push(clock.now());
      return post(d, key);
    };
    await drainOutbox({ erp, store, clock, random: () => 0.5, rebase: alwaysHolds, batchSize: 2 });
    // D3 and D4 were not tried in the same instant as the failed D1/D2 round.
    expect(postTimes[2]).toBeGreaterThan(postTimes[0] ?? 0);
    expect(erp.ledger.sort()).toEqual(['D1', 'D2', 'D3', 'D4']);
  });
});
