/**
 * The exception queue's derived exceptions (shortage, variance, late risk), asked of the window's one engine worker:
 * its baseline plan is the allocation view's what-if session, so deriving them readies that view too, and the two
 * never run the engine over the same cache twice.
 */
import type { EngineClient } from '../engine-worker/engine-client';
import type { DerivedException } from '../../shared/engine/types';

/**
 * A `derivedExceptions` source for the cache reader. The first call builds (or reuses) the worker's session; every
 * later call is made because the cache changed (the reader compares a fingerprint), so it asks for a re-read.
 */
export function deriveExceptionsWith(engine: Pick<EngineClient, 'call'>): () => Promise<DerivedException[]> {
  let asked = false;
  return async () => {
    const reread = asked;
    asked = true;
    const r = await engine.call('exceptions', { reread });
    if (!r.ok) throw new Error(`The engine could not derive exceptions from the cache: ${r.error.message}`);
    return [...r.value];
  };
}
