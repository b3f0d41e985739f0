// Export: a plan (or a scenario, or a filtered set of its lines) as an .xlsx workbook with Plan, Exceptions,
// Inventory, Summary and About sheets, or one sheet as CSV. Bytes out; the caller saves or downloads them.
import type { Customer, Item, OrderLine, Snapshot } from '../../domain';
import type { Edit, Plan, StateFigures } from '../../engine';
import type { DeflateCodec } from '../zip/codec';
import type { CellValue, SheetColumn, SheetInput } from '../xlsx/write-xlsx';
import { writeXlsx } from '../xlsx/write-xlsx';
import { currentValues, NO_LINE_SETTINGS } from './current-values';
import { balanceFingerprint, lineFingerprint, snapshotFingerprint } from './fingerprint';
import {
  ABOUT_COLUMNS, ABOUT_KEYS, EXCEPTION_COLUMNS, INVENTORY_COLUMNS, INVENTORY_COLUMN_KEYS, LOCK_NO, LOCK_YES, MAX_COMMENT_LENGTH,
  MAX_PRIORITY, NO_SUBSTITUTE, PLAN_COLUMNS, PLAN_COLUMN_KEYS, SHEETS, SUMMARY_COLUMNS, WORKBOOK_FORMAT,
} from './layout';

export interface PlanExportInput {
  readonly snapshot: Snapshot;
  readonly plan: Plan;
  /** The scenario's edits: the editable columns show their current values. */
  readonly edits?: readonly Edit[];
  /** Planner comments by order line id. */
  readonly comments?: ReadonlyMap<string, string>;
  /** Export only these lines (a filtered view); all plan lines when absent. */
  readonly lineIds?: Iterable<string>;
  readonly scenarioName?: string;
  /** When the export was made (ISO instant); shared code has no clock. */
  readonly exportedAt?: string;
}

const dollars = (cents: number): number => Math.round(cents) / 100;

interface Indexes {
  readonly lines: Map<string, OrderLine>;
  readonly customers: Map<string, Customer>;
  readonly items: Map<string, Item>;
}

function indexes(s: Snapshot): Indexes {
  return {
    lines: new Map(s.orderLines.map((l) => [l.id, l])),
    customers: new Map(s.customers.map((c) => [c.id, c])),
    items: new Map(s.items.map((i) => [i.id, i])),
  };
}

function selectedLines(input: PlanExportInput): Plan['lines'] {
  if (input.lineIds === undefined) return input.plan.lines;
  const wanted = new Set(input.lineIds);
  return input.plan.lines.filter((l) => wanted.has(l.orderLineId));
}

/** Column positions as plain locals (a 31-key lookup object per cell was a measurable share of a 100k export). */
function positions<K extends string>(keys: readonly K[]): Readonly<Record<K, number>> {
  const out = {} as Record<K, number>;
  keys.forEach((k, i) => (out[k] = i));
  return out;
}

const DAY_MS = 86_400_000;

function* planRows(input: PlanExportInput, ix: Indexes): Generator<CellValue[]> {
  const current = currentValues(input.edits ?? []);
  const at = positions(PLAN_COLUMN_KEYS);
  const width = PLAN_COLUMN_KEYS.length;
  const { orderLine: cLine, order: cOrder, slice: cSlice, customer: cCustomer, customerName: cName, tier: cTier, item: cItem, warehouse: cWh, hold: cHold } = at;
  const { orderedQty: cOrdered, openQty: cOpen, packSize: cPack, erpReservedQty: cReserved, sliceQty: cSliceQty, allocatedQty: cAllocated, shortQty: cShort } = at;
  const { source: cSource, shipFrom: cFrom, shipItem: cShipItem, promisedDate: cPromised, plannedShipDate: cPlanned, daysLate: cLate, score: cScore, rank: cRank } = at;
  const { overrideQty: cOq, overrideSource: cOs, overrideSubstitute: cOsub, lock: cLock, priorityOverride: cPrio, comment: cComment, fingerprint: cFp } = at;
  const epochDay = new Map<string, number>();
  const dayOf = (d: string): number => {
    let n = epochDay.get(d);
    if (n === undefined) {
      n = Date.UTC(Number(d.slice(0, 4)), Number(d.slice(5, 7)) - 1, Number(d.slice(8, 10))) / DAY_MS;
      epochDay.set(d, n);
    }
    return n;
  };
  // One row array, refilled for every line and slice: the writer consumes a row before asking for the next.
  const base: CellValue[] = new Array<CellValue>(width).fill(null);
  for (const p of selectedLines(input)) {
    const l = ix.lines.get(p.orderLineId);
    const c = l ? ix.customers.get(l.customerId) : undefined;
    const item = l ? ix.items.get(l.itemId) : undefined;
    const s = current.lines.get(p.orderLineId) ?? NO_LINE_SETTINGS;
    base.fill(null);
    base[cLine] = p.orderLineId;
    base[cOrder] = l?.orderId ?? null;
    base[cCustomer] = l?.customerId ?? null;
    base[cName] = c?.name ?? null;
    base[cTier] = c?.tier ?? null;
    base[cItem] = l?.itemId ?? null;
    base[cWh] = l?.warehouseId ?? null;
    base[cHold] = l?.holdCode ?? null;
    base[cOrdered] = l?.orderedQty ?? null;
    base[cOpen] = l ? l.orderedQty - l.shippedQty : p.demandQty;
    base[cPack] = item?.packSize ?? null;
    base[cReserved] = p.erpReservedQty;
    base[cAllocated] = p.allocatedQty;
    base[cShort] = p.shortQty;
    base[cPromised] = l?.promisedDate ?? null;
    base[cScore] = Math.round(p.score * 100) / 100;
    base[cRank] = p.rank;
    base[cOq] = s.qty;
    base[cOs] = s.source;
    base[cOsub] = s.substitute === undefined ? null : s.substitute === null ? NO_SUBSTITUTE : s.substitute;
    // Editable cells show exactly what the edit list says, so an untouched re-import compares equal.
    base[cLock] = s.locked ? 'Yes' : null;
    base[cPrio] = s.priority;
    base[cComment] = input.comments?.get(p.orderLineId) ?? null;
    base[cFp] = l ? lineFingerprint(l, c, item) : null;
    if (p.allocations.length === 0) {
      base[cSlice] = 0;
      yield base;
      continue;
    }
    const promised = l ? dayOf(l.promisedDate) : null;
    for (let k = 0; k < p.allocations.length; k++) {
      const a = p.allocations[k]!;
      const row = base;
      row[cSlice] = k + 1;
      row[cSliceQty] = a.lineQty;
      row[cSource] = a.source;
      row[cFrom] = a.warehouseId;
      row[cShipItem] = a.itemId;
      row[cPlanned] = a.shipDate;
      row[cLate] = promised === null ? p.daysLate : Math.max(0, dayOf(a.shipDate) - promised);
      yield row;
    }
  }
}

function* inventoryRows(input: PlanExportInput): Generator<CellValue[]> {
  const current = currentValues(input.edits ?? []);
  const out = new Map<string, number>();
  for (const p of input.plan.lines) {
    for (const a of p.allocations) {
      const key = a.itemId + '@' + a.warehouseId;
      out.set(key, (out.get(key) ?? 0) + a.qty);
    }
  }
  const at = positions(INVENTORY_COLUMN_KEYS);
  const width = INVENTORY_COLUMN_KEYS.length;
  const row: CellValue[] = new Array<CellValue>(width).fill(null);
  for (const b of input.snapshot.inventoryBalances) {
    let inboundQty = 0;
    let next: string | null = null;
    for (const i of b.inbound) {
      inboundQty += i.qty;
      if (next === null || i.eta < next) next = i.eta;
    }
    const supply = current.supply.get(b.id);
    row[at.balance] = b.id;
    row[at.item] = b.itemId;
    row[at.warehouse] = b.warehouseId;
    row[at.onHandQty] = b.onHandQty;
    row[at.erpReservedQty] = b.erpReservedQty;
    row[at.wmsCommittedQty] = b.wmsCommittedQty;
    row[at.varianceQty] = b.wmsCommittedQty - b.erpReservedQty;
    row[at.safetyStockQty] = b.safetyStockQty;
    row[at.inboundQty] = inboundQty;
    row[at.nextInboundDate] = next;
    row[at.plannedOutQty] = out.get(b.id) ?? 0;
    row[at.addSupplyQty] = supply && supply.qty !== 0 ? supply.qty : null;
    row[at.supplyDate] = supply?.date ?? null;
    row[at.fingerprint] = balanceFingerprint(b);
    yield row;
  }
}

function* exceptionRows(input: PlanExportInput): Generator<CellValue[]> {
  const lines = input.lineIds === undefined ? null : new Set(input.lineIds);
  const keep = (lineId: string | undefined): boolean => lines === null || lineId === undefined || lines.has(lineId);
  for (const e of input.snapshot.exceptions) {
    if (!keep(e.orderLineId) || e.status === 'resolved') continue;
    yield [e.id, e.sourceSystem, e.type, e.severity, e.status, e.orderLineId, e.itemId, e.warehouseId, e.detectedAt.slice(0, 10), null, e.reason];
  }
  for (const e of input.plan.exceptions) {
    if (!keep(e.orderLineId)) continue;
    yield [e.id, 'workbench', e.type, e.severity, e.status, e.orderLineId, e.itemId, e.warehouseId, e.detectedAt.slice(0, 10), dollars(e.impactCents), e.reason];
  }
}

const FIGURES: ReadonlyArray<readonly [string, keyof StateFigures, 'count' | 'units' | 'percent' | 'money' | 'days']> = [
  ['Open lines', 'lines', 'count'],
  ['Lines filled completely', 'linesFilled', 'count'],
  ['Fill rate (units)', 'fillRateUnits', 'percent'],
  ['Fill rate (lines)', 'fillRateLines', 'percent'],
  ['Fill rate (value)', 'fillRateValue', 'percent'],
  ['Demand (units)', 'demandUnits', 'units'],
  ['Allocated (units)', 'allocatedUnits', 'units'],
  ['Backordered (units)', 'backorderUnits', 'units'],
  ['Lines on time', 'onTimeLines', 'count'],
  ['Late lines', 'lateLines', 'count'],
  ['Days late (sum)', 'lateDays', 'days'],
  ['Margin', 'marginCents', 'money'],
  ['Demand value', 'demandValueCents', 'money'],
  ['Allocated value', 'allocatedValueCents', 'money'],
  ['Transfer cost', 'transferCostCents', 'money'],
  ['Substitution cost', 'substitutionCostCents', 'money'],
  ['Drop-ship premium', 'premiumCostCents', 'money'],
  ['Lateness cost', 'latenessCostCents', 'money'],
];

function summaryRows(plan: Plan): CellValue[][] {
  const { before, after } = plan.summary;
  const rows: CellValue[][] = FIGURES.map(([label, key, unit]) => {
    const scale = unit === 'money' ? 0.01 : unit === 'percent' ? 100 : 1;
    const b = Math.round(before[key] * scale * 100) / 100;
    const a = Math.round(after[key] * scale * 100) / 100;
    return [label, b, a, Math.round((a - b) * 100) / 100, unit === 'money' ? '$' : unit === 'percent' ? '%' : unit];
  });
  rows.push(['Proposed decisions', null, plan.summary.decisions, null, 'count']);
  rows.push(['Exceptions raised by the plan', null, plan.summary.exceptions, null, 'count']);
  return rows;
}

function aboutRows(input: PlanExportInput, lineCount: number): CellValue[][] {
  const { snapshot, plan } = input;
  const warehouses = snapshot.warehouses.map((w) => w.id);
  const list = (ids: readonly string[]): string => (ids.length > 40 ? `${ids.slice(0, 40).join(', ')} ... (${ids.length} in all)` : ids.join(', '));
  return [
    ['What this is', `An allocation plan exported by Allocation Workbench: ${lineCount} order lines${input.scenarioName ? ` of scenario "${input.scenarioName}"` : ''}, ${plan.mode} mode.`],
    ['How to edit', 'Change only the yellow columns of the Plan sheet (and Add supply qty / Supply date on the Inventory sheet). You may sort, filter, hide or re-order columns, add columns, notes and sheets; rows are matched by Order line, not by position. Keep the Order line and Row fingerprint columns. Then import the file: you will see every change and every problem before anything is applied, and accepted changes become a new what-if scenario.'],
    ['Override qty', 'Blank = the open quantity. Otherwise a whole number of units from 0 to the line\'s Open qty, in whole packs of Pack size (the full open quantity is always allowed).'],
    ['Override source', `Blank = the requested warehouse. Otherwise one warehouse id: ${list(warehouses)}.`],
    ['Override substitute', `Blank = the substitution rules decide. "${NO_SUBSTITUTE}" = never substitute this line. Otherwise an item a substitution rule allows for the line's item (the line and its customer must allow substitution).`],
    ['Lock', `${LOCK_YES.slice(0, 3).join(' / ')} = keep the line at its ERP reservation; blank or ${LOCK_NO.slice(0, 3).join(' / ')} = let the plan move it. A line on hold cannot be locked.`],
    ['Priority override', `Blank = scored priority. Otherwise a whole number from 1 (served first) to ${MAX_PRIORITY}.`],
    ['Comment', `Free text, at most ${MAX_COMMENT_LENGTH} characters.`],
    ['Add supply qty / Supply date', 'Inventory sheet: extra units (negative to remove) you expect at that warehouse, and the day they arrive (blank = the planning day). Dates as dates or text such as 2026-12-01, 01.12.2026 or 1-Dec-2026.'],
    ['Row fingerprint', 'A hidden column: the ids and ERP versions behind each row. A row whose order line changed in the ERP since the export is refused on import.'],
    [ABOUT_KEYS.snapshot, snapshotFingerprint(snapshot)],
    [ABOUT_KEYS.asOf, plan.asOf],
    ['Exported at', input.exportedAt ?? null],
    [ABOUT_KEYS.format, WORKBOOK_FORMAT],
  ];
}

function columns(spec: Record<string, SheetColumn>): SheetColumn[] {
  return Object.values(spec);
}

/** The sheets of a plan workbook, ready for the writer. */
export function planSheets(input: PlanExportInput): SheetInput[] {
  const ix = indexes(input.snapshot);
  const lineCount = selectedLines(input).length;
  return [
    { name: SHEETS.plan, columns: columns(PLAN_COLUMNS), rows: planRows(input, ix), autofilter: true, freezeHeader: true },
    { name: SHEETS.exceptions, columns: columns(EXCEPTION_COLUMNS), rows: exceptionRows(input), autofilter: true, freezeHeader: true },
    { name: SHEETS.inventory, columns: columns(INVENTORY_COLUMNS), rows: inventoryRows(input), autofilter: true, freezeHeader: true },
    { name: SHEETS.summary, columns: [...SUMMARY_COLUMNS], rows: summaryRows(input.plan), freezeHeader: true },
    { name: SHEETS.about, columns: [...ABOUT_COLUMNS], rows: aboutRows(input, lineCount), wrap: true },
  ];
}

/** Exports the plan as .xlsx bytes. */
export function exportPlanWorkbook(input: PlanExportInput, codec: DeflateCodec): Promise<Uint8Array> {
  return writeXlsx(planSheets(input), codec, `Allocation plan ${input.plan.asOf}`);
}

function csvField(v: CellValue): string {
  if (v === null || v === undefined) return '';
  const s = String(v);
  // A leading = + - @ would run as a formula when the CSV is opened; a quote-prefixed apostrophe keeps it text.
  const safe = /^[=+\-@\t\r]/.test(s) && typeof v !== 'number' ? `'${s}` : s;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** One sheet of the workbook as CSV text (RFC 4180, CRLF, dates as YYYY-MM-DD). */
export function exportPlanCsv(input: PlanExportInput, sheet: (typeof SHEETS)[keyof typeof SHEETS] = SHEETS.plan): string {
  const s = planSheets(input).find((x) => x.name === sheet);
  if (!s) throw new RangeError(`no sheet "${sheet}"`);
  const out: string[] = [s.columns.map((c) => csvField(c.header)).join(',')];
  for (const row of s.rows) out.push(row.map(csvField).join(','));
  return `${out.join('\r\n')}\r\n`;
}
