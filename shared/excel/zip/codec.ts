// The compression the zip layer needs, injected: shared/ has neither Node's zlib nor the DOM's streams.
// main/ and the tests pass a zlib codec; the renderer's worker passes one over (De)CompressionStream.

/** Raw DEFLATE (RFC 1951) both ways; an inflate must stop with an error past `maxOutputBytes`. */
export interface DeflateCodec {
  deflateRaw(data: Uint8Array): Promise<Uint8Array>;
  /** Rejects when the output would exceed maxOutputBytes (a zip bomb whose directory lies about sizes). */
  inflateRaw(data: Uint8Array, maxOutputBytes: number): Promise<Uint8Array>;
  /** The first output bytes of a possibly long stream, inflating no more than about `prefixBytes`. */
  inflateRawPrefix(data: Uint8Array, prefixBytes: number): Promise<Uint8Array>;
  /** A native CRC-32 when the platform has one (Node's zlib); the zip writer falls back to its own. */
  crc32?(data: Uint8Array): number;
}
