/**
 * The one status object the status bar shows: connectivity, what the pull and the outbox are doing, and the
 * planner's "work offline" switch. A pure reducer so every transition is testable without timers or a network.
 */
import type { EntityProgress } from '../pull/types';

export type Connectivity = 'online' | 'offline' | 'syncing' | 'error';

export interface OutboxCounts {
  /** Queued, waiting to be sent (including those backing off). */
  pending: number;
  sending: number;
  /** Rejected by the ERP (422 and other permanent refusals). */
  failed: number;
  needsAttention: number;
  applied: number;
}

export interface SyncStatus {
  connectivity: Connectivity;
  /** The planner chose to work offline: no pulls, no pushes, no heartbeat. */
  workOffline: boolean;
  /** The browser reports a network. */
  networkUp: boolean;
  /** The ERP's /health answered at the last heartbeat. */
  erpReachable: boolean;
  /** The ERP refused the token: the planner keeps working, the outbox waits for a sign-in. */
  authRequired: boolean;
  pulling: boolean;
  pushing: boolean;
  /** Epoch ms of the last complete pull, per entity (API name). */
  lastPullAt: Record<string, number>;
  /** Progress of the pull in progress, per entity. */
  pullProgress: Record<string, EntityProgress>;
  outbox: OutboxCounts;
  /** Invalid ERP records held back from the cache. */
  syncIssues: number;
  lastError?: string;
  lastErrorAt?: number;
}

export const INITIAL_STATUS: SyncStatus = {
  connectivity: 'offline',
  workOffline: false,
  networkUp: true,
  erpReachable: false,
  authRequired: false,
  pulling: false,
  pushing: false,
  lastPullAt: {},
  pullProgress: {},
  outbox: { pending: 0, sending: 0, failed: 0, needsAttention: 0, applied: 0 },
  syncIssues: 0,
};

export type StatusEvent =
  | { type: 'network'; up: boolean }
  | { type: 'heartbeat'; reachable: boolean; at: number }
  | { type: 'work-offline'; on: boolean }
  | { type: 'pull-started' }
  | { type: 'pull-progress'; progress: EntityProgress }
  | { type: 'pull-finished'; at: number; entities: string[] }
  | { type: 'push-started' }
  | { type: 'push-finished' }
  | { type: 'outbox'; counts: OutboxCounts }
  | { type: 'sync-issues'; count: number }
  | { type: 'last-pulls'; lastPullAt: Record<string, number> }
  | { type: 'auth'; required: boolean }
  | { type: 'error'; message: string; at: number }
  | { type: 'error-cleared' };

/** Derives the headline state: offline beats error beats syncing beats online. */
export function connectivityOf(s: Omit<SyncStatus, 'connectivity'>): Connectivity {
  if (s.workOffline || !s.networkUp || !s.erpReachable) return 'offline';
  if (s.authRequired || s.lastError !== undefined) return 'error';
  if (s.pulling || s.pushing) return 'syncing';
  return 'online';
}

/** Applies one event to the status. */
export function reduceStatus(status: SyncStatus, event: StatusEvent): SyncStatus {
  let next: SyncStatus;
  switch (event.type) {
    case 'network':
      next = { ...status, networkUp: event.up, erpReachable: event.up ? status.erpReachable : false };
      break;
    case 'heartbeat':
      next = { ...status, erpReachable: event.reachable };
      break;
    case 'work-offline':
      next = { ...status, workOffline: event.on };
      break;
    case 'pull-started':
      next = { ...status, pulling: true, pullProgress: {}, lastError: undefined, lastErrorAt: undefined };
      break;
    case 'pull-progress':
      next = { ...status, pullProgress: { ...status.pullProgress, [event.progress.entity]: event.progress } };
      break;
    case 'pull-finished': {
      const lastPullAt = { ...status.lastPullAt };
      for (const entity of event.entities) lastPullAt[entity] = event.at;
      next = { ...status, pulling: false, lastPullAt };
      break;
    }
    case 'push-started':
      next = { ...status, pushing: true };
      break;
    case 'push-finished':
      next = { ...status, pushing: false };
      break;
    case 'outbox':
      next = { ...status, outbox: event.counts };
      break;
    case 'sync-issues':
      next = { ...status, syncIssues: event.count };
      break;
    case 'last-pulls':
      next = { ...status, lastPullAt: { ...event.lastPullAt } };
      break;
    case 'auth':
      next = { ...status, authRequired: event.required };
      break;
    case 'error':
      next = { ...status, pulling: false, lastError: event.message, lastErrorAt: event.at };
      break;
    case 'error-cleared':
      next = { ...status, lastError: undefined, lastErrorAt: undefined };
      break;
  }
  return { ...next, connectivity: connectivityOf(next) };
}

/** "Synced" for the status bar: online, nothing waiting, nothing failed or needing the planner. */
export function isSynced(status: SyncStatus): boolean {
  const o = status.outbox;
  return status.connectivity === 'online' && o.pending === 0 && o.sending === 0 && o.needsAttention === 0;
}
