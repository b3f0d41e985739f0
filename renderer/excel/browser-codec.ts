// The zip codec over the platform's CompressionStream / DecompressionStream ('deflate-raw'), for the Excel
// worker. Output is counted as it streams, so a file that lies about its sizes is stopped at the cap.
import type { DeflateCodec } from '../../shared/excel';

async function collect(data: Uint8Array, stream: CompressionStream | DecompressionStream, maxBytes: number, mode: 'cap' | 'prefix'): Promise<Uint8Array> {
  const writer = stream.writable.getWriter();
  // Write and close without awaiting: the readable side drives the pipe, and a corrupt stream rejects there.
  writer.write(data as Uint8Array<ArrayBuffer>).catch(() => undefined);
  writer.close().catch(() => undefined);
  const reader = stream.readable.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      total += value.length;
      if (total >= maxBytes) {
        if (mode === 'cap' && total > maxBytes) {
          await reader.cancel().catch(() => undefined);
          throw new RangeError(`output exceeds ${maxBytes} bytes`);
        }
        if (mode === 'prefix') {
          await reader.cancel().catch(() => undefined);
          break;
        }
      }
    }
  } catch (err) {
    // A prefix is cut mid-stream on purpose: the decoder's "unexpected end" is expected there.
    if (mode !== 'prefix' || err instanceof RangeError) throw err;
  }
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return mode === 'prefix' ? out.subarray(0, maxBytes) : out;
}

/** A codec for browsers and workers (Chromium 103+, every current browser). */
export function browserDeflateCodec(): DeflateCodec {
  return {
    deflateRaw: (data) => collect(data, new CompressionStream('deflate-raw'), Number.MAX_SAFE_INTEGER, 'cap'),
    inflateRaw: (data, maxOutputBytes) => collect(data, new DecompressionStream('deflate-raw'), maxOutputBytes, 'cap'),
    inflateRawPrefix: (data, prefixBytes) => collect(data, new DecompressionStream('deflate-raw'), prefixBytes, 'prefix'),
  };
}
