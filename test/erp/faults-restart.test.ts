import { appendFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createErpClient } from '../../shared/erp';
import type { Harness } from './harness';
import { findReservableLine, reserveDecision, snapshotOf, startHarness } from './harness';

describe('rate limiting and injected faults', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ rateLimit: { perSecond: 1, burst: 3 } });
  });
  afterAll(async () => h.close());

  it('a caller over its rate gets 429 with Retry-After, mapped by the client to retryAfterMs', async () => {
    const results = [];
    for (let i = 0; i < 6; i++) results.push(await h.planner.listPage('warehouses', { limit: 1 }));
    const limited = results.find((r) => !r.ok);
    expect(limited).toMatchObject({ ok: false, status: 429, problem: { type: expect.stringContaining('rate-limited') } });
    expect(limited && !limited.ok && limited.retryAfterMs).toBeGreaterThanOrEqual(1000);
    // Another caller (another token) has its own bucket.
    expect((await h.finance.listPage('warehouses', { limit: 1 })).ok).toBe(true);
  });
});

describe('faults', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  it('burst429 answers the next N requests with 429 + Retry-After, then recovers', async () => {
    h.erp.setFaults('burst429=2,retryAfter=3');
    const res = await fetch(`${h.erp.url}/api/v1/items?limit=1`);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('3');
    expect(await h.planner.listPage('items', { limit: 1 })).toMatchObject({ ok: false, status: 429, retryAfterMs: 3000 });
    expect((await h.planner.listPage('items', { limit: 1 })).ok).toBe(true);
  });

  it('error5xx fails requests with 503 problem+json before doing anything', async () => {
    h.erp.setFaults('error5xx=1');
    const { line, balance } = findReservableLine(snapshotOf(h));
    const d = reserveDecision(line, balance, 1);
    expect(await h.planner.postDecisions(d, d.id)).toMatchObject({ ok: false, status: 503 });
    h.erp.setFaults('');
    expect(await h.planner.getDecision(d.id)).toMatchObject({ ok: false, status: 404 });
  });

  it('latency delays answers', async () => {
    h.erp.setFaults('latency=150');
    const t0 = performance.now();
    expect((await h.planner.listPage('items', { limit: 1 })).ok).toBe(true);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(140);
    h.erp.setFaults('');
  });

  it('dropAfterCommit: the client sees a network failure, the decision is applied once, and a retry gets the stored result', async () => {
    const { line, balance } = findReservableLine(snapshotOf(h));
    const d = reserveDecision(line, balance, 2);
    h.erp.setFaults('dropAfterCommit=1');
    const lost = await h.planner.postDecisions(d, d.id);
    expect(lost).toMatchObject({ ok: false, status: 0, problem: { type: expect.stringContaining('network') } });
    h.erp.setFaults('');
    expect(await h.planner.getDecision(d.id)).toMatchObject({ ok: true, value: { status: 'applied' } });
    const retry = await h.planner.postDecisions(d, d.id);
    expect(retry).toMatchObject({ ok: true, status: 200, value: { status: 'applied' } });
    const s = snapshotOf(h);
    expect(s.orderLines.find((l) => l.id === line.id)?.reservedQty).toBe(line.reservedQty + 2);
  });

  it('the admin route sets faults at runtime, rejects a bad spec naming it, and is loopback-only by design', async () => {
    const res = await fetch(`${h.erp.url}/admin/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ spec: 'burst429=1' }) });
    expect(await res.json()).toMatchObject({ burst429: 1, remaining429: 1 });
    expect((await fetch(`${h.erp.url}/api/v1/items?limit=1`)).status).toBe(429);
    const bad = await fetch(`${h.erp.url}/admin/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ spec: 'error5xx=2' }) });
    expect(bad.status).toBe(422);
    expect(((await bad.json()) as { detail: string }).detail).toContain('fault "error5xx" expected a number from 0 to 1, found "2"');
  });
});

describe('durability across restarts', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  it('keeps acknowledged decisions, their outcomes, row versions and tokens across a restart', async () => {
    const { line, balance } = findReservableLine(snapshotOf(h));
    const d = reserveDecision(line, balance, 1);
    const applied = await h.planner.postDecisions(d, d.id);
    expect(applied.status).toBe(201);
    h.erp.advance({ type: 'demand-spike', lines: 2 });
    const before = snapshotOf(h);
    const tokenBefore = await rawToken(h.erp.url, 'planner');
    await h.restart();
    expect(h.erp.startup).toMatchObject({ resumed: true, replayed: 2 });
    const planner = createErpClient({ baseUrl: h.erp.url, fetch: (u, i) => fetch(u, i) });
    await planner.login('planner', 'planner');
    expect(snapshotOf(h)).toEqual(before);
    expect(await planner.getDecision(d.id)).toMatchObject({ ok: true, value: { status: 'applied', sequence: 1 } });
    const replay = await planner.postDecisions(d, d.id);
    expect(replay.status).toBe(200);
    expect(replay.ok && replay.value).toEqual(applied.ok && applied.value);
    // A token issued before the restart is still valid (signed with the secret kept in the data folder).
    const old = createErpClient({ baseUrl: h.erp.url, fetch: (u, i) => fetch(u, i), getToken: () => tokenBefore });
    expect((await old.listPage('items', { limit: 1 })).ok).toBe(true);
  });

  it('ignores a torn last journal line (never acknowledged) and keeps appending cleanly', async () => {
    const before = snapshotOf(h);
    appendFileSync(join(h.dataDir, 'journal.ndjson'), '{"seq":99,"at":"2026-');
    await h.restart();
    expect(snapshotOf(h)).toEqual(before);
    const { line, balance } = findReservableLine(snapshotOf(h));
    const c = createErpClient({ baseUrl: h.erp.url, fetch: (u, i) => fetch(u, i) });
    await c.login('supervisor', 'supervisor');
    const d = reserveDecision(line, balance, 1);
    expect((await c.postDecisions(d, d.id)).status).toBe(201);
    await h.restart();
    expect(h.erp.store().outcome(d.id)?.status).toBe('applied');
  });

  it('reset starts the world afresh', async () => {
    await h.restart({ reset: true });
    expect(h.erp.startup).toMatchObject({ resumed: false, replayed: 0 });
    expect(h.erp.store().ledgerLength).toBe(0);
  });
});

async function rawToken(url: string, user: string): Promise<string> {
  const res = await fetch(`${url}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: user, password: user }) });
  return ((await res.json()) as { access_token: string }).access_token;
}

describe('data folder made by another generator version', () => {
  it('refuses to start on it, saying how to recover, instead of replaying a journal onto a different world', async () => {
    const { startReferenceErp } = await import('../../main/erp/server');
    const { mkdtempSync, writeFileSync, rmSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'erp-gen-'));
    writeFileSync(join(dir, 'meta.json'), JSON.stringify({ format: 1, scale: 'small', seed: 7, asOf: '2026-11-27', generator: 999 }));
    await expect(startReferenceErp({ port: 0, dataDir: dir })).rejects.toThrow(/generator v999.*--reset/);
    const erp = await startReferenceErp({ port: 0, dataDir: dir, reset: true });
    expect(erp.startup.resumed).toBe(false);
    await erp.close();
    rmSync(dir, { recursive: true, force: true });
  });
});
