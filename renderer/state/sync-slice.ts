/**
 * Sync: the sync service's status object mirrored into the store, and the actions the status bar offers
 * (pull now, full resync, cancel, push now, work offline). When a pull finishes or the outbox moves, the views'
 * data is reloaded from the cache.
 */
import type { SyncStatus } from '../../shared/sync/status/status-model';
import { INITIAL_STATUS, isSynced } from '../../shared/sync/status/status-model';
import type { WorkbenchServices } from './services';
import type { Slice } from './slice';
import { messageOf } from './slice';
import type { WorkbenchState } from './workbench-state';

export interface SyncSlice {
  syncStatus: SyncStatus;
  syncStarted: boolean;
  /** A failure of a sync action itself (the service's own errors are in syncStatus.lastError). */
  syncActionError: string | null;
  startSync(): Promise<void>;
  stopSync(): void;
  pullNow(): Promise<void>;
  fullResync(): Promise<void>;
  cancelSync(): void;
  pushNow(): Promise<void>;
  setWorkOffline(on: boolean): Promise<void>;
}

export const initialSyncState = {
  syncStatus: INITIAL_STATUS,
  syncStarted: false,
  syncActionError: null,
};

export function createSyncSlice(services: WorkbenchServices): Slice<SyncSlice> {
  let unsubscribe: (() => void) | null = null;
  const guard = async (set: (p: Partial<WorkbenchState>) => void, what: string, run: () => Promise<unknown>) => {
    try {
      set({ syncActionError: null });
      await run();
    } catch (e) {
      set({ syncActionError: `${what} failed: ${messageOf(e)}` });
    }
  };
  return (set, get) => ({
    ...initialSyncState,
    async startSync() {
      if (get().syncStarted) return;
      set({ syncStarted: true });
      unsubscribe = services.sync.subscribe((next) => {
        const prev = get().syncStatus;
        set({ syncStatus: next });
        // A pull that just finished with rows in it changed the cache: the views reload, and the allocation view
        // offers a re-plan (it never re-plans under the planner's hands). An empty incremental pull changes nothing.
        if (prev.pulling && !next.pulling && rowsReceived(next) > 0) {
          void get().refreshViews();
          get().allocationActions.allocationCacheChanged();
        } else if (outboxMoved(prev, next)) void get().loadDecisions();
      });
      await guard(set, 'Starting sync', () => services.sync.start());
    },
    stopSync() {
      unsubscribe?.();
      unsubscribe = null;
      services.sync.stop();
      set({ syncStarted: false });
    },
    // "Pull now" is the planner asking for fresh data: the views re-read the cache even when the ERP had nothing new
    // (a pull that brought rows has already reloaded them through the status).
    pullNow: () =>
      guard(set, 'Pull', async () => {
        await services.sync.pullNow();
        if (rowsReceived(get().syncStatus) === 0) await get().refreshViews();
      }),
    fullResync: () => guard(set, 'Full resync', () => services.sync.fullResync()),
    cancelSync() {
      services.sync.cancel();
    },
    pushNow: () => guard(set, 'Sending decisions', () => services.sync.pushNow()),
    setWorkOffline: (on) => guard(set, on ? 'Going offline' : 'Going online', () => services.sync.setWorkOffline(on)),
  });
}

/** Rows (records and tombstones) the last or current pull received; the status keeps them until the next pull. */
function rowsReceived(s: SyncStatus): number {
  return Object.values(s.pullProgress).reduce((n, e) => n + e.rows, 0);
}

function outboxMoved(a: SyncStatus, b: SyncStatus): boolean {
  const x = a.outbox;
  const y = b.outbox;
  return x.pending !== y.pending || x.sending !== y.sending || x.failed !== y.failed || x.needsAttention !== y.needsAttention || x.applied !== y.applied;
}

export type SyncHeadline = 'synced' | 'syncing' | 'pending' | 'offline' | 'error' | 'attention';

/** The one word the status bar leads with. */
export const selectSyncHeadline = (s: WorkbenchState): SyncHeadline => {
  const st = s.syncStatus;
  if (st.connectivity === 'offline') return 'offline';
  if (st.connectivity === 'error') return 'error';
  if (st.connectivity === 'syncing') return 'syncing';
  if (isSynced(st)) return 'synced';
  return st.outbox.needsAttention > 0 ? 'attention' : 'pending';
};

/** Latest complete pull over all entities (epoch ms), or null when the cache was never filled. */
export const selectLastSyncAt = (s: WorkbenchState): number | null => {
  const times = Object.values(s.syncStatus.lastPullAt);
  return times.length > 0 ? Math.max(...times) : null;
};

/** Progress of the pull in progress, 0..1, or null when not pulling / no totals known. */
export const selectPullFraction = (s: WorkbenchState): number | null => {
  if (!s.syncStatus.pulling) return null;
  const entities = Object.values(s.syncStatus.pullProgress);
  const known = entities.filter((e) => e.total !== undefined && e.total > 0);
  if (known.length === 0) return entities.length > 0 ? 0 : null;
  const total = known.reduce((n, e) => n + (e.total ?? 0), 0);
  const rows = known.reduce((n, e) => n + Math.min(e.rows, e.total ?? e.rows), 0);
  return total > 0 ? rows / total : null;
};

/** Rows received so far in the pull in progress. */
export const selectPulledRows = (s: WorkbenchState): number => Object.values(s.syncStatus.pullProgress).reduce((n, e) => n + e.rows, 0);
export const selectOutboxCounts = (s: WorkbenchState) => s.syncStatus.outbox;
export const selectWorkOffline = (s: WorkbenchState): boolean => s.syncStatus.workOffline;
