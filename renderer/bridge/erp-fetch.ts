/**
 * A fetch-like function over the bridge's `erp:fetch` channel. The ERP client (shared/erp) and sync take a
 * fetch-like transport; in the desktop app this one sends every request through main, which adds the bearer token
 * (so the token never reaches the renderer), and in browser mode the in-page bridge does the same in memory.
 * URLs may be absolute (the ERP base is stripped) or paths.
 */
import type { ErpHttpRequest, WorkbenchBridge } from '../../shared/ipc';

/** Creates a fetch-compatible function that routes requests through the bridge. */
export function createBridgeFetch(bridge: WorkbenchBridge): typeof fetch {
  return (async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(typeof input === 'string' ? input : input instanceof URL ? input.href : input.url, 'http://erp.invalid');
    const headers: Record<string, string> = {};
    new Headers(init?.headers).forEach((value, key) => {
      if (key !== 'authorization') headers[key] = value;
    });
    const request: ErpHttpRequest = {
      method: ((init?.method ?? 'GET').toUpperCase() as ErpHttpRequest['method']),
      path: `${url.pathname}${url.search}`,
      headers,
    };
    if (typeof init?.body === 'string') request.body = init.body;
    if (init?.signal?.aborted) throw new DOMException('The operation was aborted.', 'AbortError');
    const answer = await bridge.invoke('erp:fetch', request);
    return new Response(answer.status === 204 || answer.status === 304 ? null : answer.body, { status: answer.status, headers: answer.headers });
  }) as typeof fetch;
}
