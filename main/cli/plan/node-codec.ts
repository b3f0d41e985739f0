// The zip codec over Node's zlib (native, fast): for the command line, tests and benchmarks.
import { constants, deflateRawSync, inflateRawSync } from 'node:zlib';
import type { DeflateCodec } from '../../../shared/excel';

const view = (b: Buffer): Uint8Array => new Uint8Array(b.buffer, b.byteOffset, b.byteLength);

/** zlib at level 6 (the default; level 1 makes files ~30 % larger for little time saved with native zlib). */
export function nodeDeflateCodec(level = 6): DeflateCodec {
  return {
    deflateRaw: async (data) => view(deflateRawSync(data, { level })),
    inflateRaw: async (data, maxOutputBytes) => view(inflateRawSync(data, { maxOutputLength: Math.max(1, maxOutputBytes) })),
    inflateRawPrefix: async (data, prefixBytes) => view(inflateRawSync(data, { finishFlush: constants.Z_SYNC_FLUSH, maxOutputLength: Math.max(1, prefixBytes * 64) })).subarray(0, prefixBytes),
  };
}
