/**
 * The sync benchmark's in-browser half: the real Dexie cache in Chromium's IndexedDB, the real pull loop and outbox
 * sender, talking to the reference ERP over loopback with the page's fetch. The Node half (../sync.bench.ts) starts
 * the ERP, serves this page and calls `window.syncBench.*` through Playwright.
 */
import { Dexie } from 'dexie';
import type { Decision, OrderLine } from '../../../shared/domain';
import { ENTITIES } from '../../../shared/domain';
import { getEntityRows, openWorkbenchDb, readEntityRows } from '../../../renderer/db';
import { readSnapshot } from '../../../renderer/engine-worker/read-snapshot';
import type { WorkbenchDb } from '../../../renderer/db';
import { approveDecisions } from '../../../renderer/sync/approve';
import { expandApprovals } from '../../../renderer/sync/expand-approvals';
import { createDexieOutboxStore } from '../../../renderer/sync/dexie-outbox-store';
import { createDexiePullStore } from '../../../renderer/sync/dexie-pull-store';
import { realClock } from '../../../renderer/sync/clock';
import { createSyncErp } from '../../../shared/sync/erp-port';
import { domainRebasePolicy } from '../../../shared/sync/outbox/domain-rebase';
import { drainOutbox } from '../../../shared/sync/outbox/sender';
import { pullEntity } from '../../../shared/sync/pull/pull-entity';
import { validateCanonicalRecord } from '../../../shared/sync/pull/domain-validator';

interface Connection {
  baseUrl: string;
  token: string;
  dbName: string;
}

const databases = new Map<string, WorkbenchDb>();
async function database(name: string): Promise<WorkbenchDb> {
  let db = databases.get(name);
  if (!db) databases.set(name, (db = await openWorkbenchDb(name)));
  return db;
}

function port(c: Connection) {
  return createSyncErp({ baseUrl: c.baseUrl, fetch: (url, init) => fetch(url, init as RequestInit), getToken: () => c.token });
}

const seconds = (ms: number) => Math.round(ms) / 1000;

async function pull(c: Connection & { pageSize: number; parallel: number }) {
  const wb = await database(c.dbName);
  const erp = port(c);
  // Time inside IndexedDB page writes, to tell the cache's share from the network's and the ERP's.
  const inner = createDexiePullStore(wb);
  const writeMs = new Map<string, number>();
  const store = {
    ...inner,
    writePage: async (page: Parameters<typeof inner.writePage>[0]) => {
      const w0 = performance.now();
      try {
        await inner.writePage(page);
      } finally {
        writeMs.set(page.entity, (writeMs.get(page.entity) ?? 0) + performance.now() - w0);
      }
    },
  };
  const queue: string[] = [...ENTITIES].sort((a, b) => (a === 'order-lines' ? -1 : b === 'order-lines' ? 1 : a === 'inventory-balances' ? -1 : b === 'inventory-balances' ? 1 : 0));
  const perEntity: { entity: string; rows: number; pages: number; invalid: number; seconds: number; writeSeconds: number; rowsPerSecond: number }[] = [];
  const started = performance.now();
  const worker = async () => {
    for (let entity = queue.shift(); entity !== undefined; entity = queue.shift()) {
      const t0 = performance.now();
      const p = await pullEntity({ erp, store, validate: validateCanonicalRecord, clock: realClock, random: Math.random, entity, target: 'live', pageSize: c.pageSize });
      const s = (performance.now() - t0) / 1000;
      perEntity.push({ entity, rows: p.rows, pages: p.pages, invalid: p.invalid, seconds: Math.round(s * 1000) / 1000, writeSeconds: seconds(writeMs.get(entity) ?? 0), rowsPerSecond: Math.round(p.rows / Math.max(s, 0.001)) });
    }
  };
  await Promise.all(Array.from({ length: c.parallel }, worker));
  return { seconds: seconds(performance.now() - started), perEntity };
}

/** Makes `n` proposed backorder decisions on distinct open lines of the cache (re-promised for `promisedDate`). */
async function proposeBackorders(c: Connection & { n: number; promisedDate: string; offset: number }) {
  const wb = await database(c.dbName);
  const lines = (await readEntityRows(wb, 'order-lines')).filter((l) => l.status === 'open' || l.status === 'backordered').slice(c.offset, c.offset + c.n);
  const decisions = lines.map(
    (line, i) =>
      ({
        id: `BENCH-${c.offset + i}`,
        type: 'backorder',
        basis: [{ entity: 'order-lines', id: line.id, version: line.version }],
        payload: { orderLineId: line.id, promisedDate: c.promisedDate },
        reason: 'benchmark',
        proposedBy: 'planner',
        proposedAt: new Date().toISOString(),
        status: 'proposed',
      }) as unknown as Decision,
  );
  await wb.decisions.bulkPut(decisions);
  return decisions.map((d) => d.id);
}

async function approveAndPush(c: Connection & { ids: string[]; concurrency: number; batchSize: number; entriesPerRequest: number }) {
  const wb = await database(c.dbName);
  const t0 = performance.now();
  const approved = await approveDecisions(wb, c.ids, 'supervisor');
  const t1 = performance.now();
  // Time spent in the outbox's own storage (IndexedDB), to tell the client's share from the ERP's.
  const inner = createDexieOutboxStore(wb);
  let storageMs = 0;
  const timed = <A extends unknown[], R>(f: (...a: A) => Promise<R>) => async (...a: A): Promise<R> => {
    const s0 = performance.now();
    try {
      return await f(...a);
    } finally {
      storageMs += performance.now() - s0;
    }
  };
  const store = { requeueInterrupted: timed(inner.requeueInterrupted), loadOpen: timed(inner.loadOpen), save: timed(inner.save) };
  const report = await drainOutbox({
    erp: port(c),
    store,
    clock: realClock,
    random: Math.random,
    rebase: domainRebasePolicy,
    concurrency: c.concurrency,
    batchSize: c.batchSize,
    entriesPerRequest: c.entriesPerRequest,
  });
  const t2 = performance.now();
  return { approved, approveSeconds: seconds(t1 - t0), pushSeconds: seconds(t2 - t1), storageSeconds: seconds(storageMs), report };
}

/**
 * Approval alone (issue 6's "approve 10,000"): one approveDecisions transaction, no push. Then, timed apart, the
 * background expansion of the approval record into outbox entries and decision rows (the UI does not wait for it).
 */
async function approveOnly(c: { dbName: string; ids: string[] }) {
  const wb = await database(c.dbName);
  const t0 = performance.now();
  const approved = await approveDecisions(wb, c.ids, 'supervisor');
  const t1 = performance.now();
  const expanded = await expandApprovals(wb);
  const t2 = performance.now();
  return { approved, approveSeconds: seconds(t1 - t0), expanded, expandSeconds: seconds(t2 - t1) };
}

/** What bulk writes buy: the same rows written per row (one transaction each), per row in one transaction, and bulk per page. */
async function writeComparison(c: { rows: OrderLine[]; pageSize: number }) {
  const scratch = async (label: string) => {
    const name = `bench-writes-${label}-${Date.now()}`;
    return openWorkbenchDb(name);
  };
  const results: Record<string, number> = {};
  {
    const s = await scratch('naive');
    const t0 = performance.now();
    for (const row of c.rows) await s.orderLines.put(row);
    results.perRowTransactions = seconds(performance.now() - t0);
    s.close();
  }
  {
    const s = await scratch('put-in-tx');
    const t0 = performance.now();
    for (let i = 0; i < c.rows.length; i += c.pageSize) {
      const page = c.rows.slice(i, i + c.pageSize);
      await s.transaction('rw', s.orderLines, async () => {
        for (const row of page) await s.orderLines.put(row);
      });
    }
    results.perRowPutPageTransaction = seconds(performance.now() - t0);
    s.close();
  }
  {
    const s = await scratch('bulk');
    const t0 = performance.now();
    for (let i = 0; i < c.rows.length; i += c.pageSize) await s.orderLines.bulkPut(c.rows.slice(i, i + c.pageSize));
    results.bulkPutPerPage = seconds(performance.now() - t0);
    s.close();
  }
  return results;
}

async function sampleLines(c: { dbName: string; n: number }) {
  const wb = await database(c.dbName);
  return (await readEntityRows(wb, 'order-lines')).slice(0, c.n);
}

/**
 * What a reader pays after the pull, each on a fresh connection (nothing decoded yet): the engine's whole snapshot,
 * the exception queue's entity, the order lines; then the order lines again and 200 of them by id on the same
 * connection (decoded pages kept), as the window reads them for the queue, the decisions view and an approval.
 */
async function reads(c: { dbName: string }) {
  const fresh = async <T>(f: (db: WorkbenchDb) => Promise<T>): Promise<{ value: T; seconds: number }> => {
    const wb = await openWorkbenchDb(c.dbName);
    try {
      const t0 = performance.now();
      const value = await f(wb);
      return { value, seconds: seconds(performance.now() - t0) };
    } finally {
      wb.close();
    }
  };
  const snapshot = await fresh((db) => readSnapshot(db));
  const exceptions = await fresh((db) => readEntityRows(db, 'exceptions'));
  const again = await fresh(async (db) => {
    let t0 = performance.now();
    const first = await readEntityRows(db, 'order-lines');
    const firstSeconds = seconds(performance.now() - t0);
    t0 = performance.now();
    const second = await readEntityRows(db, 'order-lines');
    const secondSeconds = seconds(performance.now() - t0);
    const ids = first.filter((_, i) => i % 500 === 0).map((l) => l.id);
    t0 = performance.now();
    const some = await getEntityRows(db, 'order-lines', ids);
    return { first: first.length, firstSeconds, second: second.length, secondSeconds, byId: some.filter(Boolean).length, byIdSeconds: seconds(performance.now() - t0) };
  });
  const pages = await fresh((db) => db.entityPages.where('[entity+gen+seq]').between(['order-lines', -Infinity, -Infinity], ['order-lines', Infinity, Infinity]).toArray());
  return {
    snapshotSeconds: snapshot.seconds,
    snapshotOrderLines: snapshot.value.orderLines.length,
    exceptions: exceptions.value.length,
    exceptionsSeconds: exceptions.seconds,
    orderLines: again.value.first,
    orderLinesSeconds: again.value.firstSeconds,
    orderLinesAgainSeconds: again.value.secondSeconds,
    byIdRows: again.value.byId,
    byIdSeconds: again.value.byIdSeconds,
    orderLinePages: pages.value.length,
    orderLinePagesSeconds: pages.seconds,
  };
}

function workerCount(c: { dbName: string }) {
  return new Promise<{ orderLines: number; open: number; ms: number }>((resolve, reject) => {
    const w = new Worker(new URL('./db-worker.ts', import.meta.url), { type: 'module' });
    w.onmessage = (e: MessageEvent<{ orderLines: number; open: number; ms: number }>) => {
      resolve(e.data);
      w.terminate();
    };
    w.onerror = (e) => reject(new Error(e.message));
    w.postMessage({ dbName: c.dbName });
  });
}

async function counts(c: { dbName: string }) {
  const wb = await database(c.dbName);
  const out: Record<string, number> = {};
  for (const t of wb.tables) out[t.name] = await t.count();
  return out;
}


/** Where the write time goes: Dexie bulkPut vs raw IndexedDB puts, with the order-line indexes and without. */
async function writeExperiment(c: { rows: OrderLine[] }) {
  const out: Record<string, number> = {};
  for (const [label, schema] of [
    ['indexed', 'id, itemId, warehouseId, customerId, status, modifiedAt'],
    ['twoIndexes', 'id, itemId, status'],
    ['primaryKeyOnly', 'id'],
  ] as const) {
    const d = new Dexie(`exp-${label}-${Date.now()}`);
    d.version(1).stores({ rows: schema });
    await d.open();
    let t0 = performance.now();
    for (let i = 0; i < c.rows.length; i += 1000) await d.table('rows').bulkPut(c.rows.slice(i, i + 1000));
    out[`dexie_${label}`] = seconds(performance.now() - t0);
    await d.table('rows').clear();
    t0 = performance.now();
    await rawPutPages(d.backendDB(), c.rows, { durability: 'relaxed' });
    out[`raw_${label}`] = seconds(performance.now() - t0);
    d.close();
  }
  return out;
}
/** Raw IndexedDB puts (no Dexie) in 1,000-row page transactions into a scratch `rows` store: the wrapper-free baseline. */
async function rawPutPages(idb: IDBDatabase, rows: readonly unknown[], options?: IDBTransactionOptions): Promise<void> {
  for (let i = 0; i < rows.length; i += 1000) {
    const page = rows.slice(i, i + 1000);
    await new Promise<void>((resolve, reject) => {
      const tx = idb.transaction('rows', 'readwrite', options);
      const store = tx.objectStore('rows');
      for (const row of page) store.put(row);
      tx.oncomplete = () => resolve();
      tx.onerror = () => reject(tx.error);
    });
  }
}

/**
 * Page writes as the pull does them (1,000 rows, one transaction each), for `n` order lines from the cache into
 * scratch databases: the index sets, Dexie's bulkPut against raw IndexedDB puts. Tells which choice pays at scale.
 */
async function pageWriteExperiment(c: { dbName: string; n: number }) {
  const wb = await database(c.dbName);
  const rows = (await readEntityRows(wb, 'order-lines')).slice(0, c.n);
  const out: Record<string, number> = { rows: rows.length };
  for (const [label, schema] of [
    ['v2_six_indexes', 'id, itemId, warehouseId, customerId, status, modifiedAt'],
    ['modifiedAt_only', 'id, modifiedAt'],
  ] as const) {
    const d = new Dexie(`pw-${label}-${Date.now()}`);
    d.version(1).stores({ rows: schema });
    await d.open();
    let t0 = performance.now();
    for (let i = 0; i < rows.length; i += 1000) {
      const page = rows.slice(i, i + 1000);
      await d.transaction('rw', d.table('rows'), () => d.table('rows').bulkPut(page));
    }
    out[`dexie_${label}`] = seconds(performance.now() - t0);
    await d.table('rows').clear();
    t0 = performance.now();
    await rawPutPages(d.backendDB(), rows);
    out[`raw_${label}`] = seconds(performance.now() - t0);
    d.close();
    await Dexie.delete(d.name);
  }
  return out;
}
/**
 * Page records as structured-clone objects vs one JSON string per page: the order lines of the cache written as
 * 1,000-row page records both ways into scratch databases, then read back (parsed) whole.
 */
async function pageFormatExperiment(c: { dbName: string }) {
  const wb = await database(c.dbName);
  const rows = await readEntityRows(wb, 'order-lines');
  const pages: Record<string, unknown>[][] = [];
  for (let i = 0; i < rows.length; i += 1000) pages.push(rows.slice(i, i + 1000) as unknown as Record<string, unknown>[]);
  const out: Record<string, number> = { rows: rows.length };
  for (const format of ['objects', 'json'] as const) {
    const d = new Dexie(`pf-${format}-${Date.now()}`);
    d.version(1).stores({ pages: 'seq' });
    await d.open();
    let t0 = performance.now();
    for (let seq = 0; seq < pages.length; seq++) {
      const page = pages[seq] ?? [];
      await d.transaction('rw', d.table('pages'), () => d.table('pages').add(format === 'json' ? { seq, json: JSON.stringify(page) } : { seq, rows: page }));
    }
    out[`write_${format}_s`] = seconds(performance.now() - t0);
    t0 = performance.now();
    const back = (await d.table('pages').toArray()) as { rows?: unknown[]; json?: string }[];
    let n = 0;
    for (const p of back) n += (p.rows ?? (JSON.parse(p.json ?? '[]') as unknown[])).length;
    out[`read_${format}_s`] = seconds(performance.now() - t0);
    out[`read_${format}_rows`] = n;
    d.close();
    await Dexie.delete(d.name);
  }
  return out;
}
/**
 * Approval's writes in isolation: `n` decisions updated to "approved" plus `n` new outbox entries (decision + base
 * row), in one transaction, into scratch databases: awaited one after the other or issued together, with the v2
 * decision indexes or only `status`, with the base row copied into each entry or left out. Variants alternate over `rounds` so load drift hits them alike.
 */
async function approvalWriteExperiment(c: { dbName: string; n: number; rounds: number }) {
  const wb = await database(c.dbName);
  const lines = (await readEntityRows(wb, 'order-lines')).slice(0, c.n);
  const proposedAt = new Date().toISOString();
  const proposed = lines.map((l, i) => ({ id: `X-${i}`, type: 'backorder', basis: [{ entity: 'order-lines', id: l.id, version: l.version }], payload: { orderLineId: l.id, promisedDate: '2026-12-24' }, reason: 'experiment', proposedBy: 'planner', proposedAt, status: 'proposed' }));
  const approvedAt = new Date().toISOString();
  const approved = proposed.map((d) => ({ ...d, status: 'approved', approvedBy: 'supervisor', approvedAt }));
  const entries = approved.map((d, i) => ({ decisionId: d.id, seq: i + 1, state: 'queued', decision: d, rowKeys: [`order-lines:${lines[i]?.id}`], baseRows: [{ entity: 'order-lines', id: lines[i]?.id, version: lines[i]?.version, row: lines[i] }], approvedBy: 'supervisor', approvedAt: Date.now(), attempts: 0, rebases: 0, revision: 0, nextAttemptAt: 0, uncertain: false, updatedAt: 0 }));
  const withoutBase = entries.map((e) => ({ ...e, baseRows: e.baseRows.map((b) => ({ ...b, row: undefined })) }));
  const variants = [
    ['serial_v2_indexes', 'id, status, type, proposedAt, approvedAt', false, entries],
    ['together_v2_indexes', 'id, status, type, proposedAt, approvedAt', true, entries],
    ['serial_status_only', 'id, status', false, entries],
    ['serial_status_only_no_base_row', 'id, status', false, withoutBase],
  ] as const;
  const out: Record<string, number[]> = {};
  for (let round = 0; round < c.rounds; round++) {
    for (const [label, decisionSchema, together, outboxEntries] of variants) {
      const d = new Dexie(`aw-${label}-${round}-${Date.now()}`);
      d.version(1).stores({ decisions: decisionSchema, outbox: 'decisionId, state, seq, [state+seq]' });
      await d.open();
      await d.table('decisions').bulkAdd(proposed);
      const t0 = performance.now();
      await d.transaction('rw', [d.table('decisions'), d.table('outbox')], async () => {
        if (together) await Promise.all([d.table('decisions').bulkPut(approved), d.table('outbox').bulkAdd(outboxEntries)]);
        else {
          await d.table('decisions').bulkPut(approved);
          await d.table('outbox').bulkAdd(outboxEntries);
        }
      });
      (out[label] ??= []).push(seconds(performance.now() - t0));
      d.close();
      await Dexie.delete(d.name);
    }
  }
  return out;
}
const api = { approvalWriteExperiment, approveOnly, pageFormatExperiment, reads, pageWriteExperiment, pull, proposeBackorders, approveAndPush, writeComparison, writeExperiment, sampleLines, workerCount, counts };
(window as unknown as { syncBench: typeof api }).syncBench = api;
document.title = 'sync bench ready';
