/**
 * The status bar on every view: connection state, last sync, what waits to be sent, pull progress, the "work
 * offline" switch, who is signed in, and which ERP.
 */
import { useEffect, useState } from 'react';
import { formatQuantity, formatRelative } from '../grid/format';
import {
  selectErpLabel,
  selectLastSyncAt,
  selectOutboxCounts,
  selectPullFraction,
  selectPulledRows,
  selectSession,
  selectSyncHeadline,
  selectTokenMissing,
  selectWorkOffline,
  useWorkbench,
  useWorkbenchStore,
} from '../state';
import type { SyncHeadline } from '../state';
import { useNow } from './use-now';

const HEADLINE: Record<SyncHeadline, string> = {
  synced: 'Synced',
  syncing: 'Syncing…',
  pending: 'Online',
  offline: 'Offline',
  error: 'Sync error',
  attention: 'Needs attention',
};

export function StatusBar() {
  const store = useWorkbenchStore();
  const headline = useWorkbench(selectSyncHeadline);
  const lastSync = useWorkbench(selectLastSyncAt);
  const outbox = useWorkbench(selectOutboxCounts);
  const fraction = useWorkbench(selectPullFraction);
  const pulledRows = useWorkbench(selectPulledRows);
  const pulling = useWorkbench((s) => s.syncStatus.pulling);
  const workOffline = useWorkbench(selectWorkOffline);
  const session = useWorkbench(selectSession);
  const tokenMissing = useWorkbench(selectTokenMissing);
  const authRequired = useWorkbench((s) => s.syncStatus.authRequired);
  const lastError = useWorkbench((s) => s.syncStatus.lastError ?? s.syncActionError);
  const erpLabel = useWorkbench(selectErpLabel);
  const platform = useWorkbench((s) => s.appInfo?.platform);
  const appError = useWorkbench((s) => s.appInfoError);
  const now = useNow(15_000);
  // The switch answers the click at once; the sync service confirms (it saves the choice first).
  const [requestedOffline, setRequestedOffline] = useState<boolean | null>(null);
  useEffect(() => {
    if (requestedOffline !== null && requestedOffline === workOffline) setRequestedOffline(null);
  }, [requestedOffline, workOffline]);
  const offlineShown = requestedOffline ?? workOffline;

  return (
    <footer className="status-bar" data-testid="status-bar">
      <span className={`sync-state sync-${headline}`} data-testid="sync-state" data-state={headline} title={lastError ?? undefined}>
        <span className="dot" aria-hidden="true" />
        {HEADLINE[headline]}
      </span>
      <span data-testid="last-sync">{lastSync ? `Last sync ${formatRelative(lastSync, now)}` : 'Never synced'}</span>
      <span data-testid="outbox-counts">
        <span data-testid="pending-count">{formatQuantity(outbox.pending + outbox.sending)} pending</span>
        {' · '}
        <span data-testid="failed-count" className={outbox.failed > 0 ? 'warn' : undefined}>
          {formatQuantity(outbox.failed)} failed
        </span>
        {outbox.needsAttention > 0 ? (
          <>
            {' · '}
            <button type="button" className="link" onClick={() => store.getState().navigate('decisions')} data-testid="attention-count">
              {formatQuantity(outbox.needsAttention)} need attention
            </button>
          </>
        ) : null}
      </span>
      {pulling ? (
        <span className="pull-progress">
          <progress
            data-testid="pull-progress"
            aria-label="Pull progress"
            max={1}
            {...(fraction !== null ? { value: fraction } : {})}
          />
          <span>{fraction !== null ? `${Math.round(fraction * 100)} %` : `${formatQuantity(pulledRows)} rows`}</span>
          <button type="button" className="link" onClick={() => store.getState().cancelSync()}>
            Cancel
          </button>
        </span>
      ) : (
        <button type="button" className="link" onClick={() => void store.getState().pullNow()} disabled={workOffline || !session} data-testid="pull-now">
          Pull now
        </button>
      )}
      {(authRequired || tokenMissing) && session ? (
        <button type="button" className="link warn" onClick={() => store.getState().navigate('sign-in')} data-testid="sign-in-again">
          Sign in again to send
        </button>
      ) : null}
      {lastError && headline === 'error' ? <span className="warn" role="alert">{lastError}</span> : null}
      <label className="switch">
        <input
          type="checkbox"
          role="switch"
          aria-checked={offlineShown}
          checked={offlineShown}
          data-testid="work-offline"
          onChange={(e) => {
            setRequestedOffline(e.target.checked);
            void store.getState().setWorkOffline(e.target.checked);
          }}
        />
        Work offline
      </label>
      <span className="spacer" />
      <span data-testid="current-user">{session ? `${session.username} (${session.role})` : 'Not signed in'}</span>
      {appError ? (
        <span role="alert">{appError}</span>
      ) : (
        <span data-testid="erp-connection">
          {erpLabel ? `Connected to ${erpLabel}` : 'Starting…'}
          {platform ? ` · ${platform === 'desktop' ? 'desktop app' : 'browser mode'}` : ''}
        </span>
      )}
    </footer>
  );
}
