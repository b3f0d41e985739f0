// The UI thread's handle on the Excel worker: typed calls with request ids and progress callbacks. A crashed
// worker answers every pending call with a message instead of leaving it hanging.
import type { ExcelProgress, ExcelReply, ExcelRequestMessage, ExcelRequestName, ExcelRequests, ExcelResponseMessage } from './excel-protocol';

export interface ExcelClient {
  call<K extends ExcelRequestName>(name: K, args: ExcelRequests[K]['args'], onProgress?: (p: ExcelProgress) => void): Promise<ExcelReply<ExcelRequests[K]['result']>>;
  terminate(): void;
}

export interface ExcelWorkerLike {
  postMessage(message: ExcelRequestMessage, transfer?: Transferable[]): void;
  addEventListener(type: 'message', listener: (event: MessageEvent<ExcelResponseMessage>) => void): void;
  addEventListener(type: 'error', listener: (event: ErrorEvent) => void): void;
  terminate(): void;
}

/** Starts the worker (written literally so Vite bundles it as its own chunk). */
export function startExcelWorker(): ExcelWorkerLike {
  return new Worker(new URL('./excel.worker.ts', import.meta.url), { type: 'module' }) as unknown as ExcelWorkerLike;
}

/** A client over a lazily started Excel worker (no worker until the first export or import). */
export function createExcelClient(options: { dbName: string; worker?: () => ExcelWorkerLike }): ExcelClient {
  let worker: ExcelWorkerLike | null = null;
  let nextId = 1;
  const pending = new Map<number, { resolve: (r: ExcelReply<unknown>) => void; onProgress?: (p: ExcelProgress) => void }>();
  const ensure = (): ExcelWorkerLike => {
    if (worker) return worker;
    const w = (options.worker ?? startExcelWorker)();
    w.addEventListener('message', (event) => {
      const m = event.data;
      const p = pending.get(m.id);
      if (!p) return;
      if (m.kind === 'progress') {
        p.onProgress?.(m.progress);
        return;
      }
      pending.delete(m.id);
      const { id: _id, kind: _kind, ...reply } = m;
      p.resolve(reply as ExcelReply<unknown>);
    });
    w.addEventListener('error', (event) => {
      for (const p of pending.values()) p.resolve({ ok: false, message: `The Excel worker stopped: ${event.message || 'it could not start'}.` });
      pending.clear();
      worker = null;
    });
    worker = w;
    return w;
  };
  return {
    call(name, args, onProgress) {
      const id = nextId++;
      return new Promise((resolve) => {
        pending.set(id, { resolve: resolve as (r: ExcelReply<unknown>) => void, ...(onProgress ? { onProgress } : {}) });
        const message = { id, name, dbName: options.dbName, args } as ExcelRequestMessage;
        try {
          ensure().postMessage(message);
        } catch (e) {
          pending.delete(id);
          resolve({ ok: false, message: `Could not reach the Excel worker: ${e instanceof Error ? e.message : String(e)}` });
        }
      });
    },
    terminate() {
      worker?.terminate();
      worker = null;
      for (const p of pending.values()) p.resolve({ ok: false, message: 'The Excel worker was stopped.' });
      pending.clear();
    },
  };
}
