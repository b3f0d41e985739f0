/**
 * The audit trail: search every event, or follow one decision or one order line as a timeline (proposed with its
 * policy and score, overrides with engine vs planner values, approved or rejected and why, sent, the ERP's answer,
 * conflicts and their resolution). Exports what is shown to Excel.
 */
import { useEffect, useMemo, useState } from 'react';
import type { AuditEventKind } from '../../shared/governance';
import { AUDIT_EVENT_KINDS, describeAuditEvent } from '../../shared/governance';
import { DataGrid, formatDateTime } from '../grid';
import { MessageBanner } from '../policy/MessageBanner';
import type { GovernanceStoreApi } from '../policy/use-governance';
import { selectAuditState, selectGovernanceActions, useGovernance } from '../policy/use-governance';
import '../policy/governance.css';
import { auditColumns, auditGridRows } from './audit-columns';
import type { AuditFocus } from './audit-slice';
import { auditResults } from './audit-slice';

export function AuditView({ store, focus }: { store: GovernanceStoreApi; focus?: AuditFocus }) {
  const a = useGovernance(store, selectAuditState);
  const act = useGovernance(store, selectGovernanceActions);
  const [text, setText] = useState(a.query.text ?? '');
  const [target, setTarget] = useState(a.focus?.id ?? '');

  useEffect(() => {
    void act.loadAudit();
  }, [act]);
  useEffect(() => {
    if (focus !== undefined) {
      act.focusAudit(focus);
      if (focus) setTarget(focus.id);
    }
  }, [focus, act]);
  // Searching as the planner types, without a keystroke lag on a long log.
  useEffect(() => {
    const t = setTimeout(() => act.setAuditQuery({ ...store.getState().governance.audit.query, text }), 150);
    return () => clearTimeout(t);
  }, [text, act, store]);

  // Derived here, not in the selector: a selector returning a new array each call would re-render forever.
  const results = useMemo(() => auditResults(a), [a]);
  const rows = useMemo(() => auditGridRows(results), [results]);
  const kind = a.query.kinds?.[0] ?? '';

  return (
    <section className="gov-view" data-testid="audit-view" aria-labelledby="audit-title">
      <header className="gov-header">
        <h2 id="audit-title">Audit trail</h2>
        <div className="gov-actions">
          <button type="button" onClick={() => void act.loadAudit()} disabled={a.loading} data-testid="audit-refresh">
            {a.loading ? 'Reading…' : 'Refresh'}
          </button>
          <button type="button" onClick={() => void act.exportAudit()} disabled={results.length === 0} data-testid="audit-export">
            Export to Excel
          </button>
        </div>
      </header>
      <MessageBanner message={a.message} testId="audit-message" />
      <div className="gov-filters">
        <label>
          Search
          <input type="search" value={text} onChange={(e) => setText(e.target.value)} placeholder="decision, order line, person, reason…" data-testid="audit-search" />
        </label>
        <label>
          Event
          <select value={kind} onChange={(e) => act.setAuditQuery({ ...a.query, kinds: e.target.value === '' ? [] : [e.target.value as AuditEventKind] })} data-testid="audit-kind">
            <option value="">all events</option>
            {AUDIT_EVENT_KINDS.map((k) => (
              <option key={k} value={k}>{k}</option>
            ))}
          </select>
        </label>
        <form
          className="gov-actions"
          onSubmit={(e) => {
            e.preventDefault();
            if (target.trim() !== '') act.focusAudit({ kind: 'decision', id: target.trim() });
          }}
        >
          <label>
            Decision or order line
            <input value={target} onChange={(e) => setTarget(e.target.value)} placeholder="DEC-… or OL-…" data-testid="audit-target" />
          </label>
          <button type="submit" data-testid="audit-decision-timeline">Decision timeline</button>
          <button type="button" onClick={() => target.trim() !== '' && act.focusAudit({ kind: 'order-line', id: target.trim() })} data-testid="audit-line-timeline">
            Order line timeline
          </button>
          {a.focus ? (
            <button type="button" onClick={() => act.focusAudit(null)} data-testid="audit-clear-focus">
              Show all events
            </button>
          ) : null}
        </form>
      </div>
      <p data-testid="audit-count" aria-live="polite">
        {a.focus ? `Timeline of ${a.focus.kind === 'decision' ? 'decision' : 'order line'} ${a.focus.id}: ` : ''}
        {results.length} event{results.length === 1 ? '' : 's'}
        {a.lastPushed !== null ? ` · ${a.lastPushed} sent to the ERP by the last push` : ''}
      </p>
      {a.focus ? (
        results.length === 0 ? (
          <p className="empty-state">Nothing recorded for {a.focus.id}. Check the id, or search all events instead.</p>
        ) : (
          <ol className="gov-timeline" data-testid="audit-timeline">
            {results.map((e) => (
              <li key={e.id} data-event={e.event} data-decision={e.decisionId}>
                <time dateTime={new Date(e.at).toISOString()}>{formatDateTime(e.at)}</time>
                <strong>{e.event}</strong> <span>{e.decisionId !== a.focus?.id ? `${e.decisionId}: ` : ''}{describeAuditEvent(e)}</span>
              </li>
            ))}
          </ol>
        )
      ) : (
        <div style={{ height: 480 }}>
          <DataGrid
            rows={rows}
            columns={auditColumns}
            getRowId={(r) => r.id}
            ariaLabel="Audit events"
            rowLabel={(r) => `${r.decisionId} ${r.event}`}
            onRowOpen={(r) => {
              setTarget(r.decisionId);
              act.focusAudit({ kind: 'decision', id: r.decisionId });
            }}
            emptyState={<p>{a.loaded ? 'No audit events yet: propose, approve or reject decisions and they appear here.' : 'Reading the audit log…'}</p>}
            testId="audit-grid"
          />
        </div>
      )}
    </section>
  );
}
