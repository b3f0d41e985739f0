// The typed client's policy calls against the real reference ERP: a supervisor publishes, a planner cannot, the
// publication survives a restart, and the order types the generator gives lines come through the API.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORDER_TYPES } from '../../shared/domain';
import { PROBLEM_TYPES, createErpClient } from '../../shared/erp';
import type { GovernedSegment, PublishPolicyRequest } from '../../shared/governance';
import { activePolicyVersion, governedSegments } from '../../shared/governance';
import type { Harness } from './harness';
import { startHarness } from './harness';

describe('policy calls of the ERP client', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => h.close());

  it('publishes as a supervisor (201, then 200 on a replay), refuses a planner (403) and a stale base (412)', async () => {
    const listed = await h.planner.listPolicies();
    if (!listed.ok) throw new Error(listed.problem.detail);
    const active = activePolicyVersion(listed.value.items);
    expect(active?.version).toBe(2);
    expect(listed.etag).toBe('"policies-v2"');
    const rushFirst: GovernedSegment = { orderType: 'rush', strategy: 'gain' };
    const request: PublishPolicyRequest = { baseVersion: 2, name: 'Rush orders gain', policy: { ...active!.policy, segments: [...active!.policy.segments, rushFirst] } };

    const planner = await h.planner.publishPolicy(request, 'pub-planner', listed.etag);
    expect(planner).toMatchObject({ ok: false, status: 403, problem: { type: PROBLEM_TYPES.forbidden } });

    const first = await h.supervisor.publishPolicy(request, 'pub-1', listed.etag);
    expect(first).toMatchObject({ ok: true, status: 201, etag: '"policies-v3"', value: { activeVersion: 3, version: { id: 'POL-3', createdBy: 'supervisor', basedOn: 2 } } });
    const replay = await h.supervisor.publishPolicy(request, 'pub-1', listed.etag);
    expect(replay.ok && replay.status).toBe(200);
    expect(replay.ok && replay.value).toEqual(first.ok && first.value);

    const stale = await h.supervisor.publishPolicy({ ...request, name: 'Late' }, 'pub-2', listed.etag);
    expect(stale).toMatchObject({ ok: false, status: 412, problem: { field: 'If-Match', latestVersion: 3 } });
  });

  it('serves the published version as the active one after a restart, with its order-type segment', async () => {
    await h.restart();
    const supervisor = createErpClient({ baseUrl: h.erp.url, fetch: (u, i) => fetch(u, i) });
    await supervisor.login('supervisor', 'supervisor');
    const listed = await supervisor.listPolicies();
    if (!listed.ok) throw new Error(listed.problem.detail);
    const active = activePolicyVersion(listed.value.items);
    expect(active?.id).toBe('POL-3');
    expect(governedSegments(active!.policy).at(-1)).toEqual({ orderType: 'rush', strategy: 'gain' });
  });

  it('serves order lines with their order type', async () => {
    const planner = createErpClient({ baseUrl: h.erp.url, fetch: (u, i) => fetch(u, i) });
    await planner.login('planner', 'planner');
    const page = await planner.listPage('order-lines', { limit: 1000 });
    if (!page.ok) throw new Error(page.problem.detail);
    const types = new Set(page.value.items.map((l) => ('orderType' in l ? l.orderType : 'deleted')));
    expect([...types].sort()).toEqual([...ORDER_TYPES].sort());
  });
});
