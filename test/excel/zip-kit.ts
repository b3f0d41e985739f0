// Test-only zip tools: unpack a workbook into parts and pack parts back with any header lie a hostile file
// might tell (flags, method, declared sizes), to build the corpus of broken files byte by byte.
import { crc32, deflateRawSync } from 'node:zlib';
import { codec } from './fixtures';
import { inflateEntry, readCentralDirectory } from '../../shared/excel/zip/read-zip';

export interface Part {
  readonly name: string;
  readonly data: Uint8Array;
  /** 8 = deflate (default), 0 = stored, anything else as given. */
  readonly method?: number;
  readonly flags?: number;
  /** Uncompressed size written in the headers (default: the real one). */
  readonly declaredSize?: number;
  /** Bytes stored for the entry instead of compressing `data`. */
  readonly raw?: Uint8Array;
}

/** Every part of a zip, inflated. */
export async function unzip(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  for (const e of readCentralDirectory(bytes, 10_000)) out.set(e.name, await inflateEntry(bytes, e, codec));
  return out;
}

/** Packs parts into a zip with whatever headers the parts ask for. */
export function zip(parts: readonly Part[]): Uint8Array {
  const chunks: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const method = p.method ?? 8;
    const stored = p.raw ?? (method === 0 ? p.data : deflateRawSync(p.data));
    const crc = crc32(p.data);
    const size = p.declaredSize ?? p.data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(p.flags ?? 0, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const cd = Buffer.alloc(46);
    cd.writeUInt32LE(0x02014b50, 0);
    cd.writeUInt16LE(20, 4);
    cd.writeUInt16LE(20, 6);
    cd.writeUInt16LE(p.flags ?? 0, 8);
    cd.writeUInt16LE(method, 10);
    cd.writeUInt32LE(crc, 16);
    cd.writeUInt32LE(stored.length, 20);
    cd.writeUInt32LE(size, 24);
    cd.writeUInt16LE(name.length, 28);
    cd.writeUInt32LE(offset, 42);
    chunks.push(local, name, Buffer.from(stored));
    central.push(cd, name);
    offset += 30 + name.length + stored.length;
  }
  const cdBuf = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cdBuf.length, 12);
  end.writeUInt32LE(offset, 16);
  return new Uint8Array(Buffer.concat([...chunks, cdBuf, end]));
}

/** Re-packs a workbook after `change` edits its parts (text parts as strings). */
export async function tamper(bytes: Uint8Array, change: (parts: Map<string, string | Uint8Array>) => void, extra: (parts: Part[]) => Part[] = (p) => p): Promise<Uint8Array> {
  const parts = new Map<string, string | Uint8Array>();
  for (const [name, data] of await unzip(bytes)) parts.set(name, name.endsWith('.xml') || name.endsWith('.rels') ? Buffer.from(data).toString('utf8') : data);
  change(parts);
  const list: Part[] = [...parts].map(([name, d]) => ({ name, data: typeof d === 'string' ? new Uint8Array(Buffer.from(d, 'utf8')) : d }));
  return zip(extra(list));
}
