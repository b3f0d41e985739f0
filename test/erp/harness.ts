// Test harness: a reference ERP on a random loopback port with a temp data folder, and clients per role.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Decision, InventoryBalance, IsoDateTime, OrderLine, Qty, Snapshot } from '../../shared/domain';
import { createErpClient } from '../../shared/erp';
import type { ErpClient } from '../../shared/erp';
import { startReferenceErp } from '../../main/erp/server';
import type { ReferenceErp, ReferenceErpOptions } from '../../main/erp/server';

export interface Harness {
  erp: ReferenceErp;
  dataDir: string;
  planner: ErpClient;
  supervisor: ErpClient;
  finance: ErpClient;
  anonymous: ErpClient;
  restart(options?: Partial<ReferenceErpOptions>): Promise<void>;
  close(): Promise<void>;
}

export async function startHarness(options: Partial<ReferenceErpOptions> = {}): Promise<Harness> {
  const dataDir = mkdtempSync(join(tmpdir(), 'erp-test-'));
  const base: ReferenceErpOptions = { port: 0, dataDir, scale: 'small', seed: 7, rateLimit: false, ...options };
  const h = {} as Harness;
  const login = async () => {
    const mk = () => createErpClient({ baseUrl: h.erp.url, fetch: (url, init) => fetch(url, init) });
    h.planner = mk();
    h.supervisor = mk();
    h.finance = mk();
    h.anonymous = mk();
    for (const [c, u] of [[h.planner, 'planner'], [h.supervisor, 'supervisor'], [h.finance, 'finance']] as const) {
      const r = await c.login(u, u);
      if (!r.ok) throw new Error(`login ${u} failed: ${JSON.stringify(r.problem)}`);
    }
  };
  h.dataDir = dataDir;
  h.erp = await startReferenceErp(base);
  await login();
  h.restart = async (more = {}) => {
    await h.erp.close();
    h.erp = await startReferenceErp({ ...base, ...more });
  };
  h.close = async () => {
    await h.erp.close();
    rmSync(dataDir, { recursive: true, force: true });
  };
  return h;
}

export function snapshotOf(h: Harness): Snapshot {
  return h.erp.store().snapshot();
}

/** An open, unheld line with at least `room` unreserved units whose balance has at least `room` available. */
export function findReservableLine(s: Snapshot, room = 2, skip = new Set<string>()): { line: OrderLine; balance: InventoryBalance } {
  const balances = new Map(s.inventoryBalances.map((b) => [b.id, b]));
  for (const line of s.orderLines) {
    if (skip.has(line.id) || line.status !== 'open' || line.holdCode !== 'none') continue;
    if (line.orderedQty - line.shippedQty - line.reservedQty < room) continue;
    const balance = balances.get(`${line.itemId}@${line.warehouseId}`);
    if (balance !== undefined && balance.onHandQty - balance.erpReservedQty >= room && !skip.has(balance.id)) return { line, balance };
  }
  throw new Error('no reservable line in the world');
}

let counter = 0;
/** A reserve decision on a line, based on the versions given. */
export function reserveDecision(line: OrderLine, balance: InventoryBalance, qty: number, id = `DEC-T-${Date.now()}-${++counter}`): Decision {
  return {
    id,
    type: 'reserve',
    basis: [
      { entity: 'order-lines', id: line.id, version: line.version },
      { entity: 'inventory-balances', id: balance.id, version: balance.version },
    ],
    payload: { orderLineId: line.id, qty: qty as Qty },
    reason: 'test',
    proposedBy: 'planner',
    proposedAt: '2026-11-27T09:00:00.000Z' as IsoDateTime,
    approvedBy: 'supervisor',
    approvedAt: '2026-11-27T09:05:00.000Z' as IsoDateTime,
    status: 'approved',
  };
}
