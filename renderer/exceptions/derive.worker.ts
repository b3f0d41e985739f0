// One-shot worker that derives exceptions (shortage, variance, late risk) from the cache with the engine's baseline
// plan, so the queue shows them beside the pulled ones without the UI thread ever running allocation. It opens the
// cache itself, answers once, and is terminated by its client (its memory goes with it).
/// <reference lib="webworker" />
import { allocate } from '../../shared/engine';
import { openWorkbenchDb } from '../db';
import { readPolicy, readSnapshot } from '../engine-worker/read-snapshot';
import type { DeriveReply, DeriveRequest } from './derive-protocol';

const scope = self as unknown as DedicatedWorkerGlobalScope;

scope.onmessage = async (event: MessageEvent<DeriveRequest>) => {
  let reply: DeriveReply;
  try {
    const db = await openWorkbenchDb(event.data.dbName);
    const [snapshot, policy] = await Promise.all([readSnapshot(db), readPolicy(db)]);
    db.close();
    if (!policy.ok) reply = { ok: false, message: policy.message };
    else if (snapshot.orderLines.length === 0) reply = { ok: true, exceptions: [] };
    else reply = { ok: true, exceptions: [...allocate(snapshot, policy.policy).exceptions] };
  } catch (e) {
    reply = { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
  scope.postMessage(reply);
};
