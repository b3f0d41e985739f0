/** Asks the KPI worker for facts; one request at a time per call, answered by id. */
import type { KpiInput } from '../../shared/governance';

type Answer = { id: number; ok: true; input: KpiInput } | { id: number; ok: false; message: string };

export function createKpiWorkerClient(dbName?: string): (now: number) => Promise<KpiInput> {
  let worker: Worker | null = null;
  let next = 1;
  const waiting = new Map<number, { resolve: (v: KpiInput) => void; reject: (e: Error) => void }>();
  const ensure = (): Worker => {
    if (worker) return worker;
    worker = new Worker(new URL('./kpi.worker.ts', import.meta.url), { type: 'module', name: 'kpi' });
    worker.onmessage = (e: MessageEvent<Answer>) => {
      const w = waiting.get(e.data.id);
      if (!w) return;
      waiting.delete(e.data.id);
      if (e.data.ok) w.resolve(e.data.input);
      else w.reject(new Error(e.data.message));
    };
    worker.onerror = (e) => {
      for (const w of waiting.values()) w.reject(new Error(e.message || 'the KPI worker stopped'));
      waiting.clear();
      worker = null;
    };
    return worker;
  };
  return (now) =>
    new Promise<KpiInput>((resolve, reject) => {
      const id = next++;
      waiting.set(id, { resolve, reject });
      ensure().postMessage({ id, now, ...(dbName ? { dbName } : {}) });
    });
}
