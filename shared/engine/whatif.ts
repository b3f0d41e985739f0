// What-if sessions: built once from a snapshot and policy; each edit recomputes only the SKU group it touches (all
// groups for a weight change) and answers with the lines that changed plus the new summary. Undo and redo replay
// the edit list into the overlay, so the session always equals a full `allocate` with the same edits.
import type { Snapshot } from '../domain';
import { rescore } from './context';
import type { Edit, EditContext, EditIssue, EditResultCheck } from './edits';
import { validateEdit } from './edits';
import type { EngineState } from './engine';
import { buildEngine, compileFor } from './engine';
import type { Model } from './model/compile';
import type { Affected } from './overlay';
import { applyEdit, emptyOverlay } from './overlay';
import type { Policy } from './policy';
import type { EditResult, LineDelta, Plan, PlanLine, PlanMode, PlanSummary } from './types';
import { SCORE_FACTORS } from './types';

/** An edit the session refused; nothing changed. */
export class EditRejectedError extends Error {
  constructor(readonly issues: readonly EditIssue[]) {
    super(issues.map((i) => i.message).join('; '));
    this.name = 'EditRejectedError';
  }
}

export interface WhatIfSession {
  readonly mode: PlanMode;
  /** Validates and applies an edit; throws EditRejectedError (naming the field) for a bad one. */
  apply(edit: Edit): EditResult;
  /** Undoes the last applied edit; null when there is nothing to undo. */
  undo(): EditResult | null;
  /** Re-applies the last undone edit; null when there is nothing to redo. */
  redo(): EditResult | null;
  /** Checks an edit against this snapshot without applying it. */
  validate(edit: unknown): EditResultCheck;
  /** The edits in force, oldest first (what a stored scenario saves). */
  edits(): readonly Edit[];
  plan(): Plan;
  summary(): PlanSummary;
  line(orderLineId: string): PlanLine | undefined;
  canUndo(): boolean;
  canRedo(): boolean;
}

/** The validator's view of a compiled snapshot. */
export function editContextFor(m: Model): EditContext {
  return {
    hasOrderLine: (id) => m.lineIndex.has(id),
    hasItem: (id) => m.itemIndex.has(id),
    hasWarehouse: (id) => m.whIndex.has(id),
    substitutesFor: (id) => {
      const j = m.lineIndex.get(id);
      return j === undefined ? [] : m.rulesOf[m.lItem[j]!]!.map((r) => m.itemIds[r.sub]!);
    },
    openQty: (id) => {
      const j = m.lineIndex.get(id);
      return j === undefined ? 0 : m.lOpen[j]!;
    },
  };
}

function sameAllocations(a: PlanLine, b: PlanLine): boolean {
  if (a.allocations.length !== b.allocations.length) return false;
  for (let k = 0; k < a.allocations.length; k++) {
    const x = a.allocations[k]!, y = b.allocations[k]!;
    if (x.itemId !== y.itemId || x.warehouseId !== y.warehouseId || x.qty !== y.qty || x.shipDate !== y.shipDate || x.source !== y.source || x.costCents !== y.costCents) return false;
  }
  return true;
}

function sameBreakdown(a: PlanLine, b: PlanLine): boolean {
  for (const f of SCORE_FACTORS) if (a.scoreBreakdown[f] !== b.scoreBreakdown[f]) return false;
  return true;
}

/** True when two plan lines would serialise identically for everything a planner sees. */
export function samePlanLine(a: PlanLine, b: PlanLine): boolean {
  if (a === b) return true;
  return (
    a.rank === b.rank && a.score === b.score && a.allocatedQty === b.allocatedQty && a.shortQty === b.shortQty && a.demandQty === b.demandQty &&
    a.explanation === b.explanation && a.locked === b.locked && a.priorityOverride === b.priorityOverride && a.strategy === b.strategy &&
    a.daysLate === b.daysLate && sameAllocations(a, b) && sameBreakdown(a, b)
  );
}

class Session implements WhatIfSession {
  private readonly applied: Edit[];
  private readonly undone: Edit[] = [];
  private readonly ctxForEdits: EditContext;

  constructor(
    private readonly state: EngineState,
    initial: readonly Edit[],
  ) {
    this.applied = [...initial];
    this.ctxForEdits = editContextFor(state.ctx.m);
  }

  get mode(): PlanMode {
    return this.state.mode;
  }

  validate(edit: unknown): EditResultCheck {
    return validateEdit(edit, this.ctxForEdits);
  }

  apply(edit: Edit): EditResult {
    const check = this.validate(edit);
    if (!check.ok) throw new EditRejectedError(check.issues);
    this.freezeFor(edit);
    const affected = applyEdit(this.state.ctx.m, this.state.ctx.overlay, edit);
    this.applied.push(edit);
    this.undone.length = 0;
    return this.recompute(affected);
  }

  /**
   * Composes the outcomes an edit is about to change while the overlay and scores they were built from still hold
   * (outcomes compose their lines, decisions and exceptions lazily). Which groups: ask a scratch overlay.
   */
  private freezeFor(edit: Edit): void {
    const { m, policy } = this.state.ctx;
    const affected = applyEdit(m, emptyOverlay(policy), edit);
    this.state.freeze(affected === 'all' ? null : affected.groups);
  }

  undo(): EditResult | null {
    const e = this.applied.pop();
    if (!e) return null;
    this.undone.push(e);
    return this.replay(e);
  }

  redo(): EditResult | null {
    const e = this.undone.pop();
    if (!e) return null;
    this.freezeFor(e);
    const affected = applyEdit(this.state.ctx.m, this.state.ctx.overlay, e);
    this.applied.push(e);
    return this.recompute(affected);
  }

  /** Rebuilds the overlay from the applied edits and recomputes what `changed` touched. */
  private replay(changed: Edit): EditResult {
    const { m, policy, overlay } = this.state.ctx;
    this.freezeFor(changed);
    const fresh = emptyOverlay(policy);
    overlay.lines.clear();
    overlay.supply.clear();
    overlay.weights = fresh.weights;
    for (const e of this.applied) applyEdit(m, overlay, e);
    // Which groups the undone edit touched: ask a scratch overlay (no side effects on the session).
    const affected = applyEdit(m, emptyOverlay(policy), changed);
    return this.recompute(affected);
  }

  private recompute(affected: Affected): EditResult {
    const st = this.state;
    const m = st.ctx.m;
    const groups = affected === 'all' ? null : [...new Set(affected.groups)].sort((a, b) => a - b);
    if (affected === 'all') rescore(st.ctx);
    const deltas: LineDelta[] = [];
    const run = (g: number): void => {
      const old = st.outcomes[g]!;
      const next = st.recompute(g);
      const oldLines = old.lines(), nextLines = next.lines();
      for (let k = 0; k < nextLines.length; k++) {
        const a = oldLines[k]!, b = nextLines[k]!;
        if (!samePlanLine(a, b)) deltas.push({ orderLineId: b.orderLineId, before: a, after: b });
      }
    };
    if (groups) for (const g of groups) run(g);
    else for (let g = 0; g < m.groupIds.length; g++) run(g);
    return { deltas, summary: st.summary(), groupsRecomputed: groups ? groups.length : m.groupIds.length };
  }

  edits(): readonly Edit[] {
    return [...this.applied];
  }

  plan(): Plan {
    return this.state.plan();
  }

  summary(): PlanSummary {
    return this.state.summary();
  }

  line(orderLineId: string): PlanLine | undefined {
    const m = this.state.ctx.m;
    const j = m.lineIndex.get(orderLineId);
    if (j === undefined) return undefined;
    const g = m.lGroup[j]!;
    const idx = m.groupLines[g]!.indexOf(j);
    return this.state.outcomes[g]!.lines()[idx];
  }

  canUndo(): boolean {
    return this.applied.length > 0;
  }

  canRedo(): boolean {
    return this.undone.length > 0;
  }
}

export interface SessionOptions {
  readonly mode?: PlanMode;
  /** Edits to start from (e.g. a stored scenario); validated like any other. */
  readonly edits?: readonly Edit[];
}

/** Creates a what-if session: compiles the snapshot once and allocates every group. */
export function createWhatIfSession(snapshot: Snapshot, policy: Policy, options: SessionOptions = {}): WhatIfSession {
  const model = compileFor(snapshot, policy);
  const edits = options.edits ?? [];
  const ctx = editContextFor(model);
  const issues: EditIssue[] = [];
  edits.forEach((e, i) => {
    const r = validateEdit(e, ctx, `edits[${i}]`);
    if (!r.ok) issues.push(...r.issues);
  });
  if (issues.length > 0) throw new EditRejectedError(issues);
  const state = buildEngine(model, policy, edits, options.mode ?? 'priority');
  return new Session(state, edits);
}
