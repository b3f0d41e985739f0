// The Excel worker's handler over a real Dexie cache (fake-indexeddb): it allocates the cached world itself,
// exports the plan, and imports an edited copy into a diff without touching the cache.
import { IDBKeyRange, indexedDB } from 'fake-indexeddb';
import { constants, crc32, deflateRawSync, inflateRawSync } from 'node:zlib';
import * as XLSX from 'xlsx';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { DeflateCodec } from '../../shared/excel';
import { openWorkbenchDb } from '../db';
import type { WorkbenchDb } from '../db';
import { seedCache } from '../engine-worker/testing/small-world';
import { createExcelHandler } from './excel-handler';
import type { ExcelReply } from './excel-protocol';

const view = (b: Buffer) => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
const codec: DeflateCodec = {
  deflateRaw: async (d) => view(deflateRawSync(d)),
  inflateRaw: async (d, max) => view(inflateRawSync(d, { maxOutputLength: Math.max(1, max) })),
  inflateRawPrefix: async (d, n) => view(inflateRawSync(d, { finishFlush: constants.Z_SYNC_FLUSH })).subarray(0, n),
  crc32: (d) => crc32(d),
};

function value<T>(r: ExcelReply<T>): T {
  if (!r.ok) throw new Error(r.message);
  return r.value;
}

let n = 0;
let name: string;
let db: WorkbenchDb;
beforeEach(async () => {
  name = `excel-handler-${++n}`;
  db = await openWorkbenchDb(name, { indexedDB, IDBKeyRange });
  await seedCache(db);
});
afterEach(() => db.close());

describe('Excel worker handler', () => {
  const handler = () => createExcelHandler({ openDb: (dbName) => openWorkbenchDb(dbName, { indexedDB, IDBKeyRange }), codec });

  it('exports the cached plan, reports progress, and turns an edited copy into a diff', async () => {
    const stages: string[] = [];
    const out = value(await handler().handle('export', name, { edits: [], format: 'xlsx', exportedAt: '2026-11-27T08:00:00.000Z' }, (p) => stages.push(p.stage)));
    expect(out.fileName).toMatch(/^allocation-plan-\d{4}-\d{2}-\d{2}\.xlsx$/);
    expect(out.lines).toBe(4);
    expect(stages.some((s) => s.startsWith('Allocating'))).toBe(true);

    const wb = XLSX.read(out.bytes, { type: 'array' });
    const ws = wb.Sheets.Plan!;
    const rows = XLSX.utils.sheet_to_json<Record<string, unknown>>(ws);
    const at = rows.findIndex((r) => r['Order line'] === 'SO-1-1');
    expect(at).toBeGreaterThanOrEqual(0);
    const header = XLSX.utils.sheet_to_json<string[]>(ws, { header: 1 })[0]!;
    ws[XLSX.utils.encode_cell({ r: at + 1, c: header.indexOf('Priority override') })] = { t: 'n', v: 1 };
    const edited = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);

    const before = await db.orderLines.toArray();
    const outcome = value(await handler().handle('import', name, { edits: [], bytes: edited, fileName: 'edited.xlsx' }, () => undefined));
    expect(outcome.ok).toBe(true);
    if (!outcome.ok) return;
    expect(outcome.diff.changes).toEqual([{ kind: 'priority-override', orderLineId: 'SO-1-1', priority: 1 }]);
    expect(await db.orderLines.toArray()).toEqual(before);
  });

  it('exports only the lines of a filtered view, and CSV on request', async () => {
    const out = value(await handler().handle('export', name, { edits: [], format: 'csv', lineIds: ['SO-2-1'], exportedAt: '2026-11-27T08:00:00.000Z' }, () => undefined));
    const text = new TextDecoder().decode(out.bytes);
    expect(out.mimeType).toBe('text/csv');
    expect(text.split('\r\n').filter((l) => l.startsWith('SO-'))).toHaveLength(1);
  });

  it('answers a refusal for a file that is not a workbook', async () => {
    const outcome = value(await handler().handle('import', name, { edits: [], bytes: new TextEncoder().encode('a,b\n1,2\n'), fileName: 'x.xlsx' }, () => undefined));
    expect(outcome).toMatchObject({ ok: false, refusal: { code: 'not-a-workbook' } });
  });
});
