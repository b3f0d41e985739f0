// Contract tests of the reference ERP's governance routes on a Fastify instance of their own.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createGovernanceStore } from '../../main/governance/store';
import { registerGovernanceRoutes } from '../../main/governance/routes';
import type { PoliciesResponse } from '../../main/governance/routes';
import { seedPolicyVersions } from '../../main/governance/seed';
import { PROBLEM_TYPES } from '../../shared/erp';
import { checkDraftPolicy } from '../../shared/governance';
import type { AuditBatchResult } from '../../shared/governance';
import { audit } from './fixtures';

let dir: string;
let app: FastifyInstance;
const now = () => new Date('2026-11-20T12:00:00Z');

async function start(authenticate?: Parameters<typeof registerGovernanceRoutes>[1]['authenticate']): Promise<FastifyInstance> {
  const a = Fastify();
  registerGovernanceRoutes(a, { store: createGovernanceStore({ dir, seed: () => seedPolicyVersions('2026-11-20') }), now, authenticate });
  await a.ready();
  return a;
}

const post = (a: FastifyInstance, body: unknown, key?: string) =>
  a.inject({ method: 'POST', url: '/api/v1/audit', payload: body as object, headers: key === undefined ? {} : { 'idempotency-key': key } });

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gov-'));
  app = await start();
});
afterEach(async () => {
  await app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('GET /api/v1/policies', () => {
  it('serves the governed versions with the active one, each a valid policy', async () => {
    const res = await app.inject({ method: 'GET', url: '/api/v1/policies' });
    expect(res.statusCode).toBe(200);
    const body = res.json<PoliciesResponse>();
    expect(body.activeVersion).toBe(2);
    expect(body.items.map((v) => [v.id, v.status])).toEqual([['POL-1', 'retired'], ['POL-2', 'governed']]);
    for (const v of body.items) expect(checkDraftPolicy(v.policy)).toMatchObject({ ok: true, notices: [] });
  });
});

describe('POST /api/v1/audit', () => {
  it('records a batch once: 201 first, 200 with the same result on a replay, nothing twice', async () => {
    const first = await post(app, { events: audit }, 'batch-1');
    expect(first.statusCode).toBe(201);
    expect(first.json<AuditBatchResult>()).toMatchObject({ idempotencyKey: 'batch-1', recorded: audit.length, alreadyRecorded: 0 });
    const again = await post(app, { events: audit }, 'batch-1');
    expect(again.statusCode).toBe(200);
    expect(again.json()).toEqual(first.json());
    const list = await app.inject({ method: 'GET', url: '/api/v1/audit' });
    expect(list.json<{ items: unknown[] }>().items).toHaveLength(audit.length);
  });

  it('counts events already recorded under another key without storing them again', async () => {
    await post(app, { events: audit.slice(0, 3) }, 'k1');
    const res = await post(app, { events: audit.slice(2, 5) }, 'k2');
    expect(res.statusCode).toBe(201);
    expect(res.json<AuditBatchResult>()).toMatchObject({ recorded: 2, alreadyRecorded: 1 });
  });

  it('refuses a reused key with a different batch (422) and records nothing', async () => {
    await post(app, { events: audit.slice(0, 1) }, 'k1');
    const res = await post(app, { events: audit.slice(1, 2) }, 'k1');
    expect(res.statusCode).toBe(422);
    expect(res.json()).toMatchObject({ type: PROBLEM_TYPES.idempotencyMismatch, field: 'Idempotency-Key' });
    expect((await app.inject({ method: 'GET', url: '/api/v1/audit' })).json<{ items: unknown[] }>().items).toHaveLength(1);
  });

  it('is append-only: a known event id with other content is refused (409), the batch is not recorded', async () => {
    await post(app, { events: audit.slice(0, 2) }, 'k1');
    const tampered = { ...audit[1], actor: 'mallory' };
    const res = await post(app, { events: [audit[2], tampered] }, 'k2');
    expect(res.statusCode).toBe(409);
    expect(res.json<{ detail: string }>().detail).toContain(audit[1]?.id);
    const items = (await app.inject({ method: 'GET', url: '/api/v1/audit' })).json<{ items: { id: string; actor: string }[] }>().items;
    expect(items.map((e) => e.id)).toEqual([audit[0]?.id, audit[1]?.id]);
    expect(items[1]?.actor).toBe('sam');
  });

  it('needs an Idempotency-Key (400 naming the header)', async () => {
    const res = await post(app, { events: audit });
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('application/problem+json');
    expect(res.json()).toMatchObject({ field: 'Idempotency-Key' });
  });

  it('refuses an invalid batch whole (422) naming the event and field', async () => {
    const res = await post(app, { events: [audit[0], { ...audit[1], event: 'vanished' }] }, 'k1');
    expect(res.statusCode).toBe(422);
    const p = res.json<{ field: string; errors: { recordId: string; field: string }[] }>();
    expect(p.field).toBe('events[1].event');
    expect(p.errors[0]?.recordId).toBe('events[1]');
    expect((await app.inject({ method: 'GET', url: '/api/v1/audit' })).json<{ items: unknown[] }>().items).toHaveLength(0);
  });

  it('keeps recorded events and keys across a restart', async () => {
    const first = await post(app, { events: audit }, 'k1');
    await app.close();
    app = await start();
    const replay = await post(app, { events: audit }, 'k1');
    expect(replay.statusCode).toBe(200);
    expect(replay.json()).toEqual(first.json());
    const byLine = await app.inject({ method: 'GET', url: '/api/v1/audit?orderLineId=L1' });
    expect(byLine.json<{ items: { decisionId: string }[] }>().items.map((e) => e.decisionId)).toEqual(['D1', 'D1', 'D3', 'D3', 'D1']);
  });
});

describe('authentication', () => {
  it('answers 401 with the reason when the ERP says the caller is unknown', async () => {
    await app.close();
    app = await start((req) => (req.headers.authorization === 'Bearer ok' ? { user: 'sam', role: 'supervisor' } : 'token expired'));
    const denied = await app.inject({ method: 'GET', url: '/api/v1/policies' });
    expect(denied.statusCode).toBe(401);
    expect(denied.json()).toMatchObject({ detail: 'token expired' });
    const ok = await app.inject({ method: 'GET', url: '/api/v1/policies', headers: { authorization: 'Bearer ok' } });
    expect(ok.statusCode).toBe(200);
  });
});
