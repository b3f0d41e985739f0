// Rows in columns for the trip from the worker to the UI thread: 100k row objects cost seconds to structured-clone,
// while typed arrays and a dictionary of repeated strings (customers, items, warehouses, dates) cost milliseconds.
// encodeRows/decodeRows are exact inverses (a test holds them to it).
import type { ScoreBreakdown, Strategy } from '../../shared/engine/types';
import { SCORE_FACTORS } from '../../shared/engine/types';
import type { AllocationRow, RowSource } from './allocation-row';

/** Fields stored as indexes into the batch's string dictionary (null is index -1). */
const DICT_FIELDS = [
  'groupId', 'strategy', 'customerId', 'customerName', 'channel', 'itemId', 'warehouseId', 'promisedDate', 'holdCode',
  'planSource', 'planWarehouseId', 'planShipDate', 'planSubstituteItemId', 'sourceOverride', 'substituteOverride',
] as const;
/** Numeric fields (null is NaN; booleans are 0/1). */
const NUM_FIELDS = [
  'lineNo', 'rank', 'score', 'tier', 'orderedQty', 'openQty', 'demandQty', 'unitPriceCents', 'planQty', 'shortQty', 'daysLate',
  'erpReservedQty', 'changeQty', 'priorityOverride', 'quantityOverride', 'allowPartial', 'locked',
] as const;
/**
 * Strings unique to each row: one string per field plus the offsets where each row's part ends. Cloning 300k small
 * strings across the worker boundary costs far more than three long ones, and a row's text is cut out only when read
 * (the grid reads explanations of the rows on screen).
 */
const TEXT_FIELDS = ['orderLineId', 'orderId', 'explanation'] as const;

/** One text column: `joined` holds every row's string back to back; row i is joined[ends[i-1] .. ends[i]). */
export interface TextColumn {
  readonly joined: string;
  readonly ends: Int32Array;
}

const F = SCORE_FACTORS.length;

export interface RowBatch {
  readonly count: number;
  readonly dictionary: readonly string[];
  readonly dict: Readonly<Record<(typeof DICT_FIELDS)[number], Int32Array>>;
  readonly nums: Readonly<Record<(typeof NUM_FIELDS)[number], Float64Array>>;
  readonly text: Readonly<Record<(typeof TEXT_FIELDS)[number], TextColumn>>;
  /** count x factors, in SCORE_FACTORS order. */
  readonly breakdown: Float64Array;
  /** Index into the dictionary of the comma-joined substitutes. */
  readonly substitutes: Int32Array;
}

/** Packs rows into columns a range at a time (the worker encodes 100k rows in slices between requests). */
export interface BatchEncoder {
  /** Encodes rows[from..to) into positions from..to. */
  encodeRange(rows: readonly AllocationRow[], from: number, to: number): void;
  finish(): RowBatch;
}

export function createBatchEncoder(n: number): BatchEncoder {
  const dictionary: string[] = [];
  const codes = new Map<string, number>();
  const code = (v: string | null): number => {
    if (v === null) return -1;
    let c = codes.get(v);
    if (c === undefined) {
      c = dictionary.length;
      dictionary.push(v);
      codes.set(v, c);
    }
    return c;
  };
  const dict = Object.fromEntries(DICT_FIELDS.map((f) => [f, new Int32Array(n)])) as Record<(typeof DICT_FIELDS)[number], Int32Array>;
  const nums = Object.fromEntries(NUM_FIELDS.map((f) => [f, new Float64Array(n)])) as Record<(typeof NUM_FIELDS)[number], Float64Array>;
  const text = Object.fromEntries(TEXT_FIELDS.map((f) => [f, new Array<string>(n)])) as Record<(typeof TEXT_FIELDS)[number], string[]>;
  const pack = (parts: readonly string[]): TextColumn => {
    const ends = new Int32Array(n);
    let end = 0;
    for (let i = 0; i < n; i++) {
      end += parts[i]!.length;
      ends[i] = end;
    }
    return { joined: parts.join(''), ends };
  };
  const breakdown = new Float64Array(n * F);
  const substitutes = new Int32Array(n);
  // Row by row, every field read by its literal name: each read is a monomorphic property load on the row just
  // fetched (the rows are sorted, so scattered in memory: one pass touches each once). Reading fields through a
  // variable name (`row[f]` over a field list) made every load generic and cost ~1.5 s for 100k rows.
  const d = dict, u = nums;
  const num = (v: number | null): number => (v === null ? NaN : v);
  return {
    encodeRange(rows, from, to) {
      for (let i = from; i < to; i++) {
        const r = rows[i]!;
        d.groupId[i] = code(r.groupId);
        d.strategy[i] = code(r.strategy);
        d.customerId[i] = code(r.customerId);
        d.customerName[i] = code(r.customerName);
        d.channel[i] = code(r.channel);
        d.itemId[i] = code(r.itemId);
        d.warehouseId[i] = code(r.warehouseId);
        d.promisedDate[i] = code(r.promisedDate);
        d.holdCode[i] = code(r.holdCode);
        d.planSource[i] = code(r.planSource);
        d.planWarehouseId[i] = code(r.planWarehouseId);
        d.planShipDate[i] = code(r.planShipDate);
        d.planSubstituteItemId[i] = code(r.planSubstituteItemId);
        d.sourceOverride[i] = code(r.sourceOverride);
        d.substituteOverride[i] = code(r.substituteOverride);
        u.lineNo[i] = r.lineNo;
        u.rank[i] = r.rank;
        u.score[i] = r.score;
        u.tier[i] = r.tier;
        u.orderedQty[i] = r.orderedQty;
        u.openQty[i] = r.openQty;
        u.demandQty[i] = r.demandQty;
        u.unitPriceCents[i] = r.unitPriceCents;
        u.planQty[i] = r.planQty;
        u.shortQty[i] = r.shortQty;
        u.daysLate[i] = r.daysLate;
        u.erpReservedQty[i] = r.erpReservedQty;
        u.changeQty[i] = r.changeQty;
        u.priorityOverride[i] = num(r.priorityOverride);
        u.quantityOverride[i] = num(r.quantityOverride);
        u.allowPartial[i] = r.allowPartial ? 1 : 0;
        u.locked[i] = r.locked ? 1 : 0;
        text.orderLineId[i] = r.orderLineId;
        text.orderId[i] = r.orderId;
        text.explanation[i] = r.explanation;
        const b = r.scoreBreakdown;
        for (let k = 0; k < F; k++) breakdown[i * F + k] = b[SCORE_FACTORS[k]!];
        const subs = r.allowedSubstitutes;
        substitutes[i] = code(subs.length === 0 ? '' : subs.length === 1 ? subs[0]! : subs.join(','));
      }
    },
    finish: () => ({
      count: n,
      dictionary,
      dict,
      nums,
      text: Object.fromEntries(TEXT_FIELDS.map((f) => [f, pack(text[f])])) as Record<(typeof TEXT_FIELDS)[number], TextColumn>,
      breakdown,
      substitutes,
    }),
  };
}

/** Packs rows into columns. */
export function encodeRows(rows: readonly AllocationRow[]): RowBatch {
  const encoder = createBatchEncoder(rows.length);
  encoder.encodeRange(rows, 0, rows.length);
  return encoder.finish();
}

/**
 * A row read straight from the batch's columns: creating 100k of these costs two fields each, where copying every
 * field into plain objects kept the UI thread busy for hundreds of milliseconds. Rows changed by an edit arrive as
 * plain objects and simply replace these.
 */
class BatchRow implements AllocationRow {
  constructor(
    private readonly b: DecodedBatch,
    private readonly i: number,
  ) {}
  private s(a: Int32Array): string | null {
    const c = a[this.i]!;
    return c < 0 ? null : this.b.batch.dictionary[c]!;
  }
  private n(a: Float64Array): number | null {
    const v = a[this.i]!;
    return Number.isNaN(v) ? null : v;
  }
  private t(c: TextColumn): string {
    return c.joined.slice(this.i === 0 ? 0 : c.ends[this.i - 1]!, c.ends[this.i]!);
  }
  /** The row id is read again and again (grid row ids, indexes): cut out once. */
  private id: string | undefined;
  get orderLineId() { return (this.id ??= this.t(this.b.batch.text.orderLineId)); }
  get orderId() { return this.t(this.b.batch.text.orderId); }
  get explanation() { return this.t(this.b.batch.text.explanation); }
  get lineNo() { return this.b.batch.nums.lineNo[this.i]!; }
  get groupId() { return this.s(this.b.batch.dict.groupId)!; }
  get rank() { return this.b.batch.nums.rank[this.i]!; }
  get score() { return this.b.batch.nums.score[this.i]!; }
  get scoreBreakdown(): ScoreBreakdown {
    const out = {} as Record<(typeof SCORE_FACTORS)[number], number>;
    for (let k = 0; k < F; k++) out[SCORE_FACTORS[k]!] = this.b.batch.breakdown[this.i * F + k]!;
    return out;
  }
  get strategy() { return this.s(this.b.batch.dict.strategy) as Strategy; }
  get customerId() { return this.s(this.b.batch.dict.customerId)!; }
  get customerName() { return this.s(this.b.batch.dict.customerName)!; }
  get tier() { return this.b.batch.nums.tier[this.i]!; }
  get channel() { return this.s(this.b.batch.dict.channel)!; }
  get itemId() { return this.s(this.b.batch.dict.itemId)!; }
  get warehouseId() { return this.s(this.b.batch.dict.warehouseId)!; }
  get orderedQty() { return this.b.batch.nums.orderedQty[this.i]!; }
  get openQty() { return this.b.batch.nums.openQty[this.i]!; }
  get demandQty() { return this.b.batch.nums.demandQty[this.i]!; }
  get promisedDate() { return this.s(this.b.batch.dict.promisedDate)!; }
  get unitPriceCents() { return this.b.batch.nums.unitPriceCents[this.i]!; }
  get holdCode() { return this.s(this.b.batch.dict.holdCode)!; }
  get allowPartial() { return this.b.batch.nums.allowPartial[this.i] === 1; }
  get planSource() { return this.s(this.b.batch.dict.planSource) as RowSource; }
  get planQty() { return this.b.batch.nums.planQty[this.i]!; }
  get planWarehouseId() { return this.s(this.b.batch.dict.planWarehouseId); }
  get planShipDate() { return this.s(this.b.batch.dict.planShipDate); }
  get planSubstituteItemId() { return this.s(this.b.batch.dict.planSubstituteItemId); }
  get shortQty() { return this.b.batch.nums.shortQty[this.i]!; }
  get daysLate() { return this.b.batch.nums.daysLate[this.i]!; }
  get erpReservedQty() { return this.b.batch.nums.erpReservedQty[this.i]!; }
  get changeQty() { return this.b.batch.nums.changeQty[this.i]!; }
  get priorityOverride() { return this.n(this.b.batch.nums.priorityOverride); }
  get locked() { return this.b.batch.nums.locked[this.i] === 1; }
  get quantityOverride() { return this.n(this.b.batch.nums.quantityOverride); }
  get sourceOverride() { return this.s(this.b.batch.dict.sourceOverride); }
  get substituteOverride() { return this.s(this.b.batch.dict.substituteOverride); }
  get allowedSubstitutes(): readonly string[] {
    const c = this.b.batch.substitutes[this.i]!;
    let list = this.b.substituteLists.get(c);
    if (!list) {
      const joined = this.b.batch.dictionary[c] ?? '';
      list = joined === '' ? [] : joined.split(',');
      this.b.substituteLists.set(c, list);
    }
    return list;
  }
}

interface DecodedBatch {
  readonly batch: RowBatch;
  /** Substitute lists repeat per item: each distinct one is split once. */
  readonly substituteLists: Map<number, readonly string[]>;
}

/** Rows over a batch (on the UI thread): each reads its fields from the columns on demand. */
export function decodeRows(b: RowBatch): AllocationRow[] {
  const shared: DecodedBatch = { batch: b, substituteLists: new Map() };
  const out = new Array<AllocationRow>(b.count);
  for (let i = 0; i < b.count; i++) out[i] = new BatchRow(shared, i);
  return out;
}

const ROW_FIELDS = [...DICT_FIELDS, ...NUM_FIELDS, ...TEXT_FIELDS, 'scoreBreakdown', 'allowedSubstitutes'] as const;

/** A plain copy of a row (for tests and for anything that must structured-clone a row). */
export function plainRow(r: AllocationRow): AllocationRow {
  const out: Record<string, unknown> = {};
  for (const f of ROW_FIELDS) out[f] = r[f];
  return out as unknown as AllocationRow;
}

/** The typed arrays of a batch, to transfer (not copy) them with postMessage. */
export function batchTransferables(b: RowBatch): ArrayBuffer[] {
  const out: ArrayBuffer[] = [b.breakdown.buffer as ArrayBuffer, b.substitutes.buffer as ArrayBuffer];
  for (const a of Object.values(b.dict)) out.push(a.buffer as ArrayBuffer);
  for (const a of Object.values(b.nums)) out.push(a.buffer as ArrayBuffer);
  for (const c of Object.values(b.text)) out.push(c.ends.buffer as ArrayBuffer);
  return out;
}
