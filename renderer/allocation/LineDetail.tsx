// The side panel for one line: why it ranks where it does (each score factor's points), where its units come from,
// why the rest is short, and the planner's edits on it.
import { SCORE_FACTORS } from '../../shared/engine/types';
import type { AllocationRow } from '../engine-worker/allocation-row';
import { formatDate, formatNumber, formatQuantity } from '../grid/format';
import { FACTOR_LABELS } from './allocation-columns';

export function LineDetail({ row, onClose }: { row: AllocationRow; onClose: () => void }) {
  const max = Math.max(1, ...SCORE_FACTORS.map((f) => row.scoreBreakdown[f]));
  return (
    <aside className="alloc-detail" data-testid="allocation-line-detail" aria-label={`Line ${row.orderLineId}`}>
      <header>
        <h3>
          {row.orderLineId} · {row.customerName}
        </h3>
        <button type="button" onClick={onClose} aria-label="Close line details">
          ×
        </button>
      </header>
      <p className="alloc-detail-sub">
        Tier {row.tier} {row.channel} · {row.itemId} from {row.warehouseId} · promised {row.promisedDate ? formatDate(row.promisedDate) : '—'} · strategy {row.strategy}
      </p>
      <h4>
        Rank {row.rank} in {row.groupId}, score {formatNumber(Math.round(row.score * 10) / 10)}
      </h4>
      <table className="alloc-factors" data-testid="score-breakdown">
        <tbody>
          {SCORE_FACTORS.map((f) => (
            <tr key={f}>
              <th scope="row">{FACTOR_LABELS[f]}</th>
              <td className="wb-num">{formatNumber(Math.round(row.scoreBreakdown[f] * 10) / 10)}</td>
              <td className="alloc-factor-bar">
                <span style={{ width: `${(100 * row.scoreBreakdown[f]) / max}%` }} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {row.priorityOverride !== null ? <p>Planner priority {row.priorityOverride} ranks it ahead of every scored line.</p> : null}
      {row.locked ? <p>Locked: keeps its ERP reservation of {formatQuantity(row.erpReservedQty)} and gets no decision.</p> : null}
      <h4>Why</h4>
      <p data-testid="line-explanation">{row.explanation}</p>
      {row.allocationDetails.length > 0 ? (
        <ul className="alloc-slices">
          {row.allocationDetails.map((d, i) => (
            <li key={i}>{d}</li>
          ))}
        </ul>
      ) : null}
    </aside>
  );
}
