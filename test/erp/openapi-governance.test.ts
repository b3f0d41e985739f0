// The governance and admin parts of the OpenAPI document: present, their schemas as strict as the server, and
// their examples accepted by the real reference ERP as documented.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../shared/engine/policy';
import { governanceOpenApiExamples, publishPolicyRequestSchema } from '../../shared/erp';
import type { Harness } from './harness';
import { startHarness } from './harness';

const example = (name: string) => governanceOpenApiExamples().find((e) => e.name === name)?.example;

describe('OpenAPI: governance and admin routes', () => {
  let h: Harness;
  let supervisorToken = '';
  beforeAll(async () => {
    h = await startHarness();
    const res = await fetch(`${h.erp.url}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'supervisor', password: 'supervisor' }) });
    supervisorToken = ((await res.json()) as { access_token: string }).access_token;
  });
  afterAll(async () => h.close());

  it('documents policies (GET, POST), audit (GET, POST) and every admin route', async () => {
    const doc = (await (await fetch(`${h.erp.url}/api/v1/openapi.json`)).json()) as { paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };
    expect(Object.keys(doc.paths['/api/v1/policies'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/api/v1/audit'] ?? {}).sort()).toEqual(['get', 'post']);
    expect(Object.keys(doc.paths['/admin/faults'] ?? {}).sort()).toEqual(['get', 'put']);
    for (const p of ['/admin/events', '/admin/reset', '/admin/snapshot']) expect(doc.paths[p]).toBeDefined();
    expect(doc.components.schemas.orderLines?.properties?.orderType).toBeDefined();
  });

  it('refuses in the schema what the server refuses: an unknown order type, weights not summing to 100', () => {
    const bad = publishPolicyRequestSchema.safeParse({ baseVersion: 2, name: 'x', policy: { ...defaultPolicy, segments: [{ orderType: 'urgent', strategy: 'win' }] } });
    expect(bad.success).toBe(false);
    expect(bad.error?.issues.map((i) => i.path.join('.'))).toContain('policy.segments.0.orderType');
    const weights = publishPolicyRequestSchema.safeParse({ baseVersion: 2, name: 'x', policy: { ...defaultPolicy, weights: { ...defaultPolicy.weights, margin: 0 } } });
    expect(weights.success).toBe(false);
    expect(weights.error?.issues.map((i) => i.message).join(' ')).toContain('weights summing to 100');
  });

  it('the examples work as documented against the reference ERP', async () => {
    const auth = { authorization: `Bearer ${supervisorToken}`, 'content-type': 'application/json' };
    const published = await fetch(`${h.erp.url}/api/v1/policies`, { method: 'POST', headers: { ...auth, 'idempotency-key': 'publish-7c1e', 'if-match': '"policies-v2"' }, body: JSON.stringify(example('PublishPolicyRequest')) });
    expect(published.status).toBe(201);
    expect(((await published.json()) as { version: { version: number } }).version.version).toBe(3);
    const audit = await fetch(`${h.erp.url}/api/v1/audit`, { method: 'POST', headers: { ...auth, 'idempotency-key': 'audit-rows-1-2' }, body: JSON.stringify(example('AuditBatchRequest')) });
    expect(audit.status).toBe(201);
    const faults = await fetch(`${h.erp.url}/admin/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify(example('FaultUpdate')) });
    expect(faults.status).toBe(200);
    expect(await faults.json()).toMatchObject({ latency: 50, error5xx: 0.1, dropAfterCommit: 0.05 });
    await fetch(`${h.erp.url}/admin/faults`, { method: 'PUT', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ spec: '' }) });
    const event = await fetch(`${h.erp.url}/admin/events`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(example('LiveEvent')) });
    expect(event.status).toBe(200);
    expect(((await event.json()) as { summary: string }).summary).toMatch(/^demand spike: 6 new lines/);
  });
});
