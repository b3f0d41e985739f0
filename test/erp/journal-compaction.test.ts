// Journal compaction: a compacted journal (one entry with the current version of every changed row, the stored
// answers and the ledger) replays on the same generated world to exactly the state the full journal gave, and the
// ERP keeps appending and answering replays after it.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENTITIES } from '../../shared/domain';
import type { Harness } from './harness';
import { findReservableLine, reserveDecision, snapshotOf, startHarness } from './harness';

/** Everything a client can observe: every row in paging order (tombstones too), the ledger, and stored answers. */
function observable(h: Harness, keys: readonly string[]) {
  const store = h.erp.store();
  const tables = Object.fromEntries(ENTITIES.map((e) => [e, store.table(e).page(undefined, 1_000_000).rows]));
  return { tables, ledger: store.ledgerPage(0, 1_000_000).items, answers: keys.map((k) => store.idempotencyRecord(k) ?? null) };
}

const journalLines = (h: Harness) => readFileSync(join(h.dataDir, 'journal.ndjson'), 'utf8').split('\n').filter((l) => l !== '').length;

describe('journal compaction', () => {
  let h: Harness;
  const keys: string[] = [];
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  it('replays a compacted journal to the same state as the full one, at start-up and on demand', async () => {
    // A history with superseded versions, tombstones, exceptions raised and resolved, refusals stored under keys.
    for (let i = 0; i < 12; i++) {
      const { line, balance } = findReservableLine(snapshotOf(h), 2);
      const d = reserveDecision(line, balance, 1);
      keys.push(d.id);
      expect((await h.supervisor.postDecisions(d, d.id)).status).toBe(201);
      if (i % 3 === 0) {
        const stale = reserveDecision(line, balance, 1); // same basis versions, now stale: 412 stored under its key
        keys.push(stale.id);
        expect((await h.supervisor.postDecisions(stale, stale.id)).status).toBe(412);
      }
    }
    for (const type of ['demand-spike', 'cycle-count', 'supplier-confirm', 'credit-hold', 'demand-spike'] as const) h.erp.advance({ type });
    const victim = snapshotOf(h).orderLines[5]!;
    for (let i = 0; i < 3; i++) h.erp.advance({ type: 'touch', entity: 'order-lines', id: victim.id });
    h.erp.advance({ type: 'delete', entity: 'order-lines', id: snapshotOf(h).orderLines[6]!.id });
    await h.erp.store().flushed();
    const before = observable(h, keys);
    const full = journalLines(h);
    expect(full).toBeGreaterThan(20);

    // At start-up, above the threshold.
    await h.restart({ compactAbove: 10 });
    expect(h.erp.startup).toMatchObject({ resumed: true, replayed: full });
    expect(journalLines(h)).toBe(1);
    expect(observable(h, keys)).toEqual(before);

    // Replayed again from the compacted line alone: still the same.
    await h.restart();
    expect(h.erp.startup).toMatchObject({ replayed: 1 });
    expect(observable(h, keys)).toEqual(before);
  });

  it('keeps answering replays and appending after compaction; on-demand compaction folds the new lines in', async () => {
    const { createErpClient } = await import('../../shared/erp');
    const supervisor = createErpClient({ baseUrl: h.erp.url, fetch: (u, i) => fetch(u, i) });
    await supervisor.login('supervisor', 'supervisor');
    // A key stored before compaction answers with its stored outcome.
    const firstKey = keys[0]!;
    const outcome = await supervisor.getDecision(firstKey);
    expect(outcome).toMatchObject({ ok: true, value: { status: 'applied', sequence: 1 } });

    const { line, balance } = findReservableLine(snapshotOf(h), 2);
    const d = reserveDecision(line, balance, 1);
    keys.push(d.id);
    expect((await supervisor.postDecisions(d, d.id)).status).toBe(201);
    h.erp.advance({ type: 'demand-spike' }); // new exception ids must not collide with those before compaction
    await h.erp.store().flushed();
    expect(journalLines(h)).toBe(3);
    const before = observable(h, keys);
    expect(await h.erp.compact()).toBe(1);
    expect(journalLines(h)).toBe(1);
    await h.restart();
    expect(observable(h, keys)).toEqual(before);
    const ids = snapshotOf(h).exceptions.map((e) => e.id);
    expect(new Set(ids).size).toBe(ids.length);
  });
});
