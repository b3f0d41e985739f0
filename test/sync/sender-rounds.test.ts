// Rounds in flight: one record per round instead of a "sending" rewrite of every entry, the outcome transaction of
// a round overlapping the next round's requests (whose record is stored before it starts), and a kill in every window
// that opens: after the round's record, after the ERP applied a batch, and while a round's outcomes are being stored. Each time the restarted sender looks
// the interrupted entries up and no decision is applied twice or lost.
import { describe, expect, it } from 'vitest';
import { drainOutbox } from '../../shared/sync/outbox/sender';
import { BatchLedgerErp, outboxSetup } from './fakes';

const ids = (n: number, prefix = 'D') => Array.from({ length: n }, (_, i) => `${prefix}${i}`);
const count = (xs: readonly string[], x: string) => xs.filter((y) => y === x).length;

function setup(decisionIds: string[], rowsOf?: (id: string) => string[]) {
  return outboxSetup(new BatchLedgerErp(), decisionIds, rowsOf);
}

/** Every id in the ERP's ledger exactly once, and every entry applied with one "applied" audit record. */
function expectExactlyOnce(s: ReturnType<typeof setup>, decisionIds: string[]) {
  for (const id of decisionIds) expect({ id, times: count(s.erp.ledger, id) }).toEqual({ id, times: 1 });
  expect(s.erp.ledger).toHaveLength(decisionIds.length);
  expect([...s.store.entries.values()].every((e) => e.state === 'applied')).toBe(true);
  expect(s.store.audit.filter((a) => a?.event === 'applied')).toHaveLength(decisionIds.length);
  expect(s.store.rounds.size).toBe(0);
}

describe('outbox rounds in flight', () => {
  it('stores the round record before its requests leave, and removes it once the outcomes are stored', async () => {
    const s = setup(ids(6));
    const seen: { records: number; stored: string[] }[] = [];
    s.erp.onBatch = (keys) => seen.push({ records: s.store.rounds.size, stored: keys.map((k) => s.store.entries.get(k)?.state ?? '?') });
    await drainOutbox({ ...s.options, batchSize: 3, concurrency: 1 });
    // While a batch was out, its round's record was stored and its entries were still "queued" in storage.
    expect(seen.length).toBe(2);
    for (const moment of seen) {
      expect(moment.records).toBeGreaterThanOrEqual(1);
      expect(moment.stored.every((state) => state === 'queued')).toBe(true);
    }
    expectExactlyOnce(s, ids(6));
  });

  it("sends the next round while the last round's outcomes are still being stored", async () => {
    const s = setup(ids(4));
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let outcomesStored = 0;
    const save = s.store.save.bind(s.store);
    s.store.save = async (changes, marks) => {
      if (changes.length > 0 && outcomesStored === 0) await gate; // the first outcome transaction is slow
      await save(changes, marks);
      if (changes.length > 0) outcomesStored++;
    };
    const storedWhenSent: number[] = [];
    s.erp.onBatch = () => {
      storedWhenSent.push(outcomesStored);
      if (storedWhenSent.length === 2) release();
    };
    await drainOutbox({ ...s.options, batchSize: 2, concurrency: 1 });
    // The second round went out before the first round's outcomes were stored.
    expect(storedWhenSent).toEqual([0, 0]);
    expectExactlyOnce(s, ids(4));
  });

  it("stores the next round's record before the last round's outcome transaction starts (it would queue behind it)", async () => {
    const s = setup(ids(6));
    const order: string[] = [];
    const save = s.store.save.bind(s.store);
    s.store.save = async (changes, marks) => {
      order.push(changes.length > 0 ? `outcomes ${changes.map((c) => c.entry.decisionId).join(',')}` : marks?.started ? `record ${marks.started.erpIds.join(',')}` : 'cleanup');
      await save(changes, marks);
    };
    await drainOutbox({ ...s.options, batchSize: 2, concurrency: 1 });
    expect(order).toEqual(['record D0,D1', 'record D2,D3', 'outcomes D0,D1', 'record D4,D5', 'outcomes D2,D3', 'outcomes D4,D5', 'cleanup']);
  });

  it('a decision waits for the answer to the earlier one on its row (not for its storage); a retry holds back only that row', async () => {
    const rows: Record<string, string[]> = { A1: ['order-lines:A'], B1: ['order-lines:B'], A2: ['order-lines:A'] };
    const s = setup(['A1', 'B1', 'A2'], (id) => rows[id] ?? []);
    s.erp.script.set('A1', [{ status: 503 }]);
    await drainOutbox({ ...s.options, concurrency: 1 });
    // Round 1: A1 and B1 (A2 shares A1's row). A1 got a 503 and is looked up and resent; A2 only after A1 applied.
    expect(s.erp.batches[0]).toEqual(['A1', 'B1']);
    const a1Applied = s.erp.batches.findIndex((b, i) => i > 0 && b.includes('A1'));
    const a2Sent = s.erp.batches.findIndex((b) => b.includes('A2'));
    expect(a1Applied).toBeGreaterThan(0);
    expect(a2Sent).toBeGreaterThan(a1Applied);
    expect(s.erp.ledger).toEqual(['B1', 'A1', 'A2']);
    expectExactlyOnce(s, ['A1', 'B1', 'A2']);
  });

  it("the short rounds of a busy row's chain share one record, written before the first of them", async () => {
    const chain = ids(5, 'A');
    const s = setup([...chain, 'B0'], (id) => (id.startsWith('A') ? ['inventory-balances:HOT'] : ['order-lines:B']));
    const written: string[][] = [];
    const save = s.store.save.bind(s.store);
    s.store.save = async (changes, marks) => {
      if (marks?.started) written.push(marks.started.erpIds);
      await save(changes, marks);
    };
    await drainOutbox({ ...s.options, batchSize: 10 });
    // Five rounds (the chain goes one at a time), one record naming all of them.
    expect(s.erp.batches).toEqual([['A0', 'B0'], ['A1'], ['A2'], ['A3'], ['A4']]);
    expect(written).toEqual([['A0', 'B0', 'A1', 'A2', 'A3', 'A4']]);
    expectExactlyOnce(s, [...chain, 'B0']);
  });

  it('killed in the middle of a chain: the named entries still open are looked up, and each goes out once', async () => {
    const chain = ids(5, 'A');
    const s = setup(chain, () => ['inventory-balances:HOT']);
    s.erp.onBatch = () => {
      if (s.erp.batches.length === 2) s.erp.batchScript.push('kill-before-send'); // the third request never leaves
    };
    expect((await drainOutbox({ ...s.options, batchSize: 10 })).stop).toBe('cancelled');
    expect(s.erp.ledger).toEqual(['A0', 'A1']);
    const report = await drainOutbox({ ...s.options, batchSize: 10 });
    expect(report).toMatchObject({ requeuedAfterCrash: 3, lookups: 3, applied: 3 });
    expect(s.erp.lookups).toEqual(['A2', 'A3', 'A4']);
    expectExactlyOnce(s, chain);
  });

  it('starts from the first entries in approval order and reads the rest once the first record is stored', async () => {
    const s = setup(ids(25));
    const order: string[] = [];
    const load = s.store.loadOpen.bind(s.store);
    s.store.loadOpen = async (range) => {
      order.push(range?.afterSeq !== undefined ? `rest after ${range.afterSeq}` : `first ${range?.limit}`);
      return load(range);
    };
    const save = s.store.save.bind(s.store);
    s.store.save = async (changes, marks) => {
      if (marks?.started) order.push(`record ${marks.started.erpIds.length}`);
      await save(changes, marks);
    };
    await drainOutbox({ ...s.options, batchSize: 5 });
    expect(order.slice(0, 3)).toEqual(['first 10', 'record 5', 'rest after 10']);
    expectExactlyOnce(s, ids(25));
  });

  it('when nothing in the first slice can go, the entries after it still do', async () => {
    const s = setup(ids(8));
    for (const id of ['D0', 'D1', 'D2', 'D3']) {
      const e = s.store.entries.get(id);
      if (e) s.store.entries.set(id, { ...e, state: 'needs-attention' });
    }
    const report = await drainOutbox({ ...s.options, batchSize: 2 });
    expect(report).toMatchObject({ applied: 4, open: 4, stop: 'idle' });
    expect(s.erp.ledger.sort()).toEqual(['D4', 'D5', 'D6', 'D7']);
  });

  it('killed after the round record, before the request left: the restart looks each entry up, then sends it once', async () => {
    const s = setup(ids(5));
    s.erp.batchScript.push('kill-before-send');
    const first = await drainOutbox({ ...s.options, concurrency: 1 });
    expect(first.stop).toBe('cancelled');
    expect(s.erp.batches).toHaveLength(0);
    expect(s.store.rounds.size).toBe(1);

    const second = await drainOutbox({ ...s.options, concurrency: 1 });
    expect(second).toMatchObject({ requeuedAfterCrash: 5, lookups: 5, applied: 5, stop: 'idle' });
    expect(s.erp.lookups.sort()).toEqual(ids(5).sort());
    expect(s.erp.batches).toHaveLength(1);
    expectExactlyOnce(s, ids(5));
  });

  it('killed after the ERP applied the batch, before the outcome transaction: the restart records them without resending', async () => {
    const s = setup(ids(5));
    s.erp.batchScript.push('commit-then-kill');
    expect((await drainOutbox({ ...s.options, concurrency: 1 })).stop).toBe('cancelled');
    // The ERP has them all; the outbox still has them queued, named by the round record.
    expect(s.erp.ledger.sort()).toEqual(ids(5).sort());
    expect([...s.store.entries.values()].every((e) => e.state === 'queued')).toBe(true);

    const second = await drainOutbox(s.options);
    expect(second).toMatchObject({ requeuedAfterCrash: 5, lookups: 5, applied: 5 });
    expect(s.erp.batches).toHaveLength(1); // nothing sent again
    expectExactlyOnce(s, ids(5));
    // Recorded from the lookup (the ERP knew them); the interrupted send and the lookup round both count as attempts.
    expect([...s.store.entries.values()].every((e) => e.attempts === 2)).toBe(true);
  });

  it("killed while a round's outcomes are being stored and the next round is out: both rounds are looked up, none applied twice", async () => {
    const s = setup(ids(6));
    // Round 1 (D0-D2) is applied, but its outcome transaction never commits; round 2 (D3-D5) is applied and the
    // sender dies before hearing the answer.
    let outcomeSaves = 0;
    s.store.beforeSave = (changes) => {
      if (changes.length > 0 && ++outcomeSaves === 1) throw new Error('killed during the outcome transaction');
    };
    s.erp.onBatch = () => {
      if (s.erp.batches.length === 1) s.erp.batchScript.push('commit-then-kill'); // for the second batch
    };
    const first = drainOutbox({ ...s.options, batchSize: 3, concurrency: 1 });
    await expect(first).resolves.toMatchObject({ stop: 'cancelled' });
    expect(s.store.rounds.size).toBe(2);
    expect(s.erp.ledger).toHaveLength(6);
    s.store.beforeSave = undefined;

    const second = await drainOutbox({ ...s.options, batchSize: 3 });
    expect(second).toMatchObject({ requeuedAfterCrash: 6, lookups: 6, applied: 6 });
    expect(s.erp.batches).toHaveLength(2);
    expectExactlyOnce(s, ids(6));
  });

  it('a round record left behind after its outcomes were stored touches only entries still open', async () => {
    const s = setup(ids(3));
    await drainOutbox(s.options);
    // As if the sender had died between the outcome transaction and the removal of the record.
    s.store.rounds.set('stale', { id: 'stale', startedAt: 0, erpIds: ['D0', 'D1', 'D2'] });
    const again = await drainOutbox(s.options);
    expect(again).toMatchObject({ requeuedAfterCrash: 0, lookups: 0, applied: 0 });
    expectExactlyOnce(s, ids(3));
  });
});
