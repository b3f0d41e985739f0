/** Proves the cache opens inside a Web Worker (as the engine's worker does) and reads it directly. */
import { openWorkbenchDb } from '../../../renderer/db';

self.onmessage = async (event: MessageEvent<{ dbName: string }>) => {
  const started = performance.now();
  const db = await openWorkbenchDb(event.data.dbName);
  const orderLines = await db.orderLines.count();
  const open = await db.orderLines.where('status').equals('open').count();
  db.close();
  self.postMessage({ orderLines, open, ms: performance.now() - started });
};
