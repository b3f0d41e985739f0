/**
 * Governance services held in memory, for store tests and stories: governed versions given up front, drafts,
 * the what-if choice and the audit log kept in arrays, saved files captured. No database, no ERP.
 */
import type { Decision } from '../../shared/domain';
import type { AuditEvent, KpiInput, PolicyRef, PolicyVersion } from '../../shared/governance';
import { planAppend } from '../../shared/governance';
import type { GovernanceServices } from './governance-services';

export interface MemoryGovernance extends GovernanceServices {
  readonly state: { governed: PolicyVersion[]; drafts: PolicyVersion[]; whatIf: PolicyVersion | null; events: AuditEvent[]; decisions: Decision[]; saved: { name: string; bytes: Uint8Array }[] };
}

export function createMemoryGovernanceServices(options: { governed?: PolicyVersion[]; decisions?: Decision[]; kpiInput?: KpiInput; now?: () => number } = {}): MemoryGovernance {
  const now = options.now ?? (() => Date.now());
  let n = 0;
  let fetchedAt: number | null = null;
  const state: MemoryGovernance['state'] = { governed: options.governed ?? [], drafts: [], whatIf: null, events: [], decisions: options.decisions ?? [], saved: [] };
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
