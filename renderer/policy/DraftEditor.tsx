/**
 * Editing a draft: weights and segment strategies in a form, everything else as JSON. "Check and save" runs the
 * draft validation; refusals are listed by field, normalised weights are saved and the change is spelled out.
 */
import { useState } from 'react';
import { CHANNELS, ORDER_TYPES } from '../../shared/domain';
import { SCORE_FACTORS, STRATEGIES } from '../../shared/engine/types';
import { governedSegments } from '../../shared/governance';
import type { PolicyVersion } from '../../shared/governance';
import type { DraftCheckView } from './policy-slice';

interface SegmentRow {
  tier: string;
  channel: string;
  orderType: string;
  strategy: string;
}

function toRows(v: PolicyVersion): SegmentRow[] {
  return governedSegments(v.policy).map((s) => ({ tier: s.tier === undefined ? '' : String(s.tier), channel: s.channel ?? '', orderType: s.orderType ?? '', strategy: s.strategy }));
}

/** The candidate policy from the form: numbers as typed (bad ones are refused by the check, not coerced). */
function candidateOf(v: PolicyVersion, weights: Record<string, string>, segments: SegmentRow[], json: string): unknown {
  let rest: Record<string, unknown>;
  try {
    rest = JSON.parse(json) as Record<string, unknown>;
  } catch {
    return { __jsonError: true };
  }
  const w: Record<string, unknown> = {};
  for (const f of SCORE_FACTORS) {
    const raw = (weights[f] ?? '').trim();
    w[f] = raw === '' || Number.isNaN(Number(raw)) ? raw : Number(raw);
  }
  const segs = segments.map((s) => {
    const out: Record<string, unknown> = { strategy: s.strategy };
    if (s.tier.trim() !== '') out.tier = Number.isNaN(Number(s.tier)) ? s.tier.trim() : Number(s.tier);
    if (s.channel.trim() !== '') out.channel = s.channel.trim();
    // Typed, not picked: an unknown order type reaches the check and is refused there, by field.
    if (s.orderType.trim() !== '') out.orderType = s.orderType.trim();
    return out;
  });
  return { ...v.policy, ...rest, weights: w, segments: segs };
}

function restJson(v: PolicyVersion): string {
  const { weights: _w, segments: _s, ...rest } = v.policy;
  return JSON.stringify(rest, null, 2);
}

export function DraftEditor({ draft, check, onSave, onRename }: { draft: PolicyVersion; check: DraftCheckView | null; onSave: (candidate: unknown) => void; onRename: (name: string) => void }) {
  const [weights, setWeights] = useState<Record<string, string>>(() => Object.fromEntries(SCORE_FACTORS.map((f) => [f, String(draft.policy.weights[f])])));
  const [segments, setSegments] = useState<SegmentRow[]>(() => toRows(draft));
  const [json, setJson] = useState(() => restJson(draft));
  const [name, setName] = useState(draft.name);
  const [jsonError, setJsonError] = useState<string | null>(null);
  const total = SCORE_FACTORS.reduce((s, f) => s + (Number(weights[f]) || 0), 0);

  const save = () => {
    const c = candidateOf(draft, weights, segments, json);
    if ((c as { __jsonError?: boolean }).__jsonError) {
      setJsonError('The other settings are not valid JSON: fix the text (a missing comma or quote?) and save again.');
      return;
    }
    setJsonError(null);
    onSave(c);
  };
  const setSeg = (i: number, p: Partial<SegmentRow>) => setSegments((rows) => rows.map((r, j) => (j === i ? { ...r, ...p } : r)));

  return (
    <form
      className="gov-editor"
      data-testid="draft-editor"
      onSubmit={(e) => {
        e.preventDefault();
        save();
      }}
    >
      <label>
        Draft name <input value={name} onChange={(e) => setName(e.target.value)} onBlur={() => name !== draft.name && onRename(name)} data-testid="draft-name" />
      </label>
      <fieldset>
        <legend>Scoring weights (sum now {Math.round(total * 100) / 100}; saved weights always sum to 100)</legend>
        {SCORE_FACTORS.map((f) => (
          <label key={f} className="gov-weight">
            {f}
            <input inputMode="decimal" value={weights[f] ?? ''} onChange={(e) => setWeights((w) => ({ ...w, [f]: e.target.value }))} data-testid={`draft-weight-${f}`} />
          </label>
        ))}
      </fieldset>
      <fieldset>
        <legend>Strategies by segment (tier 1-3, channel and/or order type; first match wins)</legend>
        <datalist id="gov-channels">
          {CHANNELS.map((c) => (
            <option key={c} value={c} />
          ))}
        </datalist>
        <datalist id="gov-order-types">
          {ORDER_TYPES.map((t) => (
            <option key={t} value={t} />
          ))}
        </datalist>
        <table className="gov-table">
          <thead>
            <tr><th>Tier</th><th>Channel</th><th>Order type</th><th>Strategy</th><th /></tr>
          </thead>
          <tbody>
            {segments.map((s, i) => (
              <tr key={i} data-testid={`draft-segment-${i}`}>
                <td><input aria-label={`Segment ${i + 1} tier`} value={s.tier} onChange={(e) => setSeg(i, { tier: e.target.value })} size={3} data-testid={`draft-segment-${i}-tier`} /></td>
                <td><input aria-label={`Segment ${i + 1} channel`} list="gov-channels" value={s.channel} onChange={(e) => setSeg(i, { channel: e.target.value })} data-testid={`draft-segment-${i}-channel`} /></td>
                <td><input aria-label={`Segment ${i + 1} order type`} list="gov-order-types" value={s.orderType} onChange={(e) => setSeg(i, { orderType: e.target.value })} data-testid={`draft-segment-${i}-orderType`} /></td>
                <td>
                  <select aria-label={`Segment ${i + 1} strategy`} value={s.strategy} onChange={(e) => setSeg(i, { strategy: e.target.value })} data-testid={`draft-segment-${i}-strategy`}>
                    {STRATEGIES.map((x) => (
                      <option key={x} value={x}>{x}</option>
                    ))}
                  </select>
                </td>
                <td><button type="button" onClick={() => setSegments((rows) => rows.filter((_, j) => j !== i))}>Remove</button></td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" onClick={() => setSegments((rows) => [...rows, { tier: '', channel: '', orderType: '', strategy: 'redistribute' }])} data-testid="draft-add-segment">
          Add segment
        </button>
      </fieldset>
      <details>
        <summary>Other settings (quotas, safety stock, holds, costs, approval limits) as JSON</summary>
        <textarea aria-label="Other policy settings as JSON" rows={14} cols={80} value={json} onChange={(e) => setJson(e.target.value)} spellCheck={false} data-testid="draft-json" />
      </details>
      {jsonError ? <p role="alert" className="gov-error">{jsonError}</p> : null}
      {check && check.notices.length > 0 ? (
        <ul className="gov-notices" data-testid="policy-notices">
          {check.notices.map((n, i) => (
            <li key={i}>{n.message}</li>
          ))}
        </ul>
      ) : null}
      {check && check.issues.length > 0 ? (
        <ul className="gov-issues" role="alert" data-testid="policy-issues">
          {check.issues.map((i, k) => (
            <li key={k}>
              <code>{i.field}</code>: expected {i.expected}, found {i.found}
            </li>
          ))}
        </ul>
      ) : null}
      <button type="submit" data-testid="draft-save">Check and save</button>
    </form>
  );
}
