// Contract tests of POST /api/v1/policies (publishing a governed version) on a Fastify instance of its own.
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../shared/engine/policy';
import { PROBLEM_TYPES } from '../../shared/erp';
import type { Problem } from '../../shared/erp';
import { createGovernanceStore } from '../../main/governance/store';
import { registerGovernanceRoutes } from '../../main/governance/routes';
import type { PoliciesResponse } from '../../main/governance/routes';
import { seedPolicyVersions } from '../../main/governance/seed';
import type { AuditEvent, GovernedSegment, PublishPolicyRequest, PublishPolicyResult } from '../../shared/governance';
import { auditEventFromRow, auditRowOf, checkPublishRequest, describeAuditEvent, governedSegments, policyPublishedEvent, publishedVersion, withPublished } from '../../shared/governance';

let dir: string;
let app: FastifyInstance;
let clock = Date.parse('2026-11-27T09:00:00Z');
const USERS: Record<string, { user: string; role: 'planner' | 'supervisor' | 'finance' }> = {
  'Bearer sup': { user: 'sam', role: 'supervisor' },
  'Bearer plan': { user: 'pat', role: 'planner' },
  'Bearer fin': { user: 'fay', role: 'finance' },
};

async function start(): Promise<FastifyInstance> {
  const a = Fastify();
  registerGovernanceRoutes(a, {
    store: createGovernanceStore({ dir, seed: () => seedPolicyVersions('2026-11-27') }),
    now: () => new Date(clock),
    authenticate: (req) => USERS[req.headers.authorization ?? ''] ?? 'a bearer token is required',
  });
  await a.ready();
  return a;
}

const contractWins: GovernedSegment = { orderType: 'contract', strategy: 'win' };
const request = (over: Partial<PublishPolicyRequest> = {}): PublishPolicyRequest => ({
  baseVersion: 2,
  name: 'Contracts first',
  note: 'Contract orders win scarce stock.',
  policy: { ...defaultPolicy, segments: [contractWins, ...defaultPolicy.segments] },
  ...over,
});
const publish = (body: unknown, headers: Record<string, string> = {}) =>
  app.inject({ method: 'POST', url: '/api/v1/policies', payload: body as object, headers: { authorization: 'Bearer sup', 'idempotency-key': 'pub-1', ...headers } });
const policies = async () => {
  const res = await app.inject({ method: 'GET', url: '/api/v1/policies', headers: { authorization: 'Bearer plan' } });
  return { body: res.json<PoliciesResponse>(), etag: res.headers.etag as string };
};

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gov-pub-'));
  clock = Date.parse('2026-11-27T09:00:00Z');
  app = await start();
});
afterEach(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('POST /api/v1/policies', () => {
  it('publishes a supervisor draft as the next version, in force at once, the older one retired, the audit saying who', async () => {
    const before = await policies();
    expect(before.etag).toBe('"policies-v2"');
    const res = await publish(request(), { 'if-match': before.etag });
    expect(res.statusCode).toBe(201);
    const body = res.json<PublishPolicyResult>();
    expect(body.version).toMatchObject({ id: 'POL-3', version: 3, status: 'governed', createdBy: 'sam', basedOn: 2, name: 'Contracts first', effectiveFrom: '2026-11-27T09:00:00.000Z' });
    expect(governedSegments(body.version.policy)[0]).toEqual(contractWins);
    expect(res.headers.etag).toBe('"policies-v3"');

    const after = await policies();
    expect(after.body.activeVersion).toBe(3);
    expect(after.body.items.map((v) => [v.id, v.status])).toEqual([['POL-1', 'retired'], ['POL-2', 'retired'], ['POL-3', 'governed']]);
    expect(after.etag).toBe('"policies-v3"');

    const audit = (await app.inject({ method: 'GET', url: '/api/v1/audit?decisionId=POL-3', headers: { authorization: 'Bearer sup' } })).json<{ items: AuditEvent[] }>().items;
    expect(audit).toEqual([body.auditEvent]);
    expect(describeAuditEvent(body.auditEvent)).toBe('sam (supervisor) published policy v3 "Contracts first" on top of v2 (9 fields changed): Contract orders win scarce stock.');
  });

  it('takes the workbench pushing the same event back (after its local log round trip) as already recorded', async () => {
    const body = (await publish(request())).json<PublishPolicyResult>();
    const local = auditEventFromRow({ ...auditRowOf(body.auditEvent), id: 17 });
    const res = await app.inject({ method: 'POST', url: '/api/v1/audit', payload: { events: [local] }, headers: { authorization: 'Bearer plan', 'idempotency-key': 'audit-rows-17-17' } });
    expect(res.statusCode).toBe(201);
    expect(res.json()).toMatchObject({ recorded: 0, alreadyRecorded: 1 });
  });

  it('refuses a planner or finance user (403) and an unknown caller (401); nothing is published', async () => {
    for (const [auth, status] of [['Bearer plan', 403], ['Bearer fin', 403], ['Bearer nobody', 401]] as const) {
      const res = await publish(request(), { authorization: auth });
      expect(res.statusCode).toBe(status);
      expect(res.headers['content-type']).toContain('application/problem+json');
      if (status === 403) expect(res.json<Problem>().detail).toMatch(/needs the supervisor role; signed in as (planner|finance)/);
    }
    expect((await policies()).body.activeVersion).toBe(2);
  });

  it('is idempotent: the same key and body replays 200 with the stored answer (even after policies moved on); another body is 422', async () => {
    const first = await publish(request(), { 'if-match': '"policies-v2"' });
    clock += 60_000;
    const again = await publish(request(), { 'if-match': '"policies-v2"' });
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const other = await publish(request({ name: 'Something else' }));
    expect(other.statusCode).toBe(422);
    expect(other.json()).toMatchObject({ type: PROBLEM_TYPES.idempotencyMismatch, field: 'Idempotency-Key' });
    expect((await policies()).body.items).toHaveLength(3);
  });

  it('refuses a publication on top of an older version (412, by baseVersion or If-Match) with the newest version named', async () => {
    expect((await publish(request(), { 'idempotency-key': 'a' })).statusCode).toBe(201);
    const stale = await publish(request({ name: 'Late draft' }), { 'idempotency-key': 'b' });
    expect(stale.statusCode).toBe(412);
    expect(stale.json()).toMatchObject({ type: PROBLEM_TYPES.versionConflict, field: 'baseVersion', latestVersion: 3 });
    expect(stale.json<Problem>().detail).toContain('start a draft from v3');
    const staleEtag = await publish(request({ baseVersion: 3 }), { 'idempotency-key': 'c', 'if-match': '"policies-v2"' });
    expect(staleEtag.statusCode).toBe(412);
    expect(staleEtag.json()).toMatchObject({ field: 'If-Match', latestVersion: 3 });
    expect(staleEtag.headers.etag).toBe('"policies-v3"');
    expect((await policies()).body.items.map((v) => v.version)).toEqual([1, 2, 3]);
    // Rebased on v3, it goes through as v4.
    const rebased = await publish(request({ baseVersion: 3 }), { 'idempotency-key': 'c', 'if-match': '"policies-v3"' });
    expect(rebased.statusCode).toBe(201);
    expect(rebased.json<PublishPolicyResult>().version.version).toBe(4);
  });

  it('refuses an invalid policy (422) naming the field: unknown order type, weights not summing to 100, engine fields', async () => {
    const cases: [unknown, string][] = [
      [request({ policy: { ...defaultPolicy, segments: [{ orderType: 'urgent', strategy: 'win' } as unknown as GovernedSegment] } }), 'policy.segments[0].orderType'],
      [request({ policy: { ...defaultPolicy, weights: { ...defaultPolicy.weights, margin: 5 } } }), 'policy.weights'],
      [request({ policy: { ...defaultPolicy, defaultStrategy: 'steal' as never } }), 'policy.defaultStrategy'],
      [{ ...request(), name: '' }, 'name'],
      [{ ...request(), baseVersion: 'two' }, 'baseVersion'],
    ];
    for (const [i, [body, field]] of cases.entries()) {
      const res = await publish(body, { 'idempotency-key': `bad-${i}` });
      expect(res.statusCode, field).toBe(422);
      expect(res.json<Problem>().field).toBe(field);
      expect(res.json<Problem>().errors?.[0]?.field).toBe(field);
    }
    const noKey = await app.inject({ method: 'POST', url: '/api/v1/policies', payload: request(), headers: { authorization: 'Bearer sup' } });
    expect(noKey.statusCode).toBe(400);
    expect(noKey.json()).toMatchObject({ field: 'Idempotency-Key' });
    expect((await policies()).body.activeVersion).toBe(2);
  });

  it('keeps a publication across a restart, and a torn last line (never acknowledged) is cut off', async () => {
    const first = await publish(request());
    await app.close();
    appendFileSync(join(dir, 'policy-publications.ndjson'), '{"key":"torn","bodyH');
    app = await start();
    expect(readFileSync(join(dir, 'policy-publications.ndjson'), 'utf8').endsWith('\n')).toBe(true);
    expect((await policies()).body.activeVersion).toBe(3);
    const replay = await publish(request());
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual(first.json());
    const next = await publish(request({ baseVersion: 3, name: 'After restart' }), { 'idempotency-key': 'pub-2' });
    expect(next.statusCode).toBe(201);
    await app.close();
    app = await start();
    expect((await policies()).body.items.map((v) => `${v.id}:${v.status}`)).toEqual(['POL-1:retired', 'POL-2:retired', 'POL-3:retired', 'POL-4:governed']);
  });
});

describe('publication rules (pure)', () => {
  const seeded = seedPolicyVersions('2026-11-27');
  it('checks a request strictly: a draft must be saved (weights normalised) before it is published', () => {
    expect(checkPublishRequest(request()).ok).toBe(true);
    const r = checkPublishRequest({ ...request(), policy: { ...defaultPolicy, weights: { ...defaultPolicy.weights, tier: 30 } } });
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ field: 'policy.weights', found: '110' });
  });
  // Segments compare by position (first match wins), so a segment inserted first shifts the others: 9 fields.
  it('numbers the next version after the newest issued one and retires the governed ones', () => {
    const v = publishedVersion({ versions: seeded, request: request(), by: 'sam', at: '2026-11-27T09:00:00.000Z' as never });
    expect(v).toMatchObject({ id: 'POL-3', version: 3, basedOn: 2 });
    expect(withPublished(seeded, v).map((x) => x.status)).toEqual(['retired', 'retired', 'governed']);
    const e = policyPublishedEvent({ version: v, role: 'supervisor', previous: seeded[1] });
    expect(e).toMatchObject({ id: `POL-3:policy-published:${Date.parse('2026-11-27T09:00:00Z')}`, decisionId: 'POL-3', orderLineIds: [], changedFields: 9, policy: { id: 'POL-3', version: 3, status: 'governed' } });
  });
});
