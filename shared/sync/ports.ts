/**
 * What the sync protocol needs from the world, as small injected interfaces: a clock, randomness, the ERP, and
 * storage. shared/ has no DOM and no Node, so even AbortSignal and timers come in through these types.
 */

/** The part of AbortSignal the protocol uses (the DOM and Node signals both satisfy it). */
export interface AbortSignalLike {
  readonly aborted: boolean;
  addEventListener(type: 'abort', listener: () => void): void;
  removeEventListener(type: 'abort', listener: () => void): void;
}

/** Time, injected so tests can run backoff schedules without waiting. */
export interface Clock {
  /** Epoch milliseconds. */
  now(): number;
  /** Resolves after `ms`, or rejects with a SyncCancelled when the signal aborts first. */
  sleep(ms: number, signal?: AbortSignalLike): Promise<void>;
}

/** A source of uniform numbers in [0, 1), injected so jitter is deterministic in tests. */
export type Random = () => number;

/** Thrown when a pull or push is cancelled through its AbortSignal. */
export class SyncCancelled extends Error {
  constructor() {
    super('sync cancelled');
    this.name = 'SyncCancelled';
  }
}

/** Throws SyncCancelled when the signal is already aborted. */
export function throwIfCancelled(signal?: AbortSignalLike): void {
  if (signal?.aborted) throw new SyncCancelled();
}

/**
 * One answer from the ERP, reduced to what classification needs. `status` 0 means no HTTP answer arrived
 * (connection refused, reset, dropped after commit, timeout): the request may or may not have reached the ERP.
 */
export interface ErpAnswer<T = unknown> {
  status: number;
  /** Parsed JSON body (problem+json for errors), undefined when there was none. */
  body?: T | unknown;
  /** Retry-After converted to milliseconds, when the ERP sent one. */
  retryAfterMs?: number;
  /** A human-readable cause for status 0 (the network error's message). */
  networkError?: string;
}

/** One page of an entity as the ERP serves it. */
export interface EntityPage {
  /** Records and tombstones (`{ id, deleted: true }`), in the ERP's (modifiedAt, id) order. */
  rows: unknown[];
  /** Cursor to resume after this page; null when the ERP says there is nothing after it. */
  nextCursor: string | null;
  /** True when the ERP has more rows right now (so the loop asks again at once). */
  hasMore: boolean;
  /** Rows the ERP holds for the entity (its size, tombstones included), when it says so: the percent of a pull from the start. */
  total?: number;
  serverTime?: string;
  /** True when the transport already validated every row against the domain (the loop then skips it). */
  validated?: boolean;
}

/** A row of the ERP the protocol refers to: entity name as in the API path (e.g. `order-lines`) and its id. */
export interface RowRef {
  entity: string;
  id: string;
}

/**
 * The ERP as the sync protocol sees it. The renderer adapts shared/erp's client to this (see erp-port.ts), tests
 * can fake it. Every method resolves (never rejects) for HTTP and network failures; it rejects only on cancel.
 */
export interface SyncErp {
  listPage(entity: string, cursor: string | null, limit: number, signal?: AbortSignalLike): Promise<ErpAnswer<EntityPage>>;
  /** POST one decision with `Idempotency-Key` = its id. 201 applied, 200 replay, 409/412 conflict, 422 invalid. */
  postDecision(decision: unknown, idempotencyKey: string, signal?: AbortSignalLike): Promise<ErpAnswer>;
  /**
   * POST several decisions in one request, each under its own key (`POST /decisions/batch`), not all-or-nothing.
   * 200: `body` is `{ results: [{ idempotencyKey, status, body }] }`, one per entry in order, each what a lone
   * postDecision would have answered. 404/405: the ERP has no batch route. Optional: ERPs without it are sent one by one.
   */
  postDecisionBatch?(entries: { idempotencyKey: string; decision: unknown }[], signal?: AbortSignalLike): Promise<ErpAnswer>;
  /** GET the stored outcome of a decision; status 404 means the ERP never applied it. */
  getDecisionOutcome(decisionId: string, signal?: AbortSignalLike): Promise<ErpAnswer>;
  /** GET the current ERP rows (for re-checking a conflicted decision). Missing rows are simply absent. */
  getRows(refs: RowRef[], signal?: AbortSignalLike): Promise<ErpAnswer>;
  /** True when the ERP's /health answers OK. */
  health(signal?: AbortSignalLike): Promise<boolean>;
}
