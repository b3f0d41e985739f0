/** Two versions side by side: every field that differs, by path. */
import { useMemo } from 'react';
import type { PolicyVersion } from '../../shared/governance';
import { comparePolicies } from '../../shared/governance';

const show = (v: unknown) => (v === undefined ? '—' : String(v));

export function PolicyCompare({ versions, pair, onChange }: { versions: readonly PolicyVersion[]; pair: readonly [string, string] | null; onChange: (before: string, after: string) => void }) {
  const before = versions.find((v) => v.id === pair?.[0]);
  const after = versions.find((v) => v.id === pair?.[1]);
  const diffs = useMemo(() => (before && after ? comparePolicies(before.policy, after.policy) : []), [before, after]);
  const label = (v: PolicyVersion) => (v.status === 'draft' ? `${v.name} (draft)` : `v${v.version} ${v.name} (${v.status})`);
  return (
    <section className="gov-compare" aria-label="Compare two versions" data-testid="policy-compare">
      <h3>Compare versions</h3>
      <label>
        Before{' '}
        <select value={pair?.[0] ?? ''} onChange={(e) => onChange(e.target.value, pair?.[1] ?? e.target.value)} data-testid="compare-before">
          <option value="">choose…</option>
          {versions.map((v) => (
            <option key={v.id} value={v.id}>{label(v)}</option>
          ))}
        </select>
      </label>{' '}
      <label>
        After{' '}
        <select value={pair?.[1] ?? ''} onChange={(e) => onChange(pair?.[0] ?? e.target.value, e.target.value)} data-testid="compare-after">
          <option value="">choose…</option>
          {versions.map((v) => (
            <option key={v.id} value={v.id}>{label(v)}</option>
          ))}
        </select>
      </label>
      {!before || !after ? (
        <p>Choose two versions to see what differs.</p>
      ) : diffs.length === 0 ? (
        <p data-testid="compare-same">The two versions hold the same policy.</p>
      ) : (
        <table className="gov-table" data-testid="compare-table">
          <thead>
            <tr><th>Field</th><th>{label(before)}</th><th>{label(after)}</th></tr>
          </thead>
          <tbody>
            {diffs.map((d) => (
              <tr key={d.field} data-field={d.field}>
                <td><code>{d.field}</code></td>
                <td>{show(d.before)}</td>
                <td>{show(d.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
