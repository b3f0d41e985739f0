/// <reference lib="webworker" />
// The KPI worker: opens the workbench database itself and answers one message type, so computing a plan over a
// large cache never blocks the UI thread.
import { openWorkbenchDb } from '../db';
import { loadKpiInput } from './kpi-source';

interface Request { readonly id: number; readonly now: number; readonly dbName?: string }

const dbs = new Map<string, ReturnType<typeof openWorkbenchDb>>();

self.onmessage = async (e: MessageEvent<Request>) => {
  const { id, now, dbName } = e.data;
  try {
    const key = dbName ?? '';
    let db = dbs.get(key);
    if (!db) {
      db = dbName ? openWorkbenchDb(dbName) : openWorkbenchDb();
      dbs.set(key, db);
    }
    const input = await loadKpiInput(await db, now);
    self.postMessage({ id, ok: true, input });
  } catch (err) {
    self.postMessage({ id, ok: false, message: err instanceof Error ? err.message : String(err) });
  }
};
