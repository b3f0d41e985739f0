import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OrderLine } from '../../shared/domain';
import { createErpClient } from '../../shared/erp';
import type { Harness } from './harness';
import { snapshotOf, startHarness } from './harness';

describe('ETag / If-Match on order lines', () => {
  let h: Harness;
  let line: OrderLine;
  beforeAll(async () => {
    h = await startHarness();
    line = snapshotOf(h).orderLines.find((l) => l.holdCode === 'none' && l.status === 'open') as OrderLine;
  });
  afterAll(async () => h.close());

  it('GET gives the row with its version as a strong ETag', async () => {
    const r = await h.planner.get('order-lines', line.id);
    expect(r).toMatchObject({ ok: true, status: 200, etag: `"${line.version}"`, value: { id: line.id, version: line.version } });
  });

  it('PATCH without If-Match is 428 and changes nothing', async () => {
    const res = await fetch(`${h.erp.url}/api/v1/order-lines/${line.id}`, {
      method: 'PATCH',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${(await tokenOf(h, 'planner'))}` },
      body: JSON.stringify({ priority: 1 }),
    });
    expect(res.status).toBe(428);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(((await res.json()) as { field: string }).field).toBe('If-Match');
    expect(h.erp.store().table('order-lines').get(line.id)?.version).toBe(line.version);
  });

  it('PATCH with the current ETag applies and bumps the version; the old ETag then gets 412 with the current row', async () => {
    const ok = await h.planner.patchOrderLine(line.id, { priority: 1 }, `"${line.version}"`);
    expect(ok).toMatchObject({ ok: true, status: 200, etag: `"${line.version + 1}"`, value: { priority: 1, version: line.version + 1 } });
    const stale = await h.planner.patchOrderLine(line.id, { priority: 3 }, line.version);
    expect(stale).toMatchObject({ ok: false, status: 412, problem: { field: 'If-Match', currentRows: [{ entity: 'order-lines', id: line.id, row: { priority: 1, version: line.version + 1 } }] } });
    expect(h.erp.store().table('order-lines').get(line.id)?.priority).toBe(1);
  });

  it('422 names the field for a bad value or a field that may not be patched', async () => {
    const cur = h.erp.store().table('order-lines').get(line.id) as unknown as OrderLine;
    const bad = await h.planner.patchOrderLine(line.id, { priority: 0 }, cur.version);
    expect(bad).toMatchObject({ ok: false, status: 422, problem: { field: 'priority' } });
    expect(!bad.ok && bad.problem.detail).toContain('field "priority" expected an integer from 1 to 99, found 0');
    const sneaky = await h.planner.patchOrderLine(line.id, { orderedQty: 1 } as never, cur.version);
    expect(sneaky).toMatchObject({ ok: false, status: 422, problem: { field: 'orderedQty' } });
  });

  it('holdCode needs finance or supervisor; placing a hold raises a credit-hold exception, releasing resolves it', async () => {
    const cur = h.erp.store().table('order-lines').get(line.id) as unknown as OrderLine;
    expect(await h.planner.patchOrderLine(line.id, { holdCode: 'credit' }, cur.version)).toMatchObject({ ok: false, status: 403, problem: { field: 'holdCode' } });
    expect(await h.finance.patchOrderLine(line.id, { priority: 2 }, cur.version)).toMatchObject({ ok: false, status: 403, problem: { field: 'priority' } });
    const held = await h.finance.patchOrderLine(line.id, { holdCode: 'credit' }, cur.version);
    expect(held.ok).toBe(true);
    const open = () => snapshotOf(h).exceptions.filter((e) => e.orderLineId === line.id && e.type === 'credit-hold' && e.status !== 'resolved');
    expect(open()).toHaveLength(1);
    const released = await h.supervisor.patchOrderLine(line.id, { holdCode: 'none' }, held.ok ? held.value.version : 0);
    expect(released.ok).toBe(true);
    expect(open()).toHaveLength(0);
  });
});

async function tokenOf(h: Harness, user: string): Promise<string> {
  const c = createErpClient({ baseUrl: h.erp.url, fetch: (u, i) => fetch(u, i) });
  const r = await c.login(user, user);
  if (!r.ok) throw new Error('login');
  return r.value.access_token;
}

describe('authentication and roles', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  it('demo users get a bearer token with their role', async () => {
    const c = createErpClient({ baseUrl: h.erp.url, fetch: (u, i) => fetch(u, i) });
    const r = await c.login('finance', 'finance');
    expect(r).toMatchObject({ ok: true, status: 200, value: { token_type: 'Bearer', role: 'finance' } });
    expect(r.ok && r.value.expires_in).toBeGreaterThan(0);
  });

  it('a wrong password is 401; a malformed login body is 422 naming the field', async () => {
    const c = createErpClient({ baseUrl: h.erp.url, fetch: (u, i) => fetch(u, i) });
    expect(await c.login('planner', 'nope')).toMatchObject({ ok: false, status: 401, problem: { field: 'password' } });
    const res = await fetch(`${h.erp.url}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'planner' }) });
    expect(res.status).toBe(422);
    expect(((await res.json()) as { field: string }).field).toBe('password');
  });

  it('no token, a forged token and a tampered token are 401 with WWW-Authenticate', async () => {
    expect(await h.anonymous.get('items', 'SKU-10000')).toMatchObject({ ok: false, status: 401 });
    const good = await tokenOf(h, 'planner');
    for (const token of ['abc.def', `${good.slice(0, -2)}xx`]) {
      const res = await fetch(`${h.erp.url}/api/v1/items/SKU-10000`, { headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(401);
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
    }
  });

  it('health and the OpenAPI document need no token', async () => {
    expect(await h.anonymous.health()).toMatchObject({ ok: true, value: { status: 'ok', erpName: 'Reference ERP (small world, seed 7)', asOf: '2026-11-27' } });
    const res = await fetch(`${h.erp.url}/api/v1/openapi.json`);
    expect(res.status).toBe(200);
  });

  it('CORS allows loopback origins only', async () => {
    const pre = (origin: string) =>
      fetch(`${h.erp.url}/api/v1/items`, { method: 'OPTIONS', headers: { origin, 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization' } });
    expect((await pre('http://localhost:5173')).headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect((await pre('https://evil.example')).headers.get('access-control-allow-origin')).toBeNull();
  });
});
