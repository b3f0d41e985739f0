/**
 * What the governance slices call. The composition root builds the real ones (`createGovernanceServices` over the
 * database, the ERP transport and the bridge's file dialogs); tests pass fakes. Components never reach these.
 */
import type { Decision } from '../../shared/domain';
import type { PolicyIssue } from '../../shared/engine/policy';
import type { AuditEvent, KpiInput, PolicyRef, PolicyVersion, PublishPolicyRequest, PublishPolicyResult } from '../../shared/governance';

/** What an attempt to publish a draft came to (HTTP problems as values; `status` 0 = no answer from the ERP). */
export type PublishAttempt =
  | { readonly ok: true; readonly replay: boolean; readonly result: PublishPolicyResult }
  | { readonly ok: false; readonly status: number; readonly message: string; readonly field?: string; readonly latestVersion?: number; readonly issues?: readonly PolicyIssue[] };

export interface LocalPolicies {
  /** Governed versions as last fetched from the ERP (empty before the first fetch). */
  readonly governed: readonly PolicyVersion[];
  /** When they were fetched (epoch ms), or null. */
  readonly fetchedAt: number | null;
  readonly drafts: readonly PolicyVersion[];
  /** The version the what-if engine runs with, or null for the engine's default. */
  readonly whatIf: PolicyRef | null;
}

export interface GovernanceServices {
  readonly policies: {
    /** GET /api/v1/policies; throws an Error whose message says what went wrong. */
    fetchGoverned(): Promise<PolicyVersion[]>;
    loadLocal(): Promise<LocalPolicies>;
    saveGoverned(versions: readonly PolicyVersion[], fetchedAt: number): Promise<void>;
    saveDrafts(drafts: readonly PolicyVersion[]): Promise<void>;
    /** Makes the what-if engine use this version from the next time it opens a session. */
    useForWhatIf(version: PolicyVersion): Promise<void>;
    /** POST /api/v1/policies: publishes a draft as the next governed version (the ERP checks the role and the base). */
    publish(request: PublishPolicyRequest, idempotencyKey: string): Promise<PublishAttempt>;
  };
  readonly audit: {
    /** Every event of the local log (plus what decision records show but the log lacks); unreadable rows counted. */
    read(policyInForce: PolicyRef | null): Promise<{ events: AuditEvent[]; skipped: number }>;
    /** Appends events not already in the log (by event id); returns how many were new. */
    append(events: readonly AuditEvent[]): Promise<number>;
    /** The decisions behind ids, to build events about them. */
    decisions(ids: readonly string[]): Promise<Decision[]>;
    /** Sends log rows the ERP has not acknowledged yet (POST /api/v1/audit); returns how many were sent. */
    push(): Promise<number>;
  };
  readonly insights: {
    /** KPI facts from the cache, the plan under the policy in force, and the audit log. */
    readInput(): Promise<KpiInput>;
  };
  readonly files: {
    /** Offers the bytes as a download / save dialog; false when the planner cancelled. */
    save(suggestedName: string, mimeType: string, bytes: Uint8Array): Promise<boolean>;
    /** Lets the planner pick a file; null when cancelled. */
    openText(extensions: readonly string[], title: string): Promise<{ name: string; text: string } | null>;
  };
  now(): number;
  /** A new unique id for a draft. */
  newId(): string;
}
