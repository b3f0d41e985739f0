// The Excel Web Worker: workbook parsing, validation, diff and export run here, off the UI thread.
/// <reference lib="webworker" />
import { openWorkbenchDb } from '../db';
import { browserDeflateCodec } from './browser-codec';
import { createExcelHandler } from './excel-handler';
import type { ExcelRequestMessage, ExcelResponseMessage } from './excel-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;
// One connection per database for the worker's life (Dexie connections are not free to open).
const dbs = new Map<string, ReturnType<typeof openWorkbenchDb>>();
const openDb = (name: string) => {
  let db = dbs.get(name);
  if (!db) {
    db = openWorkbenchDb(name);
    dbs.set(name, db);
  }
  return db;
};
const handler = createExcelHandler({ openDb, codec: browserDeflateCodec() });

let queue: Promise<void> = Promise.resolve();
scope.onmessage = (event: MessageEvent<ExcelRequestMessage>) => {
  const { id, name, dbName, args } = event.data;
  queue = queue.then(async () => {
    const progress = (p: { stage: string }) => scope.postMessage({ id, kind: 'progress', progress: p } satisfies ExcelResponseMessage);
    const reply = await handler.handle(name, dbName, args, progress);
    const message: ExcelResponseMessage = { id, kind: 'reply', ...reply };
    const bytes = reply.ok && name === 'export' ? (reply.value as { bytes: Uint8Array }).bytes : null;
    scope.postMessage(message, bytes ? [bytes.buffer as ArrayBuffer] : []);
  });
};
