// Typed client of the canonical ERP API over an injected fetch-like transport (the renderer, main and
// tests each pass their own). HTTP errors and network failures come back as values, never as throws,
// so sync can classify them (retry, re-login, conflict, give up).
import { validateListItem, validateRecord, validateRecords } from '../domain';
import type { Decision, EntityName, EntityRecord } from '../domain';
import { POLICIES_PATH, validatePolicyVersion } from '../governance';
import type { PoliciesResponse, PublishPolicyRequest, PublishPolicyResult } from '../governance';
import { API_PREFIX, DEFAULT_PAGE_LIMIT, PROBLEM_TYPES, entityPath, etagForVersion } from './contract';
import type {
  DecisionBatchEntry,
  DecisionBatchPostResult,
  DecisionBatchResult,
  DecisionOutcome,
  EntityPage,
  Health,
  OrderLinePatch,
  Page,
  Problem,
  TokenResponse,
} from './contract';

/** The subset of a fetch Response the client reads. */
export interface TransportResponse {
  readonly status: number;
  readonly headers: { get(name: string): string | null };
  text(): Promise<string>;
}
/** A fetch-like function: `globalThis.fetch` fits, so does a test double. */
export type Transport = (
  url: string,
  init: { method: string; headers: Record<string, string>; body?: string },
) => Promise<TransportResponse>;

/** A call's outcome. `status` 0 means no HTTP answer arrived (network). */
export type ErpResult<T> =
  | { readonly ok: true; readonly status: number; readonly value: T; readonly etag?: string }
  | { readonly ok: false; readonly status: number; readonly problem: Problem; readonly retryAfterMs?: number };

export interface ErpClientOptions {
  /** Origin of the ERP, e.g. `http://127.0.0.1:4010` (the client adds `/api/v1`). */
  readonly baseUrl: string;
  readonly fetch: Transport;
  /** Supplies the bearer token per request; when absent the token from `login()` is used. */
  readonly getToken?: () => string | null | undefined | Promise<string | null | undefined>;
}

export interface PullAllResult {
  /** The cursor after the last page received: store it to ask for changes later. */
  readonly cursor: string | undefined;
  readonly pages: number;
  readonly rows: number;
}

export interface ErpClient {
  readonly baseUrl: string;
  /** Exchanges demo credentials for a bearer token and remembers it. */
  login(username: string, password: string): Promise<ErpResult<TokenResponse>>;
  setToken(token: string | null): void;
  health(): Promise<ErpResult<Health>>;
  /** One page of an entity, ordered by (modifiedAt, id), every row validated. */
  listPage<E extends EntityName>(entity: E, options?: { cursor?: string; limit?: number }): Promise<ErpResult<EntityPage<E>>>;
  /**
   * Pages until the server has nothing more, awaiting `onPage` before asking for the next page (so the caller can
   * store the page and its cursor together). Stops at the first failure; the failure says where it stopped.
   */
  pullAll<E extends EntityName>(
    entity: E,
    onPage: (page: EntityPage<E>) => void | Promise<void>,
    options?: { cursor?: string; limit?: number },
  ): Promise<ErpResult<PullAllResult> & { readonly cursor?: string }>;
  /** One row with its ETag (`result.etag`). */
  get<E extends EntityName>(entity: E, id: string): Promise<ErpResult<EntityRecord<E>>>;
  /** Changes priority / holdCode; `ifMatch` is the ETag or the version the change is based on. */
  patchOrderLine(id: string, patch: OrderLinePatch, ifMatch: string | number): Promise<ErpResult<EntityRecord<'order-lines'>>>;
  /**
   * Posts one decision or an all-or-nothing batch. 201 = applied now, 200 = replay of the stored result
   * (`value` is the same); 409/412 failures carry `problem.currentRows`.
   */
  postDecisions(decisions: Decision | readonly Decision[], idempotencyKey: string): Promise<ErpResult<DecisionBatchResult>>;
  /**
   * POST /decisions/batch: each entry applied, replayed or refused exactly as a lone `postDecisions(decision, key)`
   * would be, in order, not all-or-nothing. 200 with one result per entry; 404/405 means the ERP has no batch route
   * (send them one by one); 0/5xx means the answer was lost (ask GET /decisions/{id} per entry, or resend).
   */
  postDecisionBatch(entries: readonly DecisionBatchEntry[]): Promise<ErpResult<DecisionBatchPostResult>>;
  /** The stored outcome of a decision (404 when the ERP never recorded it). */
  getDecision(id: string): Promise<ErpResult<DecisionOutcome>>;
  /** The ledger of recorded decision outcomes, oldest first. */
  listDecisionOutcomes(options?: { cursor?: string; limit?: number }): Promise<ErpResult<Page<DecisionOutcome>>>;
  /** GET /policies: the governed (and retired) versions, each validated; `etag` is the collection's ETag for a publish. */
  listPolicies(): Promise<ErpResult<PoliciesResponse>>;
  /**
   * POST /policies (supervisor): publishes a draft as the next governed version. 201 = published now, 200 = replay
   * of the same key (`value` the same); 403 = not a supervisor; 412 = a newer version exists (`problem.latestVersion`);
   * 422 = invalid, `problem.field` names it. `ifMatch`: the ETag from `listPolicies` (optional; baseVersion is checked anyway).
   */
  publishPolicy(request: PublishPolicyRequest, idempotencyKey: string, ifMatch?: string): Promise<ErpResult<PublishPolicyResult>>;
}

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : (JSON.parse(text) as unknown);
  } catch {
    return undefined;
  }
}

function retryAfterMs(value: string | null): number | undefined {
  if (value === null) return undefined;
  const secs = Number(value);
  if (Number.isFinite(secs)) return Math.max(0, secs * 1000);
  const at = Date.parse(value);
  return Number.isNaN(at) ? undefined : Math.max(0, at - Date.now());
}

function failure<T>(status: number, problem: Problem, retryAfter?: number): ErpResult<T> {
  return retryAfter === undefined ? { ok: false, status, problem } : { ok: false, status, problem, retryAfterMs: retryAfter };
}

function invalidResponse<T>(status: number, detail: string, errors?: Problem['errors']): ErpResult<T> {
  return failure(status, { type: PROBLEM_TYPES.invalidResponse, title: 'The ERP answered with data that breaks the canonical schema', status, detail, ...(errors ? { errors } : {}) });
}

/** Creates a client; see ErpClient for each call. */
export function createErpClient(options: ErpClientOptions): ErpClient {
  const base = options.baseUrl.replace(/\/+$/, '');
  let token: string | null = null;

  async function call<T>(method: string, path: string, body?: unknown, extraHeaders: Record<string, string> = {}, auth = true): Promise<ErpResult<T>> {
    const headers: Record<string, string> = { accept: 'application/json, application/problem+json', ...extraHeaders };
    if (auth) {
      const t = options.getToken ? await options.getToken() : token;
      if (t) headers.authorization = `Bearer ${t}`;
    }
    if (body !== undefined) headers['content-type'] = 'application/json';
    let res: TransportResponse;
    let text: string;
    try {
      res = await options.fetch(base + path, body === undefined ? { method, headers } : { method, headers, body: JSON.stringify(body) });
      text = await res.text();
    } catch (err) {
      const detail = err instanceof Error ? err.message : String(err);
      return failure(0, { type: PROBLEM_TYPES.network, title: 'No answer from the ERP', status: 0, detail: `${method} ${path}: ${detail}` });
    }
    const json = parseJson(text);
    if (res.status >= 400 || res.status < 200) {
      const ra = retryAfterMs(res.headers.get('retry-after'));
      const p = json as Partial<Problem> | undefined;
      const problem: Problem =
        p && typeof p === 'object' && typeof p.title === 'string'
          ? { ...(p as Problem), status: res.status, type: typeof p.type === 'string' ? p.type : PROBLEM_TYPES.serverError }
          : { type: PROBLEM_TYPES.serverError, title: `HTTP ${res.status}`, status: res.status, detail: text.slice(0, 300) };
      return failure(res.status, ra !== undefined && problem.retryAfterSeconds === undefined ? { ...problem, retryAfterSeconds: ra / 1000 } : problem, ra);
    }
    if (json === undefined) return invalidResponse(res.status, `${method} ${path}: the body is not JSON`);
    const etag = res.headers.get('etag');
    return etag === null ? { ok: true, status: res.status, value: json as T } : { ok: true, status: res.status, value: json as T, etag };
  }

  function query(o: { cursor?: string; limit?: number } | undefined, defaultLimit: number): string {
    const params = [`limit=${o?.limit ?? defaultLimit}`];
    if (o?.cursor !== undefined) params.push(`cursor=${encodeURIComponent(o.cursor)}`);
    return `?${params.join('&')}`;
  }

  function isPage(v: unknown): v is Page<unknown> {
    const p = v as Page<unknown> | undefined;
    return typeof p === 'object' && p !== null && Array.isArray(p.items) && typeof p.nextCursor === 'string' && typeof p.hasMore === 'boolean';
  }

  const client: ErpClient = {
    baseUrl: base,
    async login(username, password) {
      const r = await call<TokenResponse>('POST', `${API_PREFIX}/auth/token`, { username, password }, {}, false);
      if (r.ok) {
        if (typeof r.value.access_token !== 'string') return invalidResponse(r.status, 'token response without access_token');
        token = r.value.access_token;
      }
      return r;
    },
    setToken(t) {
      token = t;
    },
    async health() {
      return call<Health>('GET', '/health', undefined, {}, false);
    },
    async listPage(entity, o) {
      const r = await call<EntityPage<typeof entity>>('GET', entityPath(entity) + query(o, DEFAULT_PAGE_LIMIT));
      if (!r.ok) return r;
      if (!isPage(r.value)) return invalidResponse(r.status, `${entity}: expected { items, nextCursor, hasMore, serverTime }`);
      const v = validateRecords(entity, r.value.items, { allowTombstones: true, maxIssues: 20 });
      if (!v.ok) return invalidResponse(r.status, v.issues[0]?.message ?? 'invalid rows', v.issues);
      return r;
    },
    async pullAll(entity, onPage, o) {
      let cursor = o?.cursor;
      let pages = 0;
      let rows = 0;
      for (;;) {
        const r = await client.listPage(entity, { ...(cursor === undefined ? {} : { cursor }), ...(o?.limit === undefined ? {} : { limit: o.limit }) });
        if (!r.ok) return cursor === undefined ? r : { ...r, cursor };
        await onPage(r.value);
        pages++;
        rows += r.value.items.length;
        cursor = r.value.nextCursor;
        if (!r.value.hasMore) return { ok: true, status: r.status, value: { cursor, pages, rows } };
      }
    },
    async get(entity, id) {
      const r = await call<EntityRecord<typeof entity>>('GET', entityPath(entity, id));
      if (!r.ok) return r;
      const v = validateRecord(entity, r.value);
      return v.ok ? r : invalidResponse(r.status, v.issues[0]?.message ?? 'invalid row', v.issues);
    },
    async patchOrderLine(id, patch, ifMatch) {
      const etag = typeof ifMatch === 'number' ? etagForVersion(ifMatch) : ifMatch;
      const r = await call<EntityRecord<'order-lines'>>('PATCH', entityPath('order-lines', id), patch, { 'if-match': etag });
      if (!r.ok) return r;
      const v = validateListItem('order-lines', r.value);
      return v.ok ? r : invalidResponse(r.status, v.issues[0]?.message ?? 'invalid row', v.issues);
    },
    async postDecisions(decisions, idempotencyKey) {
      const body = Array.isArray(decisions) ? { decisions } : decisions;
      return call<DecisionBatchResult>('POST', `${API_PREFIX}/decisions`, body, { 'idempotency-key': idempotencyKey });
    },
    async postDecisionBatch(entries) {
      const r = await call<DecisionBatchPostResult>('POST', `${API_PREFIX}/decisions/batch`, { entries });
      if (!r.ok) return r;
      const results = (r.value as Partial<DecisionBatchPostResult> | undefined)?.results;
      if (!Array.isArray(results) || results.length !== entries.length) {
        return invalidResponse(r.status, `decisions/batch: expected { results } with ${entries.length} entries, found ${Array.isArray(results) ? results.length : typeof results}`);
      }
      for (let i = 0; i < results.length; i++) {
        const res = results[i] as Partial<DecisionBatchPostResult['results'][number]> | undefined;
        if (res?.idempotencyKey !== entries[i]?.idempotencyKey || typeof res?.status !== 'number') {
          return invalidResponse(r.status, `decisions/batch: results[${i}] expected idempotencyKey ${JSON.stringify(entries[i]?.idempotencyKey)} and a numeric status, found ${JSON.stringify(res?.idempotencyKey)} / ${typeof res?.status}`);
        }
      }
      return r;
    },
    async getDecision(id) {
      return call<DecisionOutcome>('GET', `${API_PREFIX}/decisions/${encodeURIComponent(id)}`);
    },
    async listPolicies() {
      const r = await call<PoliciesResponse>('GET', POLICIES_PATH);
      if (!r.ok) return r;
      const items = (r.value as Partial<PoliciesResponse> | undefined)?.items;
      if (!Array.isArray(items)) return invalidResponse(r.status, 'policies: expected { items, activeVersion, serverTime }');
      for (const [i, item] of items.entries()) {
        const v = validatePolicyVersion(item, `items[${i}]`);
        if (!v.ok) return invalidResponse(r.status, v.issues[0]?.message ?? 'invalid policy version');
      }
      return r;
    },
    async publishPolicy(request, idempotencyKey, ifMatch) {
      const r = await call<PublishPolicyResult>('POST', POLICIES_PATH, request, { 'idempotency-key': idempotencyKey, ...(ifMatch === undefined ? {} : { 'if-match': ifMatch }) });
      if (!r.ok) return r;
      const v = validatePolicyVersion((r.value as Partial<PublishPolicyResult> | undefined)?.version, 'version');
      return v.ok ? r : invalidResponse(r.status, v.issues[0]?.message ?? 'invalid published version');
    },
    async listDecisionOutcomes(o) {
      const r = await call<Page<DecisionOutcome>>('GET', `${API_PREFIX}/decisions${query(o, DEFAULT_PAGE_LIMIT)}`);
      if (r.ok && !isPage(r.value)) return invalidResponse(r.status, 'decisions: expected a page');
      return r;
    },
  };
  return client;
}

