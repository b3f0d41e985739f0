// The few engine entry points the worker uses, behind one small interface: the handler is written (and tested)
// against this port, and this file is the only place that knows how shared/engine spells them.
import type { Snapshot } from '../../shared/domain';
import type { Edit } from '../../shared/engine/edits';
import type { Policy } from '../../shared/engine/policy';
import type { EditResult, Plan } from '../../shared/engine/types';

/** A what-if session as the worker uses it. */
export interface WhatIfPort {
  /** The plan of the session's current edits (built once, then patched by apply/undo/redo). */
  plan(): Plan;
  apply(edit: Edit): EditResult;
  /** Reverts the last applied edit; null when there is nothing to undo. */
  undo(): EditResult | null;
  /** Re-applies the last undone edit; null when there is nothing to redo. */
  redo(): EditResult | null;
}

export interface EnginePort {
  createSession(snapshot: Snapshot, policy: Policy): WhatIfPort;
  /** A full priority-mode run with no edits: what a scenario is compared against. */
  baseline(snapshot: Snapshot, policy: Policy): Plan;
  /** A full optimal-mode run with these edits (exact min-cost flow; its summary carries the value gap). */
  optimal(snapshot: Snapshot, policy: Policy, edits: readonly Edit[]): Plan;
}
