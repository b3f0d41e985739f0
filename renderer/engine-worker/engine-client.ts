// The UI thread's handle on the engine worker: a typed, promise-based `call` with request ids. Every answer is a
// value ({ ok, value } or { ok: false, error }); a crashed or unreachable worker answers with an 'internal' error
// instead of leaving promises pending.
import type { EngineArgs, EngineReply, EngineRequestMessage, EngineRequestName, EngineResponseMessage, EngineResult } from './protocol';

export interface EngineClient {
  call<K extends EngineRequestName>(name: K, args: EngineArgs<K>): Promise<EngineReply<EngineResult<K>>>;
  /** Stops the worker; pending calls answer with an error. */
  terminate(): void;
}

/** What the client needs of a Worker (a real one, or a test double speaking the same messages). */
export interface WorkerLike {
  postMessage(message: EngineRequestMessage): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<EngineResponseMessage>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

/** Starts the engine worker (written literally so Vite bundles the worker as its own module chunk). */
export function startEngineWorker(): WorkerLike {
  return new Worker(new URL('./engine.worker.ts', import.meta.url), { type: 'module' }) as unknown as WorkerLike;
}

export interface EngineClientOptions {
  /** The worker to talk to; defaults to a new engine worker. */
  worker?: WorkerLike;
  /** The Dexie database the worker opens (tests and the benchmark use their own); defaults to the workbench cache. */
  dbName?: string;
}

/** A typed client over the engine worker. */
export function createEngineClient(options: EngineClientOptions = {}): EngineClient {
  const worker = options.worker ?? startEngineWorker();
  let nextId = 1;
  const pending = new Map<number, (reply: EngineReply<unknown>) => void>();
  const failAll = (message: string): void => {
    for (const resolve of pending.values()) resolve({ ok: false, error: { kind: 'internal', message } });
    pending.clear();
  };
  worker.addEventListener('message', (event) => {
    const { id, ...reply } = event.data;
    const resolve = pending.get(id);
    if (!resolve) return;
    pending.delete(id);
    resolve(reply as EngineReply<unknown>);
  });
  worker.addEventListener('error', (event) => {
    failAll(`The allocation engine stopped: ${event.message || 'the worker could not start'}. Reload the view to restart it.`);
  });
  const client: EngineClient = {
    call(name, args) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, resolve as (reply: EngineReply<unknown>) => void);
        try {
          worker.postMessage({ id, name, args });
        } catch (e) {
          pending.delete(id);
          resolve({ ok: false, error: { kind: 'internal', message: `Could not send "${name}" to the allocation engine: ${e instanceof Error ? e.message : String(e)}` } });
        }
      });
    },
    terminate() {
      worker.terminate();
      failAll('The allocation engine was stopped.');
    },
  };
  // Messages are handled in order, so the database choice lands before any load.
  if (options.dbName !== undefined) void client.call('configure', { dbName: options.dbName });
  return client;
}
