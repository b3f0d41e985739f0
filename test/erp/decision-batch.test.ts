// POST /decisions/batch: each entry behaves exactly as a lone POST /decisions with its own Idempotency-Key
// (same status, same stored outcome, same replay), entries apply in order, the batch is not all-or-nothing, and a
// lost batch answer is resolved per entry (GET /decisions/{id}) or by resending the batch (every key replays).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Decision, InventoryBalance, OrderLine, Snapshot } from '../../shared/domain';
import { createErpClient, decisionBatchPostResultSchema, decisionBatchRequestSchema } from '../../shared/erp';
import type { DecisionBatchEntry, DecisionBatchResult } from '../../shared/erp';
import type { Harness } from './harness';
import { findReservableLine, reserveDecision, snapshotOf, startHarness } from './harness';

function lineOf(s: Snapshot, id: string): OrderLine {
  return s.orderLines.find((l) => l.id === id) as OrderLine;
}
function balanceOf(s: Snapshot, id: string): InventoryBalance {
  return s.inventoryBalances.find((b) => b.id === id) as InventoryBalance;
}
const entry = (d: Decision, key = d.id): DecisionBatchEntry => ({ idempotencyKey: key, decision: d });

describe('POST /decisions/batch', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  it('mixed outcomes in one batch: each entry gets what it would have got alone, and the others still apply', async () => {
    const s0 = snapshotOf(h);
    const a = findReservableLine(s0);
    const b = findReservableLine(s0, 2, new Set([a.line.id, a.balance.id]));
    const ok1 = reserveDecision(a.line, a.balance, 1);
    const stale = reserveDecision({ ...b.line, version: b.line.version - 1 }, b.balance, 1);
    const invalid = { ...reserveDecision(b.line, b.balance, 1), payload: { orderLineId: b.line.id, qty: -3 } } as unknown as Decision;
    const tooMuch = reserveDecision(b.line, b.balance, b.line.orderedQty * 1000);
    // In order: a second reserve on line a, based on the version the first entry of this batch produces.
    const ok2 = reserveDecision({ ...a.line, version: a.line.version + 1 }, { ...a.balance, version: a.balance.version + 1 }, 1);

    const r = await h.planner.postDecisionBatch([entry(ok1), entry(stale), entry(invalid), entry(tooMuch), entry(ok2)]);
    expect(r.ok).toBe(true);
    const results = r.ok ? r.value.results : [];
    expect(results.map((x) => [x.idempotencyKey, x.status])).toEqual([
      [ok1.id, 201],
      [stale.id, 412],
      [invalid.id, 422],
      [tooMuch.id, 409],
      [ok2.id, 201],
    ]);
    expect(results[0]?.body).toMatchObject({ status: 'applied', idempotencyKey: ok1.id, outcomes: [{ decisionId: ok1.id, httpStatus: 201 }] });
    expect(results[1]?.body).toMatchObject({ status: 412, decisionId: stale.id, field: 'basis[0].version', currentRows: [{ entity: 'order-lines', id: b.line.id }] });
    expect(results[2]?.body).toMatchObject({ status: 422, field: 'payload.qty' });
    expect(results[3]?.body).toMatchObject({ status: 409, decisionId: tooMuch.id });

    // Effects: both reserves on line a applied once; line b untouched.
    const s1 = snapshotOf(h);
    expect(lineOf(s1, a.line.id)).toMatchObject({ reservedQty: a.line.reservedQty + 2, version: a.line.version + 2 });
    expect(balanceOf(s1, a.balance.id).erpReservedQty).toBe(a.balance.erpReservedQty + 2);
    expect(lineOf(s1, b.line.id)).toEqual(b.line);

    // Stored per key, as a lone POST stores it: applied / rejected(412, 409); the invalid one is not stored.
    expect(await h.planner.getDecision(ok1.id)).toMatchObject({ ok: true, value: { status: 'applied', httpStatus: 201, idempotencyKey: ok1.id } });
    expect(await h.planner.getDecision(stale.id)).toMatchObject({ ok: true, value: { status: 'rejected', httpStatus: 412 } });
    expect(await h.planner.getDecision(tooMuch.id)).toMatchObject({ ok: true, value: { status: 'rejected', httpStatus: 409 } });
    expect(await h.planner.getDecision(invalid.id)).toMatchObject({ ok: false, status: 404 });

    // A lone POST of a batch-applied key is a replay of the same stored answer: no second effect.
    const lone = await h.planner.postDecisions(ok1, ok1.id);
    expect(lone).toMatchObject({ ok: true, status: 200 });
    expect(lone.ok && lone.value).toEqual(results[0]?.body as DecisionBatchResult);
    expect(lineOf(snapshotOf(h), a.line.id).reservedQty).toBe(a.line.reservedQty + 2);
  });

  it('replaying a whole batch: 200 with the stored answer for applied keys, the same refusals, no second effect', async () => {
    const s0 = snapshotOf(h);
    const a = findReservableLine(s0);
    const d1 = reserveDecision(a.line, a.balance, 1);
    const d2 = reserveDecision({ ...a.line, version: a.line.version - 1 }, a.balance, 1);
    const first = await h.planner.postDecisionBatch([entry(d1), entry(d2)]);
    const again = await h.planner.postDecisionBatch([entry(d1), entry(d2)]);
    expect(first.ok && first.value.results.map((x) => x.status)).toEqual([201, 412]);
    expect(again.ok && again.value.results.map((x) => x.status)).toEqual([200, 412]);
    expect(again.ok && again.value.results.map((x) => x.body)).toEqual(first.ok && first.value.results.map((x) => x.body));
    expect(lineOf(snapshotOf(h), a.line.id)).toMatchObject({ reservedQty: a.line.reservedQty + 1, version: a.line.version + 1 });
    const ledger = await h.planner.listDecisionOutcomes({ limit: 1000 });
    expect(ledger.ok && ledger.value.items.filter((o) => o.decisionId === d1.id || o.decisionId === d2.id)).toHaveLength(2);
    // A key reused with a different decision is refused for that entry only (422 naming Idempotency-Key).
    const reused = await h.planner.postDecisionBatch([entry({ ...d1, reason: 'changed' })]);
    expect(reused.ok && reused.value.results[0]).toMatchObject({ status: 422, body: { field: 'Idempotency-Key' } });
  });

  it('a lost batch answer: every entry was applied and kept; GET per entry tells so, and resending replays', async () => {
    const s0 = snapshotOf(h);
    const a = findReservableLine(s0);
    const b = findReservableLine(s0, 2, new Set([a.line.id, a.balance.id]));
    const d1 = reserveDecision(a.line, a.balance, 1);
    const d2 = reserveDecision(b.line, b.balance, 1);
    h.erp.setFaults({ dropAfterCommit: 1 });
    const lost = await h.planner.postDecisionBatch([entry(d1), entry(d2)]);
    h.erp.setFaults({ dropAfterCommit: 0 });
    expect(lost).toMatchObject({ ok: false, status: 0 });
    // Durable too: the outcomes survive a restart of the ERP.
    await h.restart();
    // The restarted ERP listens on a new port: clients for it.
    h.planner = createErpClient({ baseUrl: h.erp.url, fetch: (u, i) => fetch(u, i) });
    h.anonymous = createErpClient({ baseUrl: h.erp.url, fetch: (u, i) => fetch(u, i) });
    await h.planner.login('planner', 'planner');
    for (const d of [d1, d2]) expect(await h.planner.getDecision(d.id)).toMatchObject({ ok: true, value: { status: 'applied', httpStatus: 201 } });
    const resent = await h.planner.postDecisionBatch([entry(d1), entry(d2)]);
    expect(resent.ok && resent.value.results.map((x) => x.status)).toEqual([200, 200]);
    const s1 = snapshotOf(h);
    expect(lineOf(s1, a.line.id).reservedQty).toBe(a.line.reservedQty + 1);
    expect(lineOf(s1, b.line.id).reservedQty).toBe(b.line.reservedQty + 1);
  });

  it('a malformed envelope is 422 naming the entry and field, and applies nothing', async () => {
    const s0 = snapshotOf(h);
    const a = findReservableLine(s0);
    const d = reserveDecision(a.line, a.balance, 1);
    const bad = await fetch(`${h.erp.url}/api/v1/decisions/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tokenOf(h)}` },
      body: JSON.stringify({ entries: [{ idempotencyKey: d.id, decision: d }, { decision: d }] }),
    });
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ field: 'entries[1].idempotencyKey' });
    expect(await h.planner.getDecision(d.id)).toMatchObject({ ok: false, status: 404 });
    const empty = await h.planner.postDecisionBatch([]);
    expect(empty).toMatchObject({ ok: false, status: 422, problem: { field: 'entries' } });
    expect(lineOf(snapshotOf(h), a.line.id)).toEqual(a.line);
  });

  it('is in the OpenAPI document with a request and a 200 example that pass their schemas', async () => {
    const doc = (await (await fetch(`${h.erp.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, { post?: { requestBody: { content: Record<string, { example: unknown }> }; responses: Record<string, { content?: Record<string, { example: unknown }> }> } }> };
    const op = doc.paths['/api/v1/decisions/batch']?.post;
    const request = op?.requestBody.content['application/json']?.example;
    const answer = op?.responses['200']?.content?.['application/json']?.example;
    expect(decisionBatchRequestSchema.safeParse(request).success).toBe(true);
    expect(decisionBatchPostResultSchema.safeParse(answer).success).toBe(true);
    expect((answer as { results: { status: number }[] }).results.map((r) => r.status)).toEqual([201, 409]);
  });

  it('answers 401 without a token, like every decision route', async () => {
    const { line, balance } = findReservableLine(snapshotOf(h));
    const d = reserveDecision(line, balance, 1);
    expect(await h.anonymous.postDecisionBatch([entry(d)])).toMatchObject({ ok: false, status: 401 });
    expect(await h.planner.getDecision(d.id)).toMatchObject({ ok: false, status: 404 });
  });
});

async function tokenOf(h: Harness): Promise<string> {
  const r = await fetch(`${h.erp.url}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'planner', password: 'planner' }) });
  return ((await r.json()) as { access_token: string }).access_token;
}
