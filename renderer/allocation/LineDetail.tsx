// The side panel for one line: why it ranks where it does (each score factor's points), where its units come from,
// why the rest is short, and the planner's edits on it.
import { SCORE_FACTORS } from '../../shared/engine/types';
import type { AllocationRow } from '../engine-worker/allocation-row';
import type { LineDetailInfo } from '../engine-worker/protocol';
import { formatDate, formatNumber, formatQuantity } from '../grid/format';
import { FACTOR_LABELS } from './allocation-columns';

const SOURCE_WORDS: Readonly<Record<string, string>> = {
  'on-hand': 'on hand at',
  inbound: 'inbound at',
  transfer: 'transferred from',
  substitute: 'substituted from',
  'drop-ship': 'drop-shipped via',
};

export function LineDetail({ row, detail, onClose }: { row: AllocationRow; detail: LineDetailInfo | null; onClose: () => void }) {
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
      <h4>Where the units come from</h4>
      {detail === null ? (
        <p className="empty-state">Loading…</p>
      ) : detail.allocations.length === 0 ? (
        <p className="empty-state">Nothing allocated: {formatQuantity(row.shortQty)} short.</p>
      ) : (
        <ul className="alloc-slices" data-testid="line-allocations">
          {detail.allocations.map((a, i) => (
            <li key={i}>
              {formatQuantity(a.lineQty)} {a.itemId !== row.itemId ? `(as ${formatQuantity(a.qty)} ${a.itemId}) ` : ''}
              {SOURCE_WORDS[a.source] ?? a.source} {a.source === 'drop-ship' ? (a.dropShipOptionId ?? a.warehouseId) : a.warehouseId}, ships {formatDate(a.shipDate)}
            </li>
          ))}
        </ul>
      )}
    </aside>
  );
}
