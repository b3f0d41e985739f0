/**
 * The policy screen: the governed versions (the active one marked), local drafts, which version the what-if runs
 * with; a draft's editor; compare two versions; import/export as JSON.
 */
import { useEffect } from 'react';
import { activePolicyVersion, latestPolicyVersionNumber, policyLabel } from '../../shared/governance';
import { DraftEditor } from './DraftEditor';
import { MessageBanner } from './MessageBanner';
import { PolicyCompare } from './PolicyCompare';
import { PolicyDetails } from './PolicyDetails';
import { allVersions, publishBlocker } from './policy-slice';
import type { GovernanceStoreApi } from './use-governance';
import { selectGovernanceActions, selectPolicyState, selectRole, useGovernance } from './use-governance';
import './governance.css';

export function PolicyView({ store }: { store: GovernanceStoreApi }) {
  const p = useGovernance(store, selectPolicyState);
  const act = useGovernance(store, selectGovernanceActions);
  const role = useGovernance(store, selectRole);
  useEffect(() => {
    if (!p.loaded && !p.busy) void act.loadPolicies();
  }, [p.loaded, p.busy, act]);

  const versions = allVersions(p);
  const active = activePolicyVersion(p.governed);
  const selected = versions.find((v) => v.id === p.selectedId) ?? active ?? versions[0];
  const pair = p.compare ?? (selected && active && selected.id !== active.id ? ([active.id, selected.id] as const) : null);

  return (
    <section className="gov-view" data-testid="policy-view" aria-labelledby="policy-title">
      <header className="gov-header">
        <h2 id="policy-title">Policies</h2>
        <div className="gov-actions">
          <button type="button" onClick={() => void act.loadPolicies()} disabled={p.busy} data-testid="policy-reload">
            {p.busy ? 'Fetching…' : 'Fetch from ERP'}
          </button>
          <button type="button" onClick={() => void act.startPolicyDraft(selected?.id)} disabled={!selected} data-testid="policy-new-draft">
            New draft from selected
          </button>
          <button type="button" onClick={() => void act.importPolicyFile()} data-testid="policy-import">
            Import JSON…
          </button>
        </div>
      </header>
      <MessageBanner message={p.message} onDismiss={act.dismissPolicyMessage} testId="policy-message" />
      {p.whatIf ? (
        <p className={`gov-whatif ${p.whatIf.status === 'draft' ? 'gov-warning' : ''}`} data-testid="policy-whatif">
          What-if runs with {policyLabel({ ...p.whatIf, name: versions.find((v) => v.id === p.whatIf?.id)?.name })}
          {p.whatIf.status === 'draft' ? ': decisions proposed now need a supervisor.' : '.'}
        </p>
      ) : null}
      {versions.length === 0 ? (
        <p className="empty-state">{p.loaded ? 'No policy yet. Sign in and connect to the ERP, then press "Fetch from ERP".' : 'Loading policies…'}</p>
      ) : (
        <div className="gov-columns">
          <nav aria-label="Policy versions" className="gov-list">
            <ul>
              {versions.map((v) => (
                <li key={v.id}>
                  <button
                    type="button"
                    aria-current={selected?.id === v.id ? 'true' : undefined}
                    onClick={() => act.selectPolicy(v.id)}
                    data-testid={`policy-item-${v.id}`}
                  >
                    <span>{v.status === 'draft' ? v.name : `v${v.version} ${v.name}`}</span>
                    <span className={`gov-badge gov-${v.status}`}>{v.id === active?.id ? 'active' : v.status}</span>
                    {p.whatIf?.id === v.id ? <span className="gov-badge">what-if</span> : null}
                  </button>
                </li>
              ))}
            </ul>
          </nav>
          {selected ? (
            <article className="gov-main" data-testid="policy-selected" data-policy-id={selected.id}>
              <h3>
                {selected.status === 'draft' ? selected.name : `v${selected.version} — ${selected.name}`} <span className={`gov-badge gov-${selected.status}`}>{selected.id === active?.id ? 'active' : selected.status}</span>
              </h3>
              <p className="gov-meta">
                {selected.effectiveFrom ? `In force from ${new Date(selected.effectiveFrom).toLocaleString()}. ` : ''}
                Created by {selected.createdBy} on {new Date(selected.createdAt).toLocaleString()}
                {selected.basedOn !== null ? `, from v${selected.basedOn}` : ''}. {selected.note}
              </p>
              <div className="gov-actions">
                <button type="button" onClick={() => void act.exportPolicy(selected.id)} data-testid="policy-export">Export JSON</button>
                {selected.status !== 'retired' ? (
                  <button type="button" onClick={() => void act.useInWhatIf(selected.id)} disabled={p.whatIf?.id === selected.id} data-testid="policy-use-whatif">
                    Use in what-if
                  </button>
                ) : null}
                {selected.status === 'draft' ? (
                  <button type="button" onClick={() => void act.deletePolicyDraft(selected.id)} data-testid="policy-delete-draft">Delete draft</button>
                ) : null}
              </div>
              {selected.status === 'draft' ? <PublishControl blocker={publishBlocker(p, selected, role)} next={latestPolicyVersionNumber(p.governed) + 1} busy={p.busy} onPublish={() => void act.publishPolicyDraft(selected.id)} /> : null}
              {selected.status === 'draft' ? (
                <DraftEditor
                  key={`${selected.id}`}
                  draft={selected}
                  check={p.lastCheck?.draftId === selected.id ? p.lastCheck : null}
                  onSave={(c) => void act.updatePolicyDraft(selected.id, c)}
                  onRename={(n) => void act.renamePolicyDraft(selected.id, n)}
                />
              ) : (
                <PolicyDetails policy={selected.policy} />
              )}
              {p.lastCheck?.draftId === '(import)' && p.lastCheck.issues.length > 0 ? (
                <ul className="gov-issues" role="alert" data-testid="policy-issues">
                  {p.lastCheck.issues.map((i, k) => (
                    <li key={k}>
                      <code>{i.field}</code>: expected {i.expected}, found {i.found}
                    </li>
                  ))}
                </ul>
              ) : null}
            </article>
          ) : null}
        </div>
      )}
      {versions.length > 1 ? <PolicyCompare versions={versions} pair={pair} onChange={act.comparePolicyVersions} /> : null}
    </section>
  );
}

/** "Publish draft as version N+1" for a supervisor; anyone else sees why they cannot. */
function PublishControl({ blocker, next, busy, onPublish }: { blocker: string | null; next: number; busy: boolean; onPublish: () => void }) {
  return (
    <div className="gov-publish" data-testid="policy-publish">
      <button type="button" onClick={onPublish} disabled={blocker !== null || busy} aria-describedby={blocker !== null ? 'policy-publish-why-not' : undefined} data-testid="policy-publish-button">
        Publish draft as version {next}
      </button>
      {blocker !== null ? (
        <p id="policy-publish-why-not" className="gov-meta" data-testid="policy-publish-why-not">
          {blocker}
        </p>
      ) : (
        <p className="gov-meta">Publishing makes it the governed policy in force for everyone once they fetch the policies; the audit log records who published it.</p>
      )}
    </div>
  );
}
