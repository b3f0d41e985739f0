/** Proves the cache opens inside a Web Worker (as the engine's worker does) and reads it directly. */
import { openWorkbenchDb, readEntityRows } from '../../../renderer/db';

self.onmessage = async (event: MessageEvent<{ dbName: string }>) => {
  const started = performance.now();
  const db = await openWorkbenchDb(event.data.dbName);
  // The views filter in memory since the page layout (v3): one read of the entity, then the filter.
  const lines = await readEntityRows(db, 'order-lines');
  const orderLines = lines.length;
  const open = lines.filter((l) => l.status === 'open').length;
  db.close();
  self.postMessage({ orderLines, open, ms: performance.now() - started });
};
