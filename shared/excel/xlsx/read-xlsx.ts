// Reads .xlsx workbooks written by this app or edited in any spreadsheet program, defensively: every cap is
// checked from the zip directory and the sheet's <dimension> before the sheet is expanded, sheet names that
// are object-prototype members and formulas that reach other files are refused. Only values are read
// (cached formula results included); styles are ignored, so a date is a serial number or text.
import type { DeflateCodec } from '../zip/codec';
import { ZipError, inflateEntry, looksLikeZip, peekEntry, readCentralDirectory } from '../zip/read-zip';
import type { ZipEntry } from '../zip/read-zip';
import { WorkbookRefusal } from './refusal';
import type { WorkbookLimits } from './refusal';
import { utf8Decoder } from './utf8';
import { columnIndex, columnLetters, parseCellRef, readAttributes, unescapeXml } from './xml';

/** One cell: its value (a formula's cached result), the formula text when there is one. */
export interface RawCell {
  readonly value: string | number | boolean | null;
  readonly formula?: string;
  /** An error value such as '#REF!'. */
  readonly error?: string;
}

export interface SheetData {
  readonly name: string;
  /** Zero-based rows of zero-based cells; holes where the file has none. */
  readonly rows: ReadonlyArray<ReadonlyArray<RawCell | undefined> | undefined>;
  readonly cellCount: number;
}

export interface OpenedWorkbook {
  readonly sheetNames: readonly string[];
  hasSheet(name: string): boolean;
  /** Expands and reads one sheet (after checking its size). */
  readSheet(name: string, options?: ReadSheetOptions): Promise<SheetData>;
}

export interface ReadSheetOptions {
  /**
   * Called once with the sheet's first rows (up to HEADER_SCAN_ROWS, all columns kept); answers the columns to
   * keep in the rows after them (null keeps all). Skipped cells are still counted and their formulas checked,
   * but cost no objects: a 100k-row plan keeps 8 of its 31 columns.
   */
  keepColumns?(firstRows: ReadonlyArray<ReadonlyArray<RawCell | undefined> | undefined>): ReadonlySet<number> | null;
}

/** Rows handed to `keepColumns` (a header may sit below a title block). */
export const HEADER_SCAN_ROWS = 20;

const decoder = utf8Decoder();
// Sheet names that would collide with a plain object's inherited members in naive code (SheetJS keeps
// sheets in a plain object); refused outright rather than trusted to every consumer.
const PROTOTYPE_NAMES = new Set([...Object.getOwnPropertyNames(Object.prototype), '__proto__', 'prototype']);

/** True for a sheet name that is an object-prototype member. */
export function isPrototypeName(name: string): boolean {
  return PROTOTYPE_NAMES.has(name) || PROTOTYPE_NAMES.has(name.trim());
}

// External workbook references ([1]Sheet!A1, 'C:\x\[Book.xlsx]Sheet'!A1), DDE (app|topic!item) and functions
// that fetch from outside the file.
const EXTERNAL_FORMULA = [
  /(^|[^\w\]])\[\d+\][^\]]*!/,
  /\[[^\]]*\.(xlsx|xlsm|xlsb|xls|ods|csv)\]/i,
  /(^|[=(,;+\-*/&\s])'?(https?:|file:|\\\\|[a-z]:\\)/i,
  /\|[^!]*!/,
  /\b(WEBSERVICE|RTD|DDE|IMPORTDATA|IMPORTXML|IMPORTRANGE|IMPORTHTML|IMPORTFEED|FILTERXML|CALL|REGISTER)\s*\(/i,
];

/** True when a formula reaches another file, a URL, DDE or an external data function. */
export function isExternalFormula(formula: string): boolean {
  // Quoted string literals cannot reference anything; drop them before matching.
  const f = formula.replace(/"(?:[^"]|"")*"/g, '""');
  return EXTERNAL_FORMULA.some((re) => re.test(f));
}

function refuseZip(err: unknown): never {
  if (err instanceof WorkbookRefusal) throw err;
  if (err instanceof ZipError) throw new WorkbookRefusal('corrupt', `The file is a damaged workbook: ${err.message}.`);
  throw new WorkbookRefusal('corrupt', `The file is a damaged workbook: ${(err as Error).message}`);
}

function isCompoundFile(bytes: Uint8Array): boolean {
  const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
  return bytes.length >= 8 && magic.every((b, i) => bytes[i] === b);
}

function containsUtf16(bytes: Uint8Array, text: string): boolean {
  const limit = Math.min(bytes.length, 4 * 1024 * 1024);
  outer: for (let i = 0; i + text.length * 2 <= limit; i++) {
    for (let k = 0; k < text.length; k++) if (bytes[i + 2 * k] !== text.charCodeAt(k) || bytes[i + 2 * k + 1] !== 0) continue outer;
    return true;
  }
  return false;
}

function describeBytes(bytes: Uint8Array): string {
  const head = decoder.decode(bytes.subarray(0, 64)).trim().toLowerCase();
  if (head.startsWith('%pdf')) return 'a PDF document';
  if (head.startsWith('<')) return 'an HTML or XML text file';
  if (head.startsWith('{') || head.startsWith('[')) return 'a JSON text file';
  if (bytes.length === 0) return 'an empty file';
  return /^[\x20-\x7e\t\r\n]*$/.test(head) ? 'a text file (CSV or similar)' : 'binary data that is not a zip archive';
}

function mb(n: number): string {
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

function resolveTarget(base: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = base.split('/').slice(0, -1);
  for (const seg of target.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg !== '.' && seg !== '') parts.push(seg);
  }
  return parts.join('/');
}

function relsPathOf(part: string): string {
  const i = part.lastIndexOf('/');
  return `${part.slice(0, i + 1)}_rels/${part.slice(i + 1)}.rels`;
}

interface Relationship {
  readonly id: string;
  readonly type: string;
  readonly target: string;
  readonly external: boolean;
}

function parseRels(xml: string): Relationship[] {
  const out: Relationship[] = [];
  const re = /<(?:\w+:)?Relationship\b([^>]*)>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(xml)) !== null) {
    const a = readAttributes(m[1]!);
    out.push({ id: a.get('Id') ?? '', type: a.get('Type') ?? '', target: a.get('Target') ?? '', external: a.get('TargetMode') === 'External' });
  }
  return out;
}

function textOfRich(xml: string): string {
  // Phonetic runs (<rPh>) repeat the text for East Asian input; they are not part of the value.
  const body = xml.indexOf('<rPh') >= 0 ? xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '') : xml;
  let out = '';
  const re = /<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(body)) !== null) out += m[1];
  return unescapeXml(out);
}

function parseSharedStrings(xml: string): string[] {
  const out: string[] = [];
  let pos = 0;
  for (;;) {
    const start = xml.indexOf('<si', pos);
    if (start < 0) break;
    const gt = xml.indexOf('>', start);
    if (gt < 0) break;
    if (xml.charCodeAt(gt - 1) === 47) {
      out.push('');
      pos = gt + 1;
      continue;
    }
    const end = xml.indexOf('</si>', gt);
    if (end < 0) break;
    const inner = xml.slice(gt + 1, end);
    // Fast path: a single plain <t>.
    if (inner.startsWith('<t>') && inner.indexOf('<', 3) === inner.length - 4) out.push(unescapeXml(inner.slice(3, -4)));
    else out.push(textOfRich(inner));
    pos = end + 5;
  }
  return out;
}

function attr(tag: string, name: string): string | null {
  const i = tag.indexOf(` ${name}="`);
  if (i < 0) return null;
  const start = i + name.length + 3;
  const end = tag.indexOf('"', start);
  return end < 0 ? null : tag.slice(start, end);
}

function parseSheetXml(name: string, xml: string, strings: readonly string[], limits: WorkbookLimits, options: ReadSheetOptions = {}): SheetData {
  const rows: (RawCell | undefined)[][] = [];
  let keep: ReadonlySet<number> | null = null;
  let decided = options.keepColumns === undefined;
  let cellCount = 0;
  const start = xml.indexOf('<sheetData');
  if (start < 0) return { name, rows, cellCount };
  const endData = xml.indexOf('</sheetData>', start);
  const end = endData < 0 ? xml.length : endData;
  let rowIndex = -1;
  let colIndex = -1;
  let current: (RawCell | undefined)[] = [];
  let pos = xml.indexOf('>', start) + 1;
  while (pos < end) {
    const lt = xml.indexOf('<', pos);
    if (lt < 0 || lt >= end) break;
    const c1 = xml.charCodeAt(lt + 1);
    if (c1 === 114 /* r */ && xml.startsWith('row', lt + 1) && (xml.charCodeAt(lt + 4) === 32 || xml.charCodeAt(lt + 4) === 62 || xml.charCodeAt(lt + 4) === 47)) {
      const gt = xml.indexOf('>', lt);
      const r = attr(xml.slice(lt, gt), 'r');
      rowIndex = r !== null ? Number(r) - 1 : rowIndex + 1;
      if (!Number.isInteger(rowIndex) || rowIndex < 0) throw new WorkbookRefusal('corrupt', `Sheet "${name}" has a row with a bad number "${r}".`);
      if (rowIndex >= limits.maxRows) throw new WorkbookRefusal('too-large', `Sheet "${name}" has more than ${limits.maxRows} rows.`);
      if (!decided && rowIndex >= HEADER_SCAN_ROWS) {
        keep = options.keepColumns!(rows);
        decided = true;
      }
      colIndex = -1;
      current = rows[rowIndex] ?? [];
      rows[rowIndex] = current;
      pos = gt + 1;
      continue;
    }
    if (c1 === 99 /* c */ && (xml.charCodeAt(lt + 2) === 32 || xml.charCodeAt(lt + 2) === 62 || xml.charCodeAt(lt + 2) === 47)) {
      const gt = xml.indexOf('>', lt);
      const tag = xml.slice(lt + 2, gt);
      const ref = attr(tag, 'r');
      if (ref !== null) {
        const p = parseCellRef(ref);
        if (p === null) throw new WorkbookRefusal('corrupt', `Sheet "${name}" has a cell with a bad reference "${ref}".`);
        colIndex = p.col;
        if (p.row !== rowIndex) {
          rowIndex = p.row;
          if (rowIndex >= limits.maxRows) throw new WorkbookRefusal('too-large', `Sheet "${name}" has more than ${limits.maxRows} rows.`);
          current = rows[rowIndex] ?? [];
          rows[rowIndex] = current;
        }
      } else colIndex++;
      if (rowIndex < 0) {
        rowIndex = 0;
        rows[0] = current;
      }
      if (++cellCount > limits.maxCells) throw new WorkbookRefusal('too-large', `Sheet "${name}" has more than ${limits.maxCells.toLocaleString('en-US')} cells.`);
      if (xml.charCodeAt(gt - 1) === 47) {
        pos = gt + 1;
        continue;
      }
      const close = xml.indexOf('</c>', gt);
      if (close < 0) throw new WorkbookRefusal('corrupt', `Sheet "${name}" ends inside cell ${columnLetters(colIndex)}${rowIndex + 1}.`);
      pos = close + 4;
      if (keep !== null && !keep.has(colIndex)) {
        // Skipped, but a formula reaching outside the file is refused wherever it sits.
        // Search only inside this cell (an unbounded indexOf would scan to the end of the sheet for every cell).
        let f = -1;
        for (let k = gt + 1; k < close - 1; k++) {
          if (xml.charCodeAt(k) === 60 && xml.charCodeAt(k + 1) === 102) {
            f = k;
            break;
          }
        }
        if (f >= 0) {
          const fGt = xml.indexOf('>', f);
          if (xml.charCodeAt(fGt - 1) !== 47) refuseFormula(name, colIndex, rowIndex, unescapeXml(xml.slice(fGt + 1, xml.indexOf('</f>', fGt))));
        }
        continue;
      }
      const inner = xml.slice(gt + 1, close);
      const t = attr(tag, 't') ?? 'n';
      let formula: string | undefined;
      const fAt = inner.indexOf('<f');
      if (fAt >= 0) {
        const fGt = inner.indexOf('>', fAt);
        if (inner.charCodeAt(fGt - 1) !== 47) {
          formula = unescapeXml(inner.slice(fGt + 1, inner.indexOf('</f>', fGt)));
          refuseFormula(name, colIndex, rowIndex, formula);
        } else formula = ''; // a shared-formula follower: its text lives on the master cell
      }
      let raw: string | null = null;
      const vAt = inner.indexOf('<v');
      if (vAt >= 0) {
        const vGt = inner.indexOf('>', vAt);
        if (inner.charCodeAt(vGt - 1) !== 47) raw = inner.slice(vGt + 1, inner.indexOf('</v>', vGt));
      }
      let cell: RawCell;
      if (t === 'inlineStr') cell = { value: textOfRich(inner) };
      else if (raw === null) cell = { value: null };
      else if (t === 's') {
        const s = strings[Number(raw)];
        if (s === undefined) throw new WorkbookRefusal('corrupt', `Sheet "${name}" cell ${columnLetters(colIndex)}${rowIndex + 1} points at a missing shared string.`);
        cell = { value: s };
      } else if (t === 'b') cell = { value: raw === '1' || raw === 'true' };
      else if (t === 'e') cell = { value: null, error: unescapeXml(raw) };
      else if (t === 'str' || t === 'd') cell = { value: unescapeXml(raw) };
      else {
        const n = Number(raw);
        cell = { value: raw.trim() === '' || !Number.isFinite(n) ? unescapeXml(raw) : n };
      }
      current[colIndex] = formula === undefined ? cell : { ...cell, formula };
      continue;
    }
    pos = lt + 1;
  }
  return { name, rows, cellCount };
}

function refuseFormula(sheet: string, col: number, row: number, formula: string): void {
  if (isExternalFormula(formula)) {
    throw new WorkbookRefusal('unsafe', `Sheet "${sheet}" cell ${columnLetters(col)}${row + 1} has a formula that reaches outside the workbook (=${formula.slice(0, 80)}). Replace it with its value and import again.`);
  }
}

function dimensionCells(prefix: string): number | null {
  const m = /<(?:\w+:)?dimension\s+ref="([A-Z]+)(\d+)(?::([A-Z]+)(\d+))?"/.exec(prefix);
  if (!m) return null;
  if (m[3] === undefined) return 1;
  const cols = columnIndex(m[3]) - columnIndex(m[1]!) + 1;
  const rows = Number(m[4]) - Number(m[2]) + 1;
  return Math.max(1, cols) * Math.max(1, rows);
}

/**
 * Opens a workbook: checks the file size, the archive's directory (entry count, declared sizes, compression
 * ratios, encryption), the sheet list (prototype names, external links). Throws WorkbookRefusal.
 */
export async function openXlsx(bytes: Uint8Array, codec: DeflateCodec, limits: WorkbookLimits): Promise<OpenedWorkbook> {
  if (bytes.length > limits.maxFileBytes) {
    throw new WorkbookRefusal('too-large', `The file is ${mb(bytes.length)}; the largest workbook this app reads is ${mb(limits.maxFileBytes)}.`);
  }
  if (isCompoundFile(bytes)) {
    if (containsUtf16(bytes, 'EncryptionInfo') || containsUtf16(bytes, 'EncryptedPackage')) {
      throw new WorkbookRefusal('encrypted', 'The workbook is password-protected. Remove the password in your spreadsheet program (save a copy without a password) and import that copy.');
    }
    throw new WorkbookRefusal('not-a-workbook', 'The file is an old binary .xls workbook. Save it as an Excel workbook (.xlsx) and import that.');
  }
  if (!looksLikeZip(bytes)) throw new WorkbookRefusal('not-a-workbook', `The file is not an Excel workbook (.xlsx): it looks like ${describeBytes(bytes)}.`);
  let entries: ZipEntry[];
  try {
    entries = readCentralDirectory(bytes, limits.maxEntries);
  } catch (err) {
    if (err instanceof ZipError && /entries, more than/.test(err.message)) throw new WorkbookRefusal('too-large', `The workbook is too large: ${err.message}.`);
    refuseZip(err);
  }
  const byName = new Map<string, ZipEntry>();
  let total = 0;
  for (const e of entries) {
    if (e.encrypted) throw new WorkbookRefusal('encrypted', `The workbook is encrypted (entry "${e.name}"). Save a copy without a password and import that.`);
    total += e.uncompressedSize;
    if (e.uncompressedSize > limits.maxEntryBytes) throw new WorkbookRefusal('too-large', `The workbook is too large: part "${e.name}" expands to ${mb(e.uncompressedSize)} (limit ${mb(limits.maxEntryBytes)}).`);
    if (e.uncompressedSize > 1024 * 1024 && e.uncompressedSize > e.compressedSize * limits.maxCompressionRatio) {
      throw new WorkbookRefusal('too-large', `The workbook is refused: part "${e.name}" would expand ${Math.round(e.uncompressedSize / Math.max(1, e.compressedSize))} times (a compression bomb).`);
    }
    byName.set(e.name.startsWith('/') ? e.name.slice(1) : e.name, e);
  }
  if (total > limits.maxUncompressedBytes) throw new WorkbookRefusal('too-large', `The workbook is too large: it expands to ${mb(total)} (limit ${mb(limits.maxUncompressedBytes)}).`);

  const readPart = async (name: string, cap = 8 * 1024 * 1024): Promise<string | null> => {
    const e = byName.get(name);
    if (!e) return null;
    if (e.uncompressedSize > cap) throw new WorkbookRefusal('too-large', `The workbook is too large: part "${name}" is ${mb(e.uncompressedSize)}.`);
    try {
      return decoder.decode(await inflateEntry(bytes, e, codec));
    } catch (err) {
      refuseZip(err);
    }
  };

  if (entries.some((e) => /^\/?xl\/externalLinks\//i.test(e.name))) {
    throw new WorkbookRefusal('unsafe', 'The workbook links to other workbook files (external references). Break the links (Data > Edit Links > Break Link) and import again.');
  }
  const rootRels = parseRels((await readPart('_rels/.rels')) ?? '');
  const officeDoc = rootRels.find((r) => r.type.endsWith('/officeDocument'));
  const workbookPath = officeDoc ? resolveTarget('', officeDoc.target) : 'xl/workbook.xml';
  const workbookXml = await readPart(workbookPath);
  if (workbookXml === null) {
    throw new WorkbookRefusal('not-a-workbook', 'The file is a zip archive but not an Excel workbook (it has no workbook part). Save it from your spreadsheet program as .xlsx.');
  }
  const wbRels = parseRels((await readPart(relsPathOf(workbookPath))) ?? '');
  if (wbRels.some((r) => r.type.endsWith('/externalLink'))) {
    throw new WorkbookRefusal('unsafe', 'The workbook links to other workbook files (external references). Break the links and import again.');
  }
  const relById = new Map(wbRels.map((r) => [r.id, r]));
  const sheets = new Map<string, string>();
  const names: string[] = [];
  const sheetRe = /<(?:\w+:)?sheet\b([^>]*)\/?>/g;
  let m: RegExpExecArray | null;
  while ((m = sheetRe.exec(workbookXml)) !== null) {
    const a = readAttributes(m[1]!);
    const name = a.get('name') ?? '';
    if (isPrototypeName(name)) {
      throw new WorkbookRefusal('unsafe', `The workbook has a sheet named "${name}", a name this app refuses (it is reserved in program code). Rename or delete that sheet.`);
    }
    const rel = relById.get(a.get('id') ?? '');
    if (!rel || rel.external) continue;
    const path = resolveTarget(workbookPath, rel.target);
    names.push(name);
    sheets.set(name.toLowerCase(), path);
  }
  let shared: string[] | null = null;
  const sstRel = wbRels.find((r) => r.type.endsWith('/sharedStrings'));

  return {
    sheetNames: names,
    hasSheet: (name) => sheets.has(name.toLowerCase()),
    async readSheet(name, options) {
      const path = sheets.get(name.toLowerCase());
      const entry = path === undefined ? undefined : byName.get(path);
      if (path === undefined || entry === undefined) throw new WorkbookRefusal('missing-sheet', `The workbook has no sheet "${name}" (sheets: ${names.join(', ') || 'none'}).`);
      let prefix: Uint8Array;
      try {
        prefix = await peekEntry(bytes, entry, codec, 64 * 1024);
      } catch (err) {
        refuseZip(err);
      }
      const declared = dimensionCells(decoder.decode(prefix));
      if (declared !== null && declared > limits.maxCells) {
        throw new WorkbookRefusal('too-large', `Sheet "${name}" spans ${declared.toLocaleString('en-US')} cells; the limit is ${limits.maxCells.toLocaleString('en-US')}.`);
      }
      if (shared === null) {
        const sstPath = sstRel ? resolveTarget(workbookPath, sstRel.target) : 'xl/sharedStrings.xml';
        shared = parseSharedStrings((await readPart(sstPath, limits.maxEntryBytes)) ?? '');
      }
      let data: Uint8Array;
      try {
        data = await inflateEntry(bytes, entry, codec);
      } catch (err) {
        refuseZip(err);
      }
      return parseSheetXml(name, decoder.decode(data), shared, limits, options);
    },
  };
}
