// Named scenarios: save the session's edits under a name, reopen or delete a saved one, compare with the baseline,
// and propose decisions from the scenario's differences.
import { useState } from 'react';
import type { FormEvent } from 'react';
import { formatDateTime } from '../grid/format';
import type { ScenarioActions, ScenariosState } from './scenarios-slice';

export interface ScenarioPanelProps {
  scenarios: ScenariosState;
  actions: ScenarioActions;
  editCount: number;
  ready: boolean;
}

export function ScenarioPanel({ scenarios, actions, editCount, ready }: ScenarioPanelProps) {
  const [name, setName] = useState('');
  const { active, list, busy, message } = scenarios;

  async function save(e: FormEvent) {
    e.preventDefault();
    if (await actions.saveScenario(name)) setName('');
  }

  return (
    <section className="alloc-scenarios" aria-label="Scenarios" data-testid="scenario-panel">
      <h3>
        Scenario{active ? <span data-testid="active-scenario">: {active.name}</span> : null}
      </h3>
      <form onSubmit={save} className="alloc-scenario-save">
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder="Scenario name" aria-label="Scenario name" data-testid="scenario-name" maxLength={120} />
        <button type="submit" disabled={!ready || busy !== null} data-testid="scenario-save">
          Save as
        </button>
        {active ? (
          <button type="button" disabled={!ready || busy !== null} onClick={() => void actions.saveScenario(active.name, { overwrite: true })} data-testid="scenario-save-over">
            Save over "{active.name}"
          </button>
        ) : null}
      </form>
      <div className="alloc-scenario-actions">
        <button type="button" disabled={!ready || busy !== null} onClick={() => void actions.compareWithBaseline()} data-testid="scenario-compare">
          Compare with baseline
        </button>
        <button type="button" disabled={!ready || busy !== null || editCount === 0} onClick={() => void actions.proposeDecisions()} data-testid="propose-decisions">
          Propose decisions
        </button>
      </div>
      {busy ? (
        <p className="alloc-busy" role="status">
          <progress /> {busy}
        </p>
      ) : null}
      {message ? (
        <p className={`alloc-message alloc-message-${message.tone}`} role={message.tone === 'error' ? 'alert' : 'status'} data-testid="scenario-message">
          {message.text}
          <button type="button" aria-label="Dismiss" onClick={actions.dismissScenarioMessage}>
            ×
          </button>
        </p>
      ) : null}
      {list.length === 0 ? (
        <p className="empty-state">No saved scenarios. Make edits in the grid, name them above and press Save as.</p>
      ) : (
        <ul className="alloc-scenario-list" data-testid="scenario-list">
          {list.map((s) => (
            <li key={s.id} data-testid="scenario-item" data-scenario-name={s.name}>
              <span className="alloc-scenario-name">{s.name}</span>
              <span className="alloc-scenario-meta">
                {s.editCount} edit{s.editCount === 1 ? '' : 's'} · {formatDateTime(s.updatedAt)}
              </span>
              <button type="button" disabled={busy !== null} onClick={() => void actions.openScenario(s.id)} aria-label={`Open scenario ${s.name}`}>
                Open
              </button>
              <button type="button" disabled={busy !== null} onClick={() => void actions.deleteScenario(s.id)} aria-label={`Delete scenario ${s.name}`}>
                Delete
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
