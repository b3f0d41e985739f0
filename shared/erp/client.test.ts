import { describe, expect, it } from 'vitest';
import { exampleRecords, exampleTombstone } from '../domain';
import { createErpClient } from './client';
import type { Transport } from './client';

function fake(status: number, body: unknown, headers: Record<string, string> = {}): { transport: Transport; calls: { url: string; init: Parameters<Transport>[1] }[] } {
  const calls: { url: string; init: Parameters<Transport>[1] }[] = [];
  const transport: Transport = async (url, init) => {
    calls.push({ url, init });
    return { status, headers: { get: (n: string) => headers[n.toLowerCase()] ?? null }, text: async () => (typeof body === 'string' ? body : JSON.stringify(body)) };
  };
  return { transport, calls };
}

describe('ERP client', () => {
  it('sends the bearer token, If-Match and Idempotency-Key', async () => {
    const f = fake(200, exampleRecords['order-lines'], { etag: '"8"' });
    const c = createErpClient({ baseUrl: 'http://erp/', fetch: f.transport, getToken: () => 'tok' });
    const r = await c.patchOrderLine('OL 1', { priority: 1 }, 7);
    expect(r).toMatchObject({ ok: true, status: 200, etag: '"8"' });
    expect(f.calls[0]?.url).toBe('http://erp/api/v1/order-lines/OL%201');
    expect(f.calls[0]?.init.headers).toMatchObject({ authorization: 'Bearer tok', 'if-match': '"7"', 'content-type': 'application/json' });
    const g = fake(201, { idempotencyKey: 'K', status: 'applied', outcomes: [], rows: [] });
    await createErpClient({ baseUrl: 'http://erp', fetch: g.transport }).postDecisions([], 'K');
    expect(g.calls[0]?.init.headers['idempotency-key']).toBe('K');
    expect(JSON.parse(g.calls[0]?.init.body ?? '')).toEqual({ decisions: [] });
  });

  it('maps problem+json to a typed failure, never a throw', async () => {
    const problem = { type: 'urn:x', title: 'The row has changed', status: 412, field: 'If-Match', currentRows: [] };
    const r = await createErpClient({ baseUrl: 'http://erp', fetch: fake(412, problem).transport }).get('items', 'X');
    expect(r).toEqual({ ok: false, status: 412, problem });
  });

  it('maps a non-JSON error body and a Retry-After header', async () => {
    const r = await createErpClient({ baseUrl: 'http://erp', fetch: fake(429, 'slow down', { 'retry-after': '2' }).transport }).health();
    expect(r).toMatchObject({ ok: false, status: 429, retryAfterMs: 2000, problem: { status: 429, title: 'HTTP 429', retryAfterSeconds: 2 } });
  });

  it('maps a transport failure to status 0 with a network problem', async () => {
    const c = createErpClient({ baseUrl: 'http://erp', fetch: async () => Promise.reject(new Error('socket hang up')) });
    const r = await c.getDecision('D1');
    expect(r).toMatchObject({ ok: false, status: 0, problem: { type: 'urn:allocation-workbench:problem:network', detail: 'GET /api/v1/decisions/D1: socket hang up' } });
  });

  it('refuses a page whose rows break the canonical schema, naming record and field', async () => {
    const page = { items: [exampleTombstone, { ...exampleRecords['order-lines'], orderedQty: -4 }], nextCursor: 'c', hasMore: false, serverTime: '2026-11-27T00:00:00Z' };
    const r = await createErpClient({ baseUrl: 'http://erp', fetch: fake(200, page).transport }).listPage('order-lines');
    expect(r).toMatchObject({ ok: false, status: 200, problem: { type: 'urn:allocation-workbench:problem:invalid-response' } });
    expect(!r.ok && r.problem.detail).toBe('order-lines "OL-SO-104211-3": field "orderedQty" expected a non-negative integer, found -4');
  });

  it('pullAll awaits each page and stops when the server has no more, returning the last cursor', async () => {
    let n = 0;
    const transport: Transport = async (url) => {
      n++;
      const page = { items: [{ ...exampleRecords.items, id: `I${n}` }], nextCursor: `c${n}`, hasMore: n < 3, serverTime: '2026-11-27T00:00:00Z' };
      expect(url).toContain(n === 1 ? 'limit=500' : `cursor=c${n - 1}`);
      return { status: 200, headers: { get: () => null }, text: async () => JSON.stringify(page) };
    };
    const seen: string[] = [];
    const r = await createErpClient({ baseUrl: 'http://erp', fetch: transport }).pullAll('items', async (p) => {
      seen.push(...p.items.map((i) => i.id));
    });
    expect(r).toEqual({ ok: true, status: 200, value: { cursor: 'c3', pages: 3, rows: 3 } });
    expect(seen).toEqual(['I1', 'I2', 'I3']);
  });

  it('login remembers the token for later calls', async () => {
    const calls: Record<string, string>[] = [];
    const transport: Transport = async (url, init) => {
      calls.push(init.headers);
      const body = url.endsWith('/auth/token') ? { access_token: 'T1', token_type: 'Bearer', expires_in: 60, role: 'planner' } : { status: 'ok' };
      return { status: 200, headers: { get: () => null }, text: async () => JSON.stringify(body) };
    };
    const c = createErpClient({ baseUrl: 'http://erp', fetch: transport });
    await c.login('planner', 'planner');
    await c.getDecision('D');
    expect(calls[0]?.authorization).toBeUndefined();
    expect(calls[1]?.authorization).toBe('Bearer T1');
  });
});
