import { renderToStaticMarkup } from 'react-dom/server';
import { beforeAll, describe, expect, it } from 'vitest';
import type { PlanSummary, StateFigures } from '../../shared/engine/types';
import type { OptimalComparison } from '../engine-worker/protocol';
import { setLocale } from '../grid/format';
import type { OptimalComparisonState } from './allocation-slice';
import { OptimalPanel } from './OptimalPanel';

const figures = (p: Partial<StateFigures>): StateFigures => ({
  lines: 3, linesFilled: 2, demandUnits: 160, allocatedUnits: 120, demandValueCents: 400_000, allocatedValueCents: 300_000,
  fillRateUnits: 0.75, fillRateLines: 0.667, fillRateValue: 0.75, onTimeLines: 2, lateLines: 1, lateDays: 2, marginCents: 0,
  transferCostCents: 0, substitutionCostCents: 0, premiumCostCents: 0, latenessCostCents: 0, backorderUnits: 40, ...p,
});
const summary = (mode: 'priority' | 'optimal', after: Partial<StateFigures>): PlanSummary => ({
  mode, asOf: '2026-11-27' as never, before: figures({}), after: figures(after), objective: 0, objectiveBefore: 0, decisions: 0, exceptions: 0,
});

const comparison: OptimalComparison = {
  current: summary('priority', {}),
  optimal: summary('optimal', { fillRateLines: 1, lateLines: 0 }),
  valueGapCents: 25_400,
  priorityObjectiveCents: 459_010,
  differentQtyLines: 5,
  differentQtyLinesInScope: 2,
  scope: { kind: 'sku-group', itemId: 'SKU-A' },
  topLines: [
    { orderLineId: 'SO-3-1', groupId: 'SKU-A', customerName: 'Beta Stores', itemId: 'SKU-A', currentQty: 0, optimalQty: 40, valueDifferenceCents: 100_000 },
    { orderLineId: 'SO-1-1', groupId: 'SKU-A', customerName: 'Gamma Shop', itemId: 'SKU-A', currentQty: 60, optimalQty: 20, valueDifferenceCents: -98_000 },
  ],
  edits: [],
  engineMs: 3.2,
};

const render = (state: Partial<OptimalComparisonState>, stale = false) =>
  renderToStaticMarkup(
    <OptimalPanel state={{ status: 'ready', comparison, error: null, replans: 0, ...state }} stale={stale} onCompare={() => {}} onClose={() => {}} onOpenLine={() => {}} />,
  );

beforeAll(() => setLocale('en-US'));

describe('optimal comparison panel', () => {
  it('shows the gap, the figures side by side, the count of differing lines and the top lines of the scope', () => {
    const html = render({});
    expect(html).toContain('The exact optimum is worth $254.00 more (+5.53 %) than the current plan.');
    expect(html).toContain('it is a comparison only — nothing is applied');
    expect(html).toMatch(/data-figure="fillRateLines".*66\.7%.*100%/);
    expect(html).toMatch(/data-figure="lateLines"><th scope="row">Late lines<\/th><td class="wb-num">1<\/td><td class="wb-num">0<\/td>/);
    expect(html).toContain('5 lines would get a different quantity, 2 of them in the SKU group of SKU-A.');
    expect(html).toMatch(/data-line="SO-3-1".*Open line SO-3-1.*Beta Stores.*0 → 40.*\+\$1,000\.00/);
    expect(html).toMatch(/data-line="SO-1-1".*60 → 20.*−\$980\.00/);
    expect(html).not.toContain('optimal-stale');
  });

  it('says when it is out of date, while it runs, and what to try when it failed', () => {
    expect(render({}, true)).toContain('Out of date: the plan changed after this comparison');
    expect(render({ status: 'running', comparison: null })).toContain('Computing the exact optimum');
    const failed = render({ status: 'error', comparison: null, error: { kind: 'internal', message: 'The allocation engine stopped.' } });
    expect(failed).toContain('The comparison with the optimum failed: The allocation engine stopped. Try again;');
    expect(render({ status: 'idle', comparison: null })).toBe('');
  });
});
