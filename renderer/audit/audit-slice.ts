/**
 * The audit trail as the audit view shows it: every event of the local log, a search, and an optional focus on
 * one decision or one order line (its timeline). Also pushes the log to the ERP (POST /api/v1/audit).
 */
import type { AuditEvent, AuditQuery } from '../../shared/governance';
import { activePolicyVersion, auditWorkbook, decisionTimeline, orderLineTimeline, policyRef, searchAudit } from '../../shared/governance';
import type { GovernanceServices } from '../policy/governance-services';
import type { GovernanceGet, GovernanceSet, GovernanceStoreState, Message } from '../policy/slice-types';
import { messageOf } from '../policy/slice-types';

export type AuditFocus = { readonly kind: 'decision' | 'order-line'; readonly id: string } | null;

export interface AuditState {
  readonly events: readonly AuditEvent[];
  readonly skipped: number;
  readonly loaded: boolean;
  readonly loading: boolean;
  readonly query: AuditQuery;
  readonly focus: AuditFocus;
  readonly message: Message | null;
  /** Events sent to the ERP by the last push, or null before any. */
  readonly lastPushed: number | null;
}

export const initialAuditState: AuditState = { events: [], skipped: 0, loaded: false, loading: false, query: {}, focus: null, message: null, lastPushed: null };

export interface AuditActions {
  loadAudit(): Promise<void>;
  setAuditQuery(query: AuditQuery): void;
  focusAudit(focus: AuditFocus): void;
  exportAudit(): Promise<void>;
  pushAudit(): Promise<void>;
}

/** The events the view lists: the focused timeline, else the search results (oldest first). A new array each call. */
export function selectAuditResults(s: GovernanceStoreState): AuditEvent[] {
  return auditResults(s.governance.audit);
}

/** The same, from the audit state (components memoise on it). */
export function auditResults(a: AuditState): AuditEvent[] {
  const base = a.focus === null ? a.events : a.focus.kind === 'decision' ? decisionTimeline(a.events, a.focus.id) : orderLineTimeline(a.events, a.focus.id);
  return searchAudit(base, a.query);
}

export function createAuditActions(services: GovernanceServices, set: GovernanceSet, get: GovernanceGet): AuditActions {
  const patch = (p: Partial<AuditState>) => set((s) => ({ governance: { ...s.governance, audit: { ...s.governance.audit, ...p } } }));
  return {
    async loadAudit() {
      patch({ loading: true });
      try {
        const active = activePolicyVersion(get().governance.policy.governed);
        const { events, skipped } = await services.audit.read(active ? policyRef(active) : null);
        patch({ events, skipped, loaded: true, loading: false, message: skipped > 0 ? { tone: 'warning', text: `${skipped} row(s) of the local audit log could not be read and are not shown.` } : get().governance.audit.message });
      } catch (e) {
        patch({ loaded: true, loading: false, message: { tone: 'error', text: `Cannot read the audit log: ${messageOf(e)}` } });
      }
    },
    setAuditQuery(query) {
      patch({ query });
    },
    focusAudit(focus) {
      patch({ focus });
    },
    async exportAudit() {
      const s = get();
      const events = selectAuditResults(s);
      const a = s.governance.audit;
      const title = a.focus ? `Audit timeline of ${a.focus.kind === 'decision' ? 'decision' : 'order line'} ${a.focus.id}` : `Audit trail${a.query.text ? ` matching "${a.query.text}"` : ''}`;
      const name = `audit-${a.focus ? a.focus.id : 'trail'}.xlsx`.replace(/[^\w.-]+/g, '-');
      try {
        const saved = await services.files.save(name, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', auditWorkbook(events, `${title} — ${events.length} event(s), exported ${new Date(services.now()).toISOString()}`));
        if (saved) patch({ message: { tone: 'success', text: `Exported ${events.length} event(s) to ${name}.` } });
      } catch (e) {
        patch({ message: { tone: 'error', text: `Cannot save ${name}: ${messageOf(e)}` } });
      }
    },
    async pushAudit() {
      try {
        const sent = await services.audit.push();
        patch({ lastPushed: sent });
      } catch (e) {
        patch({ message: { tone: 'warning', text: `The audit log is kept here and will be sent to the ERP later: ${messageOf(e)}` } });
      }
    },
  };
}
