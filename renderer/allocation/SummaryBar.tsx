// The summary bar: fill rate (units, lines, value), late lines and margin, the ERP's current reservations vs the
// plan, with the change coloured by whether it helps.
import { formatMoney, formatNumber, formatPercent } from '../grid/format';
import type { SummaryFigure } from './selectors';

function show(kind: SummaryFigure['kind'], v: number): string {
  if (kind === 'percent') return formatPercent(v);
  if (kind === 'money') return formatMoney(v / 100);
  return formatNumber(v);
}

function change(f: SummaryFigure): { text: string; tone: 'better' | 'worse' | 'same' } {
  const d = f.after - f.before;
  if (Math.abs(d) < 1e-9) return { text: 'no change', tone: 'same' };
  const better = f.higherIsBetter ? d > 0 : d < 0;
  const sign = d > 0 ? '+' : '−';
  const abs = Math.abs(d);
  const text = f.kind === 'percent' ? `${sign}${formatNumber(Math.round(abs * 1000) / 10)} pts` : `${sign}${show(f.kind, abs)}`;
  return { text, tone: better ? 'better' : 'worse' };
}

export function SummaryBar({ figures }: { figures: readonly SummaryFigure[] }) {
  if (figures.length === 0) return null;
  return (
    <dl className="alloc-summary" data-testid="allocation-summary" aria-label="Plan summary: ERP reservations before, plan after">
      <div className="alloc-summary-figure alloc-summary-scope">
        <dt>Whole plan</dt>
        <dd>ERP today → plan</dd>
      </div>
      {figures.map((f) => {
        const c = change(f);
        return (
          <div key={f.id} className="alloc-summary-figure" data-testid={`summary-${f.id}`} data-before={f.before} data-after={f.after}>
            <dt>{f.label}</dt>
            <dd>
              <span className="alloc-before" title="ERP's current reservations">{show(f.kind, f.before)}</span>
              <span aria-hidden="true"> → </span>
              <span className="alloc-after" title="The plan">{show(f.kind, f.after)}</span>
              <span className={`alloc-delta alloc-delta-${c.tone}`}> ({c.text})</span>
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
