// The facts KPIs are computed from: plain rows, built from the local cache and the current plan (see from-cache.ts)
// or by hand in tests. Every KPI is a pure function of a KpiInput, so the same history gives the same figures.
import type { ExceptionType, IsoDate } from '../../domain';
import type { AuditEvent } from '../audit/events';

/** Where a fact belongs, for the dashboard filters. */
export interface Dimensions {
  readonly region?: string;
  readonly warehouseId?: string;
  readonly channel?: string;
}

export interface ExceptionFact extends Dimensions {
  readonly id: string;
  readonly type: ExceptionType;
  /** Epoch ms. */
  readonly detectedAt: number;
  /** Epoch ms; null while open. */
  readonly resolvedAt: number | null;
  readonly orderLineId?: string;
}

/** A line's state in one plan: what is reserved or allocated, and when it ships. */
export interface LineState {
  readonly allocatedQty: number;
  readonly shipDate: IsoDate | null;
}

export interface LineFact extends Dimensions {
  readonly orderLineId: string;
  /** Open lines take part in fill rate, on-time and backorder figures; closed (shipped) lines in promise accuracy. */
  readonly open: boolean;
  readonly demandQty: number;
  readonly unitPriceCents: number;
  readonly promisedDate: IsoDate;
  /** The ERP's current reservations. */
  readonly before: LineState;
  /** The current plan. */
  readonly after: LineState;
  /** Cost of stock moved between warehouses for this line in the plan. */
  readonly transferCostCents: number;
  /**
   * Premium paid to get stock faster in the plan: the drop-ship premium. Expedited inbound supply is not included:
   * no expedite freight rate exists in the domain (items, lanes, drop-ship options) or the policy, and an expedite
   * decision carries only the new ETA, not the one it replaces.
   */
  readonly expediteCostCents: number;
  /** Closed lines: the day it shipped. */
  readonly shippedOn?: IsoDate | null;
}

export interface KpiInput {
  /** "Now" in epoch ms: ages are measured to this instant. The functions never read the clock. */
  readonly asOf: number;
  readonly exceptions: readonly ExceptionFact[];
  readonly lines: readonly LineFact[];
  readonly audit: readonly AuditEvent[];
  /** Actors that are the engine, not a person (their events are not manual touches). Default ['engine']. */
  readonly engineActors?: readonly string[];
}

export interface KpiFilter {
  readonly region?: string;
  readonly warehouseId?: string;
  readonly channel?: string;
  /** Inclusive epoch-ms period: exceptions by detection, audit by event time, lines by promised date. */
  readonly from?: number;
  readonly to?: number;
}

const DAY_MS = 86_400_000;

/** Epoch ms of a day's start (UTC). */
export function dayStart(d: IsoDate): number {
  return Date.parse(`${d}T00:00:00Z`);
}

/** Whole days from `from` to `to` (UTC day boundaries), negative when `to` is earlier. */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return Math.round((dayStart(to) - dayStart(from)) / DAY_MS);
}

/** The UTC day of an epoch-ms instant. */
export function dayOf(ms: number): IsoDate {
  return new Date(ms).toISOString().slice(0, 10) as IsoDate;
}

function matchesDims(f: Dimensions, filter: KpiFilter): boolean {
  return (
    (filter.region === undefined || f.region === filter.region) &&
    (filter.warehouseId === undefined || f.warehouseId === filter.warehouseId) &&
    (filter.channel === undefined || f.channel === filter.channel)
  );
}

function inPeriod(ms: number, filter: KpiFilter): boolean {
  return (filter.from === undefined || ms >= filter.from) && (filter.to === undefined || ms <= filter.to);
}

/**
 * The facts a filter keeps. Audit events carry no dimensions: under a region/warehouse/channel filter they are kept
 * when they touch a kept order line (an event about no line, e.g. an expedite, is then left out).
 */
export function filterKpiInput(input: KpiInput, filter: KpiFilter): KpiInput {
  const dims = filter.region !== undefined || filter.warehouseId !== undefined || filter.channel !== undefined;
  const lines = input.lines.filter((l) => matchesDims(l, filter) && inPeriod(dayStart(l.promisedDate), filter));
  const dimLines = new Set(input.lines.filter((l) => matchesDims(l, filter)).map((l) => l.orderLineId));
  return {
    ...input,
    exceptions: input.exceptions.filter((e) => matchesDims(e, filter) && inPeriod(e.detectedAt, filter)),
    lines,
    audit: input.audit.filter((e) => inPeriod(e.at, filter) && (!dims || e.orderLineIds.some((id) => dimLines.has(id)))),
  };
}

/** The values each filter can take, sorted, for the dashboard's drop-downs. */
export function filterOptions(input: KpiInput): { regions: string[]; warehouses: string[]; channels: string[] } {
  const regions = new Set<string>();
  const warehouses = new Set<string>();
  const channels = new Set<string>();
  for (const f of [...input.lines, ...input.exceptions]) {
    if (f.region) regions.add(f.region);
    if (f.warehouseId) warehouses.add(f.warehouseId);
    if (f.channel) channels.add(f.channel);
  }
  const sort = (s: Set<string>) => [...s].sort();
  return { regions: sort(regions), warehouses: sort(warehouses), channels: sort(channels) };
}

/** Mean, or null for no values. */
export function mean(xs: readonly number[]): number | null {
  return xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length;
}

/** Nearest-rank percentile (p in 0..100), or null for no values. */
export function percentile(xs: readonly number[], p: number): number | null {
  if (xs.length === 0) return null;
  const sorted = [...xs].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[rank - 1] ?? null;
}

/** Ratio, or null when the denominator is zero (a rate of nothing is not 0 %). */
export function ratio(num: number, den: number): number | null {
  return den === 0 ? null : num / den;
}

export const HOUR_MS = 3_600_000;
export { DAY_MS };
