/**
 * The governance slice of the workbench store: policies (policy-slice), the audit trail (audit/audit-slice) and
 * KPIs (insights/insights-slice), under one `governance` key with one `governanceActions` object, plus the two
 * hand-offs the decisions flow calls: record proposals (stamping drafts' decisions for a supervisor) and approvals.
 *
 * Compose it into the store: `...createGovernanceSlice(services)(set, get)`; it reads `session` if the store has one.
 */
import type { Decision, Role } from '../../shared/domain';
import type { OverrideFinding, PolicyRef } from '../../shared/governance';
import { activePolicyVersion, approvedEvent, orderLineIdsOf, overrideEvents, policyRef, proposedEvent, rejectedEvent, requiredApproverRole } from '../../shared/governance';
import type { AuditActions, AuditState } from '../audit/audit-slice';
import { createAuditActions, initialAuditState } from '../audit/audit-slice';
import type { InsightsActions, InsightsState } from '../insights/insights-slice';
import { createInsightsActions, initialInsightsState } from '../insights/insights-slice';
import type { GovernanceServices } from './governance-services';
import type { PolicyActions, PolicyState } from './policy-slice';
import { createPolicyActions, initialPolicyState } from './policy-slice';
import type { GovernanceGet, GovernanceSet } from './slice-types';
import { messageOf } from './slice-types';

export interface GovernanceState {
  readonly policy: PolicyState;
  readonly audit: AuditState;
  readonly insights: InsightsState;
}

export interface ProposalContext {
  readonly scenario?: { readonly id: string; readonly name: string };
  /**
   * Where the planner's plan differs from the engine's recommendation (`findOverrides(baseline.lines, plan.lines)`
   * from shared/governance): logged as 'override' events on the decisions touching those lines.
   */
  readonly overrides?: readonly OverrideFinding[];
}

export interface RecordingActions {
  /**
   * Call before storing proposed decisions: stamps each with the policy it was proposed under (a draft makes a
   * supervisor the required approver and says so in the reason) and logs a 'proposed' event. Returns the stamped
   * decisions to store.
   */
  recordProposals(decisions: readonly Decision[], context?: ProposalContext): Promise<Decision[]>;
  /** Call after approvals are stored: logs 'approved' with the governed version in force. */
  recordApprovals(ids: readonly string[], by: string, role: Role): Promise<void>;
  /** Call after rejections are stored: logs 'rejected' with the role and reason. */
  recordRejections(ids: readonly string[], by: string, role: Role, reason: string): Promise<void>;
}

export type GovernanceActions = PolicyActions & AuditActions & InsightsActions & RecordingActions;

export interface GovernanceSlice {
  governance: GovernanceState;
  governanceActions: GovernanceActions;
}

export const initialGovernanceState: GovernanceState = { policy: initialPolicyState, audit: initialAuditState, insights: initialInsightsState };

/** The policy decisions are proposed under right now: the what-if's, else the active governed version. */
export function proposalPolicy(s: GovernanceSlice): PolicyRef | null {
  const active = activePolicyVersion(s.governance.policy.governed);
  return s.governance.policy.whatIf ?? (active ? policyRef(active) : null);
}

export function createGovernanceSlice(services: GovernanceServices) {
  return (set: GovernanceSet, get: GovernanceGet): GovernanceSlice => {
    const governedRef = (): PolicyRef => {
      const active = activePolicyVersion(get().governance.policy.governed);
      return active ? policyRef(active) : { id: 'unknown', version: 0, status: 'governed' };
    };
    const log = async (build: () => Promise<Parameters<GovernanceServices['audit']['append']>[0]>) => {
      try {
        await services.audit.append(await build());
        await get().governanceActions.loadAudit();
        void get().governanceActions.pushAudit();
      } catch (e) {
        set((s) => ({ governance: { ...s.governance, audit: { ...s.governance.audit, message: { tone: 'error', text: `Could not write the audit log: ${messageOf(e)}` } } } }));
      }
    };
    /** Proposals and approvals name policy versions: make sure they are known (cached or fetched) first. */
    const ensurePolicies = async () => {
      if (!get().governance.policy.loaded) await get().governanceActions.loadPolicies();
    };
    const recording: RecordingActions = {
      async recordProposals(decisions, context) {
        await ensurePolicies();
        const under = proposalPolicy(get()) ?? governedRef();
        const stamped = decisions.map((d): Decision => {
          if (under.status !== 'draft') return d;
          const required = requiredApproverRole({ proposedUnder: under, requiredRole: d.requiredRole });
          return { ...d, requiredRole: required, reason: `${d.reason} [proposed under draft policy ${under.id}: needs a supervisor]` } as Decision;
        });
        const at = services.now();
        const decisionOfLine = new Map<string, string>();
        for (const d of stamped) for (const line of orderLineIdsOf(d)) if (!decisionOfLine.has(line)) decisionOfLine.set(line, d.id);
        const actor = get().session?.username ?? stamped[0]?.proposedBy ?? 'planner';
        await log(async () => [
          ...stamped.map((d) => proposedEvent({ decision: d, at, policy: under, ...(context?.scenario ? { scenario: context.scenario } : {}) })),
          ...overrideEvents(context?.overrides ?? [], { decisionIdFor: (line) => decisionOfLine.get(line), actor, at }),
        ]);
        return stamped;
      },
      async recordApprovals(ids, by, role) {
        await ensurePolicies();
        if (!get().governance.audit.loaded) await get().governanceActions.loadAudit();
        const at = services.now();
        // The policy each decision was proposed under is in its 'proposed' event.
        const proposedUnder = new Map<string, PolicyRef>();
        for (const e of get().governance.audit.events) if (e.event === 'proposed') proposedUnder.set(e.decisionId, e.policy);
        await log(async () =>
          (await services.audit.decisions(ids)).map((d) => {
            const under = proposedUnder.get(d.id);
            return approvedEvent({ decision: d, at, by, role, governedPolicy: governedRef(), ...(under ? { proposedUnder: under } : {}) });
          }),
        );
      },
      async recordRejections(ids, by, role, reason) {
        const at = services.now();
        await log(async () => (await services.audit.decisions(ids)).map((d) => rejectedEvent({ decision: d, at, by, role, reason })));
      },
    };
    return {
      governance: initialGovernanceState,
      governanceActions: {
        ...createPolicyActions(services, set, get),
        ...createAuditActions(services, set, get),
        ...createInsightsActions(services, set, get),
        ...recording,
      },
    };
  };
}
