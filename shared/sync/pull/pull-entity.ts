/**
 * Pulls one entity page by page from its saved cursor until the ERP has nothing more. Each page's valid rows,
 * tombstones, sync issues and the cursor after it are stored in one transaction, so a crash, a closed window or a
 * cancel resumes exactly after the last stored page. The next page is fetched while the current one is written.
 */
import type { AbortSignalLike, Clock, ErpAnswer, EntityPage, Random, SyncErp } from '../ports';
import { SyncCancelled, throwIfCancelled } from '../ports';
import { DEFAULT_BACKOFF, retryDelay } from '../outbox/backoff';
import { reasonOf } from '../outbox/classify';
import type { CursorState, EntityProgress, PullStore, PullTarget, RecordValidator, SyncIssue } from './types';

export interface PullEntityOptions {
  erp: SyncErp;
  store: PullStore;
  validate: RecordValidator;
  clock: Clock;
  random: Random;
  entity: string;
  target: PullTarget;
  /** Rows per page asked of the ERP (it allows up to 1000). */
  pageSize?: number;
  /** Transient failures (network, 5xx, 429) tolerated per page before the pull fails. */
  maxRetries?: number;
  reauthenticate?: () => Promise<boolean>;
  onProgress?: (progress: EntityProgress) => void;
  signal?: AbortSignalLike;
}

/** A pull that could not finish; the cache keeps every page stored before it. */
export class PullFailed extends Error {
  constructor(
    readonly entity: string,
    readonly status: number,
    message: string,
  ) {
    super(`${entity}: ${message}`);
    this.name = 'PullFailed';
  }
}

function isTombstone(row: unknown): row is { id: string; deleted: true } {
  return !!row && typeof row === 'object' && (row as Record<string, unknown>).deleted === true && typeof (row as Record<string, unknown>).id === 'string';
}

function idOf(row: unknown): string {
  const id = row && typeof row === 'object' ? (row as Record<string, unknown>).id : undefined;
  return typeof id === 'string' || typeof id === 'number' ? String(id) : '(no id)';
}

/** Pulls one entity to the end; resolves with its final progress. */
export async function pullEntity(options: PullEntityOptions): Promise<EntityProgress> {
  const { erp, store, validate, clock, random, entity, target, signal } = options;
  const pageSize = options.pageSize ?? 1000;
  const maxRetries = options.maxRetries ?? 6;
  const saved = await store.getCursor(entity, target);
  let cursor: CursorState = saved ?? { entity, target, cursor: null };
  const fromStart = cursor.cursor === null;
  const openIssues = await store.openIssueIds(entity);
  const progress: EntityProgress = { entity, target, rows: 0, pages: 0, invalid: 0, done: false };

  const fetchPage = async (from: string | null): Promise<EntityPage> => {
    let reauthed = false;
    for (let attempt = 1; ; attempt++) {
      throwIfCancelled(signal);
      const answer: ErpAnswer<EntityPage> = await erp.listPage(entity, from, pageSize, signal);
      if (answer.status === 200 && answer.body) return answer.body as EntityPage;
      if (answer.status === 401 && !reauthed && options.reauthenticate) {
        reauthed = true;
        if (await options.reauthenticate()) continue;
      }
      const transient = answer.status === 0 || answer.status === 429 || answer.status === 408 || answer.status >= 500;
      if (!transient || attempt > maxRetries) throw new PullFailed(entity, answer.status, reasonOf(answer));
      await clock.sleep(retryDelay(attempt, random, answer.retryAfterMs, DEFAULT_BACKOFF), signal);
    }
  };

  let pending: Promise<EntityPage> = fetchPage(cursor.cursor);
  for (;;) {
    const page = await pending;
    throwIfCancelled(signal);
    const hasMore = page.hasMore && page.rows.length > 0;
    const after = page.nextCursor ?? cursor.cursor;
    // Ask for the next page now; it travels while this one is validated and written.
    if (hasMore) {
      pending = fetchPage(after);
      pending.catch(() => undefined); // observed below; avoid an unhandled rejection if this page's write fails first
    }

    const upserts: Record<string, unknown>[] = [];
    const deletes: string[] = [];
    const issues: SyncIssue[] = [];
    const resolvedIssueIds: string[] = [];
    const seenAt = clock.now();
    for (const row of page.rows) {
      if (isTombstone(row)) {
        deletes.push(row.id);
        if (openIssues.delete(row.id)) resolvedIssueIds.push(row.id);
        continue;
      }
      const checked = page.validated ? { ok: true as const, value: row as Record<string, unknown> } : validate(entity, row);
      if (checked.ok) {
        upserts.push(checked.value);
        const id = idOf(checked.value);
        if (openIssues.delete(id)) resolvedIssueIds.push(id);
      } else {
        for (const issue of checked.issues) issues.push({ ...issue, entity, seenAt });
        openIssues.add(idOf(row));
      }
    }
    cursor = { entity, target, cursor: after, lastPageAt: seenAt, lastCompletedAt: hasMore ? cursor.lastCompletedAt : seenAt };
    await store.writePage({ entity, target, upserts, deletes, issues, resolvedIssueIds, cursor, done: !hasMore });

    progress.rows += page.rows.length;
    progress.pages += 1;
    progress.invalid += page.rows.length - upserts.length - deletes.length;
    if (page.total !== undefined) {
      progress.total = page.total;
      // The total is the entity's size: a percent of it only means something for a pull from the start. An
      // incremental pull (a few changed rows) reports its rows and reaches 100 when done.
      if (fromStart) progress.percent = page.total > 0 ? Math.min(100, Math.round((progress.rows / page.total) * 100)) : 100;
    }
    if (!hasMore) {
      progress.done = true;
      progress.percent = 100;
      options.onProgress?.({ ...progress });
      return progress;
    }
    options.onProgress?.({ ...progress });
    if (signal?.aborted) throw new SyncCancelled();
  }
}
