/**
 * The sync service the UI's stores call: pulls on a schedule and on demand, pushes the outbox under the
 * cross-window sender lock, watches connectivity (browser online events + a heartbeat to the ERP's /health), and
 * publishes one status object. All protocol decisions live in shared/sync; this file wires them to Dexie, timers
 * and the browser.
 */
import { ENTITIES } from '../../shared/domain';
import type { Decision } from '../../shared/domain';
import type { WorkbenchBridge } from '../../shared/ipc';
import { createSyncErp } from '../../shared/sync/erp-port';
import type { SyncErpOptions } from '../../shared/sync/erp-port';
import type { Clock, Random, SyncErp } from '../../shared/sync/ports';
import { SyncCancelled } from '../../shared/sync/ports';
import { domainRebasePolicy, rebaseOnto } from '../../shared/sync/outbox/domain-rebase';
import type { BackoffPolicy } from '../../shared/sync/outbox/backoff';
import type { OutboxEntry } from '../../shared/sync/outbox/entry';
import { drainOutbox } from '../../shared/sync/outbox/sender';
import type { DrainReport } from '../../shared/sync/outbox/sender';
import { fullResync as runFullResync, pullChanges } from '../../shared/sync/pull/pull-all';
import type { PullReport } from '../../shared/sync/pull/pull-all';
import { validateCanonicalRecord } from '../../shared/sync/pull/domain-validator';
import type { EntityProgress } from '../../shared/sync/pull/types';
import { INITIAL_STATUS, reduceStatus } from '../../shared/sync/status/status-model';
import type { StatusEvent, SyncStatus } from '../../shared/sync/status/status-model';
import { createBridgeFetch } from '../bridge/erp-fetch';
import type { WorkbenchDb } from '../db/database';
import type { SyncIssueRow } from '../db/rows';
import { approveDecisions, rejectDecisions, resolveAttention } from './approve';
import type { DecisionChangeResult } from './approve';
import { realClock } from './clock';
import { countOutbox, createDexieOutboxStore } from './dexie-outbox-store';
import { createDexiePullStore, lastPullsByEntity } from './dexie-pull-store';
import { expandApprovals } from './expand-approvals';
import { withSenderLock } from './sender-lock';

const WORK_OFFLINE_SETTING = 'sync.workOffline';

/**
 * How long after answering an approval its expansion (and the push) starts: long enough for the UI to paint the
 * answer, which 10,000 entries being serialised on the same thread would otherwise hold up.
 */
const EXPAND_AFTER_ANSWER_MS = 300;

/**
 * Pull order: the big entities start first, so the small ones finish alongside them instead of after them (the
 * initial pull's wall time is the order lines' time). The cache does not depend on the ERP's reference order.
 */
const LARGEST_FIRST: readonly string[] = [
  'order-lines',
  'exceptions',
  'inventory-balances',
  ...ENTITIES.filter((e) => e !== 'order-lines' && e !== 'exceptions' && e !== 'inventory-balances'),
];

/** Where the browser's online/offline events come from (window, a worker's self, or a test double). */
export interface NetworkEvents {
  readonly onLine: boolean;
  addEventListener(type: 'online' | 'offline', listener: () => void): void;
  removeEventListener(type: 'online' | 'offline', listener: () => void): void;
}

export interface SyncServiceOptions {
  db: WorkbenchDb;
  /** The ERP's origin. With a bridge it only labels requests (the bridge knows the ERP). */
  baseUrl?: string;
  /** fetch-like transport; defaults to the bridge's (token added by main or the in-page bridge). */
  fetch?: SyncErpOptions['fetch'];
  bridge?: WorkbenchBridge;
  /** Supplies a bearer token when the transport does not add one itself (tests, direct browser mode). */
  getToken?: SyncErpOptions['getToken'];
  /** Asked on 401: sign in again. False means the planner must sign in; the outbox waits. */
  reauthenticate?: () => Promise<boolean>;
  /** Replaces the ERP port entirely (tests). */
  erp?: SyncErp;
  clock?: Clock;
  random?: Random;
  entities?: readonly string[];
  pageSize?: number;
  /** Entities pulled in parallel. */
  parallel?: number;
  /**
   * Outbox sender tuning: entries per round, requests in flight, decisions per POST /decisions/batch (1 = one request
   * per decision; the sender falls back to that by itself when the ERP has no batch route).
   */
  push?: { batchSize?: number; concurrency?: number; entriesPerRequest?: number; backoff?: BackoffPolicy };
  /** Incremental pull period while online (0 = only on demand). */
  pullIntervalMs?: number;
  /** /health period (0 = no heartbeat; the service then trusts the network events). */
  heartbeatMs?: number;
  /** Web Locks for the single sender; null forces the database lease. Defaults to navigator.locks. */
  locks?: LockManager | null;
  /** Online/offline events; defaults to the global scope. */
  network?: NetworkEvents | null;
  /** Names this window in the sender lease. */
  owner?: string;
}

export type AttentionChoice = 'reapply' | 'edit' | 'discard';

export interface SyncService {
  /** Loads the saved state, starts the heartbeat and the schedule. */
  start(): Promise<void>;
  /** Stops timers and aborts whatever is in flight (the outbox stays consistent: entries in flight are looked up next time). */
  stop(): void;
  getStatus(): SyncStatus;
  /** Calls `listener` with every new status (and once at once). Returns the unsubscribe function. */
  subscribe(listener: (status: SyncStatus) => void): () => void;
  /** Pulls changes since each entity's cursor. Resolves undefined when offline, cancelled or already pulling. */
  pullNow(): Promise<PullReport | undefined>;
  /** Re-downloads everything into staging and swaps it in atomically. */
  fullResync(): Promise<PullReport | undefined>;
  /** Cancels the pull or push in progress (both resume later from where they stopped). */
  cancel(): void;
  /** Sends the outbox now (if online and no other window is sending). */
  pushNow(): Promise<DrainReport | undefined>;
  /** Approves proposed decisions and queues them in one transaction, then pushes when online. */
  approve(ids: readonly string[], by: string): Promise<DecisionChangeResult>;
  reject(ids: readonly string[], by: string, reason: string): Promise<DecisionChangeResult>;
  /** Re-apply on the ERP's current rows, send an edited decision (`payload`), or discard. */
  resolveNeedsAttention(decisionId: string, choice: AttentionChoice, payload?: Decision, by?: string): Promise<DecisionChangeResult>;
  /** The planner's switch: no network traffic at all while on. Remembered across restarts. */
  setWorkOffline(on: boolean): Promise<void>;
  /** Call after a successful sign-in: clears "sign in again" and sends what waited. */
  signedIn(): Promise<void>;
  listNeedsAttention(): Promise<OutboxEntry[]>;
  listSyncIssues(entity?: string): Promise<SyncIssueRow[]>;
}

function defaultNetwork(): NetworkEvents | null {
  const scope = globalThis as unknown as { navigator?: { onLine?: boolean }; addEventListener?: unknown };
  if (typeof scope.addEventListener !== 'function' || typeof scope.navigator?.onLine !== 'boolean') return null;
  return {
    get onLine() {
      return (globalThis as unknown as { navigator: { onLine: boolean } }).navigator.onLine;
    },
    addEventListener: (type, listener) => globalThis.addEventListener(type, listener),
    removeEventListener: (type, listener) => globalThis.removeEventListener(type, listener),
  };
}

/** Creates the sync service; call start() once the UI is ready to show its status. */
export function createSyncService(options: SyncServiceOptions): SyncService {
  const { db } = options;
  const clock = options.clock ?? realClock;
  const random = options.random ?? Math.random;
  const entities = options.entities ?? LARGEST_FIRST;
  const lifetime = new AbortController();
  const bridgeFetch = options.bridge ? createBridgeFetch(options.bridge) : undefined;
  const erp: SyncErp =
    options.erp ??
    createSyncErp({
      baseUrl: options.baseUrl ?? 'http://erp.invalid',
      fetch: options.fetch ?? ((url, init) => (bridgeFetch ?? fetch)(url, init as RequestInit)),
      ...(options.getToken ? { getToken: options.getToken } : {}),
      signal: lifetime.signal,
    });
  const pullStore = createDexiePullStore(db);
  const outboxStore = createDexieOutboxStore(db);
  const locks = options.locks === undefined ? (globalThis as { navigator?: { locks?: LockManager } }).navigator?.locks : (options.locks ?? undefined);
  const network = options.network === undefined ? defaultNetwork() : options.network;
  const owner = options.owner ?? `window-${Math.floor(random() * 1e9).toString(36)}`;

  let status: SyncStatus = { ...INITIAL_STATUS, networkUp: network?.onLine ?? true, erpReachable: (options.heartbeatMs ?? 15_000) === 0 };
  status = reduceStatus(status, { type: 'error-cleared' });
  const listeners = new Set<(s: SyncStatus) => void>();
  const emit = (event: StatusEvent): void => {
    status = reduceStatus(status, event);
    for (const l of listeners) l(status);
  };

  let pullRun: { promise: Promise<PullReport | undefined>; controller: AbortController; kind: 'changes' | 'full' } | undefined;
  let pushRun: { promise: Promise<DrainReport | undefined>; controller: AbortController } | undefined;
  const timers: ReturnType<typeof setInterval>[] = [];
  let countsPending = false;
  let stopped = false;

  const canTalk = (): boolean => !stopped && !status.workOffline && status.networkUp && status.erpReachable;

  const refreshCounts = async (): Promise<void> => {
    if (countsPending) return;
    countsPending = true;
    try {
      emit({ type: 'outbox', counts: await countOutbox(db) });
      emit({ type: 'sync-issues', count: await db.syncIssues.count() });
    } finally {
      countsPending = false;
    }
  };

  const reauthenticate = options.reauthenticate
    ? async (): Promise<boolean> => {
        const ok = await (options.reauthenticate as () => Promise<boolean>)().catch(() => false);
        emit({ type: 'auth', required: !ok });
        return ok;
      }
    : undefined;

  const runPull = (kind: 'changes' | 'full'): Promise<PullReport | undefined> => {
    // A full resync asked for during an incremental pull starts when that pull ends.
    if (pullRun && kind === 'full' && pullRun.kind === 'changes') return pullRun.promise.then(() => runPull('full'));
    if (pullRun) return pullRun.promise;
    if (!canTalk()) return Promise.resolve(undefined);
    const controller = new AbortController();
    const onLifetimeAbort = (): void => controller.abort();
    lifetime.signal.addEventListener('abort', onLifetimeAbort);
    const pullOptions = {
      erp,
      store: pullStore,
      validate: validateCanonicalRecord,
      clock,
      random,
      entities,
      signal: controller.signal,
      onProgress: (progress: EntityProgress) => emit({ type: 'pull-progress', progress }),
      ...(options.pageSize !== undefined ? { pageSize: options.pageSize } : {}),
      ...(options.parallel !== undefined ? { parallel: options.parallel } : {}),
      ...(reauthenticate ? { reauthenticate } : {}),
    };
    emit({ type: 'pull-started' });
    const promise = (kind === 'full' ? runFullResync(pullOptions) : pullChanges(pullOptions))
      .then(async (report) => {
        emit({ type: 'pull-finished', at: report.finishedAt, entities: report.entities.filter((e) => e.done).map((e) => e.entity) });
        emit({ type: 'sync-issues', count: await db.syncIssues.count() });
        return report;
      })
      .catch((error: unknown) => {
        if (error instanceof SyncCancelled || controller.signal.aborted) {
          emit({ type: 'pull-finished', at: clock.now(), entities: [] });
          return undefined;
        }
        emit({ type: 'error', message: error instanceof Error ? error.message : String(error), at: clock.now() });
        return undefined;
      })
      .finally(() => {
        lifetime.signal.removeEventListener('abort', onLifetimeAbort);
        pullRun = undefined;
      });
    pullRun = { promise, controller, kind };
    return promise;
  };

  let pushAgain = false;
  const pushNow = (): Promise<DrainReport | undefined> => {
    if (pushRun) {
      // Entries approved while a drain runs were not in its snapshot: drain once more when it ends.
      pushAgain = true;
      return pushRun.promise;
    }
    if (!canTalk() || status.authRequired) return Promise.resolve(undefined);
    const controller = new AbortController();
    const onLifetimeAbort = (): void => controller.abort();
    lifetime.signal.addEventListener('abort', onLifetimeAbort);
    emit({ type: 'push-started' });
    const promise = withSenderLock({ db, locks, owner }, () =>
      drainOutbox(
        {
          erp,
          store: outboxStore,
          clock,
          random,
          rebase: domainRebasePolicy,
          ...(reauthenticate ? { reauthenticate } : {}),
          ...(options.push?.batchSize !== undefined ? { batchSize: options.push.batchSize } : {}),
          ...(options.push?.concurrency !== undefined ? { concurrency: options.push.concurrency } : {}),
          ...(options.push?.entriesPerRequest !== undefined ? { entriesPerRequest: options.push.entriesPerRequest } : {}),
          ...(options.push?.backoff !== undefined ? { backoff: options.push.backoff } : {}),
          onProgress: () => void refreshCounts().catch(() => undefined),
        },
        controller.signal,
      ),
    )
      .then(async (result) => {
        const report = result.ran ? result.value : undefined;
        if (report?.stop === 'auth-required') emit({ type: 'auth', required: true });
        return report;
      })
      .catch((error: unknown) => {
        if (!controller.signal.aborted) emit({ type: 'error', message: error instanceof Error ? error.message : String(error), at: clock.now() });
        return undefined;
      })
      .finally(async () => {
        lifetime.signal.removeEventListener('abort', onLifetimeAbort);
        pushRun = undefined;
        emit({ type: 'push-finished' });
        if (!stopped) await refreshCounts().catch(() => undefined);
        if (pushAgain && !stopped && !controller.signal.aborted) {
          pushAgain = false;
          void pushNow();
        }
      });
    pushRun = { promise, controller };
    return promise;
  };

  const heartbeat = async (): Promise<void> => {
    if (stopped || status.workOffline || !status.networkUp) return;
    const wasReachable = status.erpReachable;
    const reachable = await erp.health(lifetime.signal).catch(() => false);
    emit({ type: 'heartbeat', reachable, at: clock.now() });
    // Coming back: catch up at once rather than at the next tick.
    if (reachable && !wasReachable) void runPull('changes').then(() => pushNow());
  };

  const onOnline = (): void => {
    emit({ type: 'network', up: true });
    void heartbeat();
  };
  const onOffline = (): void => {
    emit({ type: 'network', up: false });
    pullRun?.controller.abort();
    pushRun?.controller.abort();
  };

  const service: SyncService = {
    async start() {
      const workOffline = (await db.settings.get(WORK_OFFLINE_SETTING))?.value === true;
      emit({ type: 'work-offline', on: workOffline });
      emit({ type: 'last-pulls', lastPullAt: await lastPullsByEntity(db) });
      // An approval record left by a crash (or a window closed right after approving) becomes outbox entries now.
      await expandApprovals(db);
      await refreshCounts();
      network?.addEventListener('online', onOnline);
      network?.addEventListener('offline', onOffline);
      const heartbeatMs = options.heartbeatMs ?? 15_000;
      if (heartbeatMs > 0) {
        timers.push(setInterval(() => void heartbeat(), heartbeatMs));
        await heartbeat();
      }
      const pullIntervalMs = options.pullIntervalMs ?? 60_000;
      if (pullIntervalMs > 0) timers.push(setInterval(() => void runPull('changes').then(() => pushNow()), pullIntervalMs));
    },
    stop() {
      stopped = true;
      for (const t of timers) clearInterval(t);
      network?.removeEventListener('online', onOnline);
      network?.removeEventListener('offline', onOffline);
      lifetime.abort();
    },
    getStatus: () => status,
    subscribe(listener) {
      listeners.add(listener);
      listener(status);
      return () => listeners.delete(listener);
    },
    pullNow: () => runPull('changes'),
    fullResync: () => runPull('full'),
    cancel() {
      pullRun?.controller.abort();
      pushRun?.controller.abort();
    },
    pushNow,
    async approve(ids, by) {
      const result = await approveDecisions(db, ids, by);
      await refreshCounts().catch(() => undefined);
      if (result.ok) {
        // The answer does not wait for the approval record to become outbox entries (seconds at 10,000), nor does
        // the UI's paint of it: expanding serialises every entry on this thread, so it starts a moment later. The
        // sender expands it anyway before reading open entries, so the push starts with it.
        if (pushRun) pushAgain = true; // a running drain's snapshot lacks them: it drains once more when it ends
        setTimeout(() => {
          if (stopped) return;
          void expandApprovals(db)
            .catch((error: unknown) => emit({ type: 'error', message: `Queuing approved decisions: ${error instanceof Error ? error.message : String(error)}`, at: clock.now() }))
            .then(() => refreshCounts())
            .catch(() => undefined);
          if (canTalk()) void pushNow();
        }, EXPAND_AFTER_ANSWER_MS);
      }
      return result;
    },
    async reject(ids, by, reason) {
      return rejectDecisions(db, ids, by, reason);
    },
    async resolveNeedsAttention(decisionId, choice, payload, by = 'planner') {
      const entry = await db.outbox.get(decisionId);
      let result: DecisionChangeResult;
      if (choice === 'discard') result = await resolveAttention(db, decisionId, { choice: 'discard' }, by);
      else if (choice === 'edit') {
        if (!payload) return { ok: false, issues: [{ entity: 'outbox', recordId: decisionId, field: 'payload', expected: 'the edited decision', found: 'nothing', message: `outbox "${decisionId}": field "payload" expected the edited decision, found nothing` }] };
        result = await resolveAttention(db, decisionId, { choice: 'edit', decision: payload }, by);
      } else {
        const current = entry?.attention?.current;
        result = await resolveAttention(db, decisionId, { choice: 'reapply', currentDecision: rebaseOnto(entry?.decision as Decision, current) }, by);
      }
      await refreshCounts();
      if (result.ok && canTalk()) void pushNow();
      return result;
    },
    async setWorkOffline(on) {
      await db.settings.put({ key: WORK_OFFLINE_SETTING, value: on });
      emit({ type: 'work-offline', on });
      if (on) service.cancel();
      else await heartbeat().then(() => (canTalk() ? runPull('changes').then(() => pushNow()) : undefined));
    },
    async signedIn() {
      emit({ type: 'auth', required: false });
      emit({ type: 'error-cleared' });
      if (canTalk()) await pushNow();
    },
    async listNeedsAttention() {
      return (await db.outbox.where('state').equals('needs-attention').toArray()).sort((a, b) => a.seq - b.seq);
    },
    async listSyncIssues(entity) {
      return entity ? db.syncIssues.where('entity').equals(entity).toArray() : db.syncIssues.toArray();
    },
  };
  return service;
}
