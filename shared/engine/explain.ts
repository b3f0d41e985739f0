// Explanations: one short, specific sentence per line — its rank and what outranked it, where each unit comes from,
// and why the rest is short, naming the lines that took the stock.
import type { EngineContext } from './context';
import { GAIN, HOLD_KEEP, WIN } from './context';
import type { SliceStore } from './allocate/slices';
import { PASS_FROZEN, PASS_OVERRIDE, PASS_RELEASED } from './allocate/run';
import { SRC_DROP_SHIP, SRC_INBOUND, SRC_ON_HAND, SRC_SUBSTITUTE, SRC_TRANSFER } from './allocate/sources';
import { isoOf } from './model/dates';
import type { GroupView } from './group-view';
import { STRATEGIES } from './types';

const HOLD_NAME = ['', 'credit', 'compliance'] as const;

function sliceText(ctx: EngineContext, S: SliceStore, s: number): string {
  const { m } = ctx;
  const wh = m.whIds[S.wh[s]!]!;
  const lineQty = S.lineQty[s]!;
  const day = S.day[s]!;
  switch (S.source[s]) {
    case SRC_ON_HAND:
      return `${lineQty} on hand at ${wh}`;
    case SRC_INBOUND:
      return `${lineQty} inbound at ${wh} on ${isoOf(day)}`;
    case SRC_TRANSFER:
      return `${lineQty} transferred from ${wh} (arrives ${isoOf(day)})`;
    case SRC_SUBSTITUTE:
      return `${lineQty} as substitute ${m.itemIds[S.item[s]!]!}${S.qty[s] !== lineQty ? ` (${S.qty[s]!} units)` : ''} at ${wh}${day > m.asOfDay ? ` on ${isoOf(day)}` : ''}`;
    case SRC_DROP_SHIP:
      return `${lineQty} drop-shipped by the supplier (ships ${isoOf(day)})`;
    default:
      return `${lineQty} from ${wh}`;
  }
}

/** Why line k was served before line j, in a few words. */
function outranked(a: GroupView, k: number, j: number): string {
  const { m, scores, strategy, overlay } = a.ctx;
  const R = a.results;
  if (R.pass[k] === PASS_FROZEN) return 'locked or held at its reservation';
  if (R.pass[k] === PASS_OVERRIDE && R.pass[j] !== PASS_OVERRIDE) return `planner priority ${overlay.lines.get(k)?.priority ?? ''}`.trim();
  if (R.floor[k]! > 0 && (strategy[k] === GAIN || strategy[k] === WIN)) {
    const takenBeforeServe = R.floor[k]!;
    if (takenBeforeServe > 0 && R.pass[j]! > PASS_OVERRIDE) return `kept its ERP reservation (${STRATEGIES[strategy[k]!]} strategy)`;
  }
  if (R.pass[k]! < R.pass[j]!) return `${STRATEGIES[strategy[k]!]} strategy`;
  const reasons: string[] = [];
  const tk = m.custTier[m.lCust[k]!]!, tj = m.custTier[m.lCust[j]!]!;
  if (tk < tj) reasons.push(`tier ${tk}`);
  if (m.lPromised[k]! < m.lPromised[j]!) reasons.push('promised earlier');
  if (reasons.length === 0) {
    if (scores[k]! > scores[j]!) reasons.push(`score ${scores[k]!.toFixed(1)} vs ${scores[j]!.toFixed(1)}`);
    else if (m.lOrdered[k]! < m.lOrdered[j]!) reasons.push('ordered earlier');
    else reasons.push('same score, earlier line id');
  }
  return reasons.join(', ');
}

/** The explanation for line j after its group ran. `groupSize` is the number of lines competing in the group. */
export function explainLine(a: GroupView, j: number, groupSize: number, groupName: string): string {
  const ctx = a.ctx;
  const { m, scores, holdTreatment } = ctx;
  const R = a.results;
  const demand = R.demand[j]!;
  const got = R.allocated[j]!;
  const S = R.slices;
  const pass = R.pass[j]!;
  // Fast path for the common case (a scored line filled from one source): one concatenation, same text as below.
  if (pass >= 0 && pass !== PASS_RELEASED && got >= demand && got > 0 && S.count[j] === 1) {
    const first = S.head[j]!;
    const late = S.day[first]! - m.lPromised[j]!;
    return 'Rank ' + R.rank[j]! + ' of ' + groupSize + ' in ' + groupName + ' (score ' + scores[j]!.toFixed(1) + ', ' + STRATEGIES[ctx.strategy[j]!]! + '); ' +
      sliceText(ctx, S, first) + (late > 0 ? '; filled, ' + late + (late === 1 ? ' day' : ' days') + ' after the promise.' : '; filled on time.');
  }
  const parts: string[] = [];
  const h = holdTreatment[j]!;
  if (pass === PASS_FROZEN) {
    parts.push(h === HOLD_KEEP ? `On ${HOLD_NAME[m.lHold[j]!]} hold: kept exactly as the ERP has it` : 'Locked by the planner at its ERP reservation');
  } else if (pass === PASS_RELEASED) {
    return `On ${HOLD_NAME[m.lHold[j]!]} hold: gets nothing under the policy, and its ${m.lReserved[j]!} reserved return to the pool.`;
  } else if (pass === PASS_OVERRIDE) {
    parts.push(`Rank ${R.rank[j]!} of ${groupSize} in ${groupName}: planner priority ${ctx.overlay.lines.get(j)?.priority ?? ''} serves it before scored lines`);
  } else {
    parts.push(`Rank ${R.rank[j]!} of ${groupSize} in ${groupName} (score ${scores[j]!.toFixed(1)}, ${STRATEGIES[ctx.strategy[j]!]})`);
  }
  let src = '';
  for (let s = S.head[j]!; s >= 0; s = S.next[s]!) src += (src === '' ? '' : ', ') + sliceText(ctx, S, s);
  if (src !== '') parts.push(src);
  const short = demand - got;
  if (short <= 0) {
    if (got > 0) {
      let last = 0;
      for (let s = S.head[j]!; s >= 0; s = S.next[s]!) if (S.day[s]! > last) last = S.day[s]!;
      const late = last - m.lPromised[j]!;
      return `${parts.join('; ')}; ${late > 0 ? `filled, ${late} day${late === 1 ? '' : 's'} after the promise` : 'filled on time'}.`;
    }
    return `${parts.join('; ')}; nothing to allocate.`;
  }
  if (pass === PASS_FROZEN) {
    parts.push(h === HOLD_KEEP ? `${short} not reserved: a held line gets nothing more until the hold is released` : `${short} short: a locked line keeps its ERP reservation and takes nothing more`);
    return `${parts.join('; ')}.`;
  }
  if (R.cap[j]! < demand && got >= R.cap[j]!) {
    parts.push(`${short} short: the ${STRATEGIES[ctx.strategy[j]!]} strategy caps it at its ERP reservation of ${R.cap[j]!}`);
    return `${parts.join('; ')}.`;
  }
  if (m.lPartial[j] === 0 && got === 0) {
    parts.push(`${short} short: not enough stock to ship all ${demand} at once and the line does not allow partial fill`);
  }
  // Who took the stock at the line's warehouse.
  const key = m.lItem[j]! * m.W + R.effWh[j]!;
  const takers = a.takers.get(key);
  const names: string[] = [];
  let taken = 0;
  let others = 0;
  if (takers) {
    const seen = new Map<number, number>();
    for (let p = 0; p < takers.length; p += 2) {
      const k = takers[p]!;
      if (k === j) continue;
      seen.set(k, (seen.get(k) ?? 0) + takers[p + 1]!);
    }
    const ordered = [...seen.entries()].sort((x, y) => R.rank[x[0]]! - R.rank[y[0]]!);
    for (const [k, q] of ordered) {
      taken += q;
      if (names.length < 2) names.push(`${m.lineIds[k]!} (${outranked(a, k, j)})`);
      else others++;
    }
  }
  const wh = m.whIds[R.effWh[j]!]!;
  if (names.length > 0) {
    const who = names.length === 1 ? `line ${names[0]!}` : `lines ${names[0]!} and ${names[1]!}`;
    parts.push(`${short} short: ${who}${others > 0 ? ` and ${others} other${others === 1 ? '' : 's'}` : ''} took the remaining ${taken} at ${wh}`);
  } else if (!(m.lPartial[j] === 0 && got === 0)) {
    parts.push(`${short} short: no stock left at ${wh} and no inbound, transfer, substitute or drop-ship could cover it`);
  }
  return `${parts.join('; ')}.`;
}
