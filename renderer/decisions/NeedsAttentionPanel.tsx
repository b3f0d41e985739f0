/**
 * Decisions the ERP refused on a conflict that could not be rebased: base (what the planner saw), current ERP and
 * proposed side by side, with re-apply on the current rows, edit (change the payload and send), or discard.
 */
import { useState } from 'react';
import { validateDecision } from '../../shared/domain';
import type { Decision } from '../../shared/domain';
import { useWorkbenchStore } from '../state';
import type { DecisionView } from '../state';

function Block({ title, value }: { title: string; value: unknown }) {
  return (
    <div className="attention-col">
      <h4>{title}</h4>
      <pre>{value === undefined ? '—' : JSON.stringify(value, null, 2)}</pre>
    </div>
  );
}

function AttentionItem({ d }: { d: DecisionView }) {
  const store = useWorkbenchStore();
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(() => JSON.stringify(d.decision.payload, null, 2));
  const [error, setError] = useState<string | null>(null);

  const sendEdited = () => {
    let payload: unknown;
    try {
      payload = JSON.parse(text);
    } catch (e) {
      setError(`The payload is not valid JSON: ${e instanceof Error ? e.message : String(e)}`);
      return;
    }
    const edited = { ...d.decision, payload } as Decision;
    const check = validateDecision(edited);
    if (!check.ok) {
      setError(check.issues.map((i) => i.message).join(' '));
      return;
    }
    setError(null);
    void store.getState().resolveNeedsAttention(d.id, 'edit', edited);
  };

  return (
    <li className="attention-item" data-testid={`attention-${d.id}`}>
      <header>
        <strong>{d.id}</strong> — {d.summary}
        <p className="error">{d.attention?.reason ?? d.erpMessage ?? 'The ERP rows changed since the decision was approved.'}</p>
      </header>
      <div className="attention-grid">
        <Block title="Base (when approved)" value={d.attention?.base} />
        <Block title="Current ERP" value={d.attention?.current} />
        <Block title="Proposed" value={d.attention?.proposed ?? d.decision.payload} />
      </div>
      {editing ? (
        <div className="attention-edit">
          <label>
            Payload to send
            <textarea rows={6} value={text} onChange={(e) => setText(e.target.value)} data-testid="attention-payload" />
          </label>
          {error ? (
            <p role="alert" className="error">
              {error}
            </p>
          ) : null}
        </div>
      ) : null}
      <div className="actions">
        <button type="button" className="primary" onClick={() => void store.getState().resolveNeedsAttention(d.id, 'reapply')} data-testid="attention-reapply">
          Re-apply on current ERP
        </button>
        {editing ? (
          <button type="button" onClick={sendEdited} data-testid="attention-send-edited">
            Send edited
          </button>
        ) : (
          <button type="button" onClick={() => setEditing(true)} data-testid="attention-edit">
            Edit…
          </button>
        )}
        <button type="button" className="danger" onClick={() => void store.getState().resolveNeedsAttention(d.id, 'discard')} data-testid="attention-discard">
          Discard
        </button>
      </div>
    </li>
  );
}

export function NeedsAttentionPanel({ items }: { items: readonly DecisionView[] }) {
  if (items.length === 0) return null;
  return (
    <section className="attention" aria-labelledby="attention-title" data-testid="needs-attention">
      <h3 id="attention-title">Needs attention ({items.length})</h3>
      <ul>
        {items.map((d) => (
          <AttentionItem key={d.id} d={d} />
        ))}
      </ul>
    </section>
  );
}
