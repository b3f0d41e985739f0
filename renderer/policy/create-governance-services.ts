/**
 * The real governance services: policies and drafts in the database's settings table, the ERP's governance
 * endpoints through the ERP transport (bridge fetch), the audit log table, the KPI worker, and the bridge's
 * file dialogs. The composition root calls this once.
 */
import type { Decision } from '../../shared/domain';
import { createErpClient } from '../../shared/erp';
import type { AuditEvent, KpiInput, PolicyRef, PolicyVersion } from '../../shared/governance';
import { AUDIT_PATH, POLICIES_PATH, auditEventsFromRows, auditRowOf, orderLineIdsOf, policyRef, validatePolicyVersion } from '../../shared/governance';
import type { WorkbenchBridge } from '../../shared/ipc';
import type { WorkbenchDb } from '../db';
import { getDecisions } from '../db';
import { POLICY_SETTING_KEY } from '../engine-worker/read-snapshot';
import { WHAT_IF_POLICY_KEY, readAuditEvents } from '../insights/kpi-source';
import type { GovernanceServices } from './governance-services';

export const GOVERNED_POLICIES_KEY = 'governance.governedPolicies';
export const DRAFT_POLICIES_KEY = 'governance.draftPolicies';
/** Highest local audit row id the ERP has acknowledged. */
export const AUDIT_PUSHED_KEY = 'governance.auditPushedThrough';
const AUDIT_PUSH_BATCH = 500;

export interface GovernanceServiceDeps {
  readonly db: WorkbenchDb;
  readonly bridge: WorkbenchBridge;
  /** Fetch-like transport to the ERP (createBridgeFetch(bridge)); paths are relative to the ERP's base. */
  readonly fetch: typeof fetch;
  /** Computes KPI facts (the KPI worker client); defaults to computing on this thread. */
  readonly kpiInput?: (now: number) => Promise<KpiInput>;
  readonly now?: () => number;
}

async function problemText(res: Response): Promise<string> {
  try {
    const p = (await res.json()) as { detail?: string; title?: string };
    return `HTTP ${res.status}: ${p.detail ?? p.title ?? res.statusText}`;
  } catch {
    return `HTTP ${res.status}`;
  }
}

export function createGovernanceServices(deps: GovernanceServiceDeps): GovernanceServices {
  const { db } = deps;
  // The typed client over the same transport (paths relative to the ERP's base, the bridge adds the token).
  const erp = createErpClient({ baseUrl: '', fetch: deps.fetch });
  const now = deps.now ?? (() => Date.now());
  const setting = async <T>(key: string): Promise<T | undefined> => (await db.settings.get(key))?.value as T | undefined;

  return {
    policies: {
      async fetchGoverned() {
        const res = await deps.fetch(POLICIES_PATH, { method: 'GET', headers: { accept: 'application/json' } });
        if (!res.ok) throw new Error(await problemText(res));
        const body = (await res.json()) as { items?: unknown };
        if (!Array.isArray(body.items)) throw new Error('the ERP answered without a list of policy versions');
        const versions: PolicyVersion[] = [];
        for (const [i, item] of body.items.entries()) {
          const r = validatePolicyVersion(item, `items[${i}]`);
          if (!r.ok) throw new Error(`the ERP sent an invalid policy version: ${r.issues.slice(0, 3).map((x) => x.message).join('; ')}`);
          versions.push(r.version);
        }
        return versions;
      },
      async loadLocal() {
        const governed = await setting<{ versions: PolicyVersion[]; fetchedAt: number }>(GOVERNED_POLICIES_KEY);
        return {
          governed: governed?.versions ?? [],
          fetchedAt: governed?.fetchedAt ?? null,
          drafts: (await setting<PolicyVersion[]>(DRAFT_POLICIES_KEY)) ?? [],
          whatIf: (await setting<PolicyRef>(WHAT_IF_POLICY_KEY)) ?? null,
        };
      },
      async saveGoverned(versions, fetchedAt) {
        await db.settings.put({ key: GOVERNED_POLICIES_KEY, value: { versions, fetchedAt } });
      },
      async saveDrafts(drafts) {
        await db.settings.put({ key: DRAFT_POLICIES_KEY, value: drafts });
      },
      async publish(request, idempotencyKey) {
        const r = await erp.publishPolicy(request, idempotencyKey);
        if (r.ok) return { ok: true, replay: r.status === 200, result: r.value };
        const p = r.problem;
        return {
          ok: false,
          status: r.status,
          message: p.detail ?? p.title,
          ...(p.field === undefined ? {} : { field: p.field }),
          ...(p.latestVersion === undefined ? {} : { latestVersion: p.latestVersion }),
          ...(p.errors ? { issues: p.errors.map((e) => ({ field: e.field, expected: e.expected, found: e.found, message: e.message })) } : {}),
        };
      },
      async useForWhatIf(version) {
        // One transaction: the engine's policy and the record of which version it is never disagree.
        await db.transaction('rw', db.settings, async () => {
          await db.settings.put({ key: POLICY_SETTING_KEY, value: version.policy });
          await db.settings.put({ key: WHAT_IF_POLICY_KEY, value: policyRef(version) });
        });
      },
    },
    audit: {
      read: (policyInForce) => readAuditEvents(db, policyInForce),
      async append(events) {
        if (events.length === 0) return 0;
        return db.transaction('rw', db.auditLog, async () => {
          const ids = [...new Set(events.map((e) => e.decisionId))];
          const existing = new Set<string>();
          for (const row of await db.auditLog.where('decisionId').anyOf(ids).toArray()) {
            const eventId = (row as unknown as { eventId?: unknown }).eventId;
            if (typeof eventId === 'string') existing.add(eventId);
          }
          const fresh = events.filter((e) => !existing.has(e.id));
          if (fresh.length > 0) await db.auditLog.bulkAdd(fresh.map((e) => auditRowOf(e) as never));
          return fresh.length;
        });
      },
      async decisions(ids) {
        return (await getDecisions(db, ids)).filter((d): d is Decision => d !== undefined);
      },
      async push() {
        let sent = 0;
        for (;;) {
          const through = (await setting<number>(AUDIT_PUSHED_KEY)) ?? 0;
          const rows = await db.auditLog.where('id').above(through).limit(AUDIT_PUSH_BATCH).toArray();
          if (rows.length === 0) return sent;
          const decisions = await getDecisions(db, [...new Set(rows.map((r) => r.decisionId))]);
          const linesOf = new Map(decisions.filter((d): d is Decision => !!d).map((d) => [d.id, orderLineIdsOf(d)]));
          const { events } = auditEventsFromRows(rows, (id) => linesOf.get(id) ?? []);
          const first = rows[0]?.id ?? 0;
          const last = rows[rows.length - 1]?.id ?? first;
          if (events.length > 0) {
            // The key names the row range: a retry after a lost answer sends the same rows under the same key.
            const res = await deps.fetch(AUDIT_PATH, {
              method: 'POST',
              headers: { 'content-type': 'application/json', 'idempotency-key': `audit-rows-${first}-${last}` },
              body: JSON.stringify({ events: events satisfies AuditEvent[] }),
            });
            if (!res.ok) throw new Error(await problemText(res));
            sent += events.length;
          }
          await db.settings.put({ key: AUDIT_PUSHED_KEY, value: last });
        }
      },
    },
    insights: {
      async readInput() {
        if (deps.kpiInput) return deps.kpiInput(now());
        const { loadKpiInput } = await import('../insights/kpi-source');
        return loadKpiInput(db, now());
      },
    },
    files: {
      async save(suggestedName, mimeType, bytes) {
        return (await deps.bridge.invoke('file:save', { suggestedName, mimeType, bytes })).saved;
      },
      async openText(extensions, title) {
        const file = await deps.bridge.invoke('file:open', { extensions: [...extensions], title });
        return file ? { name: file.name, text: new TextDecoder().decode(file.bytes) } : null;
      },
    },
    now,
    newId: () => (globalThis.crypto?.randomUUID?.() ?? `${now()}-${Math.random().toString(36).slice(2)}`).slice(0, 8),
  };
}
