// All KPIs for one filter: what the dashboard shows and the KPI report workbook holds.
import { approvalLatency, overrideFrequency } from './decisions';
import { exceptionAging, exceptionCycleTime, manualTouches } from './exceptions';
import type { KpiFilter, KpiInput } from './facts';
import { filterKpiInput } from './facts';
import { backorderAging, expediteAndTransferCost, fillRate, onTimeRate, promiseAccuracy } from './lines';
import type { KpiResult } from './result';

export interface KpiReport {
  readonly asOf: number;
  readonly filter: KpiFilter;
  readonly kpis: readonly KpiResult[];
}

/** Every KPI, in dashboard order, over the facts the filter keeps. */
export function computeKpiReport(input: KpiInput, filter: KpiFilter = {}): KpiReport {
  const f = filterKpiInput(input, filter);
  return {
    asOf: input.asOf,
    filter,
    kpis: [
      exceptionAging(f),
      exceptionCycleTime(f),
      approvalLatency(f),
      fillRate(f),
      onTimeRate(f),
      backorderAging(f),
      manualTouches(f),
      overrideFrequency(f),
      expediteAndTransferCost(f),
      promiseAccuracy(f),
    ],
  };
}
