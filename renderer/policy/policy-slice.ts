/**
 * Policies: the governed versions (from the ERP, cached for offline), the planner's local drafts, which version the
 * what-if runs with, and the draft editor's last check (refusals and normalisation notices shown on screen).
 */
import type { PolicyIssue } from '../../shared/engine/policy';
import type { DraftNotice, PolicyRef, PolicyVersion } from '../../shared/governance';
import {
  activePolicyVersion,
  checkDraftPolicy,
  checkPublishRequest,
  exportPolicyJson,
  importPolicyJson,
  latestPolicyVersionNumber,
  policyRef,
  publicationKey,
  publishRefusal,
  startDraft,
} from '../../shared/governance';
import type { Role } from '../../shared/domain';
import type { GovernanceServices } from './governance-services';
import type { GovernanceGet, GovernanceSet, Message } from './slice-types';
import { messageOf } from './slice-types';

export interface DraftCheckView {
  readonly draftId: string;
  readonly issues: readonly PolicyIssue[];
  readonly notices: readonly DraftNotice[];
}

export interface PolicyState {
  readonly governed: readonly PolicyVersion[];
  readonly drafts: readonly PolicyVersion[];
  readonly fetchedAt: number | null;
  /** Where `governed` came from on the last load. */
  readonly source: 'erp' | 'cache' | null;
  readonly loaded: boolean;
  readonly whatIf: PolicyRef | null;
  readonly selectedId: string | null;
  readonly compare: readonly [string, string] | null;
  readonly lastCheck: DraftCheckView | null;
  readonly message: Message | null;
  readonly busy: boolean;
}

export const initialPolicyState: PolicyState = {
  governed: [],
  drafts: [],
  fetchedAt: null,
  source: null,
  loaded: false,
  whatIf: null,
  selectedId: null,
  compare: null,
  lastCheck: null,
  message: null,
  busy: false,
};

export interface PolicyActions {
  loadPolicies(): Promise<void>;
  selectPolicy(id: string): void;
  /** Starts a draft from a version (default: the active one) and selects it. */
  startPolicyDraft(fromId?: string): Promise<PolicyVersion | null>;
  /** Validates a candidate policy for a draft; saves it only when valid (normalised weights included). */
  updatePolicyDraft(draftId: string, candidate: unknown): Promise<boolean>;
  renamePolicyDraft(draftId: string, name: string): Promise<void>;
  deletePolicyDraft(draftId: string): Promise<void>;
  /** Reads a policy JSON text into a new draft; refused files change nothing. */
  importPolicyText(text: string, fileName: string): Promise<boolean>;
  /** Asks for a file, then imports it. */
  importPolicyFile(): Promise<boolean>;
  exportPolicy(id: string): Promise<void>;
  comparePolicyVersions(beforeId: string, afterId: string): void;
  useInWhatIf(id: string): Promise<void>;
  /**
   * Publishes a draft on the ERP as the next governed version (supervisors only), records who published what in the
   * audit log, then pulls the policies so the new version is the active one. Returns the new version number or null.
   */
  publishPolicyDraft(draftId: string): Promise<number | null>;
  dismissPolicyMessage(): void;
}

/** Why the signed-in user cannot publish `draft` now, or null when they can (the ERP checks again). */
export function publishBlocker(p: PolicyState, draft: PolicyVersion, role: Role | null): string | null {
  if (publishRefusal(role) !== null) return `Only a supervisor can publish a governed version (you are signed in as ${role ?? 'nobody'}). Ask a supervisor to publish this draft, or export it as JSON to hand it over.`;
  if (p.governed.length === 0) return 'Fetch the governed policies from the ERP first.';
  const latest = latestPolicyVersionNumber(p.governed);
  if (draft.basedOn !== latest) return `This draft was started from v${draft.basedOn ?? '?'}, but v${latest} is the newest version: start a draft from v${latest} (compare the two to carry your changes over).`;
  return null;
}

/** Every version the screen lists: governed and retired first (newest first), then drafts. */
export function allVersions(p: PolicyState): PolicyVersion[] {
  return [...[...p.governed].sort((a, b) => b.version - a.version), ...p.drafts];
}

export function createPolicyActions(services: GovernanceServices, set: GovernanceSet, get: GovernanceGet): PolicyActions {
  const patch = (p: Partial<PolicyState>) => set((s) => ({ governance: { ...s.governance, policy: { ...s.governance.policy, ...p } } }));
  const policy = () => get().governance.policy;
  const find = (id: string) => allVersions(policy()).find((v) => v.id === id);
  const user = () => get().session?.username ?? 'planner';
  const iso = () => new Date(services.now()).toISOString() as PolicyVersion['createdAt'];

  const saveDrafts = async (drafts: PolicyVersion[]) => {
    await services.policies.saveDrafts(drafts);
    patch({ drafts });
  };

  return {
    async loadPolicies() {
      patch({ busy: true });
      let local;
      try {
        local = await services.policies.loadLocal();
      } catch (e) {
        patch({ busy: false, loaded: true, message: { tone: 'error', text: `Cannot read the policies kept on this computer: ${messageOf(e)}` } });
        return;
      }
      patch({ governed: local.governed, drafts: local.drafts, fetchedAt: local.fetchedAt, whatIf: local.whatIf, source: local.governed.length > 0 ? 'cache' : null });
      try {
        const governed = await services.policies.fetchGoverned();
        const at = services.now();
        await services.policies.saveGoverned(governed, at);
        patch({ governed, fetchedAt: at, source: 'erp', message: null });
      } catch (e) {
        const cached = local.fetchedAt ? ` Showing the versions fetched ${new Date(local.fetchedAt).toLocaleString()}.` : ' No governed policy has been fetched yet: connect to the ERP and reload.';
        patch({ message: { tone: local.governed.length > 0 ? 'warning' : 'error', text: `Cannot fetch the governed policies from the ERP (${messageOf(e)}).${cached}` } });
      }
      const active = activePolicyVersion(policy().governed);
      const whatIf = policy().whatIf;
      // The what-if follows the governed version in force unless the planner chose a draft to try.
      if (active && (whatIf === null || (whatIf.status !== 'draft' && whatIf.id !== active.id))) {
        try {
          await services.policies.useForWhatIf(active);
          patch({ whatIf: policyRef(active) });
        } catch (e) {
          patch({ message: { tone: 'error', text: `Cannot hand the active policy to the what-if engine: ${messageOf(e)}` } });
        }
      }
      patch({ busy: false, loaded: true, selectedId: policy().selectedId ?? active?.id ?? null });
    },

    selectPolicy(id) {
      patch({ selectedId: id, lastCheck: policy().lastCheck?.draftId === id ? policy().lastCheck : null });
    },

    async startPolicyDraft(fromId) {
      const from = fromId ? find(fromId) : activePolicyVersion(policy().governed);
      if (!from) {
        patch({ message: { tone: 'error', text: 'There is no policy to start a draft from yet: fetch the governed policies from the ERP first.' } });
        return null;
      }
      const draft = startDraft(from, { id: `DRAFT-${services.newId()}`, by: user(), at: iso() });
      await saveDrafts([...policy().drafts, draft]);
      patch({ selectedId: draft.id, lastCheck: null, message: { tone: 'info', text: `Started "${draft.name}". Edit it, then try it in a what-if: decisions proposed under a draft need a supervisor.` } });
      return draft;
    },

    async updatePolicyDraft(draftId, candidate) {
      const draft = policy().drafts.find((d) => d.id === draftId);
      if (!draft) {
        patch({ message: { tone: 'error', text: `Draft ${draftId} no longer exists.` } });
        return false;
      }
      const r = checkDraftPolicy(candidate);
      if (!r.ok) {
        patch({ lastCheck: { draftId, issues: r.issues, notices: r.notices }, message: { tone: 'error', text: `The draft was not changed: ${r.issues.length} problem${r.issues.length === 1 ? '' : 's'} to fix.` } });
        return false;
      }
      const updated: PolicyVersion = { ...draft, policy: r.policy };
      await saveDrafts(policy().drafts.map((d) => (d.id === draftId ? updated : d)));
      // The what-if trying this draft must run with what was just saved, not the draft as it was when chosen.
      if (policy().whatIf?.id === draftId) await services.policies.useForWhatIf(updated);
      patch({
        lastCheck: { draftId, issues: [], notices: r.notices },
        message: { tone: r.notices.length > 0 ? 'warning' : 'success', text: r.notices.length > 0 ? `Saved with changes: ${r.notices.map((n) => n.message).join(' ')}` : 'Draft saved.' },
      });
      return true;
    },

    async renamePolicyDraft(draftId, name) {
      const trimmed = name.trim();
      if (trimmed === '') {
        patch({ message: { tone: 'error', text: 'A draft needs a name.' } });
        return;
      }
      await saveDrafts(policy().drafts.map((d) => (d.id === draftId ? { ...d, name: trimmed } : d)));
    },

    async deletePolicyDraft(draftId) {
      await saveDrafts(policy().drafts.filter((d) => d.id !== draftId));
      const active = activePolicyVersion(policy().governed);
      if (policy().whatIf?.id === draftId && active) await get().governanceActions.useInWhatIf(active.id);
      if (policy().selectedId === draftId) patch({ selectedId: active?.id ?? null, lastCheck: null });
    },

    async importPolicyText(text, fileName) {
      const r = importPolicyJson(text);
      if (!r.ok) {
        patch({ lastCheck: { draftId: '(import)', issues: r.issues, notices: r.notices }, message: { tone: 'error', text: `${fileName} was not imported: ${r.issues.map((i) => i.message).join('; ')}` } });
        return false;
      }
      const base = activePolicyVersion(policy().governed);
      const draft: PolicyVersion = {
        id: `DRAFT-${services.newId()}`,
        version: r.sourceVersion ?? base?.version ?? 0,
        status: 'draft',
        name: r.name ? `${r.name} (imported)` : `Imported from ${fileName}`,
        effectiveFrom: null,
        createdBy: user(),
        createdAt: iso(),
        basedOn: r.sourceVersion ?? base?.version ?? null,
        note: `Imported from ${fileName}`,
        policy: r.policy,
      };
      await saveDrafts([...policy().drafts, draft]);
      patch({
        selectedId: draft.id,
        lastCheck: { draftId: draft.id, issues: [], notices: r.notices },
        message: { tone: r.notices.length > 0 ? 'warning' : 'success', text: `Imported ${fileName} as "${draft.name}".${r.notices.length > 0 ? ` ${r.notices.map((n) => n.message).join(' ')}` : ''}` },
      });
      return true;
    },

    async importPolicyFile() {
      try {
        const file = await services.files.openText(['json'], 'Import a policy');
        if (!file) return false;
        return await get().governanceActions.importPolicyText(file.text, file.name);
      } catch (e) {
        patch({ message: { tone: 'error', text: `Cannot open the file: ${messageOf(e)}` } });
        return false;
      }
    },

    async exportPolicy(id) {
      const v = find(id);
      if (!v) return;
      const name = `${v.status === 'draft' ? v.name : `policy-v${v.version}`}`.replace(/[^\w.-]+/g, '-') + '.json';
      try {
        const saved = await services.files.save(name, 'application/json', new TextEncoder().encode(exportPolicyJson(v, iso())));
        if (saved) patch({ message: { tone: 'success', text: `Exported ${name}.` } });
      } catch (e) {
        patch({ message: { tone: 'error', text: `Cannot save ${name}: ${messageOf(e)}` } });
      }
    },

    comparePolicyVersions(beforeId, afterId) {
      patch({ compare: [beforeId, afterId] });
    },

    async useInWhatIf(id) {
      const v = find(id);
      if (!v) return;
      if (v.status === 'retired') {
        patch({ message: { tone: 'error', text: `v${v.version} is retired: start a draft from it to try it in a what-if.` } });
        return;
      }
      try {
        await services.policies.useForWhatIf(v);
        patch({
          whatIf: policyRef(v),
          message: {
            tone: v.status === 'draft' ? 'warning' : 'success',
            text: v.status === 'draft' ? `What-if now runs with "${v.name}". Decisions proposed under it need a supervisor's approval. Reopen the allocation view to recompute.` : `What-if runs with the governed v${v.version}.`,
          },
        });
      } catch (e) {
        patch({ message: { tone: 'error', text: `Cannot hand the policy to the what-if engine: ${messageOf(e)}` } });
      }
    },

    async publishPolicyDraft(draftId) {
      const draft = policy().drafts.find((d) => d.id === draftId);
      if (!draft) {
        patch({ message: { tone: 'error', text: `Draft ${draftId} no longer exists.` } });
        return null;
      }
      const blocker = publishBlocker(policy(), draft, get().session?.role ?? null);
      if (blocker !== null) {
        patch({ message: { tone: 'error', text: `Not published. ${blocker}` } });
        return null;
      }
      const checked = checkPublishRequest({ baseVersion: draft.basedOn, name: draft.name, ...(draft.note === '' ? {} : { note: draft.note }), policy: draft.policy });
      if (!checked.ok) {
        patch({ lastCheck: { draftId, issues: checked.issues, notices: [] }, message: { tone: 'error', text: `Not published: ${checked.issues.length} problem${checked.issues.length === 1 ? '' : 's'} to fix (save the draft to normalise its weights).` } });
        return null;
      }
      patch({ busy: true });
      try {
        const r = await services.policies.publish(checked.request, publicationKey(draftId, checked.request));
        if (!r.ok) {
          const text =
            r.status === 0
              ? `Could not reach the ERP (${r.message}). Nothing is known to be published; publishing again is safe (the ERP answers a repeat with the first result).`
              : r.status === 412
                ? `Not published: v${r.latestVersion ?? '?'} was published meanwhile. Fetch the policies and start a draft from v${r.latestVersion ?? '?'}.`
                : `The ERP refused to publish (HTTP ${r.status}): ${r.message}`;
          patch({ busy: false, message: { tone: 'error', text }, ...(r.issues && r.issues.length > 0 ? { lastCheck: { draftId, issues: r.issues, notices: [] } } : {}) });
          return null;
        }
        const published = r.result.version;
        // The ERP recorded who published what; the local log gets the very same event (same id: pushing it is a no-op).
        await services.audit.append([r.result.auditEvent]);
        await saveDrafts(policy().drafts.filter((d) => d.id !== draftId));
        // The what-if was trying this draft: it now runs with what the draft became, the governed version.
        if (policy().whatIf?.id === draftId) {
          await services.policies.useForWhatIf(published);
          patch({ whatIf: policyRef(published) });
        }
        patch({ busy: false, selectedId: published.id, lastCheck: null });
        // The next pull makes the new version the active one (and the what-if follows it unless a draft is being tried).
        await get().governanceActions.loadPolicies();
        void get().governanceActions.loadAudit();
        if (policy().message === null) patch({ message: { tone: 'success', text: `Published "${published.name}" as governed v${published.version}; it is now the active policy.` } });
        return published.version;
      } catch (e) {
        patch({ busy: false, message: { tone: 'error', text: `Could not publish: ${messageOf(e)}` } });
        return null;
      }
    },

    dismissPolicyMessage() {
      patch({ message: null });
    },
  };
}
