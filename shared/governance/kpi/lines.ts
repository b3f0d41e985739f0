// Line KPIs over the ERP's reservations (before) and the current plan (after): fill rate in units, lines and value,
// on-time rate, backorder aging, expedite and transfer cost; and promise accuracy over shipped lines.
import type { IsoDate } from '../../domain';
import type { KpiInput, LineFact, LineState } from './facts';
import { dayOf, daysBetween, ratio } from './facts';
import type { KpiResult, KpiRow } from './result';

const filled = (l: LineFact, s: LineState) => Math.min(s.allocatedQty, l.demandQty);
const openLines = (input: KpiInput) => input.lines.filter((l) => l.open && l.demandQty > 0);

/** On time: fully allocated and shipping on or before the promised date. */
function onTime(l: LineFact, s: LineState): boolean {
  return s.allocatedQty >= l.demandQty && s.shipDate !== null && s.shipDate <= l.promisedDate;
}

/** Fill rate (units, lines, value) before vs after; headline is the value fill rate after. */
export function fillRate(input: KpiInput): KpiResult {
  const lines = openLines(input);
  const figures = (s: 'before' | 'after') => {
    let units = 0, demand = 0, full = 0, value = 0, demandValue = 0;
    for (const l of lines) {
      const q = filled(l, l[s]);
      units += q;
      demand += l.demandQty;
      if (q >= l.demandQty) full++;
      value += q * l.unitPriceCents;
      demandValue += l.demandQty * l.unitPriceCents;
    }
    return { units: ratio(units, demand), lines: ratio(full, lines.length), value: ratio(value, demandValue) };
  };
  const b = figures('before');
  const a = figures('after');
  const rows: KpiRow[] = lines.map((l) => {
    const fb = filled(l, l.before), fa = filled(l, l.after);
    return { category: fa > fb ? 'improved' : fa < fb ? 'worse' : 'unchanged', orderLineId: l.orderLineId, demandQty: l.demandQty, beforeQty: fb, afterQty: fa, valueBeforeCents: fb * l.unitPriceCents, valueAfterCents: fa * l.unitPriceCents, warehouseId: l.warehouseId ?? null, region: l.region ?? null, channel: l.channel ?? null };
  });
  return {
    id: 'fill-rate',
    title: 'Fill rate before vs after (units, lines, value)',
    unit: 'ratio',
    value: a.value,
    before: b.value,
    measures: ['before', 'after'],
    series: [
      { category: 'units', before: b.units, after: a.units },
      { category: 'lines', before: b.lines, after: a.lines },
      { category: 'value', before: b.value, after: a.value },
    ],
    rows,
    definition: 'Open lines. Units: allocated (capped at demand) / demand. Lines: fully allocated / lines. Value: allocated value / demand value. Before = ERP reservations, after = the plan.',
  };
}

/** On-time rate before vs after: lines fully allocated and shipping by their promised date. */
export function onTimeRate(input: KpiInput): KpiResult {
  const lines = openLines(input);
  const before = lines.filter((l) => onTime(l, l.before)).length;
  const after = lines.filter((l) => onTime(l, l.after)).length;
  const rows: KpiRow[] = lines.map((l) => {
    const ob = onTime(l, l.before), oa = onTime(l, l.after);
    return { category: oa ? 'on time' : 'late or short', orderLineId: l.orderLineId, promisedDate: l.promisedDate, shipDateBefore: l.before.shipDate, shipDateAfter: l.after.shipDate, onTimeBefore: ob, onTimeAfter: oa };
  });
  return {
    id: 'on-time-rate',
    title: 'On-time rate before vs after',
    unit: 'ratio',
    value: ratio(after, lines.length),
    before: ratio(before, lines.length),
    measures: ['lines'],
    series: [
      { category: 'on time', lines: after },
      { category: 'late or short', lines: lines.length - after },
    ],
    rows,
    definition: 'Open lines fully allocated and shipping on or before the promised date, divided by open lines. Before = ERP reservations, after = the plan.',
  };
}

export const BACKORDER_AGE_BUCKETS = ['not yet due', '1-7 days', '8-30 days', '> 30 days'] as const;

function backorderBucket(days: number): (typeof BACKORDER_AGE_BUCKETS)[number] {
  return days <= 0 ? 'not yet due' : days <= 7 ? '1-7 days' : days <= 30 ? '8-30 days' : '> 30 days';
}

/** Lines the plan leaves short, aged by days past their promised date at asOf; headline is their count. */
export function backorderAging(input: KpiInput): KpiResult {
  const today = dayOf(input.asOf);
  const short = openLines(input).filter((l) => l.after.allocatedQty < l.demandQty);
  const rows: KpiRow[] = short.map((l) => {
    const days = Math.max(0, daysBetween(l.promisedDate, today));
    return { category: backorderBucket(days), orderLineId: l.orderLineId, promisedDate: l.promisedDate, daysPastPromise: days, shortQty: l.demandQty - l.after.allocatedQty, shortValueCents: (l.demandQty - l.after.allocatedQty) * l.unitPriceCents, warehouseId: l.warehouseId ?? null };
  });
  return {
    id: 'backorder-aging',
    title: 'Backorder aging (lines short in the plan)',
    unit: 'count',
    value: rows.length,
    measures: ['lines', 'shortQty'],
    series: BACKORDER_AGE_BUCKETS.map((b) => {
      const rs = rows.filter((r) => r.category === b);
      return { category: b, lines: rs.length, shortQty: rs.reduce((s, r) => s + (r.shortQty as number), 0) };
    }),
    rows,
    definition: 'Open lines with less allocated than demanded in the plan; age = days from the promised date to today (0 when not yet due).',
  };
}

/** Expedite and transfer cost of the plan, in cents; headline is the total. */
export function expediteAndTransferCost(input: KpiInput): KpiResult {
  const lines = input.lines.filter((l) => l.open && (l.transferCostCents > 0 || l.expediteCostCents > 0));
  const rows: KpiRow[] = [];
  for (const l of lines) {
    if (l.transferCostCents > 0) rows.push({ category: 'transfer', orderLineId: l.orderLineId, costCents: l.transferCostCents, warehouseId: l.warehouseId ?? null });
    if (l.expediteCostCents > 0) rows.push({ category: 'expedite', orderLineId: l.orderLineId, costCents: l.expediteCostCents, warehouseId: l.warehouseId ?? null });
  }
  const sum = (c: string) => rows.filter((r) => r.category === c).reduce((s, r) => s + (r.costCents as number), 0);
  return {
    id: 'expedite-transfer-cost',
    title: 'Expedite and transfer cost in the plan',
    unit: 'cents',
    value: sum('transfer') + sum('expedite'),
    measures: ['costCents'],
    series: [
      { category: 'transfer', costCents: sum('transfer') },
      { category: 'expedite', costCents: sum('expedite') },
    ],
    rows,
    definition:
      'Transfer: units moved x lane cost per unit. Expedite: drop-ship premium per unit x units. Summed over the plan. ' +
      'Expedited inbound supply (expedite decisions) is not priced: neither the ERP data nor the policy carries an expedite freight rate.',
  };
}

/** Promise accuracy: shipped lines that shipped on or before their promised date, over shipped lines. */
export function promiseAccuracy(input: KpiInput): KpiResult {
  const shipped = input.lines.filter((l): l is LineFact & { shippedOn: IsoDate } => !l.open && typeof l.shippedOn === 'string');
  const rows: KpiRow[] = shipped.map((l) => {
    const late = Math.max(0, daysBetween(l.promisedDate, l.shippedOn));
    return { category: late === 0 ? 'kept' : 'missed', orderLineId: l.orderLineId, promisedDate: l.promisedDate, shippedOn: l.shippedOn, daysLate: late };
  });
  const kept = rows.filter((r) => r.category === 'kept').length;
  return {
    id: 'promise-accuracy',
    title: 'Promise accuracy (shipped lines)',
    unit: 'ratio',
    value: ratio(kept, rows.length),
    measures: ['lines'],
    series: [
      { category: 'kept', lines: kept },
      { category: 'missed', lines: rows.length - kept },
    ],
    rows,
    definition: 'Shipped lines that shipped on or before the promised date, divided by shipped lines.',
  };
}
