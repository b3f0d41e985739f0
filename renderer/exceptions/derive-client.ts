/**
 * Runs the derive-exceptions worker once per call (after a pull, when the queue reloads): a fresh worker each time,
 * terminated when it answers, so the engine's memory is held only while it works.
 */
import type { DerivedException } from '../../shared/engine/types';
import type { DeriveReply, DeriveRequest } from './derive-protocol';

export function deriveExceptionsInWorker(dbName?: string): Promise<DerivedException[]> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./derive.worker.ts', import.meta.url), { type: 'module' });
    const done = () => worker.terminate();
    worker.addEventListener('message', (e: MessageEvent<DeriveReply>) => {
      done();
      if (e.data.ok) resolve(e.data.exceptions);
      else reject(new Error(`The engine could not derive exceptions from the cache: ${e.data.message}`));
    });
    worker.addEventListener('error', (e: ErrorEvent) => {
      done();
      reject(new Error(`The exception worker stopped: ${e.message || 'it could not start'}`));
    });
    const request: DeriveRequest = dbName ? { dbName } : {};
    worker.postMessage(request);
  });
}
