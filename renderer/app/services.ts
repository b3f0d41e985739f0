/**
 * The composition root: builds the real services the store calls — the bridge (session), the Dexie cache, the sync
 * service and the policy's approval limits. Only this file and the loaders know where data comes from.
 */
import { defaultPolicy } from '../../shared/engine/policy';
import { createBridgeFetch } from '../bridge/erp-fetch';
import { getBridge } from '../bridge/get-bridge';
import { DEFAULT_DB_NAME, WorkbenchDb } from '../db/database';
import { createEngineClient } from '../engine-worker/engine-client';
import { createExcelServices } from '../excel/services';
import { deriveExceptionsWith } from '../exceptions/derive-client';
import { createKpiWorkerClient } from '../insights/kpi-client';
import { createGovernanceServices } from '../policy/create-governance-services';
import { createScenarioStore } from '../scenarios/scenario-store';
import type { WorkbenchServices } from '../state/services';
import { createSyncService } from '../sync/sync-service';
import { createCacheReader } from './cache-reader';
import { createLocalPreferences } from './local-preferences';
import { withWorkerReads } from './worker-reads';

export interface AppServices {
  services: WorkbenchServices;
  db: WorkbenchDb;
}

/** Builds everything for one window. The database opens on first use (Dexie opens lazily). */
export function createAppServices(options: { dbName?: string } = {}): AppServices {
  const bridge = getBridge();
  const db = new WorkbenchDb(options.dbName ?? DEFAULT_DB_NAME);
  const sync = createSyncService({ db, bridge });
  // One engine worker for the window: deriving the queue's exceptions builds the what-if session the allocation view
  // then opens at once (the shortages come from the same baseline plan).
  const engine = createEngineClient(options.dbName ? { dbName: options.dbName } : {});
  const services: WorkbenchServices = {
    session: {
      appInfo: () => bridge.invoke('app:info'),
      current: () => bridge.invoke('session:current'),
      signIn: (baseUrl, username, password) => bridge.invoke('session:sign-in', { baseUrl, username, password }),
      signOut: async () => {
        await bridge.invoke('session:sign-out');
      },
    },
    sync,
    // The worker opens the same cache by name (it reads 100k rows itself instead of receiving them by message).
    engine,
    scenarioStore: createScenarioStore(db),
    excel: createExcelServices(bridge, options.dbName ?? DEFAULT_DB_NAME),
    governance: createGovernanceServices({ db, bridge, fetch: createBridgeFetch(bridge), kpiInput: createKpiWorkerClient(options.dbName) }),
    cache: withWorkerReads(createCacheReader(db, { derivedExceptions: deriveExceptionsWith(engine) }), engine),
    preferences: createLocalPreferences('workbench.preferences'),
    approvalLimits: () => defaultPolicy.approvals,
    now: () => Date.now(),
  };
  return { services, db };
}
