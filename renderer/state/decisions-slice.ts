/**
 * Decisions: the list the Decisions view shows, the selection, and approve / reject / resolve. Approval is checked
 * against the signed-in role and the policy's limits before anything is written: a refused decision stays proposed
 * and the planner is told which limit it breaks.
 */
import type { Decision } from '../../shared/domain';
import { activePolicyVersion } from '../../shared/governance/policy/versions';
import { approvalRefusal } from '../decisions/approval-check';
import type { DecisionDisplayStatus, DecisionView } from './rows';
import type { AttentionChoice, DecisionChange, WorkbenchServices } from './services';
import type { Slice } from './slice';
import { messageOf } from './slice';
import { afterPaint, timed } from './timing';
import type { WorkbenchState } from './workbench-state';

/** What the last approve / reject / resolve did, for the banner above the grid. */
export interface DecisionOutcome {
  tone: 'success' | 'error' | 'warning';
  message: string;
  details: string[];
}

export interface DecisionsSlice {
  decisions: DecisionView[];
  decisionsLoaded: boolean;
  decisionsError: string | null;
  selectedDecisionIds: string[];
  decisionBusy: boolean;
  decisionOutcome: DecisionOutcome | null;
  loadDecisions(): Promise<void>;
  setDecisionSelection(ids: readonly string[]): void;
  /** Approves what the signed-in role may approve; refuses the rest, saying why. */
  approveDecisions(ids: readonly string[]): Promise<DecisionOutcome>;
  rejectDecisions(ids: readonly string[], reason: string): Promise<DecisionOutcome>;
  resolveNeedsAttention(id: string, choice: AttentionChoice, edited?: Decision): Promise<DecisionOutcome>;
  /** For the allocation view's "Propose decisions": stores them as proposed. */
  addProposedDecisions(decisions: readonly Decision[]): Promise<DecisionOutcome>;
  dismissDecisionOutcome(): void;
}

export const initialDecisionsState = {
  decisions: [] as DecisionView[],
  decisionsLoaded: false,
  decisionsError: null,
  selectedDecisionIds: [] as string[],
  decisionBusy: false,
  decisionOutcome: null,
};

const MAX_DETAILS = 8;

function listIssues(change: Extract<DecisionChange, { ok: false }>): string[] {
  const lines = change.issues.slice(0, MAX_DETAILS).map((i) => i.message);
  if (change.issues.length > MAX_DETAILS) lines.push(`…and ${change.issues.length - MAX_DETAILS} more.`);
  return lines;
}

export function createDecisionsSlice(services: WorkbenchServices): Slice<DecisionsSlice> {
  return (set, get) => {
    const finish = (outcome: DecisionOutcome): DecisionOutcome => {
      set({ decisionOutcome: outcome, decisionBusy: false });
      return outcome;
    };
    /** Shows new statuses at once; the reload from the cache confirms them. */
    const markLocally = (ids: readonly string[], status: DecisionDisplayStatus, by?: string) => {
      const set_ = new Set(ids);
      set({
        decisions: get().decisions.map((d) => (set_.has(d.id) ? { ...d, displayStatus: status, ...(by ? { approvedBy: by } : {}) } : d)),
        selectedDecisionIds: get().selectedDecisionIds.filter((id) => !set_.has(id)),
      });
    };
    return {
      ...initialDecisionsState,
      async loadDecisions() {
        try {
          const decisions = await timed('decisions', () => services.cache.loadDecisions());
          const present = new Set(decisions.map((d) => d.id));
          set({ decisions, decisionsLoaded: true, decisionsError: null, selectedDecisionIds: get().selectedDecisionIds.filter((id) => present.has(id)) });
        } catch (e) {
          set({ decisionsLoaded: true, decisionsError: `Cannot read decisions from the local cache: ${messageOf(e)}.` });
        }
      },
      setDecisionSelection(ids) {
        set({ selectedDecisionIds: [...ids] });
      },
      async approveDecisions(ids) {
        const session = get().session;
        if (!session) return finish({ tone: 'error', message: 'Sign in first: approvals are recorded under your name and role.', details: [] });
        if (ids.length === 0) return finish({ tone: 'warning', message: 'Select the decisions to approve first (Space or the checkboxes).', details: [] });
        set({ decisionBusy: true });
        // The governed policy in force sets the limits; the built-in default only until one is known.
        const limits = activePolicyVersion(get().governance.policy.governed)?.policy.approvals ?? services.approvalLimits();
        const byId = new Map(get().decisions.map((d) => [d.id, d]));
        const allowed: string[] = [];
        const refused: string[] = [];
        for (const id of ids) {
          const d = byId.get(id);
          const why = !d ? `${id}: not in the local cache any more.` : approvalRefusal(d, session.role, limits);
          if (why) refused.push(why);
          else allowed.push(id);
        }
        if (allowed.length === 0) {
          return finish({ tone: 'error', message: `None of the ${ids.length} selected decisions can be approved by you (${session.role}).`, details: refused.slice(0, MAX_DETAILS) });
        }
        let change: DecisionChange;
        try {
          change = await timed('approve', () => services.sync.approve(allowed, session.username));
        } catch (e) {
          return finish({ tone: 'error', message: `Approval failed, nothing was approved: ${messageOf(e)}`, details: [] });
        }
        if (!change.ok) {
          await get().loadDecisions();
          return finish({ tone: 'error', message: 'Nothing was approved: some decisions changed meanwhile. Review them and try again.', details: listIssues(change) });
        }
        markLocally(allowed, 'queued', session.username);
        // The outcome is on screen first; re-reading 10k decisions from the cache and writing the audit trail (who
        // approved under which governed version) follow once it has painted, instead of competing with that paint.
        void afterPaint().then(() => {
          void get().loadDecisions();
          void get().governanceActions.recordApprovals(allowed, session.username, session.role);
        });
        const details = refused.slice(0, MAX_DETAILS);
        if (refused.length > MAX_DETAILS) details.push(`…and ${refused.length - MAX_DETAILS} more.`);
        return finish(
          refused.length === 0
            ? { tone: 'success', message: `Approved ${change.count} decision${change.count === 1 ? '' : 's'}; queued for the ERP.`, details: [] }
            : { tone: 'warning', message: `Approved ${change.count}; ${refused.length} refused for your role (${session.role}).`, details },
        );
      },
      async rejectDecisions(ids, reason) {
        const session = get().session;
        if (!session) return finish({ tone: 'error', message: 'Sign in first: rejections are recorded under your name.', details: [] });
        if (ids.length === 0) return finish({ tone: 'warning', message: 'Select the decisions to reject first.', details: [] });
        if (reason.trim() === '') return finish({ tone: 'error', message: 'Give a reason for the rejection: the proposer reads it.', details: [] });
        set({ decisionBusy: true });
        try {
          const change = await services.sync.reject(ids, session.username, reason.trim());
          if (!change.ok) {
            await get().loadDecisions();
            return finish({ tone: 'error', message: 'Nothing was rejected: some decisions are no longer proposed.', details: listIssues(change) });
          }
          markLocally(ids, 'rejected');
          void get().loadDecisions();
          void get().governanceActions.recordRejections(ids, session.username, session.role, reason.trim());
          return finish({ tone: 'success', message: `Rejected ${change.count} decision${change.count === 1 ? '' : 's'}.`, details: [] });
        } catch (e) {
          return finish({ tone: 'error', message: `Rejection failed, nothing changed: ${messageOf(e)}`, details: [] });
        }
      },
      async resolveNeedsAttention(id, choice, edited) {
        const session = get().session;
        set({ decisionBusy: true });
        try {
          const change = await services.sync.resolveNeedsAttention(id, choice, edited, session?.username);
          await get().loadDecisions();
          if (!change.ok) return finish({ tone: 'error', message: `Could not ${choice === 'reapply' ? 're-apply' : choice} ${id}.`, details: listIssues(change) });
          const verb = choice === 'discard' ? 'Discarded' : choice === 'edit' ? 'Edited and queued' : 'Re-applied on the current ERP rows and queued';
          return finish({ tone: 'success', message: `${verb}: ${id}.`, details: [] });
        } catch (e) {
          return finish({ tone: 'error', message: `Could not resolve ${id}: ${messageOf(e)}`, details: [] });
        }
      },
      async addProposedDecisions(decisions) {
        try {
          // Stamped with the policy they were proposed under (a draft needs a supervisor) and logged for audit.
          // If governance cannot stamp them (e.g. no policy known yet), the proposals are still stored as they are.
          const stamped = await get().governanceActions.recordProposals(decisions).catch(() => [...decisions]);
          const added = await services.cache.addProposedDecisions(stamped);
          await get().loadDecisions();
          return finish({
            tone: 'success',
            message: added === 0 ? 'No new decisions: the plan matches what is already proposed.' : `Proposed ${added} decision${added === 1 ? '' : 's'}. Review them in Decisions.`,
            details: [],
          });
        } catch (e) {
          return finish({ tone: 'error', message: `Could not store the proposed decisions: ${messageOf(e)}`, details: [] });
        }
      },
      dismissDecisionOutcome() {
        set({ decisionOutcome: null });
      },
    };
  };
}

export const selectDecisions = (s: WorkbenchState) => s.decisions;
export const selectSelectedDecisionIds = (s: WorkbenchState) => s.selectedDecisionIds;
/** Memoised per decisions array: Zustand re-renders when a selector returns a new reference. */
function memoByDecisions<T>(derive: (decisions: readonly DecisionView[]) => T): (s: WorkbenchState) => T {
  const cache = new WeakMap<readonly DecisionView[], T>();
  return (s) => {
    let v = cache.get(s.decisions);
    if (v === undefined) {
      v = derive(s.decisions);
      cache.set(s.decisions, v);
    }
    return v;
  };
}

export const selectNeedsAttention = memoByDecisions((ds) => ds.filter((d) => d.displayStatus === 'needs-attention'));
export const selectProposedCount = memoByDecisions((ds) => ds.reduce((n, d) => n + (d.displayStatus === 'proposed' ? 1 : 0), 0));
/** Counts per display status, for the view's status filter chips. */
export const selectDecisionCounts = memoByDecisions((ds): Record<DecisionDisplayStatus, number> => {
  const counts: Record<DecisionDisplayStatus, number> = { proposed: 0, approved: 0, queued: 0, sent: 0, applied: 0, rejected: 0, 'needs-attention': 0 };
  for (const d of ds) counts[d.displayStatus]++;
  return counts;
});
