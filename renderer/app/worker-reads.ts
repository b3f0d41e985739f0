/**
 * Routes the two heavy cache reads behind the opening views to the engine worker: the exception queue's join (every
 * pulled exception with its order line, customer and value; the UI thread would deserialise 100k order lines for it)
 * and the inventory rows. The worker keeps that one read for the session it builds next, so the cache is read once.
 * The queue's quick first rows (exception records alone) and everything else still come from the cache reader.
 */
import type { EngineClient } from '../engine-worker/engine-client';
import type { EngineReply } from '../engine-worker/protocol';
import type { CachePort } from '../state/services';

async function valueOf<T>(reply: Promise<EngineReply<readonly T[]>>): Promise<T[]> {
  const r = await reply;
  if (!r.ok) throw new Error(r.error.message);
  return [...r.value];
}

export function withWorkerReads(reader: CachePort, engine: Pick<EngineClient, 'call'>): CachePort {
  return {
    ...reader,
    loadExceptionQueue: (origin, options) =>
      origin === 'pulled' && options?.join !== false ? valueOf(engine.call('queue', {})) : reader.loadExceptionQueue(origin, options),
    loadInventory: () => valueOf(engine.call('inventory', {})),
  };
}
