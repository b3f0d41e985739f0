/**
 * Governance services held in memory, for store tests and stories: governed versions given up front, drafts,
 * the what-if choice and the audit log kept in arrays, saved files captured. No database, no ERP.
 */
import type { Decision, IsoDateTime, Role } from '../../shared/domain';
import type { AuditEvent, KpiInput, PolicyRef, PolicyVersion, PublishPolicyResult } from '../../shared/governance';
import { latestPolicyVersionNumber, planAppend, policyPublishedEvent, publishedVersion, withPublished } from '../../shared/governance';
import type { GovernanceServices } from './governance-services';

export interface MemoryGovernance extends GovernanceServices {
  readonly state: { governed: PolicyVersion[]; drafts: PolicyVersion[]; whatIf: PolicyVersion | null; events: AuditEvent[]; decisions: Decision[]; saved: { name: string; bytes: Uint8Array }[] };
}

/** `publisher`: who the fake ERP believes is publishing (the real one reads it from the token). */
export function createMemoryGovernanceServices(options: { governed?: PolicyVersion[]; decisions?: Decision[]; kpiInput?: KpiInput; now?: () => number; publisher?: { user: string; role: Role } } = {}): MemoryGovernance {
  const now = options.now ?? (() => Date.now());
  let n = 0;
  let fetchedAt: number | null = null;
  const state: MemoryGovernance['state'] = { governed: options.governed ?? [], drafts: [], whatIf: null, events: [], decisions: options.decisions ?? [], saved: [] };
  const published = new Map<string, PublishPolicyResult>();
  const ref = (v: PolicyVersion | null): PolicyRef | null => (v ? { id: v.id, version: v.version, status: v.status } : null);
  return {
    state,
    policies: {
      fetchGoverned: async () => state.governed,
      loadLocal: async () => ({ governed: state.governed, fetchedAt, drafts: state.drafts, whatIf: ref(state.whatIf) }),
      saveGoverned: async (versions, at) => {
        state.governed = [...versions];
        fetchedAt = at;
      },
      saveDrafts: async (drafts) => {
        state.drafts = [...drafts];
      },
      useForWhatIf: async (version) => {
        state.whatIf = version;
      },
      // The ERP's rules in miniature: role, newest base, replay by key (the real route is tested in test/governance).
      publish: async (request, key) => {
        const prior = published.get(key);
        if (prior) return { ok: true, replay: true, result: prior };
        const by = options.publisher ?? { user: 'supervisor', role: 'supervisor' as const };
        if (by.role !== 'supervisor') return { ok: false, status: 403, message: `publishing a governed policy version needs the supervisor role; signed in as ${by.role}` };
        const latest = latestPolicyVersionNumber(state.governed);
        if (request.baseVersion !== latest) return { ok: false, status: 412, field: 'baseVersion', latestVersion: latest, message: `field "baseVersion" expected ${latest}, found ${request.baseVersion}` };
        const version = publishedVersion({ versions: state.governed, request, by: by.user, at: new Date(now()).toISOString() as IsoDateTime });
        const result: PublishPolicyResult = { idempotencyKey: key, version, activeVersion: version.version, auditEvent: policyPublishedEvent({ version, role: by.role, previous: state.governed.find((v) => v.version === latest) }) };
        state.governed = withPublished(state.governed, version);
        published.set(key, result);
        return { ok: true, replay: false, result };
      },
    },
    audit: {
      read: async () => ({ events: [...state.events], skipped: 0 }),
      append: async (events) => {
        const plan = planAppend(new Map(state.events.map((e) => [e.id, e])), events);
        state.events.push(...plan.appended);
        return plan.appended.length;
      },
      decisions: async (ids) => state.decisions.filter((d) => ids.includes(d.id)),
      push: async () => 0,
    },
    insights: {
      readInput: async () => options.kpiInput ?? { asOf: now(), exceptions: [], lines: [], audit: state.events },
    },
    files: {
      save: async (name, _mime, bytes) => {
        state.saved.push({ name, bytes });
        return true;
      },
      openText: async () => null,
    },
    now,
    newId: () => `m${++n}`,
  };
}
