// Import: reads an edited plan workbook, validates every editable cell like a grid edit, and returns a diff
// (changed rows, cells before -> after, rejected rows) with the edits to apply. It applies nothing itself:
// the caller shows the diff and creates a new scenario from `scenarioEdits` only when the planner confirms.
import type { Customer, InventoryBalance, IsoDate, Item, OrderLine, Snapshot } from '../../domain';
import type { Edit, EditContext, Plan } from '../../engine';
import { validateEdit } from '../../engine';
import type { DeflateCodec } from '../zip/codec';
import { openXlsx } from '../xlsx/read-xlsx';
import type { OpenedWorkbook, RawCell, SheetData } from '../xlsx/read-xlsx';
import { DEFAULT_LIMITS, WorkbookRefusal } from '../xlsx/refusal';
import type { WorkbookLimits } from '../xlsx/refusal';
import { columnLetters } from '../xlsx/xml';
import { cellText, describeCell, readDate, readText, readWholeNumber, readYesNo } from './cell-readers';
import type { Read } from './cell-readers';
import { currentValues, NO_LINE_SETTINGS } from './current-values';
import type { LineSettings } from './current-values';
import { balanceFingerprint, lineFingerprint, snapshotFingerprint } from './fingerprint';
import type { CellChange, CellProblem, ChangedRow, ImportDiff, ImportOutcome, RejectedRow } from './import-types';
import { ABOUT_KEYS, INVENTORY_COLUMNS, MAX_COMMENT_LENGTH, MAX_PRIORITY, NO_SUBSTITUTE, PLAN_COLUMNS, SHEETS, WORKBOOK_FORMAT } from './layout';

export interface PlanImportInput {
  readonly bytes: Uint8Array;
  /** The current snapshot (the ERP as the workbench knows it now). */
  readonly snapshot: Snapshot;
  /** The current plan (its lines are the ones a file may edit). */
  readonly plan: Plan;
  /** The current scenario's edits (the "before" of every editable cell). */
  readonly edits?: readonly Edit[];
  readonly comments?: ReadonlyMap<string, string>;
  readonly limits?: WorkbookLimits;
}

const norm = (h: string): string => h.trim().replace(/\s+/g, ' ').toLowerCase();

type LineKey = 'overrideQty' | 'overrideSource' | 'overrideSubstitute' | 'lock' | 'priorityOverride' | 'comment';
const LINE_KEYS: readonly LineKey[] = ['overrideQty', 'overrideSource', 'overrideSubstitute', 'lock', 'priorityOverride', 'comment'];
type LineValue = number | string | boolean | null | undefined;

interface Ctx {
  readonly lines: Map<string, OrderLine>;
  readonly planLines: Set<string>;
  readonly customers: Map<string, Customer>;
  readonly items: Map<string, Item>;
  readonly warehouses: Map<string, string>;
  readonly balances: Map<string, InventoryBalance>;
  readonly substitutes: Map<string, string[]>;
  readonly edit: EditContext;
}

function context(snapshot: Snapshot, plan: Plan): Ctx {
  const lines = new Map(snapshot.orderLines.map((l) => [l.id, l]));
  const planLines = new Set(plan.lines.map((l) => l.orderLineId));
  const items = new Map(snapshot.items.map((i) => [i.id, i]));
  const warehouses = new Map(snapshot.warehouses.map((w) => [w.id.toLowerCase(), w.id]));
  const substitutes = new Map<string, string[]>();
  for (const r of [...snapshot.substitutionRules].sort((a, b) => a.preference - b.preference)) {
    const list = substitutes.get(r.itemId) ?? [];
    list.push(r.substituteItemId);
    substitutes.set(r.itemId, list);
  }
  return {
    lines,
    planLines,
    customers: new Map(snapshot.customers.map((c) => [c.id, c])),
    items,
    warehouses,
    balances: new Map(snapshot.inventoryBalances.map((b) => [b.id, b])),
    substitutes,
    edit: {
      hasOrderLine: (id) => planLines.has(id),
      hasItem: (id) => items.has(id),
      hasWarehouse: (id) => warehouses.has(id.toLowerCase()),
      substitutesFor: (id) => substitutes.get(lines.get(id)?.itemId ?? '') ?? [],
      openQty: (id) => {
        const l = lines.get(id);
        return l ? l.orderedQty - l.shippedQty : 0;
      },
    },
  };
}

interface HeaderMap {
  readonly headerRow: number;
  readonly at: ReadonlyMap<string, number>;
}

function findHeader(sheet: SheetData, keyHeader: string): HeaderMap | null {
  for (let r = 0; r < Math.min(sheet.rows.length, 20); r++) {
    const row = sheet.rows[r];
    if (!row) continue;
    if (!row.some((c) => c !== undefined && norm(cellText(c)) === norm(keyHeader))) continue;
    const at = new Map<string, number>();
    row.forEach((c, i) => {
      const h = norm(cellText(c));
      if (h !== '' && !at.has(h)) at.set(h, i);
    });
    return { headerRow: r, at };
  }
  return null;
}

function requireColumns(sheet: string, header: HeaderMap | null, required: readonly string[], firstRow: ReadonlyArray<RawCell | undefined> | undefined): HeaderMap {
  const missing = header === null ? required : required.filter((h) => !header.at.has(norm(h)));
  if (missing.length > 0 || header === null) {
    const found = (firstRow ?? []).map((c) => cellText(c)).filter((t) => t !== '');
    throw new WorkbookRefusal(
      'missing-columns',
      `The ${sheet} sheet is missing the required column${missing.length > 1 ? 's' : ''} ${missing.map((m) => `"${m}"`).join(', ')} (its first row has: ${found.slice(0, 12).join(', ') || 'nothing'}). Export the plan again and edit that file, keeping those columns.`,
    );
  }
  return header;
}

function isBlankRow(row: ReadonlyArray<RawCell | undefined>): boolean {
  for (const c of row) if (c !== undefined && (c.value !== null && c.value !== '' || c.formula || c.error)) return false;
  return true;
}

function display(key: LineKey, v: LineValue): string {
  if (v === null || v === undefined || v === '') return key === 'overrideSubstitute' && v === null ? NO_SUBSTITUTE : '';
  if (typeof v === 'boolean') return v ? 'Yes' : '';
  return String(v);
}

/** Blank, null and '' are the same "no override" except for substitutes, where blank (rules) differs from none. */
function sameValue(key: LineKey, a: LineValue, b: LineValue): boolean {
  return key === 'overrideSubstitute' ? a === b : (a ?? '') === (b ?? '');
}

function beforeOf(key: LineKey, s: Readonly<LineSettings>, comment: string): LineValue {
  switch (key) {
    case 'overrideQty':
      return s.qty;
    case 'overrideSource':
      return s.source;
    case 'overrideSubstitute':
      return s.substitute;
    case 'lock':
      return s.locked;
    case 'priorityOverride':
      return s.priority;
    case 'comment':
      return comment;
  }
}

/** Reads and checks one editable Plan cell against the line, the snapshot and the rules. */
function readLineCell(key: LineKey, cell: RawCell | undefined, line: OrderLine, ctx: Ctx): Read<LineValue> {
  switch (key) {
    case 'overrideQty': {
      const open = line.orderedQty - line.shippedQty;
      const pack = ctx.items.get(line.itemId)?.packSize ?? 1;
      const expected = `blank or a whole number of units from 0 to the open quantity ${open}${pack > 1 ? `, in packs of ${pack}` : ''}`;
      const r = readWholeNumber(cell, expected);
      if (!r.ok || r.value === null) return r;
      if (r.value < 0 || r.value > open) return { ok: false, expected };
      if (pack > 1 && r.value % pack !== 0 && r.value !== open) return { ok: false, expected };
      return r;
    }
    case 'priorityOverride': {
      const expected = `blank or a whole number from 1 to ${MAX_PRIORITY}`;
      const r = readWholeNumber(cell, expected);
      if (!r.ok || r.value === null) return r;
      return r.value < 1 || r.value > MAX_PRIORITY ? { ok: false, expected } : r;
    }
    case 'lock': {
      const r = readYesNo(cell);
      if (r.ok && r.value && line.holdCode !== 'none') {
        return { ok: false, expected: `blank or No: the line is on a ${line.holdCode} hold, and a held line cannot be locked (release the hold first)` };
      }
      return r;
    }
    case 'overrideSource': {
      const r = readText(cell);
      if (!r.ok) return r;
      if (r.value === '') return { ok: true, value: null };
      const id = ctx.warehouses.get(r.value.toLowerCase());
      if (id === undefined) {
        const known = [...ctx.warehouses.values()];
        return { ok: false, expected: `blank or a warehouse id of this snapshot (${known.slice(0, 12).join(', ')}${known.length > 12 ? ', ...' : ''})` };
      }
      return { ok: true, value: id };
    }
    case 'overrideSubstitute': {
      const r = readText(cell);
      if (!r.ok) return r;
      if (r.value === '') return { ok: true, value: undefined };
      if (r.value.toLowerCase() === NO_SUBSTITUTE) return { ok: true, value: null };
      const allowed = ctx.substitutes.get(line.itemId) ?? [];
      const customer = ctx.customers.get(line.customerId);
      if (!line.allowSubstitution) return { ok: false, expected: `blank or "${NO_SUBSTITUTE}": the order line does not allow substitution` };
      if (customer && !customer.substitutionAllowed) return { ok: false, expected: `blank or "${NO_SUBSTITUTE}": customer ${customer.id} does not accept substitutes` };
      const match = allowed.find((a) => a.toLowerCase() === r.value.toLowerCase());
      if (match === undefined) {
        return { ok: false, expected: allowed.length ? `blank, "${NO_SUBSTITUTE}" or a substitute the rules allow for ${line.itemId} (${allowed.join(', ')})` : `blank or "${NO_SUBSTITUTE}": no substitution rule exists for ${line.itemId}` };
      }
      return { ok: true, value: match };
    }
    case 'comment': {
      const r = readText(cell);
      if (r.ok && r.value.length > MAX_COMMENT_LENGTH) return { ok: false, expected: `text of at most ${MAX_COMMENT_LENGTH} characters (found ${r.value.length})` };
      return r;
    }
  }
}

function editFor(key: LineKey, lineId: string, v: LineValue): Edit | null {
  switch (key) {
    case 'overrideQty':
      return { kind: 'quantity', orderLineId: lineId, qty: v as number | null };
    case 'overrideSource':
      return { kind: 'source', orderLineId: lineId, warehouseId: v as string | null };
    case 'overrideSubstitute':
      // "Back to the rules" has no edit of its own: the new scenario simply drops the line's substitute edit.
      return v === undefined ? null : { kind: 'substitute', orderLineId: lineId, itemId: v as string | null };
    case 'lock':
      return { kind: 'lock', orderLineId: lineId, locked: v as boolean };
    case 'priorityOverride':
      return { kind: 'priority-override', orderLineId: lineId, priority: v as number | null };
    case 'comment':
      return null;
  }
}

const KIND_OF: Record<Exclude<LineKey, 'comment'>, Edit['kind']> = {
  overrideQty: 'quantity',
  overrideSource: 'source',
  overrideSubstitute: 'substitute',
  lock: 'lock',
  priorityOverride: 'priority-override',
};
const KEY_OF_FIELD: Record<string, LineKey> = { qty: 'overrideQty', warehouseId: 'overrideSource', itemId: 'overrideSubstitute', locked: 'lock', priority: 'priorityOverride' };

interface LineWork {
  readonly lineId: string;
  readonly firstRow: number;
  stale: { row: number; found: string; expected: string } | null;
  readonly values: Map<LineKey, { value: LineValue; row: number }>;
  readonly problems: CellProblem[];
}

function problem(sheet: string, row: number, column: string, col: number, key: string, found: string, expected: string): CellProblem {
  const label = key ? `${key}: ` : '';
  return { sheet, row: row + 1, column, cell: `${columnLetters(Math.max(0, col))}${row + 1}`, key, found, expected, message: `${sheet} row ${row + 1}, column "${column}": ${label}expected ${expected}, found ${found}` };
}

function readAbout(about: SheetData | null): { fingerprint: string | null; format: string | null } {
  if (!about) return { fingerprint: null, format: null };
  let fingerprint: string | null = null;
  let format: string | null = null;
  for (const row of about.rows) {
    if (!row) continue;
    const topic = norm(cellText(row[0]));
    if (topic === norm(ABOUT_KEYS.snapshot)) fingerprint = cellText(row[1]) || null;
    if (topic === norm(ABOUT_KEYS.format)) format = cellText(row[1]) || null;
  }
  return { fingerprint, format };
}

async function readOptional(wb: OpenedWorkbook, name: string): Promise<SheetData | null> {
  return wb.hasSheet(name) ? wb.readSheet(name) : null;
}

/** Imports an edited plan workbook: refusal, or the diff and the edits to apply on confirm. Changes nothing. */
export async function importPlanWorkbook(input: PlanImportInput, codec: DeflateCodec): Promise<ImportOutcome> {
  try {
    return { ok: true, diff: await importOrThrow(input, codec) };
  } catch (err) {
    if (err instanceof WorkbookRefusal) return { ok: false, refusal: { code: err.code, message: err.message } };
    throw err;
  }
}

async function importOrThrow(input: PlanImportInput, codec: DeflateCodec): Promise<ImportDiff> {
  const wb = await openXlsx(input.bytes, codec, input.limits ?? DEFAULT_LIMITS);
  if (!wb.hasSheet(SHEETS.plan)) {
    throw new WorkbookRefusal('missing-sheet', `The workbook has no "${SHEETS.plan}" sheet (it has: ${wb.sheetNames.join(', ') || 'no sheets'}). Import a plan exported by this app.`);
  }
  const about = readAbout(await readOptional(wb, SHEETS.about));
  if (about.format !== null && about.format !== WORKBOOK_FORMAT) {
    throw new WorkbookRefusal('not-a-workbook', `The workbook's format is "${about.format}"; this app reads "${WORKBOOK_FORMAT}". Export the plan again.`);
  }
  // Only the id, fingerprint and editable columns are materialised after the header.
  const keep = (keys: readonly string[], keyHeader: string) => (first: SheetData['rows']) => {
    const h = findHeader({ name: '', rows: first, cellCount: 0 }, keyHeader);
    if (h === null) return null;
    return new Set(keys.map((k) => h.at.get(norm(k))).filter((i): i is number => i !== undefined));
  };
  const P0 = PLAN_COLUMNS;
  const I0 = INVENTORY_COLUMNS;
  const planSheet = await wb.readSheet(SHEETS.plan, {
    keepColumns: keep([P0.orderLine.header, P0.fingerprint.header, ...LINE_KEYS.map((k) => P0[k].header)], P0.orderLine.header),
  });
  const inventorySheet = wb.hasSheet(SHEETS.inventory)
    ? await wb.readSheet(SHEETS.inventory, { keepColumns: keep([I0.balance.header, I0.addSupplyQty.header, I0.supplyDate.header, I0.fingerprint.header], I0.balance.header) })
    : null;

  const ctx = context(input.snapshot, input.plan);
  const current = currentValues(input.edits ?? []);
  const comments = input.comments ?? new Map<string, string>();
  const problems: CellProblem[] = [];
  const sheetsRead: string[] = [planSheet.name];

  // ---- Plan sheet: one row per line x slice; editable values are per line.
  const P = PLAN_COLUMNS;
  const ph = requireColumns(SHEETS.plan, findHeader(planSheet, P.orderLine.header), [P.orderLine.header, P.fingerprint.header], planSheet.rows[0]);
  const idCol = ph.at.get(norm(P.orderLine.header))!;
  const fpCol = ph.at.get(norm(P.fingerprint.header))!;
  const editCols = LINE_KEYS.map((k) => [k, ph.at.get(norm(P[k].header))] as const).filter((x): x is readonly [LineKey, number] => x[1] !== undefined);
  const work = new Map<string, LineWork>();
  const orphanProblems: CellProblem[] = [];
  const fpCache = new Map<string, string>();
  let rowsRead = 0;
  let staleOrphans = 0;
  for (let r = ph.headerRow + 1; r < planSheet.rows.length; r++) {
    const row = planSheet.rows[r];
    if (!row || isBlankRow(row)) continue;
    rowsRead++;
    const id = cellText(row[idCol]);
    const hasEdits = editCols.some(([, c]) => cellText(row[c]) !== '');
    if (id === '') {
      if (hasEdits) orphanProblems.push(problem(SHEETS.plan, r, P.orderLine.header, idCol, '', 'blank', 'the id of an order line of this plan (rows are matched by it)'));
      continue;
    }
    const line = ctx.lines.get(id);
    if (!line || !ctx.planLines.has(id)) {
      // A line that left the plan since the export (shipped, cancelled) is only a problem if the row asks for something.
      if (!hasEdits && line) {
        staleOrphans++;
        continue;
      }
      const why = line ? `an open line of this plan (${id} is ${line.status} and no longer planned)` : 'the id of an order line of this plan';
      orphanProblems.push(problem(SHEETS.plan, r, P.orderLine.header, idCol, id, JSON.stringify(id), why));
      continue;
    }
    let w = work.get(id);
    if (!w) {
      w = { lineId: id, firstRow: r, stale: null, values: new Map(), problems: [] };
      work.set(id, w);
    }
    let fp = fpCache.get(id);
    if (fp === undefined) {
      fp = lineFingerprint(line, ctx.customers.get(line.customerId), ctx.items.get(line.itemId));
      fpCache.set(id, fp);
    }
    const fileFp = cellText(row[fpCol]);
    if (fileFp !== fp && w.stale === null) {
      w.stale = { row: r, found: fileFp === '' ? 'blank' : JSON.stringify(fileFp), expected: `the fingerprint of the line as it is now (${fp}): the order line, its customer or its item changed in the ERP since the export (line version ${line.version}); export again to edit it` };
    }
    const settings = current.lines.get(id) ?? NO_LINE_SETTINGS;
    for (const [key, c] of editCols) {
      const cell = row[c];
      const read = readLineCell(key, cell, line, ctx);
      const header = P[key].header;
      if (!read.ok) {
        w.problems.push(problem(SHEETS.plan, r, header, c, id, describeCell(cell), read.expected));
        continue;
      }
      const before = beforeOf(key, settings, comments.get(id) ?? '');
      if (sameValue(key, before, read.value)) continue;
      const prior = w.values.get(key);
      if (prior && prior.value !== read.value) {
        w.problems.push(problem(SHEETS.plan, r, header, c, id, describeCell(cell), `the same value as row ${prior.row + 1} of this line (${display(key, prior.value) || 'blank'}): a line's editable values must agree on all its rows`));
        continue;
      }
      if (!prior) w.values.set(key, { value: read.value, row: r });
    }
  }

  // ---- Lines: engine validation of each change, staleness, then accept or reject the whole line.
  const changed: ChangedRow[] = [];
  const rejected: RejectedRow[] = [];
  const changes: Edit[] = [];
  const replaced = new Set<string>();
  const newComments: Record<string, string> = Object.fromEntries(comments);
  let unchangedRows = 0;
  let staleUnchangedRows = staleOrphans;
  for (const w of work.values()) {
    const settings = current.lines.get(w.lineId) ?? NO_LINE_SETTINGS;
    const cellChanges: CellChange[] = [];
    const lineEdits: Edit[] = [];
    for (const key of LINE_KEYS) {
      const v = w.values.get(key);
      if (!v) continue;
      cellChanges.push({ column: P[key].header, before: display(key, beforeOf(key, settings, comments.get(w.lineId) ?? '')), after: display(key, v.value) });
      const edit = editFor(key, w.lineId, v.value);
      if (edit === null) continue;
      const check = validateEdit(edit, ctx.edit, `${SHEETS.plan} row ${v.row + 1}`);
      if (!check.ok) {
        for (const issue of check.issues) {
          const k = KEY_OF_FIELD[issue.field] ?? key;
          w.problems.push(problem(SHEETS.plan, v.row, P[k].header, ph.at.get(norm(P[k].header)) ?? 0, w.lineId, issue.found, issue.expected));
        }
      } else lineEdits.push(edit);
    }
    if (cellChanges.length === 0 && w.problems.length === 0) {
      unchangedRows++;
      if (w.stale) staleUnchangedRows++;
      continue;
    }
    if (w.stale) w.problems.push(problem(SHEETS.plan, w.stale.row, P.fingerprint.header, fpCol, w.lineId, w.stale.found, w.stale.expected));
    if (w.problems.length > 0) {
      rejected.push({ sheet: SHEETS.plan, row: w.firstRow + 1, key: w.lineId, changes: cellChanges, problems: w.problems });
      problems.push(...w.problems);
      continue;
    }
    changed.push({ sheet: SHEETS.plan, row: w.firstRow + 1, key: w.lineId, changes: cellChanges });
    for (const key of LINE_KEYS) {
      if (!w.values.has(key)) continue;
      if (key === 'comment') {
        const text = w.values.get(key)!.value as string;
        if (text === '') delete newComments[w.lineId];
        else newComments[w.lineId] = text;
      } else replaced.add(`${w.lineId}|${KIND_OF[key]}`);
    }
    changes.push(...lineEdits);
  }
  for (const p of orphanProblems) {
    rejected.push({ sheet: SHEETS.plan, row: p.row, key: p.key, changes: [], problems: [p] });
    problems.push(p);
  }

  // ---- Inventory sheet (optional): added supply per balance.
  if (inventorySheet) {
    const I = INVENTORY_COLUMNS;
    const ih = findHeader(inventorySheet, I.balance.header);
    const qtyCol = ih?.at.get(norm(I.addSupplyQty.header));
    if (ih && qtyCol !== undefined) {
      sheetsRead.push(inventorySheet.name);
      const bCol = ih.at.get(norm(I.balance.header))!;
      const dateCol = ih.at.get(norm(I.supplyDate.header));
      const ifpCol = ih.at.get(norm(I.fingerprint.header));
      const seen = new Map<string, number>();
      for (let r = ih.headerRow + 1; r < inventorySheet.rows.length; r++) {
        const row = inventorySheet.rows[r];
        if (!row || isBlankRow(row)) continue;
        rowsRead++;
        const id = cellText(row[bCol]);
        const b = ctx.balances.get(id);
        const rowProblems: CellProblem[] = [];
        const qCell = row[qtyCol];
        const dCell = dateCol === undefined ? undefined : row[dateCol];
        if (!b) {
          if (cellText(qCell) !== '' || cellText(dCell) !== '') rowProblems.push(problem(SHEETS.inventory, r, I.balance.header, bCol, id, id ? JSON.stringify(id) : 'blank', 'the id of an inventory balance of this snapshot (item@warehouse)'));
          if (rowProblems.length) {
            rejected.push({ sheet: SHEETS.inventory, row: r + 1, key: id, changes: [], problems: rowProblems });
            problems.push(...rowProblems);
          }
          continue;
        }
        const q = readWholeNumber(qCell, `blank or a whole number of units (negative removes stock, down to -${b.onHandQty})`);
        const d = readDate(dCell);
        if (!q.ok) rowProblems.push(problem(SHEETS.inventory, r, I.addSupplyQty.header, qtyCol, id, describeCell(qCell), q.expected));
        else if (q.value !== null && q.value < -b.onHandQty) rowProblems.push(problem(SHEETS.inventory, r, I.addSupplyQty.header, qtyCol, id, describeCell(qCell), `at least -${b.onHandQty} (the on-hand quantity)`));
        if (!d.ok) rowProblems.push(problem(SHEETS.inventory, r, I.supplyDate.header, dateCol ?? 0, id, describeCell(dCell), d.expected));
        const before = current.supply.get(id) ?? { qty: 0, date: null };
        const afterQty = q.ok ? (q.value ?? 0) : before.qty;
        const afterDate = d.ok ? d.value : before.date;
        const qtyChanged = afterQty !== before.qty;
        const dateChanged = afterQty !== 0 && (afterDate ?? input.plan.asOf) !== (before.date ?? input.plan.asOf);
        if (!qtyChanged && !dateChanged && rowProblems.length === 0) {
          unchangedRows++;
          continue;
        }
        const cellChanges: CellChange[] = [];
        if (qtyChanged) cellChanges.push({ column: I.addSupplyQty.header, before: before.qty ? String(before.qty) : '', after: afterQty ? String(afterQty) : '' });
        if (dateChanged) cellChanges.push({ column: I.supplyDate.header, before: before.date ?? '', after: afterDate ?? '' });
        if (seen.has(id)) rowProblems.push(problem(SHEETS.inventory, r, I.balance.header, bCol, id, JSON.stringify(id), `one row per balance (row ${seen.get(id)! + 1} has it too)`));
        seen.set(id, r);
        const fileFp = ifpCol === undefined ? '' : cellText(row[ifpCol]);
        if (fileFp !== balanceFingerprint(b)) rowProblems.push(problem(SHEETS.inventory, r, I.fingerprint.header, ifpCol ?? 0, id, fileFp ? JSON.stringify(fileFp) : 'blank', `the fingerprint of the balance as it is now (${balanceFingerprint(b)}): it changed in the ERP since the export; export again`));
        const edit: Edit = { kind: 'supply', itemId: b.itemId, warehouseId: b.warehouseId, qty: afterQty, date: (afterDate ?? input.plan.asOf) as IsoDate };
        if (rowProblems.length === 0 && afterQty !== 0) {
          const check = validateEdit(edit, ctx.edit, `${SHEETS.inventory} row ${r + 1}`);
          if (!check.ok) for (const i of check.issues) rowProblems.push(problem(SHEETS.inventory, r, I.addSupplyQty.header, qtyCol, id, i.found, i.expected));
        }
        if (rowProblems.length > 0) {
          rejected.push({ sheet: SHEETS.inventory, row: r + 1, key: id, changes: cellChanges, problems: rowProblems });
          problems.push(...rowProblems);
          continue;
        }
        changed.push({ sheet: SHEETS.inventory, row: r + 1, key: id, changes: cellChanges });
        replaced.add(`${id}|supply`);
        if (afterQty !== 0) changes.push(edit);
      }
    }
  }

  // The new scenario: current edits minus the ones the file replaced, then the accepted changes.
  const keyOf = (e: Edit): string | null =>
    e.kind === 'policy-weights' ? null : e.kind === 'supply' ? `${e.itemId}@${e.warehouseId}|supply` : `${e.orderLineId}|${e.kind}`;
  const kept = (input.edits ?? []).filter((e) => {
    const k = keyOf(e);
    return k === null || !replaced.has(k);
  });
  const order = (p: { sheet: string; row: number }): number => (p.sheet === SHEETS.plan ? 0 : 1e9) + p.row;
  problems.sort((a, b) => order(a) - order(b));
  rejected.sort((a, b) => order(a) - order(b));
  changed.sort((a, b) => order(a) - order(b));
  return {
    snapshotFingerprint: { file: about.fingerprint, current: snapshotFingerprint(input.snapshot) },
    sheetsRead,
    rowsRead,
    unchangedRows,
    staleUnchangedRows,
    changed,
    rejected,
    problems,
    changes,
    scenarioEdits: [...kept, ...changes],
    comments: newComments,
  };
}
