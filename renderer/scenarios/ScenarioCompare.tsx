// The scenario beside the baseline (the plan with no edits): summary figures side by side, then every line whose
// rank, fill, source or ship date differs.
import type { StateFigures } from '../../shared/engine/types';
import type { ScenarioComparison } from '../engine-worker/protocol';
import { formatDate, formatMoney, formatNumber, formatPercent, formatQuantity } from '../grid/format';

const ROWS: readonly { label: string; read: (f: StateFigures) => number; kind: 'percent' | 'count' | 'money' | 'qty' }[] = [
  { label: 'Fill rate (units)', read: (f) => f.fillRateUnits, kind: 'percent' },
  { label: 'Fill rate (lines)', read: (f) => f.fillRateLines, kind: 'percent' },
  { label: 'Fill rate (value)', read: (f) => f.fillRateValue, kind: 'percent' },
  { label: 'Allocated units', read: (f) => f.allocatedUnits, kind: 'qty' },
  { label: 'Late lines', read: (f) => f.lateLines, kind: 'count' },
  { label: 'Margin', read: (f) => f.marginCents, kind: 'money' },
  { label: 'Transfer + substitution + premium cost', read: (f) => f.transferCostCents + f.substitutionCostCents + f.premiumCostCents, kind: 'money' },
];

function show(kind: (typeof ROWS)[number]['kind'], v: number): string {
  if (kind === 'percent') return formatPercent(v);
  if (kind === 'money') return formatMoney(v / 100);
  if (kind === 'qty') return formatQuantity(v);
  return formatNumber(v);
}

export function ScenarioCompare({ comparison, scenarioName, onClose }: { comparison: ScenarioComparison; scenarioName: string | null; onClose: () => void }) {
  const { baseline, scenario, changedLines, changedLineCount } = comparison;
  const name = scenarioName ?? 'Current edits';
  return (
    <section className="alloc-compare" aria-label="Scenario compared with the baseline" data-testid="scenario-compare-panel">
      <header>
        <h3>
          {name} vs baseline
        </h3>
        <button type="button" onClick={onClose} aria-label="Close comparison">
          ×
        </button>
      </header>
      <table className="alloc-compare-summary">
        <thead>
          <tr>
            <th scope="col">Figure</th>
            <th scope="col">ERP today</th>
            <th scope="col">Baseline plan</th>
            <th scope="col">{name}</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map((r) => (
            <tr key={r.label}>
              <th scope="row">{r.label}</th>
              <td className="wb-num">{show(r.kind, r.read(baseline.before))}</td>
              <td className="wb-num">{show(r.kind, r.read(baseline.after))}</td>
              <td className="wb-num">{show(r.kind, r.read(scenario.after))}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4 data-testid="compare-changed-count">
        {changedLineCount === 0 ? 'No line differs from the baseline.' : `${formatNumber(changedLineCount)} line${changedLineCount === 1 ? '' : 's'} differ from the baseline`}
        {changedLines.length < changedLineCount ? ` (first ${changedLines.length} shown)` : ''}
      </h4>
      {changedLines.length > 0 ? (
        <div className="alloc-compare-lines">
          <table data-testid="compare-lines">
            <thead>
              <tr>
                <th scope="col">Line</th>
                <th scope="col">Customer</th>
                <th scope="col">Rank</th>
                <th scope="col">Allocated</th>
                <th scope="col">Short</th>
                <th scope="col">Source</th>
                <th scope="col">Ship date</th>
              </tr>
            </thead>
            <tbody>
              {changedLines.map((l) => (
                <tr key={l.orderLineId} data-line={l.orderLineId}>
                  <td>{l.orderLineId}</td>
                  <td>{l.customerName}</td>
                  <td className="wb-num">
                    {l.baseline.rank} → {l.scenario.rank}
                  </td>
                  <td className="wb-num">
                    {formatQuantity(l.baseline.allocatedQty)} → {formatQuantity(l.scenario.allocatedQty)}
                  </td>
                  <td className="wb-num">
                    {formatQuantity(l.baseline.shortQty)} → {formatQuantity(l.scenario.shortQty)}
                  </td>
                  <td>
                    {l.baseline.source} → {l.scenario.source}
                  </td>
                  <td>
                    {l.baseline.shipDate ? formatDate(l.baseline.shipDate) : '—'} → {l.scenario.shipDate ? formatDate(l.scenario.shipDate) : '—'}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}
