// The outbox sender over POST /decisions/batch: each entry's result is classified exactly as a lone answer,
// entries sharing a row never share a batch, a lost batch answer is resolved per entry (lookup before resend),
// and an ERP without the route gets one POST per decision.
import { describe, expect, it } from 'vitest';
import { drainOutbox } from '../../shared/sync/outbox/sender';
import { BatchLedgerErp, outboxSetup } from './fakes';

function setup(ids: string[], rowsOf?: (id: string) => string[]) {
  return outboxSetup(new BatchLedgerErp(), ids, rowsOf);
}

const ids = (n: number) => Array.from({ length: n }, (_, i) => `D${i}`);
const count = (xs: readonly string[], x: string) => xs.filter((y) => y === x).length;

describe('outbox sender with batches', () => {
  it('sends a round as one batch and maps mixed outcomes per entry: applied, rejected, conflict -> rebase, retry', async () => {
    const { store, erp, options } = setup(['D1', 'D2', 'D3', 'D4']);
    erp.script.set('D2', [{ status: 422, body: { title: 'Invalid decision', detail: 'qty must be positive', field: 'payload.qty' } }]);
    erp.script.set('D3', [{ status: 409, body: { title: 'not enough stock', currentRows: [] } }]);
    erp.script.set('D4', [{ status: 503 }]);
    const report = await drainOutbox({ ...options, concurrency: 1 });
    expect(erp.batches[0]).toEqual(['D1', 'D2', 'D3', 'D4']);
    expect(erp.posts).toEqual([]); // no lone POST at all
    expect(report).toMatchObject({ applied: 3, rejected: 1, rebased: 1, retries: 1, stop: 'idle', open: 0 });
    expect(store.entries.get('D2')).toMatchObject({ state: 'rejected', lastError: { status: 422, message: 'qty must be positive (field payload.qty)' } });
    // The conflicted entry went out again as its next revision; the 503'd one was looked up, then resent with its key.
    expect(erp.ledger.sort()).toEqual(['D1', 'D3~r1', 'D4']);
    expect(erp.lookups).toEqual(['D4']);
    expect(store.entries.get('D3')).toMatchObject({ state: 'applied', revision: 1 });
    expect(store.audit.filter((a) => a?.event === 'applied')).toHaveLength(3);
  });

  it('a replayed entry (200) counts as applied once, with the replay status in the audit log', async () => {
    const { store, erp, options } = setup(['D1', 'D2']);
    erp.ledger.push('D1'); // applied by an earlier sender whose state was lost
    const report = await drainOutbox(options);
    expect(report.applied).toBe(2);
    expect(erp.ledger).toEqual(['D1', 'D2']);
    expect(store.audit.find((a) => a?.decisionId === 'D1')).toMatchObject({ event: 'applied', status: 200 });
    expect(store.audit.find((a) => a?.decisionId === 'D2')).toMatchObject({ event: 'applied', status: 201 });
  });

  it('never puts two entries for the same row in one batch, and applies them in approval order', async () => {
    const rows: Record<string, string[]> = { D1: ['order-lines:A', 'inventory-balances:X'], D2: ['order-lines:B', 'inventory-balances:X'], D3: ['order-lines:A'], D4: ['order-lines:C'] };
    const { erp, options } = setup(['D1', 'D2', 'D3', 'D4'], (id) => rows[id] ?? []);
    await drainOutbox(options);
    for (const batch of erp.batches) {
      const keys = batch.flatMap((k) => rows[k] ?? []);
      expect(new Set(keys).size).toBe(keys.length);
    }
    expect(erp.ledger.indexOf('D1')).toBeLessThan(erp.ledger.indexOf('D2'));
    expect(erp.ledger.indexOf('D1')).toBeLessThan(erp.ledger.indexOf('D3'));
    expect(erp.ledger.sort()).toEqual(['D1', 'D2', 'D3', 'D4']);
  });

  it('a lost batch answer after commit: each entry is looked up and recorded as applied, never sent again', async () => {
    const ids = Array.from({ length: 12 }, (_, i) => `D${i}`);
    const { store, erp, options } = setup(ids);
    erp.batchScript.push('commit-then-drop');
    const report = await drainOutbox({ ...options, concurrency: 1 });
    expect(erp.batches).toHaveLength(1);
    expect(erp.lookups.sort()).toEqual([...ids].sort());
    expect(report).toMatchObject({ applied: 12, lookups: 12, open: 0 });
    expect(erp.ledger.sort()).toEqual([...ids].sort());
    expect([...store.entries.values()].every((e) => e.state === 'applied')).toBe(true);
  });

  it('a lost batch request (nothing applied): each lookup says unknown, so the same keys go out again, once each', async () => {
    const { erp, options } = setup(['D1', 'D2', 'D3']);
    erp.batchScript.push('drop-before-commit');
    const report = await drainOutbox({ ...options, concurrency: 1 });
    expect(report).toMatchObject({ applied: 3, lookups: 3 });
    expect(erp.batches).toEqual([['D1', 'D2', 'D3'], ['D1', 'D2', 'D3']]);
    for (const id of ['D1', 'D2', 'D3']) expect(count(erp.ledger, id)).toBe(1);
  });

  it('a 429 on the batch waits Retry-After and resends without a lookup (nothing was applied)', async () => {
    const { erp, clock, options } = setup(['D1', 'D2']);
    erp.batchScript.push({ status: 429, retryAfterMs: 5_000 });
    const report = await drainOutbox({ ...options, concurrency: 1 });
    expect(report).toMatchObject({ applied: 2, lookups: 0 });
    expect(clock.sleeps.some((ms) => ms >= 5_000)).toBe(true);
    expect(erp.batches).toHaveLength(2);
  });

  it('re-authenticates once on a 401 to the batch and resends it', async () => {
    const { erp, options } = setup(['D1', 'D2']);
    erp.auth = false;
    let signIns = 0;
    const report = await drainOutbox({ ...options, reauthenticate: async () => { signIns++; erp.auth = true; return true; } });
    expect(signIns).toBe(1);
    expect(report).toMatchObject({ applied: 2, stop: 'idle' });
    expect(erp.ledger.sort()).toEqual(['D1', 'D2']);
  });

  it('falls back to one POST per decision when the ERP has no batch route (404), for the rest of the drain', async () => {
    const ids = Array.from({ length: 5 }, (_, i) => `D${i}`);
    const { erp, options } = setup(ids);
    erp.batchScript.push({ status: 404, body: { title: 'Not found' } });
    const report = await drainOutbox({ ...options, batchSize: 2, concurrency: 1 });
    expect(report.applied).toBe(5);
    expect(erp.batches).toHaveLength(1);
    expect(erp.posts.sort()).toEqual([...ids].sort());
    expect(erp.ledger.sort()).toEqual([...ids].sort());
  });

  it('entriesPerRequest 1 keeps the single-decision path', async () => {
    const { erp, options } = setup(['D1', 'D2']);
    await drainOutbox({ ...options, entriesPerRequest: 1 });
    expect(erp.batches).toHaveLength(0);
    expect(erp.posts.sort()).toEqual(['D1', 'D2']);
  });

  it('sends a small round as one request, and spreads a large one over 4 requests', async () => {
    const small = setup(ids(20));
    await drainOutbox(small.options);
    expect(small.erp.batches.map((b) => b.length)).toEqual([20]);
    const large = setup(ids(1000));
    await drainOutbox(large.options);
    expect(large.erp.batches.map((b) => b.length)).toEqual([250, 250, 250, 250]);
  });

  it('splits a round into requests of at most entriesPerRequest', async () => {
    const ids = Array.from({ length: 25 }, (_, i) => `D${i}`);
    const { erp, options } = setup(ids);
    await drainOutbox({ ...options, entriesPerRequest: 10, concurrency: 2, batchSize: 25 });
    expect(erp.batches.map((b) => b.length)).toEqual([10, 10, 5]);
    expect(erp.ledger.sort()).toEqual([...ids].sort());
  });
});
