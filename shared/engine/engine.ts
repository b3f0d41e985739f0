// The engine state behind both `allocate` and a what-if session: context, allocator and one outcome per SKU group.
// Recomputing a group replaces its outcome; the plan is assembled from the outcomes in a fixed order, which is why
// an incremental recompute gives the same bytes as a full one.
import type { Decision, IsoDate, Snapshot } from '../domain';
import { GroupAllocator } from './allocate/run';
import type { EngineContext } from './context';
import { createContext } from './context';
import type { Edit } from './edits';
import { FIGURE_COUNT, toStateFigures } from './figures';
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

  constructor(
    readonly ctx: EngineContext,
    readonly mode: PlanMode,
  ) {
    this.allocator = new GroupAllocator(ctx);
    this.outcomes = new Array<GroupOutcome>(ctx.m.groupIds.length);
    this.priorityObjective = new Float64Array(mode === 'optimal' ? ctx.m.groupIds.length : 0);
  }

  /**
   * Running totals over the groups' outcomes. Every figure and objective term is an integer (units, cents, days),
   * so subtracting a group's old outcome and adding its new one gives exactly the sum a full run computes.
   */
  private readonly totals = { before: new Float64Array(FIGURE_COUNT), after: new Float64Array(FIGURE_COUNT), objective: 0, objectiveBefore: 0, decisions: 0, exceptions: 0, priorityObjective: 0 };

  private account(o: GroupOutcome, sign: 1 | -1): void {
    const t = this.totals;
    for (let k = 0; k < FIGURE_COUNT; k++) {
      t.before[k] = t.before[k]! + sign * o.before[k]!;
      t.after[k] = t.after[k]! + sign * o.after[k]!;
    }
    t.objective += sign * o.objective;
    t.objectiveBefore += sign * o.objectiveBefore;
    t.decisions += sign * o.decisionCount;
    t.exceptions += sign * o.exceptionCount;
  }

  /** Priority-mode objective per group (optimal mode only), for the value gap between the modes. */
  private readonly priorityObjective: Float64Array;

  /**
   * Composes the outcomes of these groups (all when null) while what they were built from still holds: call before
   * an edit changes the overlay or the scores, and before the groups run again.
   */
  freeze(groups: readonly number[] | null): void {
    if (groups) for (const g of groups) this.outcomes[g]?.freeze();
    else for (const o of this.outcomes) o?.freeze();
  }

  /** Allocates one group and stores its outcome (the previous outcome is frozen first). */
  recompute(g: number): GroupOutcome {
    const old = this.outcomes[g];
    old?.freeze();
    if (this.mode === 'optimal') {
      this.allocator.run(g, 'priority');
      const p = groupObjective(this.allocator, g);
      this.totals.priorityObjective += p - this.priorityObjective[g]!;
      this.priorityObjective[g] = p;
    }
    this.allocator.run(g, this.mode, this.mode === 'optimal');
    const o = buildGroupOutcome(this.allocator, g, old ? { lines: old.lines(), points: old.points } : undefined);
    if (old) this.account(old, -1);
    this.account(o, 1);
    this.outcomes[g] = o;
    return o;
  }

  recomputeAll(): void {
    for (let g = 0; g < this.outcomes.length; g++) this.recompute(g);
  }

  /** Before/after figures and objectives over all groups (kept as running totals). */
  summary(): PlanSummary {
    const t = this.totals;
    const summary: PlanSummary = {
      mode: this.mode, asOf: this.ctx.m.asOf, before: toStateFigures(t.before), after: toStateFigures(t.after),
      objective: t.objective, objectiveBefore: t.objectiveBefore, decisions: t.decisions, exceptions: t.exceptions,
    };
    if (this.mode !== 'optimal') return summary;
    return { ...summary, priorityObjective: t.priorityObjective, valueGap: t.objective - t.priorityObjective };
  }

  /**
   * The whole plan: lines in snapshot order, decisions and exceptions in group order. The summary is computed now;
   * lines, decisions and exceptions are own enumerable getters that compose the groups' objects on first read (so
   * JSON, spread and structured clone see plain fields in the same key order as before) and keep them.
   */
  plan(): Plan {
    const m = this.ctx.m;
    const outcomes = this.outcomes.slice();
    for (const o of outcomes) o.shared = true;
    let lines: PlanLine[] | null = null;
    let decisions: Decision[] | null = null;
    let exceptions: DerivedException[] | null = null;
    return {
      mode: this.mode,
      asOf: m.asOf,
      get lines(): readonly PlanLine[] {
        if (!lines) {
          lines = new Array<PlanLine>(m.L);
          for (let g = 0; g < outcomes.length; g++) {
            const ls = outcomes[g]!.lines();
            const idx = m.groupLines[g]!;
            for (let k = 0; k < idx.length; k++) lines[m.planPos[idx[k]!]!] = ls[k]!;
          }
        }
        return lines;
      },
      summary: this.summary(),
      get decisions(): readonly Decision[] {
        if (!decisions) {
          decisions = [];
          for (const o of outcomes) for (const d of o.decisions()) decisions.push(d);
        }
        return decisions;
      },
      get exceptions(): readonly DerivedException[] {
        if (!exceptions) {
          exceptions = [];
          for (const o of outcomes) for (const e of o.exceptions()) exceptions.push(e);
        }
        return exceptions;
      },
    };
  }
}

/**
 * The last compiled model, reused while the same snapshot object is allocated again for the same planning day
 * (a policy change, a re-run, an export right after a run). Snapshots are deeply readonly and nothing in the
 * engine writes to a Model, so the same object gives the same model; one slot keeps memory bounded.
 */
let lastCompiled: { readonly snapshot: Snapshot; readonly asOf: IsoDate; readonly model: Model } | null = null;

/** Compiles the snapshot for a policy (the planning day comes from the policy or the snapshot). */
export function compileFor(snapshot: Snapshot, policy: Policy): Model {
  const asOf: IsoDate = resolveAsOf(snapshot, policy.asOf);
  if (lastCompiled && lastCompiled.snapshot === snapshot && lastCompiled.asOf === asOf) return lastCompiled.model;
  const model = compileModel(snapshot, asOf);
  lastCompiled = { snapshot, asOf, model };
  return model;
}

/** A fresh engine state with every group allocated. */
export function buildEngine(model: Model, policy: Policy, edits: readonly Edit[], mode: PlanMode): EngineState {
  const overlay = overlayFrom(model, policy, edits);
  const ctx = createContext(model, policy, overlay);
  const state = new EngineState(ctx, mode);
  state.recomputeAll();
  return state;
}
