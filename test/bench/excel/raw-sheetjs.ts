// The yardstick: SheetJS writing and reading the same Plan rows (values only, no layout work).
import * as XLSX from 'xlsx';
import type { CellValue, SheetInput } from '../../../shared/excel';

/** Writes the sheets' rows with SheetJS (dense mode, compressed) and reads them back; times in seconds. */
export function rawSheetJs(sheets: readonly SheetInput[]): { writeS: number; readS: number; bytes: number } {
  const wb = XLSX.utils.book_new();
  for (const s of sheets) {
    const aoa: CellValue[][] = [s.columns.map((c) => c.header)];
    for (const r of s.rows) aoa.push([...r]);
    XLSX.utils.book_append_sheet(wb, XLSX.utils.aoa_to_sheet(aoa, { dense: true }), s.name);
  }
  let t = performance.now();
  const out = XLSX.write(wb, { type: 'array', bookType: 'xlsx', compression: true }) as ArrayBuffer;
  const writeS = (performance.now() - t) / 1000;
  t = performance.now();
  XLSX.read(new Uint8Array(out), { type: 'array', dense: true });
  const readS = (performance.now() - t) / 1000;
  return { writeS, readS, bytes: out.byteLength };
}
