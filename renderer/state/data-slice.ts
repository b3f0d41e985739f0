/**
 * Exceptions and inventory: the cache read into view rows. Reloaded after each pull (sync slice) and on demand.
 */
import { compareQueueRows } from '../exceptions/queue-rows';
import type { ExceptionQueueRow, InventoryRow } from './rows';
import type { WorkbenchServices } from './services';
import { memoByList } from './memo';
import type { Slice } from './slice';
import { messageOf } from './slice';
import { afterPaint, timed } from './timing';
import type { WorkbenchState } from './workbench-state';

export type LoadPhase = 'idle' | 'loading' | 'ready' | 'failed';

export interface DataSlice {
  exceptions: ExceptionQueueRow[];
  exceptionsPhase: LoadPhase;
  exceptionsError: string | null;
  /** The engine is deriving shortages, variances and late risks from the cache. */
  exceptionsDeriving: boolean;
  inventory: InventoryRow[];
  inventoryPhase: LoadPhase;
  inventoryError: string | null;
  loadExceptions(): Promise<void>;
  loadInventory(): Promise<void>;
  /** Reloads every view's data from the cache (after a pull or a sign-in). */
  refreshViews(): Promise<void>;
}

export const initialDataState = {
  exceptions: [] as ExceptionQueueRow[],
  exceptionsPhase: 'idle' as LoadPhase,
  exceptionsError: null,
  exceptionsDeriving: false,
  inventory: [] as InventoryRow[],
  inventoryPhase: 'idle' as LoadPhase,
  inventoryError: null,
};

export function createDataSlice(services: WorkbenchServices): Slice<DataSlice> {
  // Pulled rows show at once; derived ones join when the engine's worker has them (the queue never waits for it).
  let pulled: ExceptionQueueRow[] = [];
  let derived: ExceptionQueueRow[] = [];
  let derivation = 0;
  let firstRows: Promise<void> = Promise.resolve();
  /** Settles when the queue's joined rows are in (or their read failed). */
  let joinedRows: Promise<void> = Promise.resolve();
  const merged = () => [...pulled, ...derived].sort(compareQueueRows);
  return (set, get) => ({
    ...initialDataState,
    async loadExceptions() {
      set({ exceptionsPhase: 'loading' });
      // First paint from the exception records alone; customer, tier and value follow once the lines are read.
      let release: () => void = () => undefined;
      let releaseJoined: () => void = () => undefined;
      firstRows = new Promise<void>((resolve) => (release = resolve));
      joinedRows = new Promise<void>((resolve) => (releaseJoined = resolve));
      try {
        pulled = await timed('exceptions-first-rows', () => services.cache.loadExceptionQueue('pulled', { join: false }));
        set({ exceptions: merged() });
      } catch {
        // The joined read below says what failed.
      } finally {
        // Let the first rows paint before the heavier reads take the main thread.
        await afterPaint();
        release();
      }
      try {
        pulled = await timed('exceptions-pulled', () => services.cache.loadExceptionQueue('pulled'));
        set({ exceptions: merged(), exceptionsPhase: 'ready', exceptionsError: null });
      } catch (e) {
        set({ exceptionsPhase: 'failed', exceptionsError: `Cannot read exceptions from the local cache: ${messageOf(e)}. Try "Full resync" in the status bar.` });
        return;
      } finally {
        releaseJoined();
      }
      const mine = ++derivation;
      set({ exceptionsDeriving: true });
      try {
        const rows = await timed('exceptions-derived', () => services.cache.loadExceptionQueue('derived'));
        if (mine !== derivation) return; // a newer load is deriving
        derived = rows;
        set({ exceptions: merged(), exceptionsDeriving: false });
      } catch (e) {
        if (mine === derivation) {
          set({
            exceptionsDeriving: false,
            exceptionsError: `Shortages, variances and late risks could not be worked out from the cache (${messageOf(e)}). The exceptions pulled from the ERP are shown; the next pull tries again.`,
          });
        }
      }
    },
    async loadInventory() {
      set({ inventoryPhase: 'loading' });
      try {
        set({ inventory: await timed('inventory', () => services.cache.loadInventory()), inventoryPhase: 'ready', inventoryError: null });
      } catch (e) {
        set({ inventoryPhase: 'failed', inventoryError: `Cannot read inventory from the local cache: ${messageOf(e)}. Try "Full resync" in the status bar.` });
      }
    },
    async refreshViews() {
      // The queue's first rows go first (it is the opening view). Inventory is read in the engine worker and may start
      // once they show; the decisions are read on this thread, so they wait for the queue's joined rows rather than
      // compete with the planner's first clicks.
      const exceptions = get().loadExceptions();
      await firstRows;
      const inventory = get().loadInventory();
      await joinedRows;
      await Promise.all([exceptions, inventory, get().loadDecisions()]);
    },
  });
}

export const selectExceptions = (s: WorkbenchState) => s.exceptions;
export const selectOpenExceptionCount = memoByList((s: WorkbenchState) => s.exceptions, (es) => es.reduce((n, e) => n + (e.status === 'resolved' ? 0 : 1), 0));
export const selectInventory = (s: WorkbenchState) => s.inventory;
export const selectVarianceCount = memoByList((s: WorkbenchState) => s.inventory, (rows) => rows.reduce((n, r) => n + (r.hasVariance ? 1 : 0), 0));
/** True when the cache has never been filled: views say "pull from the ERP" instead of "nothing to do". */
export const selectCacheEmpty = (s: WorkbenchState) =>
  Object.keys(s.syncStatus.lastPullAt).length === 0 && s.exceptions.length === 0 && s.inventory.length === 0 && s.decisions.length === 0;
