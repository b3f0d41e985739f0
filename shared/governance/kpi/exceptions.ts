// Exception KPIs: how many are open and how old (by type), how long they take to resolve, how many manual touches.
import { EXCEPTION_TYPES } from '../../domain';
import type { AuditEvent } from '../audit/events';
import { HUMAN_ACT_KINDS } from '../audit/events';
import type { KpiInput } from './facts';
import { DAY_MS, HOUR_MS, mean, percentile, ratio } from './facts';
import type { KpiResult, KpiRow } from './result';

const round = (x: number | null, digits = 2): number | null => (x === null ? null : Math.round(x * 10 ** digits) / 10 ** digits);

/** Age buckets for open exceptions, in days. */
export const EXCEPTION_AGE_BUCKETS = [
  { label: '< 1 day', max: 1 },
  { label: '1-3 days', max: 3 },
  { label: '3-7 days', max: 7 },
  { label: '> 7 days', max: Infinity },
] as const;

function ageBucket(days: number): string {
  return EXCEPTION_AGE_BUCKETS.find((b) => days < b.max)?.label ?? '> 7 days';
}

/** Open exceptions at asOf (detected by then, not yet resolved), counted and aged by type. */
export function exceptionAging(input: KpiInput): KpiResult {
  const open = input.exceptions.filter((e) => e.detectedAt <= input.asOf && (e.resolvedAt === null || e.resolvedAt > input.asOf));
  const rows: KpiRow[] = open.map((e) => {
    const ageDays = (input.asOf - e.detectedAt) / DAY_MS;
    return { category: e.type, id: e.id, type: e.type, ageDays: round(ageDays), ageBucket: ageBucket(ageDays), orderLineId: e.orderLineId ?? null, warehouseId: e.warehouseId ?? null, region: e.region ?? null, channel: e.channel ?? null };
  });
  const series = EXCEPTION_TYPES.map((t) => {
    const ages = rows.filter((r) => r.type === t).map((r) => r.ageDays as number);
    return { category: t, count: ages.length, averageAgeDays: round(mean(ages)), oldestAgeDays: ages.length ? Math.max(...ages) : null };
  });
  return {
    id: 'exception-aging',
    title: 'Open exceptions and their age, by type',
    unit: 'count',
    value: open.length,
    measures: ['count', 'averageAgeDays'],
    series,
    rows,
    definition: 'Exceptions detected by now and not resolved; age = now - detected, in days.',
  };
}

/** Exception cycle time: detected -> resolved, in hours, for exceptions resolved by asOf; headline is the mean. */
export function exceptionCycleTime(input: KpiInput): KpiResult {
  const done = input.exceptions.filter((e) => e.resolvedAt !== null && e.resolvedAt <= input.asOf && e.resolvedAt >= e.detectedAt);
  const rows: KpiRow[] = done.map((e) => ({ category: e.type, id: e.id, type: e.type, detectedAt: new Date(e.detectedAt).toISOString(), resolvedAt: new Date(e.resolvedAt as number).toISOString(), hours: round(((e.resolvedAt as number) - e.detectedAt) / HOUR_MS) }));
  const hoursOf = (t?: string) => rows.filter((r) => t === undefined || r.type === t).map((r) => r.hours as number);
  const series = EXCEPTION_TYPES.map((t) => ({ category: t, resolved: hoursOf(t).length, averageHours: round(mean(hoursOf(t))), medianHours: round(percentile(hoursOf(t), 50)) }));
  return {
    id: 'exception-cycle-time',
    title: 'Exception cycle time (detected to resolved)',
    unit: 'hours',
    value: round(mean(hoursOf())),
    measures: ['averageHours', 'medianHours'],
    series,
    rows,
    definition: 'For exceptions resolved by now: resolved - detected, in hours. Headline: the mean.',
  };
}

/**
 * Manual touches per exception: a person's acts (proposing, overriding, approving, rejecting, resolving, discarding;
 * not the engine's proposals nor the sender's events) on decisions touching the exception's order line, from its
 * detection on. Exceptions without an order line are not counted.
 */
export function manualTouches(input: KpiInput): KpiResult {
  const engine = new Set(input.engineActors ?? ['engine']);
  // Indexed by order line: a long history times many exceptions must not be a quadratic scan.
  const byLine = new Map<string, AuditEvent[]>();
  for (const e of input.audit) {
    if (!HUMAN_ACT_KINDS.includes(e.event) || engine.has(e.actor)) continue;
    for (const line of e.orderLineIds) {
      const list = byLine.get(line);
      if (list) list.push(e);
      else byLine.set(line, [e]);
    }
  }
  const withLine = input.exceptions.filter((e) => e.orderLineId !== undefined && e.detectedAt <= input.asOf);
  const rows: KpiRow[] = withLine.map((x) => {
    const touches = (byLine.get(x.orderLineId as string) ?? []).filter((e) => e.at >= x.detectedAt && e.at <= input.asOf);
    return { category: x.type, id: x.id, type: x.type, orderLineId: x.orderLineId ?? null, touches: touches.length, actors: [...new Set(touches.map((t) => t.actor))].sort().join(', ') };
  });
  const series = EXCEPTION_TYPES.map((t) => {
    const rs = rows.filter((r) => r.type === t);
    return { category: t, exceptions: rs.length, touchesPerException: round(ratio(rs.reduce((s, r) => s + (r.touches as number), 0), rs.length)) };
  });
  const total = rows.reduce((s, r) => s + (r.touches as number), 0);
  return {
    id: 'manual-touches',
    title: 'Manual touches per exception',
    unit: 'per-exception',
    value: round(ratio(total, rows.length)),
    measures: ['touchesPerException'],
    series,
    rows,
    definition: "A person's proposals, overrides, approvals, rejections and conflict resolutions on the exception's order line since detection, divided by exceptions that have an order line.",
  };
}
