// The engine state behind both `allocate` and a what-if session: context, allocator and one outcome per SKU group.
// Recomputing a group replaces its outcome; the plan is assembled from the outcomes in a fixed order, which is why
// an incremental recompute gives the same bytes as a full one.
import type { Decision, IsoDate, Snapshot } from '../domain';
import { GroupAllocator } from './allocate/run';
import type { EngineContext } from './context';
import { createContext } from './context';
import type { Edit } from './edits';
import { FIGURE_COUNT, newFigures, toStateFigures } from './figures';
import { compileModel, resolveAsOf } from './model/compile';
import type { Model } from './model/compile';
import type { GroupOutcome } from './outcome';
import { buildGroupOutcome, groupObjective } from './outcome';
import { overlayFrom } from './overlay';
import type { Policy } from './policy';
import type { DerivedException, Plan, PlanLine, PlanMode, PlanSummary } from './types';

export class EngineState {
  readonly allocator: GroupAllocator;
  readonly outcomes: GroupOutcome[];
  /** The score points each outcome was built with (a weight change invalidates reuse of its lines). */
  private readonly outcomePoints: Float64Array[];

  constructor(
    readonly ctx: EngineContext,
    readonly mode: PlanMode,
  ) {
    this.allocator = new GroupAllocator(ctx);
    this.outcomes = new Array<GroupOutcome>(ctx.m.groupIds.length);
    this.outcomePoints = new Array<Float64Array>(ctx.m.groupIds.length);
    this.priorityObjective = new Float64Array(mode === 'optimal' ? ctx.m.groupIds.length : 0);
  }

  /** Priority-mode objective per group (optimal mode only), for the value gap between the modes. */
  private readonly priorityObjective: Float64Array;

  /** Allocates one group and stores its outcome. */
  recompute(g: number): GroupOutcome {
    if (this.mode === 'optimal') {
      this.allocator.run(g, 'priority');
      this.priorityObjective[g] = groupObjective(this.allocator, g);
    }
    this.allocator.run(g, this.mode);
    const old = this.outcomes[g];
    const o = buildGroupOutcome(this.allocator, g, old ? { outcome: old, points: this.outcomePoints[g]! } : undefined);
    this.outcomes[g] = o;
    this.outcomePoints[g] = this.ctx.points;
    return o;
  }

  recomputeAll(): void {
    for (let g = 0; g < this.outcomes.length; g++) this.recompute(g);
  }

  /** Before/after figures and objectives, summed over groups in group order. */
  summary(): PlanSummary {
    const before = newFigures(), after = newFigures();
    let objective = 0, objectiveBefore = 0, decisions = 0, exceptions = 0;
    for (const o of this.outcomes) {
      if (!o) continue;
      for (let k = 0; k < FIGURE_COUNT; k++) {
        before[k] = before[k]! + o.before[k]!;
        after[k] = after[k]! + o.after[k]!;
      }
      objective += o.objective;
      objectiveBefore += o.objectiveBefore;
      decisions += o.decisions.length;
      exceptions += o.exceptions.length;
    }
    const summary: PlanSummary = { mode: this.mode, asOf: this.ctx.m.asOf, before: toStateFigures(before), after: toStateFigures(after), objective, objectiveBefore, decisions, exceptions };
    if (this.mode !== 'optimal') return summary;
    let priority = 0;
    for (let g = 0; g < this.priorityObjective.length; g++) priority += this.priorityObjective[g]!;
    return { ...summary, priorityObjective: priority, valueGap: objective - priority };
  }

  /** The whole plan: lines in snapshot order, decisions and exceptions in group order. */
  plan(): Plan {
    const m = this.ctx.m;
    const lines = new Array<PlanLine>(m.L);
    const decisions: Decision[] = [];
    const exceptions: DerivedException[] = [];
    for (let g = 0; g < this.outcomes.length; g++) {
      const o = this.outcomes[g]!;
      const idx = m.groupLines[g]!;
      for (let k = 0; k < idx.length; k++) lines[m.planPos[idx[k]!]!] = o.lines[k]!;
      for (const d of o.decisions) decisions.push(d);
      for (const e of o.exceptions) exceptions.push(e);
    }
    return { mode: this.mode, asOf: m.asOf, lines, summary: this.summary(), decisions, exceptions };
  }
}

/** Compiles the snapshot for a policy (the planning day comes from the policy or the snapshot). */
export function compileFor(snapshot: Snapshot, policy: Policy): Model {
  const asOf: IsoDate = resolveAsOf(snapshot, policy.asOf);
  return compileModel(snapshot, asOf);
}

/** A fresh engine state with every group allocated. */
export function buildEngine(model: Model, policy: Policy, edits: readonly Edit[], mode: PlanMode): EngineState {
  const overlay = overlayFrom(model, policy, edits);
  const ctx = createContext(model, policy, overlay);
  const state = new EngineState(ctx, mode);
  state.recomputeAll();
  return state;
}
