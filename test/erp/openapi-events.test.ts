import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openApiExamples } from '../../shared/erp';
import type { Harness } from './harness';
import { snapshotOf, startHarness } from './harness';

describe('OpenAPI document', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  it('is OpenAPI 3 and every request body and response carries an example', async () => {
    const doc = (await (await fetch(`${h.erp.url}/api/v1/openapi.json`)).json()) as { openapi: string; paths: Record<string, Record<string, { requestBody?: { content: Record<string, { example?: unknown }> }; responses: Record<string, { content?: Record<string, { example?: unknown }> }> }>> };
    expect(doc.openapi).toMatch(/^3\./);
    const missing: string[] = [];
    let count = 0;
    for (const [path, ops] of Object.entries(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) {
          count++;
          if (media.example === undefined) missing.push(`${method} ${path} request ${type}`);
        }
        for (const [code, res] of Object.entries(op.responses)) {
          for (const [type, media] of Object.entries(res.content ?? {})) {
            count++;
            if (media.example === undefined) missing.push(`${method} ${path} ${code} ${type}`);
          }
        }
      }
    }
    expect(missing).toEqual([]);
    expect(count).toBeGreaterThan(60);
    for (const entity of ['order-lines', 'inventory-balances', 'exceptions']) expect(doc.paths[`/api/v1/${entity}`]).toBeDefined();
  });

  it('every example passes the schema the server validates with', () => {
    const failures = openApiExamples()
      .map((e) => ({ name: e.name, r: e.schema.safeParse(e.example) }))
      .filter((x) => !x.r.success)
      .map((x) => x.name);
    expect(failures).toEqual([]);
  });

  it('an integration team can call the API from the examples: the token and patch examples work as documented', async () => {
    const ex = (name: string) => openApiExamples().find((e) => e.name === name)?.example;
    const token = await fetch(`${h.erp.url}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(ex('TokenRequest')) });
    expect(token.status).toBe(200);
    const { access_token } = (await token.json()) as { access_token: string };
    const line = snapshotOf(h).orderLines[0];
    const patched = await fetch(`${h.erp.url}/api/v1/order-lines/${line?.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${access_token}`, 'if-match': `"${line?.version}"` },
      body: JSON.stringify({ priority: (ex('OrderLinePatch') as { priority: number }).priority }),
    });
    expect(patched.status).toBe(200);
  });
});

describe('live events', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  async function changesAfter<T>(act: () => T): Promise<{ result: T; ids: Map<string, string[]> }> {
    const cursors = new Map<string, string>();
    for (const e of ['order-lines', 'inventory-balances', 'exceptions', 'customers'] as const) {
      const r = await h.planner.pullAll(e, () => {}, { limit: 1000 });
      if (!r.ok) throw new Error('pull');
      cursors.set(e, r.value.cursor as string);
    }
    const result = act();
    const ids = new Map<string, string[]>();
    for (const e of ['order-lines', 'inventory-balances', 'exceptions', 'customers'] as const) {
      const got: string[] = [];
      await h.planner.pullAll(e, (p) => void got.push(...p.items.map((x) => x.id)), { cursor: cursors.get(e) as string });
      ids.set(e, got);
    }
    return { result, ids };
  }

  it('a demand spike adds order lines on a fast mover, empties it, and raises backorders seen by incremental sync', async () => {
    const { result, ids } = await changesAfter(() => h.erp.advance({ type: 'demand-spike', lines: 4 }));
    expect(result.summary).toMatch(/demand spike: 4 new lines/);
    expect(ids.get('order-lines')?.length).toBe(4);
    const bal = snapshotOf(h).inventoryBalances.find((b) => b.id === ids.get('inventory-balances')?.[0]);
    expect(bal && bal.onHandQty - bal.erpReservedQty).toBe(0);
    expect(ids.get('exceptions')?.length).toBeGreaterThan(0);
  });

  it('a cycle count posts the counted stock, keeps reserved within it and resolves the variance', async () => {
    const s = snapshotOf(h);
    const variance = s.exceptions.find((e) => e.type === 'inventory-variance' && e.status !== 'resolved');
    expect(variance).toBeDefined();
    const { ids } = await changesAfter(() => h.erp.advance({ type: 'cycle-count', itemId: variance?.itemId, warehouseId: variance?.warehouseId, countedQty: 0 }));
    const after = snapshotOf(h);
    const bal = after.inventoryBalances.find((b) => b.id === `${variance?.itemId}@${variance?.warehouseId}`);
    expect(bal).toMatchObject({ onHandQty: 0, erpReservedQty: 0 });
    expect(after.exceptions.find((e) => e.id === variance?.id)?.status).toBe('resolved');
    expect(ids.get('exceptions')).toContain(variance?.id);
    const reservedThere = after.orderLines.filter((l) => `${l.itemId}@${l.warehouseId}` === bal?.id).reduce((sum, l) => sum + l.reservedQty, 0);
    expect(reservedThere).toBe(0);
  });

  it('a supplier confirmation moves an inbound receipt; a credit hold holds a customer’s open lines and raises exceptions', async () => {
    const { result } = await changesAfter(() => h.erp.advance({ type: 'supplier-confirm' }));
    expect(result.summary).toMatch(/supplier confirmed/);
    const { result: hold, ids } = await changesAfter(() => h.erp.advance({ type: 'credit-hold' }));
    expect(hold.summary).toMatch(/credit hold placed on CU-/);
    const held = snapshotOf(h).orderLines.filter((l) => ids.get('order-lines')?.includes(l.id));
    expect(held.length).toBeGreaterThan(0);
    expect(held.every((l) => l.holdCode === 'credit')).toBe(true);
    expect(ids.get('customers')?.length).toBe(1);
  });

  it('the admin events route refuses a bad event naming the field, and changes nothing', async () => {
    const before = snapshotOf(h);
    const res = await fetch(`${h.erp.url}/admin/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'cycle-count', itemId: 'SKU-NOPE', warehouseId: 'WH-EAST-1' }) });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ field: 'itemId' });
    const res2 = await fetch(`${h.erp.url}/admin/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ type: 'earthquake' }) });
    expect(((await res2.json()) as { field: string }).field).toBe('type');
    expect(snapshotOf(h)).toEqual(before);
  });
});
