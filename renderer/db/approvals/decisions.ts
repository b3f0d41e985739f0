/** Decision reads for every consumer outside approval itself: the decision rows with pending approvals applied. */
import type { Decision } from '../../../shared/domain';
import type { WorkbenchDb } from '../database';
import { readPendingApprovals, withPendingApproval } from './pending';

/** Every decision, approvals not yet expanded shown as approved. */
export async function readDecisions(db: WorkbenchDb): Promise<Decision[]> {
  const pending = await readPendingApprovals(db);
  const rows = await db.decisions.toArray();
  return pending.size === 0 ? rows : rows.map((d) => withPendingApproval(d, pending));
}

/** The decisions with these ids (aligned with `ids`, undefined where missing), pending approvals applied. */
export async function getDecisions(db: WorkbenchDb, ids: readonly string[]): Promise<(Decision | undefined)[]> {
  const pending = await readPendingApprovals(db);
  const rows = await db.decisions.bulkGet([...ids]);
  return pending.size === 0 ? rows : rows.map((d) => withPendingApproval(d, pending));
}
