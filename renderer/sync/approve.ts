/**
 * Approving and rejecting decisions. An approval is ONE record (schema v4, `approvals`): the approved decisions'
 * ready-made outbox entries (seq numbers assigned, base rows snapshotted) written with the seq counter in one
 * transaction. That record is the durable "approved + queued" (a decision is never approved without being queued,
 * nor queued without being approved); `expandApprovals` moves it into `outbox` in the background. The decision rows
 * are not rewritten: a decision's status is its entry's (shared/sync/outbox/decision-status.ts).
 * Chromium's IndexedDB pays per record (~150 µs), so 10,000 decisions cost one record here instead of 20,000.
 */
import type { Decision, OrderLine } from '../../shared/domain';
import { ENTITIES, isEntityName, makeIssue } from '../../shared/domain';
import type { ValidationIssue } from '../../shared/domain';
import { OUTBOX_STATES, newOutboxEntry, resolveNeedsAttention } from '../../shared/sync/outbox/entry';
import type { OutboxEntry, OutboxState, Resolution } from '../../shared/sync/outbox/entry';
import { DECISION_STATUS_FOR } from '../../shared/sync/outbox/decision-status';
import { orderLineIdsOf, rowKeysOf } from '../../shared/sync/outbox/decision-rows';
import type { WorkbenchDb } from '../db/database';
import { readPendingApprovals } from '../db/approvals';
import { getEntityRows, rowTablesFor } from '../db/entity-rows';

const SEQ_SETTING = 'outbox.lastSeq';

/**
 * From this many ids on, the proposed decisions are read with one index request (getAll) when the selection is a
 * good part of them: Dexie's bulkGet is one IndexedDB request per key, which Chromium pays for one by one.
 */
const READ_ALL_PROPOSED_FROM = 200;

export type DecisionChangeResult = { ok: true; count: number } | { ok: false; issues: ValidationIssue[] };

/** The decision rows for `ids` (aligned, undefined where missing), in as few IndexedDB requests as is sensible. */
async function readSelected(db: WorkbenchDb, ids: readonly string[]): Promise<(Decision | undefined)[]> {
  if (ids.length < READ_ALL_PROPOSED_FROM) return db.decisions.bulkGet([...ids]);
  const proposedCount = await db.decisions.where('status').equals('proposed').count();
  if (proposedCount > ids.length * 3) return db.decisions.bulkGet([...ids]);
  const byId = new Map<string, Decision>();
  for (const d of await db.decisions.where('status').equals('proposed').toArray()) byId.set(d.id, d);
  // The few not proposed (or unknown) are read by key, to name what they are.
  const others = ids.filter((id) => !byId.has(id));
  if (others.length > 0) (await db.decisions.bulkGet(others)).forEach((d) => d && byId.set(d.id, d));
  return ids.map((id) => byId.get(id));
}

/**
 * The outbox state of each selected decision that has an entry. A small selection reads its entries by key; a large
 * one reads the state index's keys (no entry is read whole), one request per state instead of one per id.
 */
async function outboxStates(db: WorkbenchDb, ids: readonly string[]): Promise<Map<string, OutboxState>> {
  const states = new Map<string, OutboxState>();
  if (ids.length < READ_ALL_PROPOSED_FROM) {
    for (const e of await db.outbox.bulkGet([...ids])) if (e) states.set(e.decisionId, e.state);
    return states;
  }
  const wanted = new Set(ids);
  await Promise.all(
    Object.values(OUTBOX_STATES).map(async (state) => {
      for (const id of await db.outbox.where('state').equals(state).primaryKeys()) if (wanted.has(id)) states.set(id, state);
    }),
  );
  return states;
}

/**
 * The selected decisions if every one is proposed. A decision row stays "proposed" once approved (its status is its
 * outbox entry's, or its approval record's while not expanded): approving or rejecting it again is refused by id and
 * field like any other status, naming the status readers see.
 */
async function loadProposed(db: WorkbenchDb, ids: readonly string[]): Promise<{ decisions: Decision[]; issues: ValidationIssue[] }> {
  const [pending, states, found] = await Promise.all([readPendingApprovals(db), outboxStates(db, ids), readSelected(db, ids)]);
  const issues: ValidationIssue[] = [];
  const decisions: Decision[] = [];
  found.forEach((d, i) => {
    const id = ids[i] ?? '';
    const state = states.get(id);
    if (!d) issues.push(makeIssue('decisions', id, 'id', 'a decision in the local database', id));
    else if (state) issues.push(makeIssue('decisions', id, 'status', '"proposed"', DECISION_STATUS_FOR[state]));
    else if (pending.has(id)) issues.push(makeIssue('decisions', id, 'status', '"proposed"', 'approved'));
    else if (d.status !== 'proposed') issues.push(makeIssue('decisions', id, 'status', '"proposed"', d.status));
    else decisions.push(d);
  });
  if (new Set(ids).size !== ids.length) issues.push(makeIssue('decisions', '(selection)', 'ids', 'each decision once', 'duplicates'));
  return { decisions, issues };
}

/**
 * Approves proposed decisions by `approver`, in the given order (which becomes their sending order per row).
 * If any id is unknown or not proposed, nothing is written and the issues name each one. Writes one approval record;
 * call `expandApprovals` afterwards (the sync service does, without making the caller wait).
 */
export async function approveDecisions(db: WorkbenchDb, ids: readonly string[], approver: string, now: Date = new Date()): Promise<DecisionChangeResult> {
  const at = now.getTime();
  const approvedAt = now.toISOString();
  // The outbox is read (not written) here: an entry means the decision already left "proposed".
  return db.transaction('rw', [db.decisions, db.approvals, db.outbox, db.settings, ...rowTablesFor(db, ENTITIES)], async () => {
    const { decisions, issues } = await loadProposed(db, ids);
    if (issues.length > 0) return { ok: false as const, issues };
    if (decisions.length === 0) return { ok: true as const, count: 0 };

    // The order lines the decisions name, to know which balances they move and to snapshot the base rows.
    const lineIds = [...new Set(decisions.flatMap(orderLineIdsOf))];
    const lines = new Map<string, OrderLine>();
    (await getEntityRows(db, 'order-lines', lineIds)).forEach((l) => l && lines.set(l.id, l));
    const basisByEntity = new Map<string, Set<string>>();
    for (const d of decisions) for (const b of d.basis) (basisByEntity.get(b.entity) ?? basisByEntity.set(b.entity, new Set()).get(b.entity))?.add(b.id);
    const baseRows = new Map<string, unknown>();
    for (const [entity, idSet] of basisByEntity) {
      const idList = [...idSet];
      const rows: unknown[] = entity === 'order-lines' ? idList.map((id) => lines.get(id)) : isEntityName(entity) ? await getEntityRows(db, entity, idList) : [];
      rows.forEach((row, i) => row && baseRows.set(`${entity}:${idList[i]}`, row));
    }

    const lastSeq = ((await db.settings.get(SEQ_SETTING))?.value as number | undefined) ?? 0;
    const entries: OutboxEntry[] = decisions.map((d, i) => {
      const decision = { ...d, status: 'approved', approvedBy: approver, approvedAt } as Decision;
      return newOutboxEntry({
        decisionId: d.id,
        seq: lastSeq + i + 1,
        decision,
        rowKeys: rowKeysOf(d, (id) => lines.get(id)),
        baseRows: d.basis.map((b) => ({ entity: b.entity, id: b.id, version: b.version, row: baseRows.get(`${b.entity}:${b.id}`) })),
        approvedBy: approver,
        now: at,
      });
    });
    await db.approvals.add({ firstSeq: lastSeq + 1, lastSeq: lastSeq + decisions.length, approvedBy: approver, approvedAt: at, entries });
    await db.settings.put({ key: SEQ_SETTING, value: lastSeq + decisions.length });
    return { ok: true as const, count: decisions.length };
  });
}

/** Rejects proposed decisions (the supervisor's "no"); nothing goes to the ERP. All or nothing, like approval. */
export async function rejectDecisions(db: WorkbenchDb, ids: readonly string[], by: string, reason: string, now: Date = new Date()): Promise<DecisionChangeResult> {
  return db.transaction('rw', [db.decisions, db.approvals, db.outbox, db.auditLog], async () => {
    const { decisions, issues } = await loadProposed(db, ids);
    if (reason.trim() === '') issues.push(makeIssue('decisions', '(selection)', 'reason', 'a reason for the rejection', reason));
    if (issues.length > 0) return { ok: false as const, issues };
    await db.decisions.bulkPut(decisions.map((d) => ({ ...d, status: 'rejected' }) as Decision));
    await db.auditLog.bulkAdd(decisions.map((d) => ({ decisionId: d.id, at: now.getTime(), event: 'discarded' as const, actor: by, detail: `rejected by ${by}: ${reason}` })));
    return { ok: true as const, count: decisions.length };
  });
}

/**
 * The planner's answer to a decision that needs attention: re-apply on top of the ERP's current rows, send an edited
 * decision (same id, same key), or discard it. Written with its audit record in one transaction; the decision row
 * takes the edited or re-based content (readers still take its status from the entry, which wins).
 */
export async function resolveAttention(
  db: WorkbenchDb,
  decisionId: string,
  resolution: Resolution,
  by: string,
  now: Date = new Date(),
): Promise<DecisionChangeResult> {
  return db.transaction('rw', [db.outbox, db.auditLog, db.decisions], async () => {
    const entry = await db.outbox.get(decisionId);
    if (!entry) return { ok: false as const, issues: [makeIssue('outbox', decisionId, 'decisionId', 'a decision in the outbox', decisionId)] };
    if (entry.state !== 'needs-attention') return { ok: false as const, issues: [makeIssue('outbox', decisionId, 'state', '"needs-attention"', entry.state)] };
    const next = resolveNeedsAttention(entry, resolution, now.getTime());
    await db.outbox.put(next);
    await db.auditLog.add({ decisionId, at: now.getTime(), event: resolution.choice === 'discard' ? 'discarded' : 'resolved', actor: by, detail: resolution.choice });
    const status = next.state === 'discarded' ? 'rejected' : 'approved';
    const decision = next.state === 'discarded' ? undefined : (next.decision as Decision);
    await db.decisions.update(decisionId, decision ? { ...decision, status } : { status });
    return { ok: true as const, count: 1 };
  });
}
