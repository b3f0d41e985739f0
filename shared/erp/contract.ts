// The canonical ERP API contract: paths, headers, request and response shapes. The reference ERP serves it,
// the client speaks it, and an integration team implements it in front of a real ERP.
import type { BasisRow, Decision, EntityName, EntityRecord, IsoDate, IsoDateTime, Role, Tombstone, ValidationIssue } from '../domain';

export const API_PREFIX = '/api/v1';
/** Largest page a client may ask for. */
export const MAX_PAGE_LIMIT = 1000;
export const DEFAULT_PAGE_LIMIT = 500;

/** Every list endpoint answers with a page. `nextCursor` is opaque: keep it to resume or to ask for later changes. */
export interface Page<T> {
  readonly items: readonly T[];
  /** Position after the last row returned (or the position asked for when nothing came back). Never null. */
  readonly nextCursor: string;
  /** True when more rows are waiting after `nextCursor` right now. */
  readonly hasMore: boolean;
  readonly serverTime: IsoDateTime;
  /**
   * Rows (records and tombstones) the server holds for the entity right now, when it can tell cheaply: about what a
   * pull from the start receives, so a progress bar can show a percent. Absent when unknown.
   */
  readonly total?: number;
}
/** A page of an entity: records, or tombstones for deleted rows. */
export type EntityPage<E extends EntityName> = Page<EntityRecord<E> | Tombstone>;

/** RFC 9457 problem details, with the field at fault when there is one. */
export interface Problem {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  /** The request field (body path, header or query parameter) at fault. */
  readonly field?: string;
  /** Per-field validation issues (422). */
  readonly errors?: readonly ValidationIssue[];
  /** 409/412 on decisions and PATCH: the rows as they are now, so the client can rebase. */
  readonly currentRows?: readonly CurrentRow[];
  /** The decision that failed in a batch. */
  readonly decisionId?: string;
  /** 429: seconds to wait (same as the Retry-After header). */
  readonly retryAfterSeconds?: number;
  /** 412 on POST /policies: the newest policy version number, to start a new draft from. */
  readonly latestVersion?: number;
}

export interface CurrentRow {
  readonly entity: EntityName;
  readonly id: string;
  /** The row as it is now, or a tombstone if it no longer exists. */
  readonly row: EntityRecord<EntityName> | Tombstone;
}

/** Problem `type` URIs. */
export const PROBLEM_TYPES = {
  validation: 'urn:allocation-workbench:problem:validation',
  unauthorized: 'urn:allocation-workbench:problem:unauthorized',
  forbidden: 'urn:allocation-workbench:problem:forbidden',
  notFound: 'urn:allocation-workbench:problem:not-found',
  preconditionRequired: 'urn:allocation-workbench:problem:precondition-required',
  versionConflict: 'urn:allocation-workbench:problem:version-conflict',
  semanticConflict: 'urn:allocation-workbench:problem:semantic-conflict',
  idempotencyMismatch: 'urn:allocation-workbench:problem:idempotency-key-reused',
  rateLimited: 'urn:allocation-workbench:problem:rate-limited',
  serverError: 'urn:allocation-workbench:problem:server-error',
  /** Client side: the request never got an HTTP answer (connection refused, dropped, timed out). */
  network: 'urn:allocation-workbench:problem:network',
  /** Client side: the server answered 2xx with a body that breaks the canonical schema. */
  invalidResponse: 'urn:allocation-workbench:problem:invalid-response',
} as const;

/** POST /auth/token body. */
export interface TokenRequest {
  readonly username: string;
  readonly password: string;
}
export interface TokenResponse {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  /** Seconds until the token expires. */
  readonly expires_in: number;
  readonly role: Role;
}

/** PATCH /order-lines/{id} body (requires If-Match). */
export interface OrderLinePatch {
  readonly priority?: number;
  readonly holdCode?: 'none' | 'credit' | 'compliance';
}

/** POST /decisions body: one decision, or a batch applied all-or-nothing. */
export type DecisionRequest = Decision | { readonly decisions: readonly Decision[] };

/** A row a decision created or changed, with its new version. */
export type ChangedRow = { readonly entity: EntityName; readonly id: string; readonly version: number };

/** The stored outcome of one decision (GET /decisions/{id}; the ledger). */
export interface DecisionOutcome {
  readonly decisionId: string;
  readonly idempotencyKey: string;
  /** applied: its effect is in the ERP. rejected: a precondition failed, nothing changed. */
  readonly status: 'applied' | 'rejected';
  /** The HTTP status the first request got: 201, 409 or 412. */
  readonly httpStatus: number;
  readonly recordedAt: IsoDateTime;
  /** Position in the ledger (1, 2, ...), in the order the ERP recorded outcomes. */
  readonly sequence: number;
  readonly type: Decision['type'];
  readonly basis: readonly BasisRow[];
  readonly changed: readonly ChangedRow[];
  readonly problem?: Problem;
}

/** 201 (applied) or 200 (replay of an applied batch) body of POST /decisions. */
export interface DecisionBatchResult {
  readonly idempotencyKey: string;
  readonly status: 'applied';
  readonly outcomes: readonly DecisionOutcome[];
  /** The rows as they are after the batch. */
  readonly rows: readonly CurrentRow[];
}

/** Most entries one POST /decisions/batch may carry. */
export const MAX_DECISION_BATCH_ENTRIES = 500;

/** One entry of POST /decisions/batch: a decision and the key it would have been POSTed alone with. */
export interface DecisionBatchEntry {
  readonly idempotencyKey: string;
  readonly decision: Decision;
}

/** POST /decisions/batch body. Entries are applied in order, each on its own (not all-or-nothing). */
export interface DecisionBatchRequest {
  readonly entries: readonly DecisionBatchEntry[];
}

/**
 * One entry's answer: exactly the status and body a lone POST /decisions with this key would have got
 * (201 + DecisionBatchResult applied, 200 replay, 409/412/422/403/400 + Problem).
 */
export interface DecisionBatchEntryResult {
  readonly idempotencyKey: string;
  readonly status: number;
  readonly body: unknown;
}

/** 200 body of POST /decisions/batch: one result per entry, in request order. */
export interface DecisionBatchPostResult {
  readonly results: readonly DecisionBatchEntryResult[];
}

/** GET /health. */
export interface Health {
  readonly status: 'ok';
  /** Who the workbench is connected to, for the status bar. */
  readonly erpName: string;
  readonly apiVersion: 'v1';
  readonly serverTime: IsoDateTime;
  /** The simulated world's business day. */
  readonly asOf?: IsoDate;
  readonly world?: { readonly scale: string; readonly seed: number };
}

/** Strong ETag for a row version: `"7"`. */
export function etagForVersion(version: number): string {
  return `"${version}"`;
}

/** The version in an ETag / If-Match value (`"7"`, `W/"7"` or `7`), or null when it is not one. */
export function versionFromEtag(etag: string): number | null {
  const m = /^(?:W\/)?"?(\d+)"?$/.exec(etag.trim());
  return m ? Number(m[1]) : null;
}

/** Path of an entity collection or row, e.g. `/api/v1/order-lines/OL-1`. */
export function entityPath(entity: EntityName, id?: string): string {
  return id === undefined ? `${API_PREFIX}/${entity}` : `${API_PREFIX}/${entity}/${encodeURIComponent(id)}`;
}
