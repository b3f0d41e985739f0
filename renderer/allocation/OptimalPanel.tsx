// "Compare with optimal": the current (rule-based) plan beside the exact optimum of the same lines, supply and
// edits — the value gap, fill rates and late lines side by side, how many lines would get another quantity, and the
// lines of the open scope where the two differ most, each of which opens in the grid. A comparison only: nothing here
// changes the plan.
import type { StateFigures } from '../../shared/engine/types';
import type { OptimalComparison } from '../engine-worker/protocol';
import { formatMoney, formatNumber, formatPercent, formatQuantity, getLocale } from '../grid/format';
import type { OptimalComparisonState } from './allocation-slice';
import { describeScope } from './ScopePicker';

const FIGURES: readonly { id: string; label: string; read: (f: StateFigures) => number; kind: 'percent' | 'count' }[] = [
  { id: 'fillRateUnits', label: 'Fill rate (units)', read: (f) => f.fillRateUnits, kind: 'percent' },
  { id: 'fillRateLines', label: 'Fill rate (lines)', read: (f) => f.fillRateLines, kind: 'percent' },
  { id: 'fillRateValue', label: 'Fill rate (value)', read: (f) => f.fillRateValue, kind: 'percent' },
  { id: 'lateLines', label: 'Late lines', read: (f) => f.lateLines, kind: 'count' },
];

const show = (kind: 'percent' | 'count', v: number): string => (kind === 'percent' ? formatPercent(v) : formatNumber(v));

/** "+0.30 %": the gap relative to the current plan's objective, two decimals (gaps are often well under 1 %). */
function relativeGap(gapCents: number, baseCents: number): string | null {
  if (baseCents <= 0) return null;
  const pct = (100 * gapCents) / baseCents;
  return `+${new Intl.NumberFormat(getLocale(), { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(pct)} %`;
}

/** The sentence that answers "how far is the rule-based plan from the optimum?". */
export function describeValueGap(c: Pick<OptimalComparison, 'valueGapCents' | 'priorityObjectiveCents'>): string {
  if (c.valueGapCents <= 0) return 'The current plan is already optimal: the exact optimum is worth no more.';
  const rel = relativeGap(c.valueGapCents, c.priorityObjectiveCents);
  return `The exact optimum is worth ${formatMoney(c.valueGapCents / 100)} more${rel ? ` (${rel})` : ''} than the current plan.`;
}

const plural = (n: number, one: string, many: string) => `${formatNumber(n)} ${n === 1 ? one : many}`;

function Result({ comparison: c, onOpenLine }: { comparison: OptimalComparison; onOpenLine: (orderLineId: string) => void }) {
  const scoped = c.scope.kind !== 'all';
  return (
    <>
      <p className="alloc-optimal-gap" data-testid="optimal-gap" data-gap-cents={c.valueGapCents}>
        {describeValueGap(c)}
      </p>
      <table className="alloc-optimal-figures" data-testid="optimal-figures">
        <thead>
          <tr>
            <th scope="col">Whole plan</th>
            <th scope="col">Current plan</th>
            <th scope="col">Optimal</th>
          </tr>
        </thead>
        <tbody>
          {FIGURES.map((f) => (
            <tr key={f.id} data-figure={f.id}>
              <th scope="row">{f.label}</th>
              <td className="wb-num">{show(f.kind, f.read(c.current.after))}</td>
              <td className="wb-num">{show(f.kind, f.read(c.optimal.after))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p data-testid="optimal-different-count" data-count={c.differentQtyLines} data-count-in-scope={c.differentQtyLinesInScope}>
        {c.differentQtyLines === 0
          ? 'No line would get a different quantity.'
          : `${plural(c.differentQtyLines, 'line', 'lines')} would get a different quantity${scoped ? `, ${formatNumber(c.differentQtyLinesInScope)} of them in the ${describeScope(c.scope)}` : ''}.`}
      </p>
      {c.topLines.length > 0 ? (
        <>
          <h4>
            Largest value differences{scoped ? ` in the ${describeScope(c.scope)}` : ''} (open a line to see it in the grid)
          </h4>
          <table className="alloc-optimal-lines" data-testid="optimal-lines">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Customer</th>
                <th scope="col">Item</th>
                <th scope="col">Current → optimal qty</th>
                <th scope="col" title="A line's value: its allocated units at the unit price less transfer, substitution, premium and lateness costs; optimal minus current">
                  Value difference
                </th>
              </tr>
            </thead>
            <tbody>
              {c.topLines.map((l) => (
                <tr key={l.orderLineId} data-line={l.orderLineId}>
                  <td>
                    <button type="button" className="alloc-link" onClick={() => onOpenLine(l.orderLineId)} aria-label={`Open line ${l.orderLineId}`}>
                      {l.orderLineId}
                    </button>
                  </td>
                  <td>{l.customerName}</td>
                  <td>{l.itemId}</td>
                  <td className="wb-num">
                    {formatQuantity(l.currentQty)} → {formatQuantity(l.optimalQty)}
                  </td>
                  <td className={`wb-num ${l.valueDifferenceCents > 0 ? 'alloc-gain' : l.valueDifferenceCents < 0 ? 'alloc-loss' : ''}`}>
                    {l.valueDifferenceCents > 0 ? '+' : l.valueDifferenceCents < 0 ? '−' : ''}
                    {formatMoney(Math.abs(l.valueDifferenceCents) / 100)}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : scoped ? (
        <p>No line in the {describeScope(c.scope)} is planned differently by the optimum.</p>
      ) : null}
      <p className="alloc-optimal-foot">Computed in {formatNumber(Math.round(c.engineMs))} ms by the allocation engine.</p>
    </>
  );
}

export interface OptimalPanelProps {
  readonly state: OptimalComparisonState;
  readonly stale: boolean;
  readonly onCompare: () => void;
  readonly onClose: () => void;
  readonly onOpenLine: (orderLineId: string) => void;
}

/** The comparison panel; shown once the planner asked for a comparison (idle state renders nothing). */
export function OptimalPanel({ state, stale, onCompare, onClose, onOpenLine }: OptimalPanelProps) {
  if (state.status === 'idle') return null;
  return (
    <section className="alloc-compare alloc-optimal" aria-label="Current plan compared with the exact optimum" data-testid="optimal-panel" data-status={state.status} data-stale={stale}>
      <header>
        <h3>Current plan vs the exact optimum</h3>
        <button type="button" onClick={onClose} aria-label="Close the optimal comparison">
          ×
        </button>
      </header>
      <p className="alloc-optimal-note">
        Optimal mode allocates the same lines, supply and edits for the most weighted value minus transfer, substitution,
        premium and lateness costs, ignoring pack rounding and substitutes with a ratio other than 1; it is a comparison
        only — nothing is applied and your plan stays rule-based.
      </p>
      {state.status === 'running' ? (
        <p className="alloc-busy" role="status" data-testid="optimal-running">
          <progress aria-label="Computing the exact optimum" /> Computing the exact optimum of the whole plan… you can keep editing; your edits are answered right after it.
        </p>
      ) : null}
      {state.status === 'error' && state.error ? (
        <div className="alloc-message alloc-message-error" role="alert" data-testid="optimal-error">
          <p>
            The comparison with the optimum failed: {state.error.message} Try again; if it fails again, use “Re-plan from cache” and compare once more.
          </p>
          <button type="button" onClick={onCompare}>
            Try again
          </button>
        </div>
      ) : null}
      {state.status === 'ready' && stale ? (
        <div className="alloc-message alloc-message-info" role="status" data-testid="optimal-stale">
          <p>Out of date: the plan changed after this comparison (an edit, undo or re-plan). The figures below are for the earlier plan.</p>
          <button type="button" onClick={onCompare}>
            Compare again
          </button>
        </div>
      ) : null}
      {state.status === 'ready' && state.comparison ? <Result comparison={state.comparison} onOpenLine={onOpenLine} /> : null}
    </section>
  );
}
