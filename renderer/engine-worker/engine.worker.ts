// The engine's Web Worker: opens the Dexie cache itself, keeps the what-if session, and answers the protocol's
// requests one at a time (in arrival order, so an undo never overtakes the edit it undoes).
/// <reference lib="webworker" />
import { openWorkbenchDb } from '../db';
import { createEngineHandler } from './engine-handler';
import { shippedEngine } from './shipped-engine';
import type { EngineRequestMessage, EngineResponseMessage, LoadResult } from './protocol';
import { batchTransferables } from './row-batch';

const scope = self as unknown as DedicatedWorkerGlobalScope;
const handler = createEngineHandler({ openDb: (name) => openWorkbenchDb(name), engine: shippedEngine });

let queue: Promise<void> = Promise.resolve();
let waiting = 0;
let warmTimer: ReturnType<typeof setTimeout> | null = null;

/** Background work (the handler's `warm`) runs a slice at a time, only while no request waits. */
function scheduleWarm(): void {
  if (warmTimer !== null) return;
  warmTimer = setTimeout(() => {
    warmTimer = null;
    if (waiting === 0 && handler.warm()) scheduleWarm();
  }, 0);
}

scope.onmessage = (event: MessageEvent<EngineRequestMessage>) => {
  const { id, name, args } = event.data;
  waiting++;
  queue = queue.then(async () => {
    const reply = await handler.handle(name, args);
    const message: EngineResponseMessage = { id, ...reply };
    // Row columns are transferred, not copied: the 100k-line open is one memcpy-free hand-over.
    const rows = reply.ok && (name === 'load' || name === 'replaceEdits') ? (reply.value as LoadResult).rows : null;
    scope.postMessage(message, rows ? batchTransferables(rows) : []);
    waiting--;
    scheduleWarm();
  });
};
