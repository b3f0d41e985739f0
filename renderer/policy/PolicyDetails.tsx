/** A policy shown read-only: weights, segment strategies, quotas, safety stock, holds and approval limits by role. */
import type { Policy } from '../../shared/engine/policy';
import { governedSegments } from '../../shared/governance';
import { formatMoney, formatNumber, formatPercent } from '../grid';

export function PolicyDetails({ policy }: { policy: Policy }) {
  return (
    <div className="gov-details" data-testid="policy-details">
      <h4>Scoring weights (points out of 100)</h4>
      <table className="gov-table">
        <tbody>
          {Object.entries(policy.weights).map(([k, v]) => (
            <tr key={k} data-testid={`policy-weight-${k}`}>
              <th scope="row">{k}</th>
              <td className="num">{formatNumber(v)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>Strategies by segment (first match wins)</h4>
      <table className="gov-table">
        <thead>
          <tr><th>Tier</th><th>Channel</th><th>Order type</th><th>Strategy</th></tr>
        </thead>
        <tbody>
          {governedSegments(policy).map((s, i) => (
            <tr key={i} data-testid={`policy-segment-${i}`}>
              <td>{s.tier ?? 'any'}</td>
              <td>{s.channel ?? 'any'}</td>
              <td>{s.orderType ?? 'any'}</td>
              <td>{s.strategy}</td>
            </tr>
          ))}
          <tr>
            <td colSpan={3}>everyone else</td>
            <td>{policy.defaultStrategy}</td>
          </tr>
        </tbody>
      </table>
      <h4>Quotas</h4>
      {policy.quotas.length === 0 ? (
        <p>No quotas: all stock is shared by every segment.</p>
      ) : (
        <ul>
          {policy.quotas.map((q) => (
            <li key={q.id}>
              {q.id}: {formatPercent(q.share)} of {q.itemId === '*' ? 'every item' : q.itemId} for {[q.channel, q.tiers?.map((t) => `tier ${t}`).join('/')].filter(Boolean).join(', ')}
            </li>
          ))}
        </ul>
      )}
      <h4>Stock and holds</h4>
      <p>
        Tiers that may use safety stock: {policy.safetyStockDipTiers.join(', ') || 'none'}. Credit holds: {policy.holds.credit}; compliance holds: {policy.holds.compliance}.
        Substitutes {policy.sources.substitute ? 'allowed' : 'not allowed'}; transfers {policy.sources.transfer ? 'allowed' : 'not allowed'}; drop-ship {policy.sources.dropShip ? 'allowed' : 'not allowed'}.
      </p>
      <h4>Approval limits by role</h4>
      <table className="gov-table">
        <thead>
          <tr><th>Role</th><th>Max value</th><th>Max quantity</th><th>Customer tiers</th></tr>
        </thead>
        <tbody>
          {Object.entries(policy.approvals).map(([role, a]) => (
            <tr key={role}>
              <th scope="row">{role}</th>
              <td className="num">{a.maxValueCents >= Number.MAX_SAFE_INTEGER ? 'no limit' : formatMoney(a.maxValueCents / 100)}</td>
              <td className="num">{a.maxQty >= Number.MAX_SAFE_INTEGER ? 'no limit' : formatNumber(a.maxQty)}</td>
              <td>{a.minTier === 1 ? 'all' : `tier ${a.minTier} and below`}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
