/**
 * What the store's actions call. Components never reach these: they dispatch store actions, the actions call a
 * service. The composition root (`renderer/app/services.ts`) builds the real ones over the bridge, Dexie, the sync
 * service and the engine worker; tests pass fakes.
 */
import type { Decision, Role } from '../../shared/domain';
import type { ApprovalLimit } from '../../shared/engine/policy';
import type { AppInfo, SessionInfo, SignInResult } from '../../shared/ipc';
import type { SyncStatus } from '../../shared/sync/status/status-model';
import type { EngineClient } from '../engine-worker/engine-client';
import type { ExcelServices } from '../excel/excel-slice';
import type { GovernanceServices } from '../policy/governance-services';
import type { ScenarioStore } from '../scenarios/scenario-store';
import type { DecisionView, ExceptionQueueRow, InventoryRow } from './rows';

/**
 * The outcome of approving, rejecting or resolving decisions in the local database: all or nothing; when refused,
 * each issue names the decision and why (e.g. status expected "proposed", found "applied").
 */
export type DecisionChange = { ok: true; count: number } | { ok: false; issues: readonly { recordId: string; message: string }[] };

export type AttentionChoice = 'reapply' | 'edit' | 'discard';

/** The slice of the sync service the store uses (see renderer/sync/README.md). */
export interface SyncPort {
  start(): Promise<void>;
  stop(): void;
  subscribe(listener: (status: SyncStatus) => void): () => void;
  pullNow(): Promise<unknown>;
  fullResync(): Promise<unknown>;
  cancel(): void;
  pushNow(): Promise<unknown>;
  approve(ids: readonly string[], by: string): Promise<DecisionChange>;
  reject(ids: readonly string[], by: string, reason: string): Promise<DecisionChange>;
  resolveNeedsAttention(decisionId: string, choice: AttentionChoice, payload?: Decision, by?: string): Promise<DecisionChange>;
  setWorkOffline(on: boolean): Promise<void>;
  signedIn(): Promise<void>;
}

export interface SessionPort {
  appInfo(): Promise<AppInfo>;
  current(): Promise<SessionInfo | null>;
  signIn(baseUrl: string, username: string, password: string): Promise<SignInResult>;
  signOut(): Promise<void>;
}

/** Reads the local cache into view rows. */
export interface CachePort {
  /**
   * Pulled exceptions from the cache, or derived ones (the engine, in a worker; seconds on 100k lines). Without
   * `join`, rows come from the exception records alone (no customer, tier or value yet): the quick first paint.
   */
  loadExceptionQueue(origin: 'pulled' | 'derived', options?: { join?: boolean }): Promise<ExceptionQueueRow[]>;
  loadInventory(): Promise<InventoryRow[]>;
  loadDecisions(): Promise<DecisionView[]>;
  /** Stores proposed decisions (from the allocation view's "Propose decisions"); returns how many were new. */
  addProposedDecisions(decisions: readonly Decision[]): Promise<number>;
}

/** Where preferences live (localStorage in the app; a map in tests). */
export interface PreferencesStorage {
  load(): unknown;
  save(value: unknown): void;
}

export interface WorkbenchServices {
  session: SessionPort;
  sync: SyncPort;
  cache: CachePort;
  preferences: PreferencesStorage;
  /** The engine worker's client (allocation and scenarios slices). */
  engine: EngineClient;
  /** Named scenarios in the cache (scenarios slice). */
  scenarioStore: ScenarioStore;
  /** Excel export / import worker and file channels (Excel slice). */
  excel: ExcelServices;
  /** Policies, audit and KPIs (governance slice, renderer/policy). */
  governance: GovernanceServices;
  /** The governed policy's approval limits by role. */
  approvalLimits(): Readonly<Record<Role, ApprovalLimit>>;
  now(): number;
}
