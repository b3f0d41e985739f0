// What the Excel worker does, without the worker: reads the cache and policy, allocates the scenario's plan
// (the engine is deterministic, so this is the plan the planner sees), then exports or imports through
// shared/excel. Testable in Node with fake-indexeddb and the zlib codec.
import type { Snapshot } from '../../shared/domain';
import { allocate } from '../../shared/engine';
import type { Edit, Plan } from '../../shared/engine';
import type { DeflateCodec } from '../../shared/excel';
import { exportPlanCsv, exportPlanWorkbook, importPlanWorkbook } from '../../shared/excel';
import type { WorkbenchDb } from '../db';
import { readPolicy, readSnapshot } from '../engine-worker/read-snapshot';
import type { ExcelProgress, ExcelReply, ExcelRequestName, ExcelRequests } from './excel-protocol';

export interface ExcelHandlerDeps {
  openDb(name: string): Promise<WorkbenchDb> | WorkbenchDb;
  readonly codec: DeflateCodec;
}

export interface ExcelHandler {
  handle<K extends ExcelRequestName>(name: K, dbName: string, args: ExcelRequests[K]['args'], progress: (p: ExcelProgress) => void): Promise<ExcelReply<ExcelRequests[K]['result']>>;
}

function fileStem(asOf: string, scenarioName: string | undefined): string {
  const safe = (scenarioName ?? '').replace(/[^\w.-]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 60);
  return `allocation-plan-${asOf}${safe ? `-${safe}` : ''}`;
}

/** The Excel worker's request handler. */
export function createExcelHandler(deps: ExcelHandlerDeps): ExcelHandler {
  async function planFor(dbName: string, edits: readonly Edit[], progress: (p: ExcelProgress) => void): Promise<{ snapshot: Snapshot; plan: Plan }> {
    progress({ stage: 'Reading the cached ERP data…' });
    const db = await deps.openDb(dbName);
    const snapshot = await readSnapshot(db);
    if (snapshot.orderLines.length === 0) throw new Error('The cache holds no order lines yet: sync with the ERP first.');
    const policy = await readPolicy(db);
    if (!policy.ok) throw new Error(policy.message);
    progress({ stage: `Allocating ${snapshot.orderLines.length.toLocaleString()} order lines…` });
    return { snapshot, plan: allocate(snapshot, policy.policy, edits, { mode: 'priority' }) };
  }

  async function run<K extends ExcelRequestName>(name: K, dbName: string, args: ExcelRequests[K]['args'], progress: (p: ExcelProgress) => void): Promise<ExcelRequests[K]['result']> {
    if (name === 'export') {
      const a = args as ExcelRequests['export']['args'];
      const { snapshot, plan } = await planFor(dbName, a.edits, progress);
      const input = { snapshot, plan, edits: a.edits, exportedAt: a.exportedAt, ...(a.lineIds ? { lineIds: a.lineIds } : {}), ...(a.scenarioName ? { scenarioName: a.scenarioName } : {}) };
      const lines = a.lineIds ? new Set(a.lineIds).size : plan.lines.length;
      progress({ stage: `Writing ${lines.toLocaleString()} lines…` });
      const stem = fileStem(plan.asOf, a.scenarioName);
      if (a.format === 'csv') {
        const bytes = new TextEncoder().encode(exportPlanCsv(input));
        return { bytes, fileName: `${stem}.csv`, mimeType: 'text/csv', lines } as ExcelRequests[K]['result'];
      }
      const bytes = await exportPlanWorkbook(input, deps.codec);
      return { bytes, fileName: `${stem}.xlsx`, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', lines } as ExcelRequests[K]['result'];
    }
    const a = args as ExcelRequests['import']['args'];
    const { snapshot, plan } = await planFor(dbName, a.edits, progress);
    progress({ stage: `Checking ${a.fileName}…` });
    return (await importPlanWorkbook({ bytes: a.bytes, snapshot, plan, edits: a.edits }, deps.codec)) as ExcelRequests[K]['result'];
  }

  return {
    async handle(name, dbName, args, progress) {
      try {
        return { ok: true, value: await run(name, dbName, args, progress) };
      } catch (err) {
        return { ok: false, message: err instanceof Error ? err.message : String(err) };
      }
    },
  };
}
