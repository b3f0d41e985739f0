/**
 * Only one outbox sender at a time, even with two windows open. Web Locks (`navigator.locks`) when the platform has
 * them — the lock dies with its window, so a crashed window never blocks the others. Without Web Locks, a lease in
 * the database that its holder renews; a lease not renewed in time (its window crashed) may be taken over.
 */
import type { WorkbenchDb } from '../db/database';

export const SENDER_LOCK_NAME = 'allocation-workbench:outbox-sender';
const LEASE_KEY = 'outbox.senderLease';

interface Lease {
  owner: string;
  expiresAt: number;
}

export interface SenderLockOptions {
  db: WorkbenchDb;
  /** Web Locks; pass undefined to force the lease fallback (tests, old runtimes). */
  locks?: LockManager;
  /** Identifies this window/worker in the lease. */
  owner: string;
  leaseMs?: number;
}

/**
 * Runs `task` while holding the sender lock. Resolves `{ ran: false }` at once when another window holds it
 * (that window is sending; nothing to wait for).
 */
export async function withSenderLock<T>(options: SenderLockOptions, task: () => Promise<T>): Promise<{ ran: true; value: T } | { ran: false }> {
  if (options.locks) {
    return options.locks.request(SENDER_LOCK_NAME, { ifAvailable: true }, async (lock) => {
      if (!lock) return { ran: false as const };
      return { ran: true as const, value: await task() };
    });
  }
  const { db, owner } = options;
  const leaseMs = options.leaseMs ?? 15_000;
  const take = (): Promise<boolean> =>
    db.transaction('rw', db.settings, async () => {
      const current = (await db.settings.get(LEASE_KEY))?.value as Lease | undefined;
      const now = Date.now();
      if (current && current.owner !== owner && current.expiresAt > now) return false;
      await db.settings.put({ key: LEASE_KEY, value: { owner, expiresAt: now + leaseMs } satisfies Lease });
      return true;
    });
  if (!(await take())) return { ran: false };
  // A failed renewal (the database closed under us) just lets the lease expire.
  const renew = setInterval(() => void take().catch(() => undefined), Math.max(1_000, Math.floor(leaseMs / 3)));
  try {
    return { ran: true, value: await task() };
  } finally {
    clearInterval(renew);
    await db
      .transaction('rw', db.settings, async () => {
        const current = (await db.settings.get(LEASE_KEY))?.value as Lease | undefined;
        if (current?.owner === owner) await db.settings.delete(LEASE_KEY);
      })
      .catch(() => undefined); // a closed database cannot hold the lease either: it expires on its own

  }
}
