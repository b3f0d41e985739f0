// The plan summary as a small before/after table for the terminal.
import type { PlanSummary, StateFigures } from '../../../shared/engine';

const money = (c: number): string => (c / 100).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const pct = (r: number): string => `${(r * 100).toFixed(1)} %`;

/** Renders the summary: one row per figure, ERP today vs plan. */
export function summaryTable(s: PlanSummary): string {
  const rows: [string, (f: StateFigures) => string][] = [
    ['open lines', (f) => String(f.lines)],
    ['fill rate (units)', (f) => pct(f.fillRateUnits)],
    ['fill rate (lines)', (f) => pct(f.fillRateLines)],
    ['fill rate (value)', (f) => pct(f.fillRateValue)],
    ['allocated units', (f) => String(f.allocatedUnits)],
    ['backorder units', (f) => String(f.backorderUnits)],
    ['on-time lines', (f) => String(f.onTimeLines)],
    ['late lines / days', (f) => `${f.lateLines} / ${f.lateDays}`],
    ['margin', (f) => money(f.marginCents)],
    ['transfer cost', (f) => money(f.transferCostCents)],
    ['substitution cost', (f) => money(f.substitutionCostCents)],
    ['drop-ship premium', (f) => money(f.premiumCostCents)],
    ['lateness cost', (f) => money(f.latenessCostCents)],
  ];
  const gapRows = s.priorityObjective !== undefined && s.valueGap !== undefined ? [['priority-mode objective', s.priorityObjective], ['value gap (optimal - priority)', s.valueGap]] as const : [];
  const w = Math.max(...rows.map((r) => r[0].length), ...gapRows.map((r) => r[0].length));
  const lines = [`${'figure'.padEnd(w)}  ${'ERP today'.padStart(18)}  ${'plan'.padStart(18)}`];
  for (const [name, get] of rows) lines.push(`${name.padEnd(w)}  ${get(s.before).padStart(18)}  ${get(s.after).padStart(18)}`);
  lines.push(`${'objective'.padEnd(w)}  ${money(s.objectiveBefore).padStart(18)}  ${money(s.objective).padStart(18)}`);
  // Optimal mode also ran the rule-based allocation: what the exact optimum is worth over the rules planners audit.
  for (const [name, cents] of gapRows) lines.push(`${name.padEnd(w)}  ${''.padStart(18)}  ${money(cents).padStart(18)}`);
  lines.push(`mode ${s.mode}, planning day ${s.asOf}: ${s.decisions} decisions proposed, ${s.exceptions} exceptions detected`);
  return lines.join('\n');
}
