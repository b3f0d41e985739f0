// Overrides: where the planner's plan differs from what the engine recommended, the audit records both values.
// Compares the engine's plan lines with the planner's (after what-if edits) field by field.
import type { PlanLine } from '../../engine/types';
import type { OverrideEvent, OverrideField } from './events';
import { auditEventId } from './events';

export interface OverrideFinding {
  readonly orderLineId: string;
  readonly field: OverrideField;
  readonly engineValue: string | number | boolean | null;
  readonly plannerValue: string | number | boolean | null;
}

/** Where the line's stock comes from, as one comparable string: 'on-hand@W1 + transfer@W2'. */
function sourceOf(line: PlanLine): string | null {
  const parts = line.allocations.filter((a) => a.source !== 'substitute').map((a) => `${a.source}@${a.warehouseId}`);
  return parts.length === 0 ? null : [...new Set(parts)].sort().join(' + ');
}

function substituteOf(line: PlanLine): string | null {
  const subs = line.allocations.filter((a) => a.source === 'substitute').map((a) => a.itemId);
  return subs.length === 0 ? null : [...new Set(subs)].sort().join(' + ');
}

/** Every field where the planner's line differs from the engine's line for the same order line, in line order. */
export function findOverrides(engineLines: readonly PlanLine[], plannerLines: readonly PlanLine[]): OverrideFinding[] {
  const engine = new Map(engineLines.map((l) => [l.orderLineId, l]));
  const out: OverrideFinding[] = [];
  for (const p of plannerLines) {
    const e = engine.get(p.orderLineId);
    if (!e) continue;
    const push = (field: OverrideField, ev: string | number | boolean | null, pv: string | number | boolean | null) => {
      if (ev !== pv) out.push({ orderLineId: p.orderLineId, field, engineValue: ev, plannerValue: pv });
    };
    push('priority', e.priorityOverride, p.priorityOverride);
    push('lock', e.locked, p.locked);
    push('allocatedQty', e.allocatedQty, p.allocatedQty);
    push('source', sourceOf(e), sourceOf(p));
    push('substitute', substituteOf(e), substituteOf(p));
  }
  return out;
}

/** Override events for the decisions a planner proposes, one per finding on a line the decision touches. */
export function overrideEvents(
  findings: readonly OverrideFinding[],
  args: { readonly decisionIdFor: (orderLineId: string) => string | undefined; readonly actor: string; readonly at: number },
): OverrideEvent[] {
  const out: OverrideEvent[] = [];
  for (const f of findings) {
    const decisionId = args.decisionIdFor(f.orderLineId);
    if (decisionId === undefined) continue;
    out.push({
      id: auditEventId('override', decisionId, args.at, `${f.orderLineId}:${f.field}`),
      decisionId,
      orderLineIds: [f.orderLineId],
      at: args.at,
      event: 'override',
      actor: args.actor,
      orderLineId: f.orderLineId,
      field: f.field,
      engineValue: f.engineValue,
      plannerValue: f.plannerValue,
    });
  }
  return out;
}
