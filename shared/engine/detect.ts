// Detection: exceptions the plan reveals, next to the ones the ERP sends — backorder (open quantity the plan cannot
// fill), late risk (planned ship date after the promise), inventory variance (ERP reserved vs WMS committed beyond
// the tolerance), allocation dispute (the plan takes stock the ERP reserved for another customer), substitution
// request, and hold blocking allocation. Severity comes from business impact: value at risk, tier, days late, contract.
import type { ExceptionType, IsoDateTime, Severity } from '../domain';
import { PASS_FROZEN } from './allocate/run';
import { SRC_ON_HAND, SRC_SUBSTITUTE } from './allocate/sources';
import { WIN } from './context';
import type { GroupView } from './group-view';
import { isoOf } from './model/dates';
import type { DerivedException } from './types';

const TIER_WEIGHT = [1, 2, 1.5, 1] as const;
const NO_TAKERS: readonly number[] = [];

/** The line an exception is about (built only when one is raised). */
function subjectOf(a: GroupView, j: number): { orderLineId: string; itemId: string; warehouseId: string } {
  const m = a.ctx.m;
  return { orderLineId: m.lineIds[j]!, itemId: m.itemIds[m.lItem[j]!]!, warehouseId: m.whIds[a.results.effWh[j]!]! };
}

/** Severity from the impact in cents, weighted by tier, lateness and a contractual commitment. */
export function severityOf(impactCents: number, tier: number, daysLate: number, commitment: number, win: boolean): Severity {
  const weighted = impactCents * (TIER_WEIGHT[tier] ?? 1) * (1 + Math.min(daysLate, 28) / 7) * (commitment >= 0.95 ? 1.5 : 1);
  let level = weighted >= 1_000_000 ? 3 : weighted >= 200_000 ? 2 : weighted >= 20_000 ? 1 : 0;
  if (win && level < 3) level++;
  return (['low', 'medium', 'high', 'critical'] as const)[level]!;
}

/**
 * Derived exceptions for one allocated group: per line in rank order, then variances per balance. Every rule runs
 * either way; with `out` null only the count is returned (a full run needs how many, the objects and their text are
 * composed when someone reads them), else the exceptions are appended to `out` too.
 */
export function detectGroupExceptions(a: GroupView, g: number, out: DerivedException[] | null): number {
  const { m, policy, strategy } = a.ctx;
  const R = a.results;
  const S = R.slices;
  const W = m.W;
  const detectedAt = `${m.asOf}T00:00:00.000Z` as IsoDateTime;
  let count = 0;
  const raise = (type: ExceptionType, subject: string, fields: { orderLineId?: string; itemId: string; warehouseId: string }, severity: Severity, impactCents: number, reason: string): void => {
    // One literal shape for every exception (line-less ones leave orderLineId out).
    const e: DerivedException = fields.orderLineId === undefined
      ? { id: `X-${type}-${subject}`, type, itemId: fields.itemId, warehouseId: fields.warehouseId, severity, detectedAt, status: 'open', sourceSystem: 'workbench', reason, version: 1, modifiedAt: detectedAt, impactCents }
      : { id: `X-${type}-${subject}`, type, orderLineId: fields.orderLineId, itemId: fields.itemId, warehouseId: fields.warehouseId, severity, detectedAt, status: 'open', sourceSystem: 'workbench', reason, version: 1, modifiedAt: detectedAt, impactCents };
    out!.push(e);
  };
  const order = a.order;
  for (let x = 0; x < order.length; x++) {
    const j = order[x]!;
    const c = m.lCust[j]!;
    const price = m.lPrice[j]!;
    const win = strategy[j] === WIN;
    const short = R.demand[j]! - R.allocated[j]!;
    const first = S.head[j]!;
    let last = -1;
    let sub = -1;
    for (let s = first; s >= 0; s = S.next[s]!) {
      if (S.day[s]! > last) last = S.day[s]!;
      if (sub < 0 && S.source[s] === SRC_SUBSTITUTE) sub = s;
    }
    const daysLate = last > m.lPromised[j]! ? last - m.lPromised[j]! : 0;
    if (m.lHold[j] !== 0 && short > 0 && R.allocated[j]! <= m.lReserved[j]!) {
      count++;
      if (out) {
        const lineId = m.lineIds[j]!;
        const type = m.lHold[j] === 1 ? 'credit-hold' : 'compliance-hold';
        raise(type, lineId, subjectOf(a, j), severityOf(short * price, m.custTier[c]!, 0, m.custCommit[c]!, false), short * price, `${lineId}: ${m.lHold[j] === 1 ? 'credit' : 'compliance'} hold blocks ${short} units worth ${(short * price / 100).toFixed(2)}`);
      }
      continue;
    }
    if (short > 0 && R.pass[j] !== PASS_FROZEN) {
      count++;
      if (out) {
        const lineId = m.lineIds[j]!;
        raise('backorder', lineId, subjectOf(a, j), severityOf(short * price, m.custTier[c]!, 0, m.custCommit[c]!, win), short * price,
          `${lineId}: ${short} of ${R.demand[j]!} cannot be filled by the plan${win ? ' (win strategy: must fill fully on time)' : ''}`);
      }
    }
    if (daysLate > 0) {
      count++;
      if (out) {
        const lineId = m.lineIds[j]!;
        let lateUnits = 0;
        for (let s = first; s >= 0; s = S.next[s]!) if (S.day[s]! > m.lPromised[j]!) lateUnits += S.lineQty[s]!;
        raise('shipment-delay', lineId, subjectOf(a, j), severityOf(lateUnits * price, m.custTier[c]!, daysLate, m.custCommit[c]!, win), lateUnits * price,
          `${lineId}: ${lateUnits} units ship ${daysLate} day${daysLate === 1 ? '' : 's'} after the promise (${isoOf(m.lPromised[j]!)})`);
      }
    }
    if (sub >= 0) {
      const subItem = S.item[sub]!, subQty = S.lineQty[sub]!;
      const rule = m.rulesOf[m.lItem[j]!]!.find((r) => r.sub === subItem);
      if (rule?.requiresApproval) {
        count++;
        if (out) {
          const lineId = m.lineIds[j]!;
          raise('substitution-request', lineId, subjectOf(a, j), severityOf(subQty * price, m.custTier[c]!, 0, m.custCommit[c]!, false), subQty * price,
            `${lineId}: plan fills ${subQty} with ${m.itemIds[subItem]!}; the rule requires approval`);
        }
      }
    }
    // Allocation dispute: the line keeps less than the ERP reserved at its warehouse because another customer's line took it.
    if (R.effWh[j] === m.lWh[j] && R.pass[j] !== PASS_FROZEN) {
      const key = m.lItem[j]! * W + m.lWh[j]!;
      let home = 0;
      for (let s = first; s >= 0; s = S.next[s]!) if (S.source[s] === SRC_ON_HAND && S.item[s] === m.lItem[j] && S.wh[s] === m.lWh[j]) home += S.qty[s]!;
      const lost = m.lReserved[j]! - home;
      if (lost > 0) {
        const takers = a.takers.get(key) ?? NO_TAKERS;
        let rival = -1;
        for (let p = 0; p < takers.length; p += 2) {
          const k = takers[p]!;
          if (k !== j && m.lCust[k] !== c) {
            rival = k;
            break;
          }
        }
        if (rival >= 0) {
          count++;
          if (out) {
            const lineId = m.lineIds[j]!;
            raise('allocation-dispute', lineId, subjectOf(a, j), severityOf(lost * price, m.custTier[c]!, 0, m.custCommit[c]!, win), lost * price,
              `${lineId}: ${lost} units the ERP reserved for ${m.custIds[c]!} go to ${m.lineIds[rival]!} (${m.lines[rival]!.customerId}) in the plan`);
          }
        }
      }
    }
  }
  for (const i of m.groupItems[g]!) {
    const whs = m.itemWarehouses[i]!;
    for (let x = 0; x < whs.length; x++) {
      const b = m.balanceOf[i * W + whs[x]!]!;
      const gap = m.balGap[b]!;
      if (Math.abs(gap) > policy.varianceToleranceUnits) {
        count++;
        if (!out) continue;
        const r = m.balances[b]!;
        const impact = Math.abs(gap) * m.snapshot.items[i]!.unitPrice;
        raise('inventory-variance', r.id, { itemId: r.itemId, warehouseId: r.warehouseId }, severityOf(impact, 3, 0, 0, false), impact,
          `${r.id}: ERP reserved ${r.erpReservedQty}, WMS committed ${r.wmsCommittedQty} (${gap > 0 ? `${gap} more committed than the ERP knows` : `${-gap} fewer committed`})`);
      }
    }
  }
  return count;
}
