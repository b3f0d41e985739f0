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
/** Strings unique to each row, kept as plain arrays. */
const TEXT_FIELDS = ['orderLineId', 'orderId', 'explanation'] as const;

const F = SCORE_FACTORS.length;

export interface RowBatch {
  readonly count: number;
  readonly dictionary: readonly string[];
  readonly dict: Readonly<Record<(typeof DICT_FIELDS)[number], Int32Array>>;
  readonly nums: Readonly<Record<(typeof NUM_FIELDS)[number], Float64Array>>;
  readonly text: Readonly<Record<(typeof TEXT_FIELDS)[number], readonly string[]>>;
  /** count x factors, in SCORE_FACTORS order. */
  readonly breakdown: Float64Array;
  /** Index into the dictionary of the comma-joined substitutes. */
  readonly substitutes: Int32Array;
}

/** Packs rows into columns. */
export function encodeRows(rows: readonly AllocationRow[]): RowBatch {
  const n = rows.length;
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
  const breakdown = new Float64Array(n * F);
  const substitutes = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    const r = rows[i]!;
    for (const f of DICT_FIELDS) dict[f][i] = code(r[f]);
    for (const f of NUM_FIELDS) {
      const v = r[f];
      nums[f][i] = v === null ? NaN : typeof v === 'boolean' ? (v ? 1 : 0) : v;
    }
    for (const f of TEXT_FIELDS) text[f][i] = r[f];
    for (let k = 0; k < F; k++) breakdown[i * F + k] = r.scoreBreakdown[SCORE_FACTORS[k]!];
    substitutes[i] = code(r.allowedSubstitutes.join(','));
  }
  return { count: n, dictionary, dict, nums, text, breakdown, substitutes };
}

/** Unpacks a batch into row objects (on the UI thread). */
export function decodeRows(b: RowBatch): AllocationRow[] {
  const out = new Array<AllocationRow>(b.count);
  const d = b.dictionary;
  const s = (a: Int32Array, i: number): string | null => (a[i]! < 0 ? null : d[a[i]!]!);
  const n = (a: Float64Array, i: number): number | null => (Number.isNaN(a[i]!) ? null : a[i]!);
  // Substitute lists repeat per item: split each distinct one once.
  const subLists = new Map<number, readonly string[]>();
  const { dict, nums, text } = b;
  for (let i = 0; i < b.count; i++) {
    const breakdown = {} as Record<(typeof SCORE_FACTORS)[number], number>;
    for (let k = 0; k < F; k++) breakdown[SCORE_FACTORS[k]!] = b.breakdown[i * F + k]!;
    const sc = b.substitutes[i]!;
    let subs = subLists.get(sc);
    if (!subs) {
      const joined = d[sc] ?? '';
      subs = joined === '' ? [] : joined.split(',');
      subLists.set(sc, subs);
    }
    out[i] = {
      orderLineId: text.orderLineId[i]!,
      orderId: text.orderId[i]!,
      lineNo: nums.lineNo[i]!,
      groupId: s(dict.groupId, i)!,
      rank: nums.rank[i]!,
      score: nums.score[i]!,
      scoreBreakdown: breakdown as ScoreBreakdown,
      strategy: s(dict.strategy, i) as Strategy,
      customerId: s(dict.customerId, i)!,
      customerName: s(dict.customerName, i)!,
      tier: nums.tier[i]!,
      channel: s(dict.channel, i)!,
      itemId: s(dict.itemId, i)!,
      warehouseId: s(dict.warehouseId, i)!,
      orderedQty: nums.orderedQty[i]!,
      openQty: nums.openQty[i]!,
      demandQty: nums.demandQty[i]!,
      promisedDate: s(dict.promisedDate, i)!,
      unitPriceCents: nums.unitPriceCents[i]!,
      holdCode: s(dict.holdCode, i)!,
      allowPartial: nums.allowPartial[i] === 1,
      planSource: s(dict.planSource, i) as RowSource,
      planQty: nums.planQty[i]!,
      planWarehouseId: s(dict.planWarehouseId, i),
      planShipDate: s(dict.planShipDate, i),
      planSubstituteItemId: s(dict.planSubstituteItemId, i),
      shortQty: nums.shortQty[i]!,
      daysLate: nums.daysLate[i]!,
      erpReservedQty: nums.erpReservedQty[i]!,
      changeQty: nums.changeQty[i]!,
      explanation: text.explanation[i]!,
      priorityOverride: n(nums.priorityOverride, i),
      locked: nums.locked[i] === 1,
      quantityOverride: n(nums.quantityOverride, i),
      sourceOverride: s(dict.sourceOverride, i),
      substituteOverride: s(dict.substituteOverride, i),
      allowedSubstitutes: subs,
    };
  }
  return out;
}

/** The typed arrays of a batch, to transfer (not copy) them with postMessage. */
export function batchTransferables(b: RowBatch): ArrayBuffer[] {
  const out: ArrayBuffer[] = [b.breakdown.buffer as ArrayBuffer, b.substitutes.buffer as ArrayBuffer];
  for (const a of Object.values(b.dict)) out.push(a.buffer as ArrayBuffer);
  for (const a of Object.values(b.nums)) out.push(a.buffer as ArrayBuffer);
  return out;
}
