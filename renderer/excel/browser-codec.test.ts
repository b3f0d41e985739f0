// The stream codec the worker uses (Node has the same CompressionStream / DecompressionStream as Chromium):
// a full round trip through shared/excel, the size cap that stops a lying entry, and a prefix read.
import { deflateRawSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { importPlanWorkbook, writeXlsx, openXlsx, DEFAULT_LIMITS } from '../../shared/excel';
import { browserDeflateCodec } from './browser-codec';

const codec = browserDeflateCodec();

describe('browser deflate codec', () => {
  it('writes a workbook and reads it back', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => [`ID-${i}`, i, '2026-12-01']);
    const bytes = await writeXlsx([{ name: 'Plan', columns: [{ header: 'Id', kind: 'text', width: 10 }, { header: 'Qty', kind: 'int', width: 8 }, { header: 'Day', kind: 'date', width: 10 }], rows }], codec);
    const wb = await openXlsx(bytes, codec, DEFAULT_LIMITS);
    const sheet = await wb.readSheet('Plan');
    expect(sheet.rows.length).toBe(3001);
    expect(sheet.rows[3000]![0]!.value).toBe('ID-2999');
    expect(sheet.rows[3000]![1]!.value).toBe(2999);
  });

  it('stops inflating past the cap, and reads just a prefix of a long stream', async () => {
    const big = new Uint8Array(1_000_000).fill(65);
    const packed = new Uint8Array(deflateRawSync(big));
    await expect(codec.inflateRaw(packed, 1000)).rejects.toThrow(/exceeds 1000 bytes/);
    expect((await codec.inflateRaw(packed, big.length)).length).toBe(big.length);
    const prefix = await codec.inflateRawPrefix(packed.subarray(0, 200), 5000);
    expect(prefix.length).toBeGreaterThan(0);
    expect(prefix.length).toBeLessThanOrEqual(5000);
    expect(prefix.every((b) => b === 65)).toBe(true);
  });

  it('refuses a corrupt stream as a damaged workbook', async () => {
    const outcome = await importPlanWorkbook(
      { bytes: new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]), snapshot: { items: [], warehouses: [], lanes: [], customers: [], orderLines: [], inventoryBalances: [], substitutionRules: [], dropShipOptions: [], exceptions: [] } as never, plan: { lines: [] } as never },
      codec,
    );
    expect(outcome).toMatchObject({ ok: false, refusal: { code: 'corrupt' } });
  });
});
