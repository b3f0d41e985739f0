// Decision KPIs from the audit trail: approval latency (proposed -> approved) and override frequency.
import type { AuditEvent, ProposedEvent } from '../audit/events';
import type { KpiInput } from './facts';
import { HOUR_MS, mean, percentile, ratio } from './facts';
import type { KpiResult, KpiRow } from './result';

const round = (x: number | null): number | null => (x === null ? null : Math.round(x * 100) / 100);

function firstByDecision<E extends AuditEvent>(events: readonly AuditEvent[], kind: E['event']): Map<string, E> {
  const out = new Map<string, E>();
  for (const e of events) {
    if (e.event !== kind) continue;
    const prior = out.get(e.decisionId);
    if (prior === undefined || e.at < prior.at) out.set(e.decisionId, e as E);
  }
  return out;
}

/** Approval latency in hours for decisions proposed and then approved (first of each); headline is the mean. */
export function approvalLatency(input: KpiInput): KpiResult {
  const proposed = firstByDecision<ProposedEvent>(input.audit, 'proposed');
  const approved = firstByDecision(input.audit, 'approved');
  const rows: KpiRow[] = [];
  for (const [id, a] of approved) {
    const p = proposed.get(id);
    if (!p || a.at < p.at) continue;
    rows.push({ category: p.decisionType, decisionId: id, decisionType: p.decisionType, proposedAt: new Date(p.at).toISOString(), approvedAt: new Date(a.at).toISOString(), approvedBy: a.actor, hours: round((a.at - p.at) / HOUR_MS) });
  }
  rows.sort((x, y) => String(x.decisionId).localeCompare(String(y.decisionId)));
  const hours = rows.map((r) => r.hours as number);
  const types = [...new Set(rows.map((r) => r.category))].sort();
  const series = types.map((t) => {
    const hs = rows.filter((r) => r.category === t).map((r) => r.hours as number);
    return { category: t, approved: hs.length, averageHours: round(mean(hs)), p90Hours: round(percentile(hs, 90)) };
  });
  const rejected = new Set(input.audit.filter((e) => e.event === 'rejected').map((e) => e.decisionId));
  const waiting = [...proposed.keys()].filter((id) => !approved.has(id) && !rejected.has(id)).length;
  return {
    id: 'approval-latency',
    title: 'Approval latency (proposed to approved)',
    unit: 'hours',
    value: round(mean(hours)),
    measures: ['averageHours', 'p90Hours'],
    series,
    rows,
    definition: `Approved - proposed, in hours, per approved decision. Median ${round(percentile(hours, 50)) ?? '-'} h, 90th percentile ${round(percentile(hours, 90)) ?? '-'} h; ${waiting} proposed decision(s) still waiting.`,
  };
}

/** Share of proposed decisions where the planner overrode the engine at least once. */
export function overrideFrequency(input: KpiInput): KpiResult {
  const proposed = firstByDecision<ProposedEvent>(input.audit, 'proposed');
  const overrides = new Map<string, AuditEvent[]>();
  for (const e of input.audit) if (e.event === 'override') overrides.set(e.decisionId, [...(overrides.get(e.decisionId) ?? []), e]);
  const rows: KpiRow[] = [...proposed.values()]
    .sort((a, b) => (a.decisionId < b.decisionId ? -1 : 1))
    .map((p) => {
      const os = overrides.get(p.decisionId) ?? [];
      const fields = [...new Set(os.map((o) => (o.event === 'override' ? o.field : '')))].sort().join(', ');
      return { category: os.length > 0 ? 'overridden' : 'as recommended', decisionId: p.decisionId, decisionType: p.decisionType, overrides: os.length, fields };
    });
  const overridden = rows.filter((r) => r.category === 'overridden').length;
  return {
    id: 'override-frequency',
    title: 'Override frequency',
    unit: 'ratio',
    value: ratio(overridden, rows.length),
    measures: ['decisions'],
    series: [
      { category: 'overridden', decisions: overridden },
      { category: 'as recommended', decisions: rows.length - overridden },
    ],
    rows,
    definition: 'Proposed decisions with at least one recorded override of the engine, divided by proposed decisions.',
  };
}
