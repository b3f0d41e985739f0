// Reads a zip archive's central directory WITHOUT inflating anything, so size caps, encryption and odd entries
// are refused before any expansion; entries are then inflated one by one, each capped at its declared size.
import { utf8Decoder } from '../xlsx/utf8';
import type { DeflateCodec } from './codec';

export interface ZipEntry {
  readonly name: string;
  readonly method: number;
  readonly encrypted: boolean;
  readonly compressedSize: number;
  readonly uncompressedSize: number;
  readonly localHeaderOffset: number;
}

/** A refusal of the archive itself (not a workbook, corrupt, encrypted...). */
export class ZipError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ZipError';
  }
}

const decoder = utf8Decoder();

/** True when the bytes start like a zip archive. */
export function looksLikeZip(bytes: Uint8Array): boolean {
  return bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

/** Lists the entries of the central directory; throws ZipError when it is missing or inconsistent. */
export function readCentralDirectory(bytes: Uint8Array, maxEntries: number): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let eocd = -1;
  for (let i = bytes.length - 22; i >= Math.max(0, bytes.length - 22 - 0xffff); i--) {
    if (view.getUint32(i, true) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new ZipError('the zip archive has no central directory (truncated or corrupt)');
  const count = view.getUint16(eocd + 10, true);
  const cdSize = view.getUint32(eocd + 12, true);
  const cdOffset = view.getUint32(eocd + 16, true);
  if (count === 0xffff || cdOffset === 0xffffffff) throw new ZipError('zip64 archives are not supported (a workbook that large is over the limit anyway)');
  if (count > maxEntries) throw new ZipError(`the archive has ${count} entries, more than the ${maxEntries} a workbook may have`);
  if (cdOffset + cdSize > eocd) throw new ZipError('the zip central directory points outside the file (truncated or corrupt)');
  const entries: ZipEntry[] = [];
  let p = cdOffset;
  for (let i = 0; i < count; i++) {
    if (p + 46 > bytes.length || view.getUint32(p, true) !== 0x02014b50) throw new ZipError(`zip directory entry ${i + 1} is corrupt`);
    const flags = view.getUint16(p + 8, true);
    const nameLen = view.getUint16(p + 28, true);
    const extraLen = view.getUint16(p + 30, true);
    const commentLen = view.getUint16(p + 32, true);
    const entry: ZipEntry = {
      name: decoder.decode(bytes.subarray(p + 46, p + 46 + nameLen)),
      method: view.getUint16(p + 10, true),
      encrypted: (flags & 1) === 1,
      compressedSize: view.getUint32(p + 20, true),
      uncompressedSize: view.getUint32(p + 24, true),
      localHeaderOffset: view.getUint32(p + 42, true),
    };
    if (entry.localHeaderOffset + 30 + entry.compressedSize > cdOffset) throw new ZipError(`zip entry "${entry.name}" points outside the file (truncated or corrupt)`);
    entries.push(entry);
    p += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The compressed bytes of one entry (after its local header). */
export function entryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localHeaderOffset;
  if (view.getUint32(at, true) !== 0x04034b50) throw new ZipError(`zip entry "${entry.name}" has a corrupt local header`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.length) throw new ZipError(`zip entry "${entry.name}" is truncated`);
  return bytes.subarray(start, start + entry.compressedSize);
}

/** Inflates one entry, never past its declared size. */
export async function inflateEntry(bytes: Uint8Array, entry: ZipEntry, codec: DeflateCodec): Promise<Uint8Array> {
  if (entry.encrypted) throw new ZipError(`zip entry "${entry.name}" is encrypted`);
  const data = entryData(bytes, entry);
  if (entry.method === 0) {
    if (data.length !== entry.uncompressedSize) throw new ZipError(`zip entry "${entry.name}" is corrupt (stored size mismatch)`);
    return data;
  }
  if (entry.method !== 8) throw new ZipError(`zip entry "${entry.name}" uses compression method ${entry.method}; only deflate is supported`);
  let out: Uint8Array;
  try {
    out = await codec.inflateRaw(data, entry.uncompressedSize);
  } catch (err) {
    throw new ZipError(`zip entry "${entry.name}" is corrupt or larger than its directory says (${(err as Error).message})`);
  }
  if (out.length !== entry.uncompressedSize) throw new ZipError(`zip entry "${entry.name}" inflated to ${out.length} bytes, its directory says ${entry.uncompressedSize}`);
  return out;
}

/** The first bytes of an entry's content (for reading a sheet's dimension before expanding it). */
export async function peekEntry(bytes: Uint8Array, entry: ZipEntry, codec: DeflateCodec, prefixBytes: number): Promise<Uint8Array> {
  if (entry.encrypted) throw new ZipError(`zip entry "${entry.name}" is encrypted`);
  const data = entryData(bytes, entry);
  if (entry.method === 0) return data.subarray(0, prefixBytes);
  if (entry.method !== 8) throw new ZipError(`zip entry "${entry.name}" uses compression method ${entry.method}; only deflate is supported`);
  try {
    return await codec.inflateRawPrefix(data.subarray(0, Math.min(data.length, prefixBytes)), prefixBytes);
  } catch (err) {
    throw new ZipError(`zip entry "${entry.name}" is corrupt (${(err as Error).message})`);
  }
}
