/**
 * What "the decision still holds" means after a 409/412 is a domain question, so the sender asks a RebasePolicy:
 * given the decision and the ERP's current rows, either a rebased decision (base versions moved to the current ones)
 * or the reason it no longer holds.
 */
import type { RowRef } from '../ports';

export type RecheckResult = { holds: true; decision: unknown } | { holds: false; reason: string };

export interface RebasePolicy {
  /** The rows the decision depends on (re-fetched when the ERP's conflict answer does not carry them). */
  rowsOf(decision: unknown): RowRef[];
  /** Re-checks the decision's preconditions against the ERP's current rows. */
  recheck(decision: unknown, currentRows: unknown): RecheckResult;
}

/** Most automatic rebases for one decision before the planner is asked. */
export const MAX_AUTO_REBASES = 2;
