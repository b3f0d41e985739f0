// Writes a zip archive (deflated entries, no zip64): the container of an .xlsx workbook.
import { utf8Encoder } from '../xlsx/utf8';
import type { DeflateCodec } from './codec';
import { crc32 } from './crc32';

export interface ZipEntryInput {
  readonly name: string;
  readonly data: Uint8Array;
}

const encoder = utf8Encoder();
// A fixed timestamp (1980-01-01 00:00) keeps exports byte-for-byte deterministic.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;

/** An entry already deflated: its data may be a reused buffer, so only the compressed bytes and sums are kept. */
export interface PackedEntry {
  readonly name: string;
  readonly compressed: Uint8Array;
  readonly crc: number;
  readonly size: number;
}

/** Deflates one entry now (the caller may overwrite `data` once this resolves). */
export async function packEntry(entry: ZipEntryInput, codec: DeflateCodec): Promise<PackedEntry> {
  const crc = codec.crc32 ? codec.crc32(entry.data) : crc32(entry.data);
  const size = entry.data.length;
  const compressed = await codec.deflateRaw(entry.data);
  return { name: entry.name, compressed, crc, size };
}

/** Packs entries in order; every entry is deflated through the codec. */
export async function writeZip(entries: readonly ZipEntryInput[], codec: DeflateCodec): Promise<Uint8Array> {
  const packed: PackedEntry[] = [];
  for (const entry of entries) packed.push(await packEntry(entry, codec));
  return writePackedZip(packed);
}

/** Lays out entries deflated by `packEntry`, in order. */
export function writePackedZip(entries: readonly PackedEntry[]): Uint8Array {
  const parts: Uint8Array[] = [];
  const central: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = encoder.encode(entry.name);
    const { compressed, crc } = entry;
    const local = new Uint8Array(30 + name.length);
    const lv = new DataView(local.buffer);
    lv.setUint32(0, 0x04034b50, true);
    lv.setUint16(4, 20, true);
    lv.setUint16(6, 0x0800, true); // UTF-8 names
    lv.setUint16(8, 8, true);
    lv.setUint16(10, DOS_TIME, true);
    lv.setUint16(12, DOS_DATE, true);
    lv.setUint32(14, crc, true);
    lv.setUint32(18, compressed.length, true);
    lv.setUint32(22, entry.size, true);
    lv.setUint16(26, name.length, true);
    local.set(name, 30);
    const cd = new Uint8Array(46 + name.length);
    const cv = new DataView(cd.buffer);
    cv.setUint32(0, 0x02014b50, true);
    cv.setUint16(4, 20, true);
    cv.setUint16(6, 20, true);
    cv.setUint16(8, 0x0800, true);
    cv.setUint16(10, 8, true);
    cv.setUint16(12, DOS_TIME, true);
    cv.setUint16(14, DOS_DATE, true);
    cv.setUint32(16, crc, true);
    cv.setUint32(20, compressed.length, true);
    cv.setUint32(24, entry.size, true);
    cv.setUint16(28, name.length, true);
    cv.setUint32(42, offset, true);
    cd.set(name, 46);
    parts.push(local, compressed);
    central.push(cd);
    offset += local.length + compressed.length;
    if (offset > 0xffffffff) throw new RangeError('workbook larger than 4 GB: zip64 is not supported');
  }
  const cdSize = central.reduce((n, c) => n + c.length, 0);
  const end = new Uint8Array(22);
  const ev = new DataView(end.buffer);
  ev.setUint32(0, 0x06054b50, true);
  ev.setUint16(8, entries.length, true);
  ev.setUint16(10, entries.length, true);
  ev.setUint32(12, cdSize, true);
  ev.setUint32(16, offset, true);
  const out = new Uint8Array(offset + cdSize + 22);
  let at = 0;
  for (const p of [...parts, ...central, end]) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
