/**
 * Pulls every entity: incrementally into the live cache, or as a full resync into staging that is swapped in only
 * when every entity is complete (the old cache stays readable the whole time). A few entities travel at once: the
 * ERP answers pages concurrently, and one entity's pages are fetched and validated while another's page is stored.
 */
import type { AbortSignalLike, Clock, Random, SyncErp } from '../ports';
import type { EntityProgress, PullStore, PullTarget, RecordValidator } from './types';
import { pullEntity } from './pull-entity';

export interface PullAllOptions {
  erp: SyncErp;
  store: PullStore;
  validate: RecordValidator;
  clock: Clock;
  random: Random;
  /** API names of the entities, in the order to start them. */
  entities: readonly string[];
  pageSize?: number;
  /** Entities pulled at the same time. */
  parallel?: number;
  reauthenticate?: () => Promise<boolean>;
  onProgress?: (progress: EntityProgress) => void;
  signal?: AbortSignalLike;
}

export interface PullReport {
  target: PullTarget;
  entities: EntityProgress[];
  startedAt: number;
  finishedAt: number;
}

async function pullEach(options: PullAllOptions, target: PullTarget): Promise<EntityProgress[]> {
  const queue = [...options.entities];
  const done: EntityProgress[] = [];
  const worker = async (): Promise<void> => {
    for (let entity = queue.shift(); entity !== undefined; entity = queue.shift()) {
      done.push(await pullEntity({ ...options, entity, target }));
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(options.parallel ?? 3, queue.length)) }, worker));
  return done;
}

/** Brings the live cache up to date from each entity's cursor (the first pull starts from the beginning). */
export async function pullChanges(options: PullAllOptions): Promise<PullReport> {
  const startedAt = options.clock.now();
  const entities = await pullEach(options, 'live');
  return { target: 'live', entities, startedAt, finishedAt: options.clock.now() };
}

/**
 * Re-downloads everything into staging, then swaps it in atomically. Interrupted, it resumes from the staging
 * cursors on the next call; the live cache is untouched until the swap.
 */
export async function fullResync(options: PullAllOptions): Promise<PullReport> {
  const startedAt = options.clock.now();
  await options.store.beginStaging(options.entities);
  const entities = await pullEach(options, 'staging');
  await options.store.promoteStaging(options.entities, options.clock.now());
  return { target: 'staging', entities, startedAt, finishedAt: options.clock.now() };
}
