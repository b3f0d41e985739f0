/** The real clock for the sync protocol in a window or a worker: Date.now and an abortable setTimeout. */
import type { AbortSignalLike, Clock } from '../../shared/sync/ports';
import { SyncCancelled } from '../../shared/sync/ports';

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms: number, signal?: AbortSignalLike) =>
    new Promise<void>((resolve, reject) => {
      if (signal?.aborted) return reject(new SyncCancelled());
      const onAbort = (): void => {
        clearTimeout(timer);
        reject(new SyncCancelled());
      };
      const timer = setTimeout(() => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }, ms);
      signal?.addEventListener('abort', onAbort);
    }),
};
