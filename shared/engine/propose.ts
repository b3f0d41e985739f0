// Proposals: the differences between the plan and the ERP's current reservations, as decisions the supervisor can
// approve and the outbox can send. Each names the rows (and versions) it is based on, the value at stake, the
// line's score snapshot and the role the policy's thresholds require.
import type { BasisRow, Decision, DecisionPayloads, DecisionType, IsoDate, IsoDateTime, Qty, Role } from '../domain';
import { ROLES } from '../domain';
import { PASS_FROZEN, PASS_RELEASED } from './allocate/run';
import { SRC_DROP_SHIP, SRC_INBOUND, SRC_ON_HAND, SRC_SUBSTITUTE, SRC_TRANSFER } from './allocate/sources';
import { HOLD_ALLOCATE } from './context';
import type { GroupView } from './group-view';
import { isoOf } from './model/dates';
import { FACTOR_COUNT, round3 } from './scoring';

/** The role the policy requires for a decision of this value and quantity, for a customer of this tier. */
export function requiredRole(a: GroupView, valueCents: number, qty: number, tier: number, type: DecisionType, holdCode: number): Role {
  if (type === 'release-hold' && holdCode === 1) return 'finance';
  const limits = a.ctx.policy.approvals;
  for (const role of ROLES) {
    const l = limits[role];
    if (valueCents <= l.maxValueCents && qty <= l.maxQty && tier >= l.minTier) return role;
  }
  return 'finance';
}

/** A home-warehouse gain or loss against the ERP's reservation (paired into reallocations). */
interface Change {
  readonly j: number;
  q: number;
}

/**
 * Proposes the decisions for one allocated group, in rank order. Every rule runs either way; with `out` null only
 * the count is returned (a full run needs how many; the decisions and their text are composed when someone reads
 * them), else the decisions are appended to `out` too.
 */
export function proposeGroupDecisions(a: GroupView, _g: number, out: Decision[] | null): number {
  const ctx = a.ctx;
  const { m, policy, holdTreatment, factors, points, scores } = ctx;
  const R = a.results;
  const S = R.slices;
  const W = m.W;
  const proposedAt = `${m.asOf}T00:00:00.000Z` as IsoDateTime;
  let count = 0;
  const order = a.order;
  const lineBasis = (j: number): BasisRow => ({ entity: 'order-lines', id: m.lineIds[j]!, version: m.lines[j]!.version });
  const balanceBasis = (item: number, wh: number): BasisRow[] => {
    const b = m.balanceOf[item * W + wh]!;
    return b >= 0 ? [{ entity: 'inventory-balances', id: m.balances[b]!.id, version: m.balances[b]!.version }] : [];
  };
  // One literal (same keys and order as spreading breakdownOf plus `score`): a spread copies through a slow path.
  const snapshotOf = (j: number): Record<string, number> => {
    const o = j * FACTOR_COUNT;
    return {
      slaUrgency: round3(points[0]! * factors[o]!), margin: round3(points[1]! * factors[o + 1]!), contract: round3(points[2]! * factors[o + 2]!),
      tier: round3(points[3]! * factors[o + 3]!), orderAge: round3(points[4]! * factors[o + 4]!), erpPriority: round3(points[5]! * factors[o + 5]!),
      score: Math.round(scores[j]! * 1000) / 1000,
    };
  };
  const push = <T extends DecisionType>(type: T, id: string, j: number, basis: BasisRow[], payload: DecisionPayloads[T], qty: number, reason: string): void => {
    const value = Math.round(qty * m.lPrice[j]!);
    const d = {
      id, type, basis, payload, reason, proposedBy: policy.proposedBy, proposedAt, status: 'proposed' as const,
      valueAtStake: value, requiredRole: requiredRole(a, value, qty, m.custTier[m.lCust[j]!]!, type, m.lHold[j]!), scoreSnapshot: snapshotOf(j),
    };
    out!.push(d as unknown as Decision);
  };

  // Home-warehouse gains and losses per key, paired into reallocations (rank order on both sides).
  let gains: Map<number, Change[]> | null = null;
  let losses: Map<number, Change[]> | null = null;
  for (let x = 0; x < order.length; x++) {
    const j = order[x]!;
    if (R.pass[j] === PASS_FROZEN || R.pass[j] === PASS_RELEASED) continue;
    const i = m.lItem[j]!;
    const home = m.lWh[j]!;
    const eff = R.effWh[j]!;
    const reserved = m.lReserved[j]!;
    const first = S.head[j]!;
    // Fast path: the plan keeps exactly the ERP's reservation at the requested warehouse.
    if (S.count[j] === 1 && eff === home && holdTreatment[j] !== HOLD_ALLOCATE) {
      if (S.source[first] === SRC_ON_HAND && S.item[first] === i && S.wh[first] === home && S.qty[first] === reserved) continue;
    }
    const lineId = out ? m.lineIds[j]! : '';
    if (m.lHold[j] !== 0 && holdTreatment[j] === HOLD_ALLOCATE && R.allocated[j]! > 0) {
      count++;
      if (out) push('release-hold', `D-release-hold-${lineId}`, j, [lineBasis(j)], { orderLineId: lineId }, R.allocated[j]!, `Release the ${m.lHold[j] === 1 ? 'credit' : 'compliance'} hold on ${lineId}: the policy allocates held lines and the plan gives it ${R.allocated[j]!}`);
    }
    let homeQty = 0;
    let effQty = 0;
    let transferCount = 0;
    let firstTransfer = -1;
    let sub = -1;
    let ds = -1;
    let inbound = false;
    for (let s = first; s >= 0; s = S.next[s]!) {
      const source = S.source[s]!;
      if (source === SRC_ON_HAND && S.item[s] === i && S.wh[s] === home) homeQty += S.qty[s]!;
      if (source === SRC_ON_HAND && S.item[s] === i && S.wh[s] === eff) effQty += S.qty[s]!;
      if (source === SRC_TRANSFER) {
        if (transferCount === 0) firstTransfer = s;
        transferCount++;
      }
      if (source === SRC_SUBSTITUTE && sub < 0) sub = s;
      if (source === SRC_DROP_SHIP && ds < 0) ds = s;
      if (source === SRC_INBOUND) inbound = true;
    }
    if (sub >= 0) {
      count++;
      if (out) {
        const subItem = S.item[sub]!, subWh = S.wh[sub]!;
        const rule = m.rulesOf[i]!.find((r) => r.sub === subItem);
        push('substitute', `D-substitute-${lineId}`, j, [lineBasis(j), ...balanceBasis(subItem, subWh)], { orderLineId: lineId, substituteItemId: m.itemIds[subItem]!, reserveQty: S.qty[sub]! as Qty }, S.lineQty[sub]!,
          `Substitute ${m.itemIds[subItem]!} for ${S.lineQty[sub]!} of ${lineId} at ${m.whIds[subWh]!}${rule?.requiresApproval ? ' (rule requires approval)' : ''}`);
      }
    }
    // A drop-ship slice always uses its item's drop-ship option (allocate/run.ts, optimal.ts).
    if (ds >= 0) {
      count++;
      if (out) push('drop-ship', `D-drop-ship-${lineId}`, j, [lineBasis(j)], { orderLineId: lineId, dropShipOptionId: m.dropShipOf[S.item[ds]!]!.id }, S.lineQty[ds]!, `Drop-ship ${S.lineQty[ds]!} of ${lineId} from the supplier (ships ${isoOf(S.day[ds]!)})`);
    }
    if (eff !== home) {
      count++;
      if (out) {
        push('change-source', `D-change-source-${lineId}`, j, [lineBasis(j), ...balanceBasis(i, home), ...balanceBasis(i, eff)], { orderLineId: lineId, toWarehouseId: m.whIds[eff]!, reserveQty: effQty as Qty }, Math.max(effQty, reserved),
          `Ship ${lineId} from ${m.whIds[eff]!} instead of ${m.whIds[home]!}, reserving ${effQty} there`);
      }
    } else if (transferCount > 0) {
      count++;
      if (out) {
        const transfers: { qty: Qty; warehouseId: string }[] = [];
        for (let s = first; s >= 0; s = S.next[s]!) if (S.source[s] === SRC_TRANSFER) transfers.push({ qty: S.qty[s]! as Qty, warehouseId: m.whIds[S.wh[s]!]! });
        if (homeQty === 0 && transferCount === 1 && sub < 0 && !inbound) {
          const t = transfers[0]!;
          push('change-source', `D-change-source-${lineId}`, j, [lineBasis(j), ...balanceBasis(i, home), ...balanceBasis(i, S.wh[firstTransfer]!)], { orderLineId: lineId, toWarehouseId: t.warehouseId, reserveQty: t.qty }, t.qty,
            `Ship ${lineId} from ${t.warehouseId}: no stock left for it at ${m.whIds[home]!}`);
        } else {
          const moved = transfers.reduce((x, t) => x + t.qty, 0);
          push('split', `D-split-${lineId}`, j, [lineBasis(j), ...balanceBasis(i, home), ...transfers.flatMap((t) => balanceBasis(i, m.whIndex.get(t.warehouseId)!))], { orderLineId: lineId, keepQty: homeQty as Qty, parts: transfers }, moved,
            `Split ${lineId}: keep ${homeQty} at ${m.whIds[home]!}, ship ${transfers.map((t) => `${t.qty} from ${t.warehouseId}`).join(', ')}`);
        }
      }
    }
    if (inbound) {
      for (let s = first; s >= 0; s = S.next[s]!) {
        if (S.source[s] === SRC_INBOUND && S.day[s]! > m.lPromised[j]!) {
          count++;
          if (!out) continue;
          const newEta = isoOf(Math.max(m.asOfDay, m.lPromised[j]!)) as IsoDate;
          const item = S.item[s]!, wh = S.wh[s]!, qty = S.qty[s]!, day = S.day[s]!;
          push('expedite', `D-expedite-${lineId}-${isoOf(day)}`, j, [lineBasis(j), ...balanceBasis(item, wh)], { itemId: m.itemIds[item]!, warehouseId: m.whIds[wh]!, qty: qty as Qty, newEta }, qty,
            `Expedite ${qty} of ${m.itemIds[item]!} due ${isoOf(day)} at ${m.whIds[wh]!} to ${newEta} so ${lineId} ships on its promise`);
        }
      }
    }
    if (eff === home) {
      const key = i * W + home;
      const delta = homeQty - reserved;
      if (delta > 0) {
        gains ??= new Map();
        (gains.get(key) ?? gains.set(key, []).get(key)!).push({ j, q: delta });
      } else if (delta < 0) {
        losses ??= new Map();
        (losses.get(key) ?? losses.set(key, []).get(key)!).push({ j, q: -delta });
      }
    }
    if (R.allocated[j] === 0 && R.demand[j]! > 0 && ds < 0) {
      const repromise = nextReceipt(a, i, home) ?? m.asOfDay + 28;
      if (repromise > m.lPromised[j]! || reserved > 0) {
        count++;
        if (out) {
          push('backorder', `D-backorder-${lineId}`, j, [lineBasis(j)], { orderLineId: lineId, promisedDate: isoOf(Math.max(repromise, m.lPromised[j]!)) }, R.demand[j]!,
            `Backorder ${lineId}: nothing can ship it now; re-promise for ${isoOf(Math.max(repromise, m.lPromised[j]!))}`);
        }
      }
    }
  }
  if (!gains) return count;
  for (const [key, gainers] of gains) {
    const losers = losses?.get(key) ?? [];
    let li = 0;
    const wh = m.whIds[key % W]!;
    for (const gn of gainers) {
      let left = gn.q;
      while (left > 0 && li < losers.length) {
        const lo = losers[li]!;
        const q = Math.min(left, lo.q);
        count++;
        if (out) {
          const from = m.lineIds[lo.j]!, to = m.lineIds[gn.j]!;
          push('reallocate', `D-reallocate-${from}-${to}`, gn.j, [lineBasis(lo.j), lineBasis(gn.j), ...balanceBasis(Math.floor(key / W), key % W)], { fromOrderLineId: from, toOrderLineId: to, qty: q as Qty }, q,
            `Move ${q} reserved at ${wh} from ${from} (rank ${R.rank[lo.j]!}) to ${to} (rank ${R.rank[gn.j]!})`);
        }
        left -= q;
        lo.q -= q;
        if (lo.q === 0) li++;
      }
      if (left > 0) {
        count++;
        if (out) {
          const to = m.lineIds[gn.j]!;
          push('reserve', `D-reserve-${to}`, gn.j, [lineBasis(gn.j), ...balanceBasis(Math.floor(key / W), key % W)], { orderLineId: to, qty: left as Qty }, left, `Reserve ${left} more of ${m.itemIds[Math.floor(key / W)]!} at ${wh} for ${to} (rank ${R.rank[gn.j]!})`);
        }
      }
    }
  }
  return count;
}

/** The first receipt due at a warehouse after the planning day (snapshot supply), as a day number. */
function nextReceipt(a: GroupView, item: number, wh: number): number | null {
  const m = a.ctx.m;
  const b = m.balanceOf[item * m.W + wh]!;
  if (b < 0) return null;
  const days = m.inboundDay[b]!;
  for (let k = 0; k < days.length; k++) if (days[k]! > m.asOfDay) return days[k]!;
  return null;
}
