// The allocation engine's one public entry. Pure TypeScript: no I/O, no clock, no randomness.
// allocate(snapshot, policy, edits, { mode }) -> Plan; createWhatIfSession(...) for interactive edits.
import type { Snapshot } from '../domain';
import type { Edit } from './edits';
import { validateEdit } from './edits';
import type { EditIssue } from './edits';
import { buildEngine, compileFor } from './engine';
import type { Policy } from './policy';
import type { Plan, PlanMode } from './types';
import { EditRejectedError, editContextFor } from './whatif';

export type * from './types';
export { SOURCES, SCORE_FACTORS, STRATEGIES } from './types';
export type { Policy, ScoreWeights, SegmentStrategy, Quota, HoldTreatment, ApprovalLimit, PolicyIssue, PolicyResult } from './policy';
export { defaultPolicy, validatePolicy, resolvePolicy, strategyFor, HOLD_TREATMENTS } from './policy';
export type { Edit, EditKind, EditIssue, EditContext, EditResultCheck, PriorityOverrideEdit, LockEdit, QuantityEdit, SourceEdit, SubstituteEdit, SupplyEdit, PolicyWeightsEdit } from './edits';
export { validateEdit, validateEdits, EDIT_KINDS } from './edits';
export type { WhatIfSession, SessionOptions } from './whatif';
export { createWhatIfSession, EditRejectedError, editContextFor } from './whatif';
export { SnapshotInputError } from './model/compile';
export { planToJson } from './serialize';

export interface AllocateOptions {
  readonly mode?: PlanMode;
}

/**
 * Allocates the snapshot under the policy with the planner's edits applied in order.
 * Throws EditRejectedError for an invalid edit and SnapshotInputError for an unresolvable reference.
 */
export function allocate(snapshot: Snapshot, policy: Policy, edits: readonly Edit[] = [], options: AllocateOptions = {}): Plan {
  const model = compileFor(snapshot, policy);
  if (edits.length > 0) {
    const ctx = editContextFor(model);
    const issues: EditIssue[] = [];
    edits.forEach((e, i) => {
      const r = validateEdit(e, ctx, `edits[${i}]`);
      if (!r.ok) issues.push(...r.issues);
    });
    if (issues.length > 0) throw new EditRejectedError(issues);
  }
  return buildEngine(model, policy, edits, options.mode ?? 'priority').plan();
}
