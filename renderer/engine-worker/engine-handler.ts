// The worker's brain as a plain object: it opens the cache, builds the snapshot and the engine's what-if session, and
// answers the protocol's requests. No postMessage here, so Node tests drive it directly with fake-indexeddb.
import type { Decision, InventoryBalance, Item, Snapshot, Warehouse } from '../../shared/domain';
import { balanceId } from '../../shared/domain';
import type { Edit, EditContext } from '../../shared/engine/edits';
import { validateEdit } from '../../shared/engine/edits';
import type { Policy } from '../../shared/engine/policy';
import { defaultPolicy } from '../../shared/engine/policy';
import type { DerivedException, EditResult, Plan, PlanLine, PlanSummary } from '../../shared/engine/types';
import type { WorkbenchDb } from '../db';
import { entityChangeStamp } from '../db';
import { buildExceptionQueue } from '../exceptions/queue-rows';
import { buildInventoryRows } from '../inventory/inventory-rows';
import type { AllocationRow } from './allocation-row';
import type { EnginePort, WhatIfPort } from './engine-port';
import type {
  AllocationScope,
  ComparedLine,
  EditOutcome,
  EngineArgs,
  EngineError,
  EngineReply,
  EngineRequestName,
  EngineResult,
  LoadResult,
  OptimalComparison,
  OptimalLineDifference,
  ScenarioComparison,
  SkuGroupInfo,
} from './protocol';
import { readPolicy, readSnapshot } from './read-snapshot';
import type { LineEdits, ProjectionIndex } from './row-projection';
import type { BatchEncoder, RowBatch } from './row-batch';
import { createBatchEncoder, encodeRows } from './row-batch';
import { buildProjectionIndex, changedFields, inGridOrder, lineEditsFrom, projectRow } from './row-projection';

/** Thrown inside the handler to answer with an error value; anything else becomes an 'internal' error. */
class EngineFailure extends Error {
  constructor(readonly error: EngineError) {
    super(error.message);
  }
}

interface Session {
  readonly snapshot: Snapshot;
  readonly policy: Policy;
  readonly whatIf: WhatIfPort;
  readonly index: ProjectionIndex;
  /** Current plan line per open order line (patched from deltas). */
  readonly planById: Map<string, PlanLine>;
  /** Open line ids in snapshot order. */
  readonly lineOrder: readonly string[];
  readonly itemIds: ReadonlySet<string>;
  readonly warehouseIds: readonly string[];
  summary: PlanSummary;
  /** Edits in force, oldest first; redo holds undone edits, most recent last. */
  applied: Edit[];
  undone: Edit[];
  lineEdits: Map<string, LineEdits>;
  /** The plan with no edits, computed on first compare/propose. */
  baseline: Plan | null;
  /** Projected rows by line, valid until the line's plan or edits change (reopening 100k lines re-projects nothing). */
  rowCache: Map<string, AllocationRow>;
  scope: AllocationScope;
  /** Ids of the loaded scope (null = every line). */
  scopeIds: Set<string> | null;
  /** A view has loaded rows from this session (then a changed cache never replaces it under the planner). */
  viewed: boolean;
  /** Bumped by every change of the plan or the edits: background work done for an older version is dropped. */
  version: number;
  warm: WarmState;
}

/**
 * Work done between requests on a freshly built session, so "All lines" finds its answer ready: every line's row
 * projected, the rows in grid order, then packed into a batch (a slice at a time, so a request never waits long
 * behind it). The batch is transferred (and so used) once; later opens re-pack from the projected rows.
 */
/** One read of the cache: the snapshot, the stored policy (or why it is invalid) and the projection lookups. */
interface CacheRead {
  readonly snapshot: Snapshot;
  readonly policy: Awaited<ReturnType<typeof readPolicy>>;
  readonly index: ProjectionIndex;
  readonly stamp: string;
}

interface WarmState {
  readonly version: number;
  projected: number;
  sorted: AllocationRow[] | null;
  encoder: BatchEncoder | null;
  encoded: number;
  batch: RowBatch | null;
  /** The packed batch was handed out (or nothing is left to do) for this version. */
  done: boolean;
}

/** Rows projected or packed per background step (tens of milliseconds on the large world). */
const WARM_CHUNK = 4_000;

const freshWarm = (version: number): WarmState => ({ version, projected: 0, sorted: null, encoder: null, encoded: 0, batch: null, done: false });

export interface EngineHandler {
  handle<K extends EngineRequestName>(name: K, args: EngineArgs<K>): Promise<EngineReply<EngineResult<K>>>;
  /** One slice of background work (call it while no request waits); true while more is left. */
  warm(): boolean;
  close(): Promise<void>;
}

export interface EngineHandlerOptions {
  /** Opens the cache; `name` is what `configure` chose (undefined: the workbench default). */
  openDb: (name?: string) => Promise<WorkbenchDb>;
  engine: EnginePort;
  /** Clock for timings only (never for results). */
  now?: () => number;
}


/** Creates the handler; the database opens on the first `load`. */
export function createEngineHandler(options: EngineHandlerOptions): EngineHandler {
  const now = options.now ?? (() => performance.now());
  let db: WorkbenchDb | null = null;
  let dbName: string | undefined;
  let session: Session | null = null;

  const fail = (kind: EngineError['kind'], message: string, extra: Partial<EngineError> = {}): never => {
    throw new EngineFailure({ kind, message, ...extra });
  };
  const need = (): Session => session ?? fail('no-session', 'Open a SKU group or a set of lines first: the allocation session is not loaded.');

  /**
   * The last cache read made for the queue (`queue`), kept for the `inventory` and `exceptions` requests that follow it
   * in the same refresh; `exceptions` uses it up, every other request reads the cache itself.
   */
  let recentRead: CacheRead | null = null;

  /** Changes whenever a pull or a local write changes what planning reads most (order lines, balances). */
  async function planningStamp(d: WorkbenchDb): Promise<string> {
    const [lines, balances] = await Promise.all([entityChangeStamp(d, 'order-lines'), entityChangeStamp(d, 'inventory-balances')]);
    return `${lines}|${balances}`;
  }

  async function readCache(): Promise<CacheRead> {
    db ??= await options.openDb(dbName);
    // Stamped before reading: a write during the read makes the stamp stale, never the read newer than it says.
    const stamp = await planningStamp(db);
    const [snapshot, policy] = await Promise.all([readSnapshot(db), readPolicy(db)]);
    return { snapshot, policy, index: buildProjectionIndex(snapshot), stamp };
  }

  /** The queue's read if the cache has not changed since (a pull may have finished in between), else a fresh one. */
  async function recentOrFresh(): Promise<CacheRead> {
    if (recentRead && db && (await planningStamp(db)) === recentRead.stamp) return recentRead;
    return readCache();
  }

  /** What planning needs: a cache with order lines and a valid policy (else an error value saying which). */
  async function readInputs(useRecent = false): Promise<{ snapshot: Snapshot; policy: Policy; index: ProjectionIndex }> {
    const read = useRecent ? await recentOrFresh() : await readCache();
    recentRead = null;
    if (!read.policy.ok) return fail('snapshot', read.policy.message);
    if (read.snapshot.orderLines.length === 0) {
      return fail('empty-cache', 'No order lines are cached yet: sign in and let the first pull finish, then open the allocation view again.');
    }
    return { snapshot: read.snapshot, policy: read.policy.policy, index: read.index };
  }

  async function build(useRecent = false): Promise<Session> {
    const { snapshot, policy, index } = await readInputs(useRecent);
    return sessionFrom(snapshot, policy, index);
  }

  /**
   * A session built ahead of the view (by the queue's derivation) plans with the policy stored when it was built; the
   * governed policy may be written just after (the policy pull). Before a view first opens it, a changed stored
   * policy rebuilds it over the same snapshot. A session the planner works in is never replaced under them.
   */
  async function withStoredPolicy(s: Session): Promise<{ session: Session; rebuilt: boolean }> {
    if (s.viewed || !db) return { session: s, rebuilt: false };
    const stored = await readPolicy(db);
    if (!stored.ok || JSON.stringify(stored.policy) === JSON.stringify(s.policy)) return { session: s, rebuilt: false };
    return { session: sessionFrom(s.snapshot, stored.policy, s.index), rebuilt: true };
  }

  function sessionFrom(snapshot: Snapshot, policy: Policy, index: ProjectionIndex): Session {
    let whatIf: WhatIfPort;
    try {
      whatIf = options.engine.createSession(snapshot, policy);
    } catch (e) {
      return fail('snapshot', `The cached data cannot be planned: ${e instanceof Error ? e.message : String(e)}`);
    }
    const plan = whatIf.plan();
    const planById = new Map<string, PlanLine>();
    for (const p of plan.lines) planById.set(p.orderLineId, p);
    return {
      snapshot,
      policy,
      whatIf,
      index,
      planById,
      lineOrder: plan.lines.map((p) => p.orderLineId),
      itemIds: new Set(snapshot.items.map((i) => i.id)),
      warehouseIds: snapshot.warehouses.map((w) => w.id).sort(),
      summary: plan.summary,
      applied: [],
      undone: [],
      lineEdits: new Map(),
      baseline: null,
      rowCache: new Map(),
      scope: { kind: 'all' },
      scopeIds: null,
      viewed: false,
      version: 0,
      warm: freshWarm(0),
    };
  }

  /** The baseline plan's derived exceptions; without edits the session's own plan is the baseline (no second run). */
  function derivedOf(s: Session): DerivedException[] {
    return [...(s.applied.length === 0 ? s.whatIf.plan() : baselineOf(s)).exceptions];
  }

  const isEmptyCache = (e: unknown): boolean => e instanceof EngineFailure && e.error.kind === 'empty-cache';

  function editContext(s: Session): EditContext {
    return {
      hasOrderLine: (id) => s.planById.has(id),
      hasItem: (id) => s.itemIds.has(id),
      hasWarehouse: (id) => s.warehouseIds.includes(id),
      substitutesFor: (id) => s.index.substitutesOfItem.get(s.index.lineById.get(id)?.itemId ?? '') ?? [],
      openQty: (id) => {
        const l = s.index.lineById.get(id);
        return l ? l.orderedQty - l.shippedQty : 0;
      },
    };
  }

  /** Ids of the open lines a scope selects, in snapshot order. */
  function selectScope(s: Session, scope: AllocationScope): string[] | null {
    if (scope.kind === 'all') return null;
    if (scope.kind === 'sku-group') {
      const groupId = s.index.groupOfItem.get(scope.itemId);
      if (groupId === undefined) return [];
      return s.lineOrder.filter((id) => s.planById.get(id)!.groupId === groupId);
    }
    const f = scope.filter;
    const items = f.itemIds ? new Set(f.itemIds) : null;
    const ids = f.orderLineIds ? new Set(f.orderLineIds) : null;
    return s.lineOrder.filter((id) => {
      const l = s.index.lineById.get(id)!;
      if (items && !items.has(l.itemId)) return false;
      if (ids && !ids.has(id)) return false;
      if (f.warehouseId !== undefined && l.warehouseId !== f.warehouseId) return false;
      if (f.customerId !== undefined && l.customerId !== f.customerId) return false;
      const c = s.index.customerById.get(l.customerId);
      if (f.tier !== undefined && c?.tier !== f.tier) return false;
      if (f.channel !== undefined && c?.channel !== f.channel) return false;
      if (f.shortOnly && !(s.planById.get(id)!.shortQty > 0)) return false;
      return true;
    });
  }

  function rowOf(s: Session, id: string): AllocationRow {
    let row = s.rowCache.get(id);
    if (!row) {
      row = projectRow(s.planById.get(id)!, s.index, s.lineEdits.get(id));
      s.rowCache.set(id, row);
    }
    return row;
  }

  function loadResult(s: Session, buildMs: number | null): LoadResult {
    s.viewed = true;
    // "All lines" asked while the background preparation is under way: finish it from where it is.
    if (!s.scopeIds) while (warmStep(s));
    const w = s.warm.version === s.version ? s.warm : null;
    let rows: AllocationRow[];
    let batch: RowBatch | null = null;
    if (!s.scopeIds && w?.batch) {
      batch = w.batch;
      rows = w.sorted!;
      w.batch = null;
      w.done = true;
    } else if (!s.scopeIds && w?.sorted) rows = w.sorted;
    else rows = inGridOrder((s.scopeIds ? [...s.scopeIds] : s.lineOrder).map((id) => rowOf(s, id)));
    const itemIds = s.scopeIds ? [...new Set(rows.flatMap((r) => [r.itemId, ...r.allowedSubstitutes]))].sort() : [...s.itemIds].sort();
    return {
      scope: s.scope,
      rows: batch ?? encodeRows(rows),
      summary: s.summary,
      reference: { asOf: s.summary.asOf, warehouseIds: s.warehouseIds, itemIds },
      edits: [...s.applied],
      canUndo: s.applied.length > 0,
      canRedo: s.undone.length > 0,
      buildMs,
      totalLines: s.lineOrder.length,
    };
  }

  /** Folds an engine result into the session and answers with the scope's changed rows. */
  function outcome(s: Session, result: EditResult, touchedLine: string | null, started: number): EditOutcome {
    const previousEdits = s.lineEdits;
    s.version++;
    s.summary = result.summary;
    s.lineEdits = lineEditsFrom(s.applied);
    const beforeById = new Map<string, PlanLine>();
    for (const d of result.deltas) {
      beforeById.set(d.orderLineId, d.before);
      s.planById.set(d.orderLineId, d.after);
    }
    // The edited line's own settings changed even when its plan did not (e.g. a lock that keeps the same quantity).
    if (touchedLine !== null && s.planById.has(touchedLine) && !beforeById.has(touchedLine)) beforeById.set(touchedLine, s.planById.get(touchedLine)!);
    for (const id of beforeById.keys()) s.rowCache.delete(id);
    const rows: AllocationRow[] = [];
    const changed: Record<string, string[]> = {};
    let outside = 0;
    for (const [id, beforeLine] of beforeById) {
      if (s.scopeIds && !s.scopeIds.has(id)) {
        outside++;
        continue;
      }
      // The UI holds what the plan was before this change, so comparing the two projections says what it must repaint.
      const before = projectRow(beforeLine, s.index, previousEdits.get(id));
      const after = rowOf(s, id);
      const fields = changedFields(before, after);
      if (fields.length === 0) continue;
      rows.push(after);
      changed[id] = fields;
    }
    return {
      rows,
      changedFields: changed,
      changedOutsideScope: outside,
      summary: s.summary,
      edits: [...s.applied],
      canUndo: s.applied.length > 0,
      canRedo: s.undone.length > 0,
      engineMs: now() - started,
    };
  }

  const lineOf = (e: Edit): string | null => ('orderLineId' in e ? e.orderLineId : null);

  function applyOne(s: Session, edit: Edit): EditResult {
    const r = s.whatIf.apply(edit);
    s.applied.push(edit);
    return r;
  }

  function baselineOf(s: Session): Plan {
    s.baseline ??= options.engine.baseline(s.snapshot, s.policy);
    return s.baseline;
  }

  function describeSource(p: PlanLine): string {
    if (p.allocations.length === 0) return p.held ? 'held' : 'backorder';
    return [...new Set(p.allocations.map((a) => `${a.source} ${a.warehouseId}`))].join(' + ');
  }

  /** How a line is named in comparisons: its customer's name (else id) and item. */
  function lineLabel(s: Session, orderLineId: string): { customerName: string; itemId: string } {
    const l = s.index.lineById.get(orderLineId);
    return { customerName: (l && s.index.customerById.get(l.customerId)?.name) ?? l?.customerId ?? '', itemId: l?.itemId ?? '' };
  }

  function compare(s: Session, maxLines: number): ScenarioComparison {
    const base = baselineOf(s);
    const changedLines: ComparedLine[] = [];
    let count = 0;
    for (const b of base.lines) {
      const p = s.planById.get(b.orderLineId);
      if (!p) continue;
      const sourceB = describeSource(b), sourceP = describeSource(p);
      if (b.rank === p.rank && b.allocatedQty === p.allocatedQty && b.shortQty === p.shortQty && sourceB === sourceP && b.shipDate === p.shipDate) continue;
      count++;
      if (changedLines.length >= maxLines) continue;
      changedLines.push({
        orderLineId: b.orderLineId,
        groupId: b.groupId,
        ...lineLabel(s, b.orderLineId),
        baseline: { rank: b.rank, allocatedQty: b.allocatedQty, shortQty: b.shortQty, source: sourceB, shipDate: b.shipDate },
        scenario: { rank: p.rank, allocatedQty: p.allocatedQty, shortQty: p.shortQty, source: sourceP, shipDate: p.shipDate },
      });
    }
    return { baseline: base.summary, scenario: s.summary, changedLines, changedLineCount: count };
  }

  /** A line's value in a plan: allocated units at the unit price less the cost of its slices, in cents. */
  function lineValueCents(s: Session, p: PlanLine): number {
    const price = s.index.lineById.get(p.orderLineId)?.unitPrice ?? 0;
    let v = 0;
    for (const a of p.allocations) v += a.lineQty * price - a.costCents;
    return v;
  }

  /**
   * The session's edits allocated in optimal mode beside the session's own (priority) plan. The optimal plan is not
   * kept: it is a comparison, and the session stays rule-based.
   */
  function compareWithOptimal(s: Session, maxLines: number): OptimalComparison {
    const started = now();
    let optimal: Plan;
    try {
      optimal = options.engine.optimal(s.snapshot, s.policy, s.applied);
    } catch (e) {
      return fail('internal', `Optimal mode could not allocate this scenario: ${e instanceof Error ? e.message : String(e)}`);
    }
    let differentQtyLines = 0;
    let differentQtyLinesInScope = 0;
    const candidates: OptimalLineDifference[] = [];
    for (const o of optimal.lines) {
      const p = s.planById.get(o.orderLineId);
      if (!p) continue;
      const qtyDiffers = p.allocatedQty !== o.allocatedQty;
      if (qtyDiffers) differentQtyLines++;
      if (s.scopeIds && !s.scopeIds.has(o.orderLineId)) continue;
      if (qtyDiffers) differentQtyLinesInScope++;
      const valueDifferenceCents = lineValueCents(s, o) - lineValueCents(s, p);
      if (!qtyDiffers && valueDifferenceCents === 0) continue;
      candidates.push({
        orderLineId: o.orderLineId,
        groupId: o.groupId,
        ...lineLabel(s, o.orderLineId),
        currentQty: p.allocatedQty,
        optimalQty: o.allocatedQty,
        valueDifferenceCents,
      });
    }
    // Largest difference first; the line id breaks ties so the list is the same on every run.
    candidates.sort((a, b) => Math.abs(b.valueDifferenceCents) - Math.abs(a.valueDifferenceCents) || (a.orderLineId < b.orderLineId ? -1 : a.orderLineId > b.orderLineId ? 1 : 0));
    const priorityObjectiveCents = optimal.summary.priorityObjective ?? s.summary.objective;
    return {
      current: s.summary,
      optimal: optimal.summary,
      valueGapCents: optimal.summary.valueGap ?? optimal.summary.objective - priorityObjectiveCents,
      priorityObjectiveCents,
      differentQtyLines,
      differentQtyLinesInScope,
      scope: s.scope,
      topLines: candidates.slice(0, maxLines),
      edits: [...s.applied],
      engineMs: now() - started,
    };
  }

  /** Order line ids a decision is about (its payload's lines, else its basis rows). */
  function decisionLines(d: Decision): string[] {
    const p = d.payload as unknown as Record<string, unknown>;
    const ids = ['orderLineId', 'fromOrderLineId', 'toOrderLineId'].map((k) => p[k]).filter((v): v is string => typeof v === 'string');
    return ids.length > 0 ? ids : d.basis.filter((b) => b.entity === 'order-lines').map((b) => b.id);
  }

  const handlers: { [K in EngineRequestName]: (args: EngineArgs<K>) => Promise<EngineResult<K>> | EngineResult<K> } = {
    configure({ dbName: name }) {
      if (db && name !== dbName) {
        db.close();
        db = null;
        session = null;
      }
      dbName = name;
      return null;
    },
    async load({ scope, reload }) {
      let buildMs: number | null = null;
      if (session && !reload) {
        const started = now();
        const current = await withStoredPolicy(session);
        session = current.session;
        if (current.rebuilt) buildMs = now() - started;
      }
      if (!session || reload) {
        const started = now();
        const previous = session;
        const next = await build();
        // A reload (after a pull) keeps the planner's edits that still make sense against the new snapshot.
        if (previous) {
          const ctx = editContext(next);
          for (const e of previous.applied) if (validateEdit(e, ctx).ok) applyOne(next, e);
          const plan = next.whatIf.plan();
          for (const p of plan.lines) next.planById.set(p.orderLineId, p);
          next.summary = plan.summary;
          next.lineEdits = lineEditsFrom(next.applied);
          next.rowCache.clear();
          next.version++;
        }
        session = next;
        buildMs = now() - started;
      }
      const s = session;
      s.scope = scope;
      const ids = selectScope(s, scope);
      s.scopeIds = ids ? new Set(ids) : null;
      return loadResult(s, buildMs);
    },
    async queue() {
      const read = await readCache();
      recentRead = read;
      const { snapshot, index } = read;
      const items = new Map<string, Item>(snapshot.items.map((i) => [i.id, i]));
      const balances = new Map<string, InventoryBalance>(snapshot.inventoryBalances.map((b) => [balanceId(b.itemId, b.warehouseId), b]));
      return buildExceptionQueue({
        pulled: snapshot.exceptions,
        derived: [],
        lineOf: (id) => index.lineById.get(id),
        customerOf: (id) => index.customerById.get(id),
        itemOf: (id) => items.get(id),
        balanceOf: (i, w) => balances.get(balanceId(i, w)),
      });
    },
    async inventory() {
      const { snapshot } = (recentRead = await recentOrFresh());
      const items = new Map<string, Item>(snapshot.items.map((i) => [i.id, i]));
      const warehouses = new Map<string, Warehouse>(snapshot.warehouses.map((w) => [w.id, w]));
      return buildInventoryRows({
        balances: snapshot.inventoryBalances,
        itemOf: (id) => items.get(id),
        warehouseOf: (id) => warehouses.get(id),
        varianceToleranceUnits: defaultPolicy.varianceToleranceUnits,
      });
    },
    async exceptions({ reread }) {
      if (session && reread && session.viewed) {
        // The planner works in this session: it stays as it is; the queue gets the changed cache's exceptions.
        try {
          const { snapshot, policy } = await readInputs(true);
          return [...options.engine.baseline(snapshot, policy).exceptions];
        } catch (e) {
          if (isEmptyCache(e)) return [];
          throw e;
        }
      }
      if (!session || reread) {
        try {
          session = await build(true);
        } catch (e) {
          // Nothing pulled yet (or a resync emptied the cache): nothing to derive; the next pull asks again.
          if (isEmptyCache(e)) {
            session = null;
            return [];
          }
          throw e;
        }
      }
      return derivedOf(session);
    },
    async groups({ limit }) {
      // The group picker is the view's first screen, so it may be what builds the session.
      session ??= await build();
      session = (await withStoredPolicy(session)).session;
      const s = session;
      const byGroup = new Map<string, { items: Set<string>; lines: number; shortLines: number; shortUnits: number }>();
      for (const id of s.lineOrder) {
        const p = s.planById.get(id)!;
        let g = byGroup.get(p.groupId);
        if (!g) byGroup.set(p.groupId, (g = { items: new Set(), lines: 0, shortLines: 0, shortUnits: 0 }));
        g.items.add(s.index.lineById.get(id)?.itemId ?? p.groupId);
        g.lines++;
        if (p.shortQty > 0) {
          g.shortLines++;
          g.shortUnits += p.shortQty;
        }
      }
      const out: SkuGroupInfo[] = [...byGroup].map(([groupId, g]) => ({ groupId, itemIds: [...g.items].sort(), lines: g.lines, shortLines: g.shortLines, shortUnits: g.shortUnits }));
      out.sort((a, b) => b.shortUnits - a.shortUnits || b.lines - a.lines || (a.groupId < b.groupId ? -1 : 1));
      return out.slice(0, limit ?? 200);
    },
    apply({ edit }) {
      const s = need();
      const started = now();
      const check = validateEdit(edit, editContext(s));
      if (!check.ok) return fail('invalid-edit', check.issues.map((i) => i.message).join('; '), { issues: check.issues });
      const r = applyOne(s, check.edit);
      s.undone = [];
      return outcome(s, r, lineOf(edit), started);
    },
    undo() {
      const s = need();
      const started = now();
      const last = s.applied[s.applied.length - 1];
      if (!last) return fail('nothing-to-undo', 'Nothing to undo.');
      const r = s.whatIf.undo();
      if (!r) return fail('internal', 'The engine had nothing to undo although an edit was applied.');
      s.applied.pop();
      s.undone.push(last);
      return outcome(s, r, lineOf(last), started);
    },
    redo() {
      const s = need();
      const started = now();
      const next = s.undone[s.undone.length - 1];
      if (!next) return fail('nothing-to-redo', 'Nothing to redo.');
      const r = s.whatIf.redo();
      if (!r) return fail('internal', 'The engine had nothing to redo although an edit was undone.');
      s.undone.pop();
      s.applied.push(next);
      return outcome(s, r, lineOf(next), started);
    },
    replaceEdits({ edits }) {
      const s = need();
      const ctx = editContext(s);
      const problems: string[] = [];
      edits.forEach((e, i) => {
        const r = validateEdit(e, ctx, `edit ${i + 1}`);
        if (!r.ok) problems.push(...r.issues.map((x) => x.message));
      });
      if (problems.length > 0) {
        return fail('invalid-edit', `The scenario no longer fits the cached data, nothing was changed: ${problems.slice(0, 5).join('; ')}${problems.length > 5 ? ` (and ${problems.length - 5} more)` : ''}`);
      }
      // Undo back to the baseline through the session (cheap: per group), then apply the scenario's edits.
      while (s.applied.length > 0) {
        const r = s.whatIf.undo();
        if (!r) break;
        s.applied.pop();
        for (const d of r.deltas) s.planById.set(d.orderLineId, d.after);
        s.summary = r.summary;
      }
      s.undone = [];
      for (const e of edits) {
        const r = applyOne(s, e);
        for (const d of r.deltas) s.planById.set(d.orderLineId, d.after);
        s.summary = r.summary;
      }
      s.lineEdits = lineEditsFrom(s.applied);
      s.rowCache.clear();
      s.version++;
      return loadResult(s, null);
    },
    compare({ maxLines }) {
      return compare(need(), maxLines ?? 500);
    },
    optimal({ maxLines }) {
      return compareWithOptimal(need(), maxLines ?? 10);
    },
    propose({ proposedAt, proposedBy, onlyChangedFromBaseline }) {
      const s = need();
      // The session's plan carries the engine's proposals: its differences from the ERP's reservations.
      let decisions: readonly Decision[] = s.whatIf.plan().decisions;
      if (onlyChangedFromBaseline) {
        const changed = new Set(changedLineIds(s));
        decisions = decisions.filter((d) => decisionLines(d).some((id) => changed.has(id)));
      }
      return { decisions: decisions.map((d) => ({ ...d, proposedAt, proposedBy, status: 'proposed' }) as Decision) };
    },
    plan() {
      const s = need();
      return s.whatIf.plan();
    },
    line({ orderLineId }) {
      const s = need();
      const p = s.planById.get(orderLineId);
      if (!p) return fail('invalid-edit', `Line ${orderLineId} is not an open order line in the cache.`);
      return { orderLineId, explanation: p.explanation, allocations: p.allocations, scoreBreakdown: p.scoreBreakdown, score: p.score, rank: p.rank };
    },
  };

  function changedLineIds(s: Session): string[] {
    const base = baselineOf(s);
    const out: string[] = [];
    for (const b of base.lines) {
      const p = s.planById.get(b.orderLineId);
      if (p && (p.allocatedQty !== b.allocatedQty || describeSource(p) !== describeSource(b) || p.shipDate !== b.shipDate)) out.push(b.orderLineId);
    }
    return out;
  }

  function warmStep(s: Session): boolean {
    // Only the freshly built plan is worth preparing: once the planner edits, background packing of 100k rows would
    // compete with the edits' own answers for the CPU.
    const w = s.warm;
    if (w.done || w.version !== s.version) return false;
    const n = s.lineOrder.length;
    if (w.projected < n) {
      const end = Math.min(n, w.projected + WARM_CHUNK);
      for (let i = w.projected; i < end; i++) rowOf(s, s.lineOrder[i]!);
      w.projected = end;
      return true;
    }
    if (!w.sorted) {
      w.sorted = inGridOrder(s.lineOrder.map((id) => rowOf(s, id)));
      w.encoder = createBatchEncoder(n);
      return true;
    }
    if (w.encoder && w.encoded < n) {
      const end = Math.min(n, w.encoded + WARM_CHUNK);
      w.encoder.encodeRange(w.sorted, w.encoded, end);
      w.encoded = end;
      if (end < n) return true;
      w.batch = w.encoder.finish();
      w.encoder = null;
    }
    return false;
  }

  return {
    warm() {
      try {
        return session ? warmStep(session) : false;
      } catch {
        // Background work only saves time later; a failure here surfaces (as a value) when the request runs.
        if (session) session.warm.done = true;
        return false;
      }
    },
    async handle(name, args) {
      try {
        const handler = handlers[name] as (a: typeof args) => Promise<EngineResult<typeof name>> | EngineResult<typeof name>;
        return { ok: true, value: await handler(args) };
      } catch (e) {
        if (e instanceof EngineFailure) return { ok: false, error: e.error };
        return { ok: false, error: { kind: 'internal', message: `The allocation engine failed: ${e instanceof Error ? e.message : String(e)}` } };
      }
    },
    async close() {
      db?.close();
      db = null;
      session = null;
    },
  };
}
