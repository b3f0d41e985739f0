import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Harness } from './harness';
import { startHarness } from './harness';

describe('governance routes served by the reference ERP', () => {
  let h: Harness;
  let token = '';
  beforeAll(async () => {
    h = await startHarness();
    const res = await fetch(`${h.erp.url}/api/v1/auth/token`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'planner', password: 'planner' }) });
    token = ((await res.json()) as { access_token: string }).access_token;
  });
  afterAll(async () => h.close());

  it('GET /api/v1/policies needs a token and then lists the seeded policy versions', async () => {
    expect((await fetch(`${h.erp.url}/api/v1/policies`)).status).toBe(401);
    const res = await fetch(`${h.erp.url}/api/v1/policies`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: unknown[]; activeVersion: number | null };
    expect(body.items.length).toBeGreaterThan(0);
    expect(body.activeVersion).not.toBeNull();
  });

  it('keeps governance state in the data folder across a restart', async () => {
    await h.restart();
    const res = await fetch(`${h.erp.url}/api/v1/policies`, { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(200);
  });
});
