import { describe, expect, it } from 'vitest';
import { createSyncErp } from '../../shared/sync/erp-port';
import { pullEntity } from '../../shared/sync/pull/pull-entity';
import { validateCanonicalRecord } from '../../shared/sync/pull/domain-validator';
import { MemoryPullStore, VirtualClock, seededRandom } from './fakes';
import { orderLine } from './helpers';

/** A fetch that answers from a table of path -> (status, body), recording what was asked. */
function fakeFetch(answers: Record<string, { status: number; body: unknown; headers?: Record<string, string> }>) {
  const asked: { url: string; headers: Record<string, string> }[] = [];
  const fetch = async (url: string, init: { headers: Record<string, string> }) => {
    asked.push({ url, headers: init.headers });
    const path = url.replace('http://erp.test', '');
    const a = answers[path] ?? { status: 404, body: { title: 'Not found' } };
    const text = JSON.stringify(a.body);
    return { status: a.status, headers: { get: (n: string) => a.headers?.[n.toLowerCase()] ?? null }, text: async () => text };
  };
  return { fetch, asked };
}

describe('ERP port over the shared/erp client', () => {
  it('keeps the valid rows of a page the client refuses as a whole, and records the invalid one with its field', async () => {
    const bad = { ...orderLine('L-bad'), priority: 'high' };
    const { fetch, asked } = fakeFetch({
      '/api/v1/order-lines?limit=1000': { status: 200, body: { items: [orderLine('L1'), bad, orderLine('L2')], nextCursor: 'c1', hasMore: false, serverTime: '2026-11-27T08:00:00.000Z' } },
    });
    const erp = createSyncErp({ baseUrl: 'http://erp.test', fetch, getToken: () => 'tok' });
    const store = new MemoryPullStore();
    const progress = await pullEntity({ erp, store, validate: validateCanonicalRecord, clock: new VirtualClock(), random: seededRandom(), entity: 'order-lines', target: 'live' });
    expect(progress).toMatchObject({ rows: 3, invalid: 1, done: true });
    expect([...store.table('live', 'order-lines').keys()]).toEqual(['L1', 'L2']);
    expect(store.issues).toEqual([expect.objectContaining({ entity: 'order-lines', recordId: 'L-bad', field: 'priority' })]);
    expect(store.cursors.get('live:order-lines')?.cursor).toBe('c1');
    expect(asked[0]?.headers.authorization).toBe('Bearer tok');
  });

  it('passes Retry-After of a 429 and the problem of a 409 through to the protocol', async () => {
    const { fetch } = fakeFetch({
      '/api/v1/decisions': { status: 429, body: { type: 'x', title: 'Too many requests', status: 429 }, headers: { 'retry-after': '3' } },
      '/api/v1/decisions/D1': { status: 200, body: { decisionId: 'D1', status: 'applied', httpStatus: 201 } },
    });
    const erp = createSyncErp({ baseUrl: 'http://erp.test', fetch });
    expect(await erp.postDecision({ id: 'D1' }, 'D1')).toMatchObject({ status: 429, retryAfterMs: 3000 });
    expect(await erp.getDecisionOutcome('D1')).toMatchObject({ status: 200, body: { status: 'applied' } });
  });

  it('reports a network failure as status 0 with its cause', async () => {
    const erp = createSyncErp({ baseUrl: 'http://erp.test', fetch: async () => Promise.reject(new Error('ECONNREFUSED')) });
    const answer = await erp.postDecision({ id: 'D1' }, 'D1');
    expect(answer.status).toBe(0);
    expect(answer.networkError).toContain('ECONNREFUSED');
  });
});
