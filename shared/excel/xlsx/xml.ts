// XML text escaping and the A1 cell-reference arithmetic both the writer and the reader use.

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' };
// Control characters are not allowed in XML 1.0 text at all; a spreadsheet cannot hold them either.
// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f]/;
// eslint-disable-next-line no-control-regex
const ESCAPE_ALL = /[&<>"\u0000-\u0008\u000b\u000c\u000e-\u001f]/g;

/** Escapes text for an XML element or attribute value (control characters are dropped). */
export function escapeXml(text: string): string {
  if (!NEEDS_ESCAPE.test(text)) return text;
  return text.replace(ESCAPE_ALL, (c) => ESCAPES[c] ?? '');
}

const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/** Decodes the five named entities and numeric character references. */
export function unescapeXml(text: string): string {
  if (text.indexOf('&') < 0) return text;
  return text.replace(/&(#x[0-9a-fA-F]+|#[0-9]+|[a-z]+);/g, (whole, body: string) => {
    if (body.charCodeAt(0) === 35) {
      const code = body.charCodeAt(1) === 120 ? parseInt(body.slice(2), 16) : parseInt(body.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return NAMED[body] ?? whole;
  });
}

/** 0 -> "A", 25 -> "Z", 26 -> "AA". */
export function columnLetters(index: number): string {
  let s = '';
  let n = index + 1;
  while (n > 0) {
    const r = (n - 1) % 26;
    s = String.fromCharCode(65 + r) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

/** "AA" -> 26; -1 when not letters. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (let i = 0; i < letters.length; i++) {
    const c = letters.charCodeAt(i);
    const u = c >= 97 ? c - 32 : c;
    if (u < 65 || u > 90) return -1;
    n = n * 26 + (u - 64);
  }
  return n - 1;
}

/** Parses "B12" into zero-based column and row; null when malformed. */
export function parseCellRef(ref: string): { col: number; row: number } | null {
  let i = 0;
  while (i < ref.length && ref.charCodeAt(i) >= 65) i++;
  if (i === 0 || i === ref.length) return null;
  const col = columnIndex(ref.slice(0, i));
  const row = Number(ref.slice(i)) - 1;
  return col < 0 || !Number.isInteger(row) || row < 0 ? null : { col, row };
}

/** Reads attributes of one XML start tag body ('name="x" r:id="rId1"') into a map keyed by local name. */
export function readAttributes(tagBody: string): Map<string, string> {
  const out = new Map<string, string>();
  const re = /([A-Za-z_][\w.-]*:)?([A-Za-z_][\w.-]*)\s*=\s*("([^"]*)"|'([^']*)')/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(tagBody)) !== null) out.set(m[2]!, unescapeXml(m[4] ?? m[5] ?? ''));
  return out;
}
