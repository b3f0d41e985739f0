// A small, fast .xlsx writer: typed columns (numbers, dates with a format, text), a styled header row, column
// widths, hidden columns, a frozen header, an autofilter. Written by hand because SheetJS needs ~20 s for a
// 100k-line plan on a 2-core machine (see docs/benchmarks.md); this streams rows into XML chunks instead.
import type { IsoDate } from '../../domain';
import type { DeflateCodec } from '../zip/codec';
import { packEntry, writePackedZip } from '../zip/write-zip';
import type { PackedEntry, ZipEntryInput } from '../zip/write-zip';
import { isoToSerial } from './dates';
import { ByteWriter } from './byte-writer';
import { utf8Encoder } from './utf8';
import { columnLetters, escapeXml } from './xml';

/** How a column's cells are typed and formatted. */
export const CELL_KINDS = ['text', 'int', 'decimal', 'percent', 'date'] as const;
export type CellKind = (typeof CELL_KINDS)[number];

export interface SheetColumn {
  readonly header: string;
  readonly kind: CellKind;
  /** Width in characters. */
  readonly width: number;
  /** Editable columns get a highlighted header and cells. */
  readonly editable?: boolean;
  readonly hidden?: boolean;
  /** Write text inline instead of in the shared-string table: for ids unique to each row, where a table only costs. */
  readonly inline?: boolean;
}

/** A cell value: dates are 'YYYY-MM-DD' strings in a `date` column; null or '' leaves the cell empty. */
export type CellValue = string | number | boolean | null | undefined;

export interface SheetInput {
  readonly name: string;
  readonly columns: readonly SheetColumn[];
  /** Rows in order. A producer may reuse one array between rows: each row is consumed before the next is asked for. */
  readonly rows: Iterable<readonly CellValue[]>;
  readonly autofilter?: boolean;
  readonly freezeHeader?: boolean;
  /** Wrap text (long explanations, e.g. an About sheet). */
  readonly wrap?: boolean;
}

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"';
const XML_HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';

// Style ids (cellXfs order in STYLES below).
const XF = { header: 1, headerEditable: 2, date: 3, int: 4, decimal: 5, percent: 6, editText: 7, editInt: 8, editDate: 9, wrap: 10, editDecimal: 11 } as const;

const STYLES = `${XML_HEAD}<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">\
<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\\-mm\\-dd"/></numFmts>\
<fonts count="2"><font><sz val="11"/><name val="Calibri"/><family val="2"/></font><font><b/><sz val="11"/><name val="Calibri"/><family val="2"/></font></fonts>\
<fills count="4"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill>\
<fill><patternFill patternType="solid"><fgColor rgb="FFDDE4EE"/><bgColor indexed="64"/></patternFill></fill>\
<fill><patternFill patternType="solid"><fgColor rgb="FFFFF2B3"/><bgColor indexed="64"/></patternFill></fill></fills>\
<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>\
<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>\
<cellXfs count="12"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>\
<xf numFmtId="0" fontId="1" fillId="2" borderId="0" xfId="0" applyFont="1" applyFill="1"/>\
<xf numFmtId="0" fontId="1" fillId="3" borderId="0" xfId="0" applyFont="1" applyFill="1"/>\
<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="3" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="4" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>\
<xf numFmtId="0" fontId="0" fillId="3" borderId="0" xfId="0" applyFill="1"/>\
<xf numFmtId="3" fontId="0" fillId="3" borderId="0" xfId="0" applyNumberFormat="1" applyFill="1"/>\
<xf numFmtId="164" fontId="0" fillId="3" borderId="0" xfId="0" applyNumberFormat="1" applyFill="1"/>\
<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment wrapText="1" vertical="top"/></xf>\
<xf numFmtId="4" fontId="0" fillId="3" borderId="0" xfId="0" applyNumberFormat="1" applyFill="1"/></cellXfs>\
<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles></styleSheet>`;

function styleOf(col: SheetColumn, wrap: boolean): number {
  if (col.editable) return col.kind === 'date' ? XF.editDate : col.kind === 'int' ? XF.editInt : col.kind === 'text' ? XF.editText : XF.editDecimal;
  switch (col.kind) {
    case 'date':
      return XF.date;
    case 'int':
      // Whole numbers read fine in General; leaving them unstyled keeps ~40 % of the cells free of an s="" attribute.
      return 0;
    case 'decimal':
      return XF.decimal;
    case 'percent':
      return XF.percent;
    default:
      return wrap ? XF.wrap : 0;
  }
}

/** Collects distinct strings once (the shared-string table keeps repeated ids and names small). */
class SharedStrings {
  readonly index = new Map<string, number>();
  readonly list: string[] = [];
  count = 0;
  id(s: string): number {
    this.count++;
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.index.set(s, i);
      this.list.push(s);
    }
    return i;
  }
}

const encoder = utf8Encoder();

/** Room left before a sheet's rows for its header (sheet view, columns, dimension): known only after the rows. */
function headRoom(columnCount: number): number {
  return 1024 + columnCount * 96;
}

/** A sheet's XML in `out` (reused between sheets): the returned bytes are a view, valid until the next sheet. */
function sheetXml(sheet: SheetInput, strings: SharedStrings, selected: boolean, out: ByteWriter): { bytes: Uint8Array; lastRow: number } {
  const cols = sheet.columns;
  const letters = cols.map((_, i) => columnLetters(i));
  const styles = cols.map((c) => styleOf(c, sheet.wrap === true));
  const styleAttr = styles.map((s) => (s === 0 ? '' : ` s="${s}"`));
  const isDate = cols.map((c) => c.kind === 'date');
  const isInline = cols.map((c) => c.inline === true);
  const start = headRoom(cols.length);
  out.restart(start);
  const header = cols.map((c, i) => `<c r="${letters[i]}1" s="${c.editable ? XF.headerEditable : XF.header}" t="s"><v>${strings.id(c.header)}</v></c>`).join('');
  out.ascii(`<row r="1">${header}</row>`);
  let r = 1;
  const serials = new Map<string, number>();
  const serialOf = (d: string): number => {
    let n = serials.get(d);
    if (n === undefined) {
      n = isoToSerial(d as IsoDate);
      serials.set(d, n);
    }
    return n;
  };
  for (const row of sheet.rows) {
    r++;
    out.ascii('<row r="');
    out.num(r);
    out.ascii('">');
    // A cell may omit its reference when it directly follows the previous one (saves building "AB12" strings).
    let contiguous = true;
    for (let c = 0; c < cols.length; c++) {
      const v = row[c];
      if (v === null || v === undefined || v === '') {
        contiguous = false;
        continue;
      }
      if (contiguous) out.ascii('<c');
      else {
        out.ascii('<c r="');
        out.ascii(letters[c]!);
        out.num(r);
        out.ascii('"');
      }
      out.ascii(styleAttr[c]!);
      contiguous = true;
      if (typeof v === 'number') {
        if (Number.isFinite(v)) {
          out.ascii('><v>');
          out.num(v);
          out.ascii('</v></c>');
        } else out.ascii('/>');
      } else if (typeof v === 'boolean') {
        out.ascii(v ? ' t="b"><v>1</v></c>' : ' t="b"><v>0</v></c>');
      } else if (isDate[c] && v.length === 10 && v.charCodeAt(4) === 45 && v.charCodeAt(7) === 45) {
        out.ascii('><v>');
        out.num(serialOf(v));
        out.ascii('</v></c>');
      } else if (isInline[c]) {
        out.ascii(' t="inlineStr"><is><t>');
        out.text(v);
        out.ascii('</t></is></c>');
      } else {
        out.ascii(' t="s"><v>');
        out.num(strings.id(v));
        out.ascii('</v></c>');
      }
    }
    out.ascii('</row>');
  }
  const lastCol = letters[letters.length - 1] ?? 'A';
  const range = `A1:${lastCol}${r}`;
  const pane = sheet.freezeHeader ? '<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/>' : '';
  const colsXml = cols
    .map((c, i) => `<col min="${i + 1}" max="${i + 1}" width="${c.width}" customWidth="1"${c.hidden ? ' hidden="1"' : ''}/>`)
    .join('');
  const head = encoder.encode(`${XML_HEAD}<worksheet ${NS}><dimension ref="${range}"/><sheetViews><sheetView workbookViewId="0"${selected ? ' tabSelected="1"' : ''}>${pane}</sheetView></sheetViews><sheetFormatPr defaultRowHeight="15"/><cols>${colsXml}</cols><sheetData>`);
  out.ascii(`</sheetData>${sheet.autofilter ? `<autoFilter ref="${range}"/>` : ''}<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>`);
  return { bytes: out.withHead(start, head), lastRow: r };
}

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

/** Writes the sheets as one .xlsx workbook (first sheet selected). Deterministic for the same input. */
export async function writeXlsx(sheets: readonly SheetInput[], codec: DeflateCodec, title = 'Workbook'): Promise<Uint8Array> {
  const strings = new SharedStrings();
  const entries: ZipEntryInput[] = [];
  const sheetEntries: PackedEntry[] = [];
  const filters: string[] = [];
  // One XML buffer for all sheets, each deflated before the next is written: it grows once (for the Plan sheet)
  // and the uncompressed XML of only one sheet is alive at a time.
  const out = new ByteWriter(1 << 20);
  for (let i = 0; i < sheets.length; i++) {
    const sheet = sheets[i]!;
    const { bytes, lastRow } = sheetXml(sheet, strings, i === 0, out);
    sheetEntries.push(await packEntry({ name: `xl/worksheets/sheet${i + 1}.xml`, data: bytes }, codec));
    if (sheet.autofilter) {
      const lastCol = columnLetters(Math.max(0, sheet.columns.length - 1));
      filters.push(`<definedName name="_xlnm._FilterDatabase" localSheetId="${i}" hidden="1">${escapeXml(quoteSheet(sheet.name))}!$A$1:$${lastCol}$${lastRow}</definedName>`);
    }
  }
  const sheetList = sheets.map((s, i) => `<sheet name="${escapeXml(s.name)}" sheetId="${i + 1}" r:id="rId${i + 1}"/>`).join('');
  const workbook = `${XML_HEAD}<workbook ${NS}><bookViews><workbookView activeTab="0"/></bookViews><sheets>${sheetList}</sheets>${filters.length ? `<definedNames>${filters.join('')}</definedNames>` : ''}<calcPr calcId="191029"/></workbook>`;
  const n = sheets.length;
  const rels = `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${sheets
    .map((_, i) => `<Relationship Id="rId${i + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet${i + 1}.xml"/>`)
    .join('')}<Relationship Id="rId${n + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId${n + 2}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
  const sstParts: string[] = [`${XML_HEAD}<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.count}" uniqueCount="${strings.list.length}">`];
  for (const s of strings.list) sstParts.push(/^\s|\s$/.test(s) ? `<si><t xml:space="preserve">${escapeXml(s)}</t></si>` : `<si><t>${escapeXml(s)}</t></si>`);
  sstParts.push('</sst>');
  const contentTypes = `${XML_HEAD}<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${sheets
    .map((_, i) => `<Override PartName="/xl/worksheets/sheet${i + 1}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`)
    .join('')}<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/></Types>`;
  const rootRels = `${XML_HEAD}<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/></Relationships>`;
  const core = `${XML_HEAD}<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>${escapeXml(title)}</dc:title><dc:creator>Allocation Workbench</dc:creator></cp:coreProperties>`;
  entries.push(
    { name: '[Content_Types].xml', data: encoder.encode(contentTypes) },
    { name: '_rels/.rels', data: encoder.encode(rootRels) },
    { name: 'docProps/core.xml', data: encoder.encode(core) },
    { name: 'xl/workbook.xml', data: encoder.encode(workbook) },
    { name: 'xl/_rels/workbook.xml.rels', data: encoder.encode(rels) },
    { name: 'xl/styles.xml', data: encoder.encode(STYLES) },
  );
  const packed: PackedEntry[] = [];
  for (const e of entries) packed.push(await packEntry(e, codec));
  packed.push(...sheetEntries, await packEntry({ name: 'xl/sharedStrings.xml', data: encoder.encode(sstParts.join('')) }, codec));
  return writePackedZip(packed);
}
