/**
 * Adapts shared/erp's client to the SyncErp port. The client stays the one HTTP client; this file only reshapes
 * its results, adds cancellation, and keeps the raw body of a list page so that a page with one invalid record
 * can still deliver its valid ones (the client rejects such a page as a whole).
 */
import type { EntityName } from '../domain';
import { isEntityName } from '../domain';
import { PROBLEM_TYPES, createErpClient } from '../erp';
import type { ErpClient, Transport, TransportResponse } from '../erp';
import type { AbortSignalLike, EntityPage, ErpAnswer, RowRef, SyncErp } from './ports';
import { SyncCancelled } from './ports';

export interface SyncErpOptions {
  baseUrl: string;
  /** fetch-like: `globalThis.fetch`, the renderer's bridge fetch, or a test's. */
  fetch: (url: string, init: { method: string; headers: Record<string, string>; body?: string; signal?: AbortSignalLike }) => Promise<TransportResponse>;
  getToken?: () => string | null | undefined | Promise<string | null | undefined>;
  /** Aborts every request of this port (a "kill" of the sync service). */
  signal?: AbortSignalLike;
}

/** Resolves with the promise, or rejects with SyncCancelled as soon as the signal aborts. */
function raceCancel<T>(promise: Promise<T>, signal?: AbortSignalLike): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) return Promise.reject(new SyncCancelled());
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(new SyncCancelled());
    signal.addEventListener('abort', onAbort);
    promise.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}

/** Builds the SyncErp port over a new ERP client. Also returns the client for callers that need more of the API. */
export function createSyncErp(options: SyncErpOptions): SyncErp & { client: ErpClient } {
  // Raw bodies of list pages by URL, kept only until the call that asked for them has read them.
  const rawPages = new Map<string, string>();
  const transport: Transport = async (url, init) => {
    const res = await options.fetch(url, { ...init, ...(options.signal ? { signal: options.signal } : {}) });
    if (init.method !== 'GET' || !url.includes('limit=')) return res;
    const text = await res.text();
    rawPages.set(url, text);
    return { status: res.status, headers: res.headers, text: () => Promise.resolve(text) };
  };
  const client = createErpClient({ baseUrl: options.baseUrl, fetch: transport, ...(options.getToken ? { getToken: options.getToken } : {}) });

  const answer = (r: { ok: boolean; status: number; value?: unknown; problem?: unknown; retryAfterMs?: number }): ErpAnswer => {
    if (r.ok) return { status: r.status, body: r.value };
    const problem = r.problem as { detail?: string } | undefined;
    const base: ErpAnswer = { status: r.status, body: r.problem };
    if (r.retryAfterMs !== undefined) base.retryAfterMs = r.retryAfterMs;
    if (r.status === 0) base.networkError = problem?.detail ?? 'network error';
    return base;
  };

  return {
    client,
    async listPage(entity, cursor, limit, signal) {
      if (!isEntityName(entity)) return { status: 400, body: { title: `unknown entity "${entity}"` } };
      const query = { limit, ...(cursor === null ? {} : { cursor }) };
      const url = `${client.baseUrl}/api/v1/${entity}?limit=${limit}${cursor === null ? '' : `&cursor=${encodeURIComponent(cursor)}`}`;
      const r = await raceCancel(client.listPage(entity as EntityName, query), signal ?? options.signal);
      const raw = rawPages.get(url);
      rawPages.delete(url);
      if (r.ok) {
        const page: EntityPage = { rows: r.value.items as unknown[], nextCursor: r.value.nextCursor, hasMore: r.value.hasMore, serverTime: r.value.serverTime, validated: true };
        if (typeof r.value.total === 'number') page.total = r.value.total;
        return { status: 200, body: page };
      }
      if (r.problem.type === PROBLEM_TYPES.invalidResponse && r.status === 200 && raw !== undefined) {
        // Some rows break the schema: hand over the raw page; the pull keeps the valid rows and records the rest.
        const parsed = JSON.parse(raw) as { items: unknown[]; nextCursor: string; hasMore: boolean; serverTime?: string; total?: unknown };
        const page: EntityPage = { rows: parsed.items, nextCursor: parsed.nextCursor, hasMore: parsed.hasMore, validated: false };
        if (parsed.serverTime !== undefined) page.serverTime = parsed.serverTime;
        if (typeof parsed.total === 'number') page.total = parsed.total;
        return { status: 200, body: page };
      }
      return answer(r);
    },
    async postDecision(decision, idempotencyKey, signal) {
      const r = await raceCancel(client.postDecisions(decision as Parameters<ErpClient['postDecisions']>[0], idempotencyKey), signal ?? options.signal);
      return answer(r);
    },
    async postDecisionBatch(entries, signal) {
      const r = await raceCancel(client.postDecisionBatch(entries as Parameters<ErpClient['postDecisionBatch']>[0]), signal ?? options.signal);
      return answer(r);
    },
    async getDecisionOutcome(decisionId, signal) {
      return answer(await raceCancel(client.getDecision(decisionId), signal ?? options.signal));
    },
    async getRows(refs: RowRef[], signal) {
      const rows: { entity: string; id: string; row: unknown }[] = [];
      for (const ref of refs) {
        if (!isEntityName(ref.entity)) continue;
        const r = await raceCancel(client.get(ref.entity, ref.id), signal ?? options.signal);
        if (r.ok) rows.push({ entity: ref.entity, id: ref.id, row: r.value });
        else if (r.status === 404) rows.push({ entity: ref.entity, id: ref.id, row: { id: ref.id, deleted: true } });
        else return answer(r);
      }
      return { status: 200, body: rows };
    },
    async health(signal) {
      const r = await raceCancel(client.health(), signal ?? options.signal).catch(() => undefined);
      return r?.ok === true;
    },
  };
}
