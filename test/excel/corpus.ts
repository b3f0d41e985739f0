// The corpus of broken and hostile files, built from bytes by the tests themselves. Each case names the
// refusal code the import must give and words its message must contain.
import { Buffer } from 'node:buffer';
import type { RefusalCode, WorkbookLimits } from '../../shared/excel';
import { DEFAULT_LIMITS } from '../../shared/excel';
import { tamper, zip } from './zip-kit';

export interface HostileCase {
  readonly name: string;
  readonly code: RefusalCode;
  /** A fragment the planner-facing message must contain (case-insensitive). */
  readonly says: string;
  readonly build: (good: Uint8Array) => Promise<Uint8Array> | Uint8Array;
  readonly limits?: WorkbookLimits;
}

const text = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'utf8'));
const utf16 = (s: string): Buffer => Buffer.from(s, 'utf16le');
const cfb = (body: Buffer): Uint8Array => new Uint8Array(Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(504), body]));
const sheet1 = 'xl/worksheets/sheet1.xml';
const str = (parts: Map<string, string | Uint8Array>, name: string): string => parts.get(name) as string;
/** Replaces the first Override qty cell value of data row 2 with a formula. */
const withFormula = (formula: string) => (good: Uint8Array) =>
  tamper(good, (p) => {
    p.set(sheet1, str(p, sheet1).replace('<row r="2">', `<row r="2"><c r="Y2"><f>${formula.replace(/&/g, '&amp;').replace(/</g, '&lt;')}</f><v>0</v></c>`));
  });
const renameSheet = (to: string) => (good: Uint8Array) =>
  tamper(good, (p) => {
    p.set('xl/workbook.xml', str(p, 'xl/workbook.xml').replace('name="Exceptions"', `name="${to}"`));
  });

export const HOSTILE_CASES: readonly HostileCase[] = [
  { name: 'an empty file', code: 'not-a-workbook', says: 'empty file', build: () => new Uint8Array(0) },
  { name: 'a CSV text file', code: 'not-a-workbook', says: 'csv', build: () => text('Order line,Override qty\r\nOL-1,5\r\n') },
  { name: 'a PDF', code: 'not-a-workbook', says: 'pdf', build: () => text('%PDF-1.7\n%âãÏÓ\n1 0 obj\n') },
  { name: 'an HTML page saved as .xlsx', code: 'not-a-workbook', says: 'html', build: () => text('<html><body><table><tr><td>1</td></tr></table></body></html>') },
  { name: 'a JSON file', code: 'not-a-workbook', says: 'json', build: () => text('{"orderLines":[]}') },
  { name: 'random bytes', code: 'not-a-workbook', says: 'not a zip', build: () => new Uint8Array(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251)) },
  { name: 'a password-protected workbook (OLE EncryptionInfo)', code: 'encrypted', says: 'password', build: () => cfb(Buffer.concat([utf16('EncryptionInfo'), Buffer.alloc(64), utf16('EncryptedPackage')])) },
  { name: 'an old binary .xls', code: 'not-a-workbook', says: '.xls', build: () => cfb(Buffer.concat([utf16('Workbook'), Buffer.alloc(64)])) },
  { name: 'a workbook cut in half', code: 'corrupt', says: 'damaged', build: (g) => g.subarray(0, Math.floor(g.length / 2)) },
  { name: 'a workbook missing its last bytes', code: 'corrupt', says: 'central directory', build: (g) => g.subarray(0, g.length - 10) },
  { name: 'a zip whose entry is encrypted (ZipCrypto flag)', code: 'encrypted', says: 'encrypted', build: async (g) => tamper(g, () => undefined, (parts) => parts.map((p) => (p.name === sheet1 ? { ...p, flags: 1 } : p))) },
  { name: 'a zip that is not a workbook', code: 'not-a-workbook', says: 'no workbook part', build: () => zip([{ name: 'readme.txt', data: text('hello') }]) },
  { name: 'a sheet whose deflate stream is garbage', code: 'corrupt', says: 'corrupt', build: async (g) => tamper(g, () => undefined, (parts) => parts.map((p) => (p.name === sheet1 ? { ...p, raw: new Uint8Array(Array.from({ length: 300 }, (_, i) => (i * 31) % 256 | 0x07)) } : p))) },
  { name: 'an entry larger than its directory says (lying zip bomb)', code: 'corrupt', says: 'larger than its directory says', build: async (g) => tamper(g, () => undefined, (parts) => parts.map((p) => (p.name === sheet1 ? { ...p, declaredSize: 100 } : p))) },
  { name: 'a zip bomb: 64 MB of zeros in 64 kB', code: 'too-large', says: 'compression bomb', build: async (g) => tamper(g, () => undefined, (parts) => [...parts, { name: 'xl/media/zeros.bin', data: new Uint8Array(64 * 1024 * 1024) }]) },
  { name: 'a workbook over the file-size cap', code: 'too-large', says: 'largest workbook', build: (g) => g, limits: { ...DEFAULT_LIMITS, maxFileBytes: 10_000 } },
  { name: 'a workbook that expands past the total cap', code: 'too-large', says: 'expands to', build: (g) => g, limits: { ...DEFAULT_LIMITS, maxUncompressedBytes: 50_000 } },
  { name: 'an archive with too many entries', code: 'too-large', says: 'entries', build: async (g) => tamper(g, () => undefined, (parts) => [...parts, ...Array.from({ length: 60 }, (_, i) => ({ name: `xl/media/x${i}.txt`, data: text('x') }))]), limits: { ...DEFAULT_LIMITS, maxEntries: 40 } },
  { name: 'a sheet whose dimension claims 50 million cells', code: 'too-large', says: 'spans', build: async (g) => tamper(g, (p) => p.set(sheet1, str(p, sheet1).replace(/<dimension ref="[^"]*"\/>/, '<dimension ref="A1:XFD50000"/>'))) },
  { name: 'a sheet with more rows than the cap', code: 'too-large', says: 'rows', build: (g) => g, limits: { ...DEFAULT_LIMITS, maxRows: 100 } },
  { name: 'a sheet with more cells than the cap and no dimension', code: 'too-large', says: 'cells', build: async (g) => tamper(g, (p) => p.set(sheet1, str(p, sheet1).replace(/<dimension ref="[^"]*"\/>/, ''))), limits: { ...DEFAULT_LIMITS, maxCells: 2000 } },
  { name: 'a sheet named __proto__', code: 'unsafe', says: '__proto__', build: renameSheet('__proto__') },
  { name: 'a sheet named constructor', code: 'unsafe', says: 'constructor', build: renameSheet('constructor') },
  { name: 'a sheet named hasOwnProperty', code: 'unsafe', says: 'hasOwnProperty', build: renameSheet('hasOwnProperty') },
  { name: 'a sheet named toString', code: 'unsafe', says: 'toString', build: renameSheet('toString') },
  { name: 'a workbook with an external link part', code: 'unsafe', says: 'external', build: async (g) => tamper(g, (p) => p.set('xl/externalLinks/externalLink1.xml', '<externalLink xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>')) },
  { name: 'an external-link relationship', code: 'unsafe', says: 'external', build: async (g) => tamper(g, (p) => p.set('xl/_rels/workbook.xml.rels', str(p, 'xl/_rels/workbook.xml.rels').replace('</Relationships>', '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/externalLink" Target="externalLinks/externalLink1.xml"/></Relationships>'))) },
  { name: 'a formula referencing another workbook by index', code: 'unsafe', says: 'reaches outside', build: withFormula('[1]Prices!B2*2') },
  { name: 'a formula referencing a workbook by path', code: 'unsafe', says: 'reaches outside', build: withFormula("'C:\\plans\\[budget.xlsx]Sheet1'!A1") },
  { name: 'a DDE formula', code: 'unsafe', says: 'reaches outside', build: withFormula("cmd|' /C calc'!A0") },
  { name: 'a WEBSERVICE formula', code: 'unsafe', says: 'reaches outside', build: withFormula('WEBSERVICE("http://example.com/qty")') },
  { name: 'a workbook without a Plan sheet', code: 'missing-sheet', says: 'no "Plan" sheet', build: async (g) => tamper(g, (p) => p.set('xl/workbook.xml', str(p, 'xl/workbook.xml').replace('name="Plan"', 'name="Plan (old)"'))) },
  { name: 'a Plan sheet without the Order line column', code: 'missing-columns', says: '"Order line"', build: async (g) => tamper(g, (p) => p.set('xl/sharedStrings.xml', str(p, 'xl/sharedStrings.xml').replace('<t>Order line</t>', '<t>Line</t>'))) },
  { name: 'a Plan sheet without the Row fingerprint column', code: 'missing-columns', says: '"Row fingerprint"', build: async (g) => tamper(g, (p) => p.set('xl/sharedStrings.xml', str(p, 'xl/sharedStrings.xml').replace('<t>Row fingerprint</t>', '<t>Notes</t>'))) },
  { name: 'a workbook of another format version', code: 'not-a-workbook', says: 'format', build: async (g) => tamper(g, (p) => p.set('xl/sharedStrings.xml', str(p, 'xl/sharedStrings.xml').replace('<t>allocation-plan/1</t>', '<t>allocation-plan/9</t>'))) },
  { name: 'a zip64 marker', code: 'corrupt', says: 'zip64', build: (g) => { const b = new Uint8Array(g); const v = new DataView(b.buffer); v.setUint16(b.length - 22 + 10, 0xffff, true); return b; } },
  { name: 'a central directory pointing past the file', code: 'corrupt', says: 'outside the file', build: (g) => { const b = new Uint8Array(g); const v = new DataView(b.buffer); v.setUint32(b.length - 22 + 16, b.length + 1000, true); return b; } },
  { name: 'a stored entry whose size does not match', code: 'corrupt', says: 'stored size', build: async (g) => tamper(g, () => undefined, (parts) => parts.map((p) => (p.name === 'xl/workbook.xml' ? { ...p, method: 0, declaredSize: p.data.length + 5 } : p))) },
  { name: 'an entry with an unsupported compression method', code: 'corrupt', says: 'method 12', build: async (g) => tamper(g, () => undefined, (parts) => parts.map((p) => (p.name === 'xl/workbook.xml' ? { ...p, method: 12, raw: p.data } : p))) },
  { name: 'a cell with a broken reference', code: 'corrupt', says: 'bad reference', build: async (g) => tamper(g, (p) => p.set(sheet1, str(p, sheet1).replace('<c r="B1"', '<c r="1B"'))) },
  { name: 'a cell pointing at a missing shared string', code: 'corrupt', says: 'missing shared string', build: async (g) => tamper(g, (p) => p.set(sheet1, str(p, sheet1).replace(/(<row r="2">.*?t="s"><v>)\d+(<\/v>)/, '$1999999$2'))) },
];
