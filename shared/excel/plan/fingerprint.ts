// Fingerprints that travel in the workbook so an import can tell which rows changed in the ERP since the
// export: a row's fingerprint covers the ids and versions of the records it shows, the snapshot's covers all.
import type { Customer, InventoryBalance, Item, OrderLine, Snapshot } from '../../domain';

/** FNV-1a 32-bit, continuing from `seed`. */
function fnv(text: string, seed = 0x811c9dc5): number {
  let h = seed >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}

// Two hex digits per byte: a 100k-line export formats 200k hashes, and toString(16) + padStart was a visible share.
const HEX2: readonly string[] = Array.from({ length: 256 }, (_, i) => i.toString(16).padStart(2, '0'));

function hex(n: number): string {
  return HEX2[n >>> 24]! + HEX2[(n >>> 16) & 255]! + HEX2[(n >>> 8) & 255]! + HEX2[n & 255]!;
}

/** Two independent FNV lanes give 64 bits: enough that an accidental match is not a concern. Both in one pass. */
function hash64(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x01000193);
  }
  return hex(a >>> 0) + hex(b >>> 0);
}

/** Fingerprint of a Plan row: the order line, its customer and its item (ids + versions). */
export function lineFingerprint(line: OrderLine, customer: Customer | undefined, item: Item | undefined): string {
  return hash64(`${line.id}:${line.version}|${line.customerId}:${customer?.version ?? '-'}|${line.itemId}:${item?.version ?? '-'}`);
}

/** Fingerprint of an Inventory row. */
export function balanceFingerprint(balance: InventoryBalance): string {
  return hash64(`${balance.id}:${balance.version}`);
}

/** Fingerprint of the whole snapshot the plan came from (every record's id and version, in snapshot order). */
export function snapshotFingerprint(s: Snapshot): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  const lists: ReadonlyArray<ReadonlyArray<{ readonly id: string; readonly version: number }>> = [
    s.orderLines, s.inventoryBalances, s.items, s.customers, s.warehouses, s.substitutionRules, s.lanes, s.dropShipOptions,
  ];
  for (const list of lists) {
    for (const r of list) {
      const t = `${r.id}:${r.version};`;
      a = fnv(t, a);
      b = fnv(t, b);
    }
    a = fnv('|', a);
    b = fnv('|', b);
  }
  return `${hex(a)}${hex(b)}`;
}
