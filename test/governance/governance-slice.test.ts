// The governance slice over its real services: a fake-indexeddb workbench database and the reference ERP's
// governance routes on a real HTTP port.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createStore } from 'zustand/vanilla';
import { registerGovernanceRoutes } from '../../main/governance/routes';
import { createGovernanceStore } from '../../main/governance/store';
import { seedPolicyVersions } from '../../main/governance/seed';
import { generateWorld } from '../../main/erp/generator';
import type { Decision } from '../../shared/domain';
import { exampleDecision } from '../../shared/domain';
import { checkApproval } from '../../shared/governance';
import type { AuditEvent } from '../../shared/governance';
import type { WorkbenchBridge } from '../../shared/ipc';
import { openWorkbenchDb } from '../../renderer/db';
import type { WorkbenchDb } from '../../renderer/db';
import { POLICY_SETTING_KEY } from '../../renderer/engine-worker/read-snapshot';
import { createGovernanceServices } from '../../renderer/policy/create-governance-services';
import { createGovernanceSlice } from '../../renderer/policy/governance-slice';
import type { GovernanceStoreState } from '../../renderer/policy/slice-types';
import { selectAuditResults } from '../../renderer/audit/audit-slice';
import { selectKpiReport } from '../../renderer/insights/insights-slice';

let app: FastifyInstance;
let base: string;
let dir: string;
let erpUp = true;
let db: WorkbenchDb;
const saved: { name: string; bytes: Uint8Array }[] = [];
const NOW = Date.parse('2026-11-27T10:00:00Z');

const bridge: WorkbenchBridge = {
  platform: 'browser',
  invoke: (async (channel: string, args: { suggestedName: string; bytes: Uint8Array }) => {
    if (channel === 'file:save') {
      saved.push({ name: args.suggestedName, bytes: args.bytes });
      return { saved: true };
    }
    throw new Error(`unexpected channel ${channel}`);
  }) as WorkbenchBridge['invoke'],
};

function makeStore() {
  const services = createGovernanceServices({
    db,
    bridge,
    fetch: ((path: string, init?: RequestInit) => (erpUp ? fetch(`${base}${path}`, init) : Promise.reject(new TypeError('fetch failed')))) as typeof fetch,
    now: () => NOW,
  });
  let n = 0;
  const withIds = { ...services, newId: () => `t${++n}` };
  return createStore<GovernanceStoreState>()((set, get) => ({
    session: { username: 'pat', role: 'planner' },
    ...createGovernanceSlice(withIds)(set, get),
  }));
}

const decision = (id: string, line: string): Decision => ({ ...exampleDecision, id, type: 'backorder', payload: { orderLineId: line, promisedDate: '2026-12-05' }, status: 'proposed', requiredRole: undefined } as unknown as Decision);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'gov-slice-'));
  app = Fastify();
  registerGovernanceRoutes(app, { store: createGovernanceStore({ dir, seed: () => seedPolicyVersions('2026-11-27') }) });
  base = await app.listen({ host: '127.0.0.1', port: 0 });
  db = await openWorkbenchDb(`gov-${Date.now()}`, { indexedDB, IDBKeyRange });
  const world = generateWorld({ scale: 'small', seed: 7 });
  await db.transaction('rw', [db.items, db.warehouses, db.lanes, db.customers, db.substitutionRules, db.dropShipOptions, db.orderLines, db.inventoryBalances, db.exceptions], async () => {
    await db.items.bulkAdd([...world.items]);
    await db.warehouses.bulkAdd([...world.warehouses]);
    await db.lanes.bulkAdd([...world.lanes]);
    await db.customers.bulkAdd([...world.customers]);
    await db.substitutionRules.bulkAdd([...world.substitutionRules]);
    await db.dropShipOptions.bulkAdd([...world.dropShipOptions]);
    await db.orderLines.bulkAdd([...world.orderLines]);
    await db.inventoryBalances.bulkAdd([...world.inventoryBalances]);
    await db.exceptions.bulkAdd([...world.exceptions]);
  });
}, 60_000);

afterAll(async () => {
  await app.close();
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('governance slice over the real services', () => {
  let store: ReturnType<typeof makeStore>;
  beforeAll(() => {
    store = makeStore();
  });
  const s = () => store.getState();

  it('fetches the governed policies, caches them and hands the active one to the what-if engine', async () => {
    await s().governanceActions.loadPolicies();
    const p = s().governance.policy;
    expect(p.source).toBe('erp');
    expect(p.governed.map((v) => v.id)).toEqual(['POL-1', 'POL-2']);
    expect(p.whatIf).toEqual({ id: 'POL-2', version: 2, status: 'governed' });
    expect(p.selectedId).toBe('POL-2');
    expect((await db.settings.get(POLICY_SETTING_KEY))?.value).toEqual(p.governed[1]?.policy);
  });

  it('works offline from the cached versions and says so', async () => {
    erpUp = false;
    const offline = makeStore();
    await offline.getState().governanceActions.loadPolicies();
    erpUp = true;
    const p = offline.getState().governance.policy;
    expect(p.source).toBe('cache');
    expect(p.governed).toHaveLength(2);
    expect(p.message?.tone).toBe('warning');
    expect(p.message?.text).toContain('Cannot fetch the governed policies');
  });

  it('a draft: weights normalised with a notice, an unknown segment refused and nothing saved', async () => {
    const draft = await s().governanceActions.startPolicyDraft('POL-2');
    expect(draft?.id).toBe('DRAFT-t1');
    const weights = { slaUrgency: 40, margin: 20, contract: 20, tier: 10, orderAge: 5, erpPriority: 5 }; // 100
    expect(await s().governanceActions.updatePolicyDraft('DRAFT-t1', { ...draft?.policy, weights: { ...weights, erpPriority: 15 } })).toBe(true);
    const saved1 = s().governance.policy.drafts[0]?.policy.weights;
    expect(saved1).toEqual({ slaUrgency: 36.36, margin: 18.18, contract: 18.18, tier: 9.09, orderAge: 4.55, erpPriority: 13.64 });
    expect(s().governance.policy.lastCheck?.notices[0]?.message).toContain('110%');
    expect(s().governance.policy.message?.tone).toBe('warning');

    const before = s().governance.policy.drafts[0];
    expect(await s().governanceActions.updatePolicyDraft('DRAFT-t1', { ...before?.policy, segments: [{ channel: 'b2b', strategy: 'win' }] })).toBe(false);
    expect(s().governance.policy.lastCheck?.issues.map((i) => i.field)).toEqual(['segments[0].channel']);
    expect(s().governance.policy.drafts[0]).toEqual(before);
  });

  it('imports a policy file as a new draft and exports a version as JSON', async () => {
    await s().governanceActions.exportPolicy('POL-1');
    const file = saved.at(-1);
    expect(file?.name).toBe('policy-v1.json');
    expect(await s().governanceActions.importPolicyText(new TextDecoder().decode(file?.bytes), 'policy-v1.json')).toBe(true);
    const imported = s().governance.policy.drafts.at(-1);
    expect(imported).toMatchObject({ status: 'draft', basedOn: 1, name: 'Launch policy (imported)' });
    expect(await s().governanceActions.importPolicyText('not json', 'broken.json')).toBe(false);
    expect(s().governance.policy.drafts).toHaveLength(2);
  });

  it('decisions proposed under a draft need a supervisor; the audit shows policy, approval and the governed version', async () => {
    await s().governanceActions.useInWhatIf('DRAFT-t1');
    expect((await db.settings.get(POLICY_SETTING_KEY))?.value).toEqual(s().governance.policy.drafts[0]?.policy);
    // Editing the draft the what-if runs with updates what the engine reads.
    const draft = s().governance.policy.drafts[0];
    await s().governanceActions.updatePolicyDraft('DRAFT-t1', { ...draft?.policy, defaultStrategy: 'fill' });
    expect((await db.settings.get(POLICY_SETTING_KEY))?.value).toMatchObject({ defaultStrategy: 'fill' });
    const line = (await db.orderLines.limit(1).toArray())[0]?.id as string;
    const stamped = await s().governanceActions.recordProposals([decision('DEC-A', line)], { scenario: { id: 'S1', name: 'Spike' } });
    expect(stamped[0]?.requiredRole).toBe('supervisor');
    expect(stamped[0]?.reason).toContain('draft policy DRAFT-t1');
    await db.decisions.bulkPut(stamped);

    const governed = s().governance.policy.governed[1]?.policy;
    if (!governed) throw new Error('no governed policy');
    const subject = { decisionId: 'DEC-A', proposedUnder: { id: 'DRAFT-t1', version: 2, status: 'draft' as const } };
    expect(checkApproval(subject, 'planner', governed).allowed).toBe(false);
    expect(checkApproval(subject, 'supervisor', governed).allowed).toBe(true);

    await s().governanceActions.recordApprovals(['DEC-A'], 'sam', 'supervisor');
    s().governanceActions.focusAudit({ kind: 'order-line', id: line });
    const timeline = selectAuditResults(s());
    expect(timeline.map((e) => e.event)).toEqual(['proposed', 'approved']);
    const [proposed, approved] = timeline as [AuditEvent, AuditEvent];
    expect(proposed).toMatchObject({ actor: 'planner', policy: { id: 'DRAFT-t1', status: 'draft' }, scenario: { name: 'Spike' } });
    expect(approved).toMatchObject({ actor: 'sam', role: 'supervisor', governedPolicy: { id: 'POL-2', status: 'governed' }, proposedUnder: { id: 'DRAFT-t1' } });
  });

  it('records each event once locally, and pushes the log to the ERP once', async () => {
    const rows = await db.auditLog.count();
    const d = (await db.decisions.get('DEC-A')) as Decision;
    await s().governanceActions.recordProposals([d]);
    expect(await db.auditLog.count()).toBe(rows); // the same proposal at the same instant is the same event: kept once
    const again = await createGovernanceServices({ db, bridge, fetch, now: () => NOW }).audit.append(s().governance.audit.events.filter((e) => e.decisionId === 'DEC-A' && e.event === 'approved'));
    expect(again).toBe(0);

    await s().governanceActions.pushAudit();
    const onErp = (await (await fetch(`${base}/api/v1/audit?decisionId=DEC-A`)).json()) as { items: AuditEvent[] };
    expect(onErp.items.map((e) => e.event).sort()).toEqual(['approved', 'proposed']);
    await s().governanceActions.pushAudit();
    expect(s().governance.audit.lastPushed).toBe(0);
  });

  it('computes KPIs over the cache and the plan, filters them, and exports the report', async () => {
    await s().governanceActions.loadInsights();
    expect(s().governance.insights.message).toBeNull();
    const report = selectKpiReport(s());
    if (!report) throw new Error('no report');
    const fill = report.kpis.find((k) => k.id === 'fill-rate');
    expect(fill?.rows.length).toBeGreaterThan(100);
    expect(fill?.value).toBeGreaterThan(0);
    expect(report.kpis.find((k) => k.id === 'exception-aging')?.value).toBeGreaterThan(0);
    const region = s().governance.insights.input?.lines[0]?.region as string;
    s().governanceActions.setInsightsFilter({ region });
    const filtered = selectKpiReport(s());
    expect(filtered?.kpis.find((k) => k.id === 'fill-rate')?.rows.length).toBeLessThan(fill?.rows.length ?? 0);
    await s().governanceActions.exportKpiReport(filtered!);
    expect(saved.at(-1)?.name).toMatch(/^kpi-report-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(saved.at(-1)?.bytes[0]).toBe(0x50); // 'PK': a zip (xlsx) container
  }, 60_000);
});
