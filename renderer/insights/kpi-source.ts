/**
 * Reads KPI facts from the workbench database: cached ERP records, the plan the engine makes under the policy in
 * force (the same `allocation.policy` setting the what-if uses), and the audit log. Runs in the KPI worker so a
 * large cache never blocks the UI thread; tests call it directly over fake-indexeddb.
 */
import type { Decision } from '../../shared/domain';
import { allocate } from '../../shared/engine';
import type { Plan } from '../../shared/engine/types';
import type { KpiInput, PolicyRef } from '../../shared/governance';
import { auditEventsFromRows, eventsFromDecisionRecords, kpiInputFromCache, orderLineIdsOf } from '../../shared/governance';
import type { WorkbenchDb } from '../db';
import { readDecisions } from '../db';
import { readPolicy, readSnapshot } from '../engine-worker/read-snapshot';

export const WHAT_IF_POLICY_KEY = 'governance.whatIfPolicy';

/** The audit events of the local log, plus what decision records show but the log lacks. */
export async function readAuditEvents(db: WorkbenchDb, policyInForce: PolicyRef | null): Promise<{ events: ReturnType<typeof auditEventsFromRows>['events']; skipped: number }> {
  const [rows, decisions] = await Promise.all([db.auditLog.toArray(), readDecisions(db)]);
  const linesOf = new Map<string, string[]>(decisions.map((d: Decision) => [d.id, orderLineIdsOf(d)]));
  const { events, skipped } = auditEventsFromRows(rows, (id) => linesOf.get(id) ?? []);
  return { events: [...events, ...eventsFromDecisionRecords(decisions, events, policyInForce)], skipped };
}

/** KPI facts as of `now`. The plan is skipped (after = ERP reservations) when the cache has no open lines. */
export async function loadKpiInput(db: WorkbenchDb, now: number): Promise<KpiInput> {
  const snapshot = await readSnapshot(db);
  const policyResult = await readPolicy(db);
  if (!policyResult.ok) throw new Error(policyResult.message);
  const whatIf = (await db.settings.get(WHAT_IF_POLICY_KEY))?.value as PolicyRef | undefined;
  let plan: Plan | null = null;
  if (snapshot.orderLines.length > 0) plan = allocate(snapshot, policyResult.policy);
  const { events } = await readAuditEvents(db, whatIf ?? null);
  return kpiInputFromCache({
    asOf: now,
    exceptions: snapshot.exceptions,
    orderLines: snapshot.orderLines,
    customers: snapshot.customers,
    warehouses: snapshot.warehouses,
    lanes: snapshot.lanes,
    dropShipOptions: snapshot.dropShipOptions,
    plan,
    audit: events,
    engineActors: [policyResult.policy.proposedBy],
  });
}
