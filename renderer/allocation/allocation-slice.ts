// The allocation (what-if) session slice: which lines are open, their rows, the summary, the edit history and the
// last change (for the highlight and the repaint timing). Actions talk to the engine worker through the injected
// client; components read through the selectors in selectors.ts and never touch the worker.
import type { Edit } from '../../shared/engine/edits';
import type { PlanSummary } from '../../shared/engine/types';
import type { AllocationRow } from '../engine-worker/allocation-row';
import type { EngineClient } from '../engine-worker/engine-client';
import type { AllocationReferenceData, AllocationScope, EditOutcome, EngineError, LineDetailInfo, LoadResult, OptimalComparison, SkuGroupInfo } from '../engine-worker/protocol';
import { decodeRows } from '../engine-worker/row-batch';
import type { RowIndex } from './row-merge';
import { indexRows, mergeRows } from './row-merge';

export type AllocationStatus = 'idle' | 'loading' | 'ready' | 'error';

/** The last change the worker answered: what to highlight and how long it took. */
export interface AllocationChange {
  readonly seq: number;
  readonly kind: 'edit' | 'undo' | 'redo';
  readonly changedFields: Readonly<Record<string, readonly string[]>>;
  readonly changedOutsideScope: number;
  /** Worker compute time. */
  readonly engineMs: number;
  /** From sending the edit to the new rows being in the store. */
  readonly roundTripMs: number;
  /** performance.now() when the edit was sent (the repaint measure starts here). */
  readonly sentAt: number;
  /** From sending to the frame after the grid repainted; set by the view. */
  readonly repaintMs: number | null;
}

/**
 * "Compare with optimal": the current scenario allocated in optimal mode by the worker, on the planner's request only
 * (it never runs by itself, so opening the grid or editing never pays for it).
 */
export interface OptimalComparisonState {
  readonly status: 'idle' | 'running' | 'ready' | 'error';
  readonly comparison: OptimalComparison | null;
  readonly error: EngineError | null;
  /** `replans` when the comparison was asked for: a re-plan from cache since makes it stale. */
  readonly replans: number;
}

export const initialOptimalState: OptimalComparisonState = { status: 'idle', comparison: null, error: null, replans: 0 };

export interface AllocationState {
  readonly status: AllocationStatus;
  /** Why the view is busy ("Reading 100,000 cached lines…"). */
  readonly busyLabel: string | null;
  readonly error: EngineError | null;
  readonly scope: AllocationScope | null;
  readonly rows: readonly AllocationRow[];
  /**
   * Order line id -> position in `rows`. Kept in step with `rows` by the slice (patched in place on an edit, so an
   * edit never rebuilds a 100k-entry map); read it only together with `rows` from the same state.
   */
  readonly rowIndex: ReadonlyMap<string, number>;
  readonly summary: PlanSummary | null;
  readonly reference: AllocationReferenceData | null;
  /** Open lines in the whole cache. */
  readonly totalLines: number;
  readonly edits: readonly Edit[];
  readonly canUndo: boolean;
  readonly canRedo: boolean;
  /** Edits sent and not yet answered. */
  readonly pendingEdits: number;
  readonly lastChange: AllocationChange | null;
  /** The cache changed (a pull finished) since the session was built: the view offers to re-plan. */
  readonly stale: boolean;
  /** Re-plans from the cache so far (each one changes the plan under an optimal comparison). */
  readonly replans: number;
  readonly optimal: OptimalComparisonState;
  /** `requestedAt` of the last navigation request opened (so coming back to the view does not reopen it). */
  readonly lastOpenRequest: number | null;
  readonly selectedLineId: string | null;
  /** The selected line's allocation slices (fetched when a line is selected). */
  readonly selectedLineDetail: LineDetailInfo | null;
  readonly groups: readonly SkuGroupInfo[];
  /** Open timing: from the open request to rows in the store (the view adds the paint). */
  readonly lastOpen: {
    readonly startedAt: number;
    readonly loadedMs: number;
    readonly buildMs: number | null;
    readonly rows: number;
    /** From the open request to the frame after the grid painted the rows; set by the view. */
    readonly paintedMs: number | null;
  } | null;
}

export const initialAllocationState: AllocationState = {
  status: 'idle',
  busyLabel: null,
  error: null,
  scope: null,
  rows: [],
  rowIndex: new Map(),
  summary: null,
  reference: null,
  totalLines: 0,
  edits: [],
  canUndo: false,
  canRedo: false,
  pendingEdits: 0,
  lastChange: null,
  stale: false,
  replans: 0,
  optimal: initialOptimalState,
  lastOpenRequest: null,
  selectedLineId: null,
  selectedLineDetail: null,
  groups: [],
  lastOpen: null,
};

export interface AllocationActions {
  /** Opens a SKU group, a filtered set or every line; `reload` re-reads the cache (after a pull). */
  openAllocation(scope: AllocationScope, options?: { reload?: boolean; requestedAt?: number }): Promise<void>;
  /** Refreshes the SKU group list (most short units first); builds the worker's session if needed (call it to warm up). */
  loadSkuGroups(): Promise<void>;
  /** Tells the view the cache changed (call after a pull): it offers "Re-plan from cache" instead of re-planning under the planner's hands. */
  allocationCacheChanged(): void;
  /** Sends a validated edit; answers null when applied, else the reason it was refused (for the cell). */
  applyAllocationEdit(edit: Edit): Promise<string | null>;
  /** Starts over from the baseline with these edits (reopening a scenario); answers the refusal, or null. */
  replaceAllocationEdits(edits: readonly Edit[]): Promise<string | null>;
  undoAllocationEdit(): Promise<void>;
  redoAllocationEdit(): Promise<void>;
  /** Shows a line's explanation and score breakdown (and fetches its allocation slices). */
  selectAllocationLine(orderLineId: string | null): Promise<void>;
  dismissAllocationError(): void;
  /**
   * Asks the worker to allocate the current scenario in optimal mode and compare it with the plan (a normal request:
   * an edit sent meanwhile is answered right after it). Nothing is applied.
   */
  compareWithOptimal(): Promise<void>;
  closeOptimalComparison(): void;
  /** The view calls this once the grid has painted change `seq`; records `allocation-edit-repaint`. */
  markAllocationRepainted(seq: number): void;
  /** The view calls this once the grid has painted the opened rows; records `allocation-grid-open`. */
  markAllocationOpened(): void;
}

export interface AllocationSlice {
  readonly allocation: AllocationState;
  readonly allocationActions: AllocationActions;
}

export interface AllocationServices {
  readonly engine: EngineClient;
  /** Clock for timings (defaults to performance.now). */
  readonly now?: () => number;
}

/** Zustand's set/get as the slice needs them (a combined store's set/get fit these). */
export type SliceSet<S> = (partial: Partial<S> | ((state: S) => Partial<S>)) => void;
export type SliceGet<S> = () => S;

/** Marks in the browser's performance timeline (no-ops where there is none). */
function measure(name: string, start: number, end: number): void {
  if (typeof performance === 'undefined' || typeof performance.measure !== 'function') return;
  try {
    performance.measure(name, { start, end });
  } catch {
    // Timeline entries are for the benchmark only; a browser without the options form is not an error.
  }
}

/** Lines listed by "Compare with optimal" (largest value difference first). */
export const OPTIMAL_TOP_LINES = 10;

/** An edit answered within this needs no "recomputing…" hint. */
const SLOW_ANSWER_MS = 150;

/** The allocation slice for the workbench store. */
export function createAllocationSlice(services: AllocationServices) {
  const now = services.now ?? (() => performance.now());
  return (set: SliceSet<AllocationSlice>, get: SliceGet<AllocationSlice>): AllocationSlice => {
    let index: RowIndex = new Map();
    let seq = 0;
    /** Incremented per open, so a slow answer for an older open never overwrites a newer one. */
    let openToken = 0;
    /** Incremented per optimal comparison asked for or closed: only the latest request's answer is shown. */
    let optimalToken = 0;

    const patch = (p: Partial<AllocationState>): void => set((s) => ({ allocation: { ...s.allocation, ...p } }));

    const loaded = (r: LoadResult, startedAt: number | null): void => {
      const rows = decodeRows(r.rows);
      index = indexRows(rows);
      const selected = get().allocation.selectedLineId;
      const keep = selected !== null && index.has(selected);
      patch({
        status: 'ready',
        busyLabel: null,
        error: null,
        scope: r.scope,
        rows,
        rowIndex: index,
        summary: r.summary,
        reference: r.reference,
        totalLines: r.totalLines,
        edits: r.edits,
        canUndo: r.canUndo,
        canRedo: r.canRedo,
        selectedLineId: keep ? selected : null,
        ...(keep ? {} : { selectedLineDetail: null }),
        ...(startedAt !== null ? { lastOpen: { startedAt, loadedMs: now() - startedAt, buildMs: r.buildMs, rows: rows.length, paintedMs: null } } : {}),
      });
    };

    const changed = (o: EditOutcome, kind: AllocationChange['kind'], sentAt: number, mySeq: number): void => {
      const s = get().allocation;
      const rows = mergeRows(s.rows, index, o.rows);
      const selected = s.selectedLineId;
      if (selected !== null && o.changedFields[selected]) void get().allocationActions.selectAllocationLine(selected);
      patch({
        rows,
        summary: o.summary,
        edits: o.edits,
        canUndo: o.canUndo,
        canRedo: o.canRedo,
        error: null,
        lastChange: {
          seq: mySeq,
          kind,
          changedFields: o.changedFields,
          changedOutsideScope: o.changedOutsideScope,
          engineMs: o.engineMs,
          roundTripMs: now() - sentAt,
          sentAt,
          repaintMs: null,
        },
      });
    };

    /**
     * An edit in flight. The "recomputing…" hint (pendingEdits) shows only when the answer is slow: rendering the whole
     * view for it before a quick answer would hold up painting that answer.
     */
    const inFlight = async <T>(send: () => Promise<T>): Promise<T> => {
      let shown = false;
      const timer = setTimeout(() => {
        shown = true;
        patch({ pendingEdits: get().allocation.pendingEdits + 1 });
      }, SLOW_ANSWER_MS);
      try {
        return await send();
      } finally {
        clearTimeout(timer);
        if (shown) patch({ pendingEdits: Math.max(0, get().allocation.pendingEdits - 1) });
      }
    };

    const history = async (kind: 'undo' | 'redo'): Promise<void> => {
      const s = get().allocation;
      if (s.status !== 'ready' || (kind === 'undo' ? !s.canUndo : !s.canRedo)) return;
      const sentAt = now();
      const mySeq = ++seq;
      const r = await inFlight(() => services.engine.call(kind, {}));
      if (r.ok) changed(r.value, kind, sentAt, mySeq);
      else if (r.error.kind !== 'nothing-to-undo' && r.error.kind !== 'nothing-to-redo') patch({ error: r.error });
    };

    return {
      allocation: initialAllocationState,
      allocationActions: {
        async openAllocation(scope, options = {}) {
          const token = ++openToken;
          const startedAt = now();
          const first = get().allocation.status === 'idle' || options.reload;
          // Another scope lists other lines: a comparison made for the previous one is dropped (a re-plan keeps it, stale).
          if (!options.reload) optimalToken++;
          patch({
            status: 'loading',
            busyLabel: first ? 'Reading the cached lines and allocating them…' : 'Opening the lines…',
            error: null,
            scope,
            ...(options.reload ? { replans: get().allocation.replans + 1 } : { optimal: initialOptimalState }),
            ...(options.requestedAt !== undefined ? { lastOpenRequest: options.requestedAt } : {}),
          });
          const r = await services.engine.call('load', { scope, ...(options.reload ? { reload: true } : {}) });
          if (token !== openToken) return;
          if (r.ok) {
            loaded(r.value, startedAt);
            if (options.reload) patch({ stale: false });
            // A re-read cache may have new shortages: the group picker follows.
            if (options.reload) void get().allocationActions.loadSkuGroups();
          }
          else {
            index = new Map();
            patch({ status: 'error', busyLabel: null, error: r.error, rows: [], rowIndex: index, summary: null });
          }
        },

        async loadSkuGroups() {
          const idle = get().allocation.status === 'idle';
          if (idle) patch({ busyLabel: 'Reading the cached lines and allocating them…' });
          const r = await services.engine.call('groups', { limit: 500 });
          if (r.ok) patch({ groups: r.value, ...(idle ? { busyLabel: null } : {}) });
          else if (get().allocation.status === 'idle') patch({ status: 'error', busyLabel: null, error: r.error });
          else patch({ error: r.error });
        },

        async applyAllocationEdit(edit) {
          const s = get().allocation;
          if (s.status !== 'ready') return 'the allocation view is still loading; try again in a moment.';
          const sentAt = now();
          const mySeq = ++seq;
          if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark('allocation-edit-sent');
          const r = await inFlight(() => services.engine.call('apply', { edit }));
          if (r.ok) {
            changed(r.value, 'edit', sentAt, mySeq);
            return null;
          }
          if (r.error.kind === 'invalid-edit') return r.error.issues?.map((i) => `expected ${i.expected}, found ${i.found}`).join('; ') ?? r.error.message;
          patch({ error: r.error });
          return r.error.message;
        },

        async replaceAllocationEdits(edits) {
          if (get().allocation.status !== 'ready') return 'open a SKU group or a set of lines first.';
          patch({ busyLabel: 'Applying the scenario…' });
          const r = await services.engine.call('replaceEdits', { edits });
          if (r.ok) {
            loaded(r.value, null);
            patch({ lastChange: null });
            return null;
          }
          patch({ busyLabel: null });
          return r.error.message;
        },

        undoAllocationEdit: () => history('undo'),
        redoAllocationEdit: () => history('redo'),

        async selectAllocationLine(orderLineId) {
          patch({ selectedLineId: orderLineId, selectedLineDetail: null });
          if (orderLineId === null) return;
          const r = await services.engine.call('line', { orderLineId });
          if (r.ok && get().allocation.selectedLineId === orderLineId) patch({ selectedLineDetail: r.value });
        },

        allocationCacheChanged() {
          if (get().allocation.status !== 'idle') patch({ stale: true });
        },

        dismissAllocationError() {
          patch({ error: null });
        },

        async compareWithOptimal() {
          const s = get().allocation;
          if (s.status !== 'ready') return;
          const token = ++optimalToken;
          const replans = s.replans;
          patch({ optimal: { ...s.optimal, status: 'running', error: null, replans } });
          const r = await services.engine.call('optimal', { maxLines: OPTIMAL_TOP_LINES });
          if (token !== optimalToken) return;
          const current = get().allocation.optimal;
          patch({ optimal: r.ok ? { status: 'ready', comparison: r.value, error: null, replans } : { ...current, status: 'error', error: r.error } });
        },

        closeOptimalComparison() {
          optimalToken++;
          patch({ optimal: initialOptimalState });
        },

        markAllocationRepainted(changeSeq) {
          const c = get().allocation.lastChange;
          if (!c || c.seq !== changeSeq || c.repaintMs !== null) return;
          const end = now();
          measure('allocation-edit-repaint', c.sentAt, end);
          patch({ lastChange: { ...c, repaintMs: end - c.sentAt } });
        },

        markAllocationOpened() {
          const o = get().allocation.lastOpen;
          if (!o || o.paintedMs !== null) return;
          const end = now();
          measure('allocation-grid-open', o.startedAt, end);
          patch({ lastOpen: { ...o, paintedMs: end - o.startedAt } });
        },
      },
    };
  };
}
