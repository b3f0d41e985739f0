/**
 * npm run bench:sync — the offline cache's three numbers, measured in headless Chromium against the reference ERP
 * on loopback: initial pull of the `large` world into IndexedDB (rows/s per entity), incremental pull of 1,000
 * changed rows, and pushing 10,000 approved decisions. Also measures what bulk writes buy over per-row writes, and
 * that a Web Worker opens the same cache. Last line: one JSON object.
 *
 * Flags: --scale large|medium|small (default large), --seed 7, --decisions 10000, --concurrency 16, --batch 1000 (entries
 * per outbox round), --per-request 250 (decisions per POST /decisions/batch; 1 = one POST each, the old path),
 * --only pull|push (stop after the initial pull / the push), --only approve (pull, then approve 10,000 without pushing),
 * --only writes (page-write experiment), --only page-format (page records as objects vs JSON strings), --only approval-writes
 * (approval's decision + outbox writes: serial vs together, v2 decision indexes vs status only; --rows, --rounds), --incognito (Playwright's throwaway in-memory profile instead of one on disk).
 */
import { execFileSync } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { build } from 'vite';
import { startReferenceErp } from '../../main/erp/server';
import { createErpClient } from '../../shared/erp';
import type { OrderLine } from '../../shared/domain';
import { serveStatic } from './sync/serve-static';

type Harness = {
  pull(c: object): Promise<{ seconds: number; perEntity: { entity: string; rows: number; pages: number; invalid: number; seconds: number; writeSeconds: number; rowsPerSecond: number }[] }>;
  proposeBackorders(c: object): Promise<string[]>;
  approveAndPush(c: object): Promise<{ approved: unknown; approveSeconds: number; pushSeconds: number; storageSeconds: number; report: Record<string, unknown> }>;
  writeComparison(c: object): Promise<Record<string, number>>;
  writeExperiment(c: object): Promise<Record<string, number>>;
  sampleLines(c: object): Promise<OrderLine[]>;
  workerCount(c: object): Promise<{ orderLines: number; open: number; ms: number }>;
  counts(c: object): Promise<Record<string, number>>;
  approveOnly(c: object): Promise<{ approved: unknown; approveSeconds: number; expanded?: number; expandSeconds?: number }>;
  reads(c: object): Promise<{ orderLinePages: number; orderLinePagesSeconds: number; orderLinesAgainSeconds: number; byIdRows: number; byIdSeconds: number; snapshotSeconds: number; snapshotOrderLines: number; exceptions: number; exceptionsSeconds: number; orderLines: number; orderLinesSeconds: number }>;
};

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const here = dirname(fileURLToPath(import.meta.url));
const scale = flag('scale', 'large') as 'small' | 'medium' | 'large';
const seed = Number(flag('seed', '7'));
const decisionCount = Number(flag('decisions', '10000'));
const concurrency = Number(flag('concurrency', '16'));
// Entries per outbox round (one "sending" and one outcome transaction each); 1000 is the sender's default with batches.
const batchSize = Number(flag('batch', '1000'));
// Decisions per POST /decisions/batch; 1 = one POST per decision (the single-decision path, for before/after).
const entriesPerRequest = Number(flag('per-request', '250'));

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'aw-bench-sync-'));
  const t0 = Date.now();
  // The loopback peer runs in memory and without its per-caller rate limit (200 requests/s): the benchmark measures
  // the client. The durable ERP (journal + fsync before every answer) is measured separately below.
  const erp = await startReferenceErp({ host: '127.0.0.1', port: 0, scale, seed, rateLimit: false });
  console.log(`reference ERP (${scale}, seed ${seed}) at ${erp.url} in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
  const client = createErpClient({ baseUrl: erp.url, fetch: (url, init) => fetch(url, init) });
  const login = await client.login('supervisor', 'supervisor');
  if (!login.ok) throw new Error(`login failed: ${login.problem.title}`);
  const token = login.value.access_token;
  const health = await client.health();
  const asOf = health.ok ? (health.value.asOf ?? '2026-12-01') : '2026-12-01';

  const outDir = join(work, 'harness');
  await build({ root: join(here, 'sync'), configFile: false, logLevel: 'warn', build: { outDir, emptyOutDir: true, target: 'es2022', minify: false } });
  const site = await serveStatic(outDir);
  // A persistent profile on disk, as the desktop app has (Electron keeps IndexedDB in the user's data folder).
  // `--incognito` measures Playwright's default throwaway context instead (in-memory IndexedDB).
  const launchArgs = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'];
  const incognito = process.argv.includes('--incognito');
  const browserOnly = incognito ? await chromium.launch({ executablePath: '/usr/bin/chromium', headless: true, args: launchArgs }) : undefined;
  const context = browserOnly ? await browserOnly.newContext() : await chromium.launchPersistentContext(join(work, 'profile'), { executablePath: '/usr/bin/chromium', headless: true, args: launchArgs });
  const browser = { close: () => (browserOnly ?? context).close() };
  try {
    const page = await context.newPage();
    // The user agent reports 156.0.0.0 (reduced UA); the binary tells the full version.
    const chromiumVersion = browserOnly?.version() ?? /([\d.]+)/.exec(execFileSync('/usr/bin/chromium', ['--version'], { encoding: 'utf8' }))?.[1] ?? 'unknown';
    page.on('console', (m) => m.type() === 'error' && !m.text().includes('404') && console.error(`[page] ${m.text()}`));
    await page.goto(`${site.url}/index.html`);
    await page.waitForFunction(() => document.title === 'sync bench ready');
    const call = <K extends keyof Harness>(name: K, arg: object) =>
      page.evaluate(([n, a]) => (window as unknown as { syncBench: Record<string, (x: object) => Promise<unknown>> }).syncBench[n as string]?.(a as object), [name, arg] as const) as ReturnType<Harness[K]>;
    const conn = { baseUrl: erp.url, token, dbName: 'workbench-bench' };

    // 1. Initial pull of the whole world.
    const initial = await call('pull', { ...conn, pageSize: 1000, parallel: 3 });
    const totalRows = initial.perEntity.reduce((s, e) => s + e.rows, 0);
    console.log(`\ninitial pull: ${totalRows} rows in ${initial.seconds.toFixed(2)} s (${Math.round(totalRows / initial.seconds)} rows/s)`);
    for (const e of initial.perEntity) console.log(`  ${e.entity.padEnd(20)} ${String(e.rows).padStart(7)} rows ${String(e.pages).padStart(4)} pages ${e.seconds.toFixed(2).padStart(6)} s ${String(e.rowsPerSecond).padStart(7)} rows/s (IndexedDB writes ${e.writeSeconds.toFixed(2)} s)`);

    // 1b. What readers pay for that layout: the engine's whole snapshot, the exception queue, the order lines.
    const read = await call('reads', { dbName: conn.dbName });
    console.log(`reads after the pull: whole snapshot ${read.snapshotSeconds.toFixed(2)} s (${read.snapshotOrderLines} order lines); ${read.exceptions} exceptions ${read.exceptionsSeconds.toFixed(2)} s; ${read.orderLines} order lines ${read.orderLinesSeconds.toFixed(2)} s (their ${read.orderLinePages} page records alone ${read.orderLinePagesSeconds.toFixed(2)} s), again on the same connection ${read.orderLinesAgainSeconds.toFixed(2)} s, ${read.byIdRows} of them by id ${read.byIdSeconds.toFixed(3)} s`);

    if (flag('only', 'all') === 'approval-writes') {
      const arg = { dbName: conn.dbName, n: Number(flag('rows', '5000')), rounds: Number(flag('rounds', '3')) };
      console.log(JSON.stringify(await page.evaluate((a) => (window as unknown as { syncBench: Record<string, (x: object) => Promise<unknown>> }).syncBench.approvalWriteExperiment?.(a), arg)));
      return;
    }
    if (flag('only', 'all') === 'page-format') {
      console.log(JSON.stringify(await page.evaluate((a) => (window as unknown as { syncBench: Record<string, (x: object) => Promise<unknown>> }).syncBench.pageFormatExperiment?.(a), { dbName: conn.dbName })));
      return;
    }
    if (flag('only', 'all') === 'writes') {
      console.log(JSON.stringify(await page.evaluate((a) => (window as unknown as { syncBench: Record<string, (x: object) => Promise<unknown>> }).syncBench.pageWriteExperiment?.(a), { dbName: conn.dbName, n: Number(flag('rows', '20000')) })));
      return;
    }
    if (flag('only', 'all') === 'pull') {
      console.log(JSON.stringify({ scale, date: new Date().toISOString(), chromium: chromiumVersion, incognito, rows: totalRows, initial_pull_s: initial.seconds, read_snapshot_s: read.snapshotSeconds, read_exceptions_s: read.exceptionsSeconds, read_order_lines_s: read.orderLinesSeconds, read_order_lines_again_s: read.orderLinesAgainSeconds, get_200_lines_by_id_s: read.byIdSeconds, load_average_1m: Number(loadavg()[0]?.toFixed(2)) }));
      return;
    }

    if (flag('only', 'all') === 'approve') {
      const toApprove = await call('proposeBackorders', { ...conn, n: decisionCount, promisedDate: asOf, offset: 0 });
      const approval = await call('approveOnly', { dbName: conn.dbName, ids: toApprove });
      console.log(`\napproval: ${toApprove.length} decisions approved in ${approval.approveSeconds.toFixed(2)} s (one transaction)`);
      if (approval.expandSeconds !== undefined) console.log(`then expanded into ${approval.expanded} outbox entries in ${approval.expandSeconds.toFixed(2)} s (background; the UI does not wait)`);
      console.log(JSON.stringify({ scale, decisions: toApprove.length, approve_s: approval.approveSeconds, expand_s: approval.expandSeconds, approved: approval.approved, load_average_1m: Number(loadavg()[0]?.toFixed(2)) }));
      return;
    }

    // 2. 1,000 rows change in the ERP (priority edits with If-Match), then an incremental pull.
    const sample = await call('sampleLines', { dbName: conn.dbName, n: 1000 });
    const queue = [...sample];
    const patchWorker = async () => {
      for (let line = queue.shift(); line; line = queue.shift()) {
        const r = await client.patchOrderLine(line.id, { priority: line.priority === 1 ? 2 : 1 }, line.version);
        if (!r.ok) throw new Error(`PATCH ${line.id}: ${r.status} ${r.problem.detail ?? r.problem.title}`);
      }
    };
    await Promise.all(Array.from({ length: 8 }, patchWorker));
    const incremental = await call('pull', { ...conn, pageSize: 1000, parallel: 3 });
    const incRows = incremental.perEntity.reduce((s, e) => s + e.rows, 0);
    console.log(`\nincremental pull: ${incRows} changed rows in ${incremental.seconds.toFixed(3)} s`);

    // 3. Approve and push 10,000 decisions.
    const ids = await call('proposeBackorders', { ...conn, n: decisionCount, promisedDate: asOf, offset: 0 });
    // --profile-push <file>: the page's CPU profile during approve + push (Chrome DevTools format).
    const profileOut = flag('profile-push', '');
    const cdp = profileOut ? await context.newCDPSession(page) : undefined;
    if (cdp) {
      await cdp.send('Profiler.enable');
      await cdp.send('Profiler.start');
    }
    const cpu0 = process.cpuUsage();
    const pushed = await call('approveAndPush', { ...conn, ids, concurrency, batchSize, entriesPerRequest });
    // The ERP runs in this process: its CPU seconds during approve + push (user + system).
    const cpu = process.cpuUsage(cpu0);
    const erpCpuSeconds = Math.round((cpu.user + cpu.system) / 1000) / 1000;
    if (cdp) {
      const { profile } = await cdp.send('Profiler.stop');
      await writeFile(profileOut, JSON.stringify(profile));
    }
    console.log(`\npush: ${ids.length} decisions approved in ${pushed.approveSeconds.toFixed(2)} s (one transaction), pushed in ${pushed.pushSeconds.toFixed(2)} s, of which ${pushed.storageSeconds.toFixed(2)} s in the outbox's IndexedDB writes`);
    console.log(`  ${JSON.stringify(pushed.report)}`);

    if (flag('only', 'all') === 'push') {
      console.log(JSON.stringify({ scale, decisions: ids.length, concurrency, batchSize, entriesPerRequest, push_s: pushed.pushSeconds, storage_s: pushed.storageSeconds, erp_cpu_s: erpCpuSeconds, load_average_1m: Number(loadavg()[0]?.toFixed(2)) }));
      return;
    }

    // 4. What bulk writes buy (same 5,000 order lines into scratch databases), and what indexes cost.
    const rows = await call('sampleLines', { dbName: conn.dbName, n: 5000 });
    const writes = await call('writeComparison', { rows, pageSize: 1000 });
    console.log(`\nwriting 5,000 order lines: one transaction per row ${writes.perRowTransactions} s; put() per row in a page transaction ${writes.perRowPutPageTransaction} s; bulkPut per 1,000-row page ${writes.bulkPutPerPage} s`);
    const indexes = await call('writeExperiment', { rows });
    console.log(`  same 5,000 rows, bulkPut per 1,000: 6 indexes ${indexes.dexie_indexed} s, 2 indexes ${indexes.dexie_twoIndexes} s, primary key only ${indexes.dexie_primaryKeyOnly} s; raw IndexedDB puts with the 6 indexes ${indexes.raw_indexed} s`);

    // 4b. The durable ERP: no answer before its journal line is fsync'd (group commit). Same client, 1,000 decisions.
    const durable = await startReferenceErp({ host: '127.0.0.1', port: 0, scale: 'medium', seed, dataDir: join(work, 'erp-durable'), rateLimit: false });
    const durableClient = createErpClient({ baseUrl: durable.url, fetch: (url, init) => fetch(url, init) });
    const durableLogin = await durableClient.login('supervisor', 'supervisor');
    if (!durableLogin.ok) throw new Error('login (durable ERP) failed');
    const durableConn = { baseUrl: durable.url, token: durableLogin.value.access_token, dbName: 'workbench-bench-durable' };
    await call('pull', { ...durableConn, pageSize: 1000, parallel: 3 });
    const durableIds = await call('proposeBackorders', { ...durableConn, n: 1000, promisedDate: asOf, offset: 0 });
    const durablePush = await call('approveAndPush', { ...durableConn, ids: durableIds, concurrency, batchSize, entriesPerRequest });
    await durable.close();
    console.log(`\ndurable ERP (group commit, reply after fsync): ${durableIds.length} decisions pushed in ${durablePush.pushSeconds.toFixed(2)} s (${Math.round(durableIds.length / durablePush.pushSeconds)}/s)`);

    // 5. The engine's worker reads the cache directly.
    const fromWorker = await call('workerCount', { dbName: conn.dbName });
    console.log(`\nweb worker opened the cache: ${fromWorker.orderLines} order lines (${fromWorker.open} open) counted in ${Math.round(fromWorker.ms)} ms`);

    const result = {
      scale,
      date: new Date().toISOString(),
      chromium: chromiumVersion,
      incognito,
      rows: totalRows,
      initial_pull_s: initial.seconds,
      incremental_pull_s: incremental.seconds,
      incremental_rows: incRows,
      push_10k_s: pushed.pushSeconds,
      push_10k_storage_s: pushed.storageSeconds,
      decisions: ids.length,
      approve_10k_s: pushed.approveSeconds,
      applied: pushed.report.applied,
      write_per_row_tx_5k_s: writes.perRowTransactions,
      write_put_in_page_tx_5k_s: writes.perRowPutPageTransaction,
      write_bulk_5k_s: writes.bulkPutPerPage,
      push_1k_durable_erp_s: durablePush.pushSeconds,
      read_snapshot_s: read.snapshotSeconds,
      read_exceptions_s: read.exceptionsSeconds,
      load_average_1m: Number(loadavg()[0]?.toFixed(2)),
    };
    console.log(JSON.stringify(result));
  } finally {
    await browser.close();
    await site.close();
    await erp.close();
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
