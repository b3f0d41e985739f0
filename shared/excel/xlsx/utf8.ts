// UTF-8 through the platform's TextEncoder/TextDecoder (every runtime we target has them: Node, browsers,
// workers). shared/ compiles without DOM types, so the two are typed here from globalThis.
interface Utf8Encoder {
  encode(text: string): Uint8Array;
}
interface Utf8Decoder {
  decode(bytes: Uint8Array): string;
}
const g = globalThis as unknown as {
  TextEncoder: new () => Utf8Encoder;
  TextDecoder: new (label?: string, options?: { fatal?: boolean }) => Utf8Decoder;
};

/** A UTF-8 encoder. */
export function utf8Encoder(): Utf8Encoder {
  return new g.TextEncoder();
}

/** A lenient UTF-8 decoder (bad bytes become U+FFFD). */
export function utf8Decoder(): Utf8Decoder {
  return new g.TextDecoder('utf-8');
}
