// Reads the cached ERP records out of Dexie into the engine's Snapshot, in one read-only transaction so the
// snapshot is consistent even while a pull writes pages. Runs in the worker: 100k rows never cross postMessage.
import type { Snapshot } from '../../shared/domain';
import { ENTITIES } from '../../shared/domain';
import type { Policy } from '../../shared/engine/policy';
import { defaultPolicy, resolvePolicy } from '../../shared/engine/policy';
import type { WorkbenchDb } from '../db';
import { readEntityRows, rowTablesFor } from '../db';

/** Settings key holding the planner's policy overrides (a partial policy merged over the defaults). */
export const POLICY_SETTING_KEY = 'allocation.policy';

/** Every entity's records, as the snapshot's arrays (each sorted by id). */
export async function readSnapshot(db: WorkbenchDb): Promise<Snapshot> {
  return db.transaction('r', rowTablesFor(db, ENTITIES), async () => {
    const [items, warehouses, lanes, customers, substitutionRules, dropShipOptions, orderLines, inventoryBalances, exceptions] = await Promise.all([
      readEntityRows(db, 'items'),
      readEntityRows(db, 'warehouses'),
      readEntityRows(db, 'lanes'),
      readEntityRows(db, 'customers'),
      readEntityRows(db, 'substitution-rules'),
      readEntityRows(db, 'drop-ship-options'),
      readEntityRows(db, 'order-lines'),
      readEntityRows(db, 'inventory-balances'),
      readEntityRows(db, 'exceptions'),
    ]);
    return { items, warehouses, lanes, customers, substitutionRules, dropShipOptions, orderLines, inventoryBalances, exceptions };
  });
}

/** The policy in force: the stored overrides over `defaultPolicy`; a bad stored policy is an error naming the field. */
export async function readPolicy(db: WorkbenchDb): Promise<{ ok: true; policy: Policy } | { ok: false; message: string }> {
  const row = await db.settings.get(POLICY_SETTING_KEY);
  const r = resolvePolicy(row?.value ?? null, defaultPolicy);
  if (r.ok) return { ok: true, policy: r.policy };
  return { ok: false, message: `The stored allocation policy (setting "${POLICY_SETTING_KEY}") is invalid: ${r.issues.map((i) => i.message).join('; ')}` };
}
