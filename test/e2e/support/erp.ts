import type { APIRequestContext, Page } from '@playwright/test';

/** The ERP the page talks to, from the runtime configuration the web server gives the renderer. */
export async function erpBaseUrl(page: Page): Promise<string> {
  const res = await page.request.get('/runtime-config.json');
  const config = (await res.json()) as { erpBaseUrl: string };
  return config.erpBaseUrl.replace(/\/$/, '');
}

/** A bearer token for a demo user, for asking the ERP directly (as its integration team would). */
export async function erpToken(request: APIRequestContext, base: string, user: string): Promise<string> {
  const res = await request.post(`${base}/api/v1/auth/token`, { data: { username: user, password: user } });
  if (!res.ok()) throw new Error(`sign-in as ${user} failed: ${res.status()}`);
  return ((await res.json()) as { access_token: string }).access_token;
}

/** The ERP's recorded outcome of a decision (GET /decisions/{id}), or null when it never received it. */
export async function decisionOutcome(request: APIRequestContext, base: string, token: string, id: string): Promise<Record<string, unknown> | null> {
  const res = await request.get(`${base}/api/v1/decisions/${encodeURIComponent(id)}`, { headers: { authorization: `Bearer ${token}` } });
  if (res.status() === 404) return null;
  return (await res.json()) as Record<string, unknown>;
}

/** Every outcome in the ERP's ledger, in order (to check nothing was applied twice). */
export async function ledger(request: APIRequestContext, base: string, token: string): Promise<{ decisionId: string; status: string }[]> {
  const out: { decisionId: string; status: string }[] = [];
  let cursor: string | undefined;
  for (;;) {
    const url = `${base}/api/v1/decisions?limit=1000${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await request.get(url, { headers: { authorization: `Bearer ${token}` } });
    const page = (await res.json()) as { items: { decisionId: string; status: string }[]; nextCursor: string; hasMore: boolean };
    for (const item of page.items) out.push({ decisionId: item.decisionId, status: item.status });
    if (!page.hasMore) return out;
    cursor = page.nextCursor;
  }
}

/**
 * Another user cancels an order line directly in the ERP (as a colleague or the ERP itself would), so a decision
 * the workbench approved on that line no longer holds when it arrives.
 */
export async function cancelLineInErp(request: APIRequestContext, base: string, token: string, orderLineId: string): Promise<void> {
  const line = await request.get(`${base}/api/v1/order-lines/${encodeURIComponent(orderLineId)}`, { headers: { authorization: `Bearer ${token}` } });
  if (!line.ok()) throw new Error(`GET order line ${orderLineId}: ${line.status()}`);
  const { version } = (await line.json()) as { version: number };
  const id = `E2E-ERP-CANCEL-${orderLineId}`;
  const now = new Date().toISOString();
  const res = await request.post(`${base}/api/v1/decisions`, {
    headers: { authorization: `Bearer ${token}`, 'idempotency-key': id },
    data: {
      id,
      type: 'cancel',
      basis: [{ entity: 'order-lines', id: orderLineId, version }],
      payload: { orderLineId },
      reason: 'Customer cancelled by phone (entered in the ERP)',
      proposedBy: 'erp-user',
      proposedAt: now,
      approvedBy: 'erp-user',
      approvedAt: now,
      status: 'approved',
    },
  });
  if (res.status() !== 201) throw new Error(`cancel ${orderLineId} in the ERP: ${res.status()} ${await res.text()}`);
}
