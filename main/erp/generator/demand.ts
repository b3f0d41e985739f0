// Open orders and stock: order lines, per item x warehouse balances with inbound supply, and the ERP's own
// reservations (static priority, first come first served) so shortages, variances and late promises arise.
import { addDays } from '../../../shared/domain';
import type { Cents, InboundSupply, InventoryBalance, IsoDate, Item, OrderLine, OrderType, Qty } from '../../../shared/domain';
import type { Catalog, Clock } from './catalog';
import { drawOrderType } from './order-types';
import type { Rng } from './random';
import type { ScaleParams } from './scales';

export interface Demand {
  orderLines: OrderLine[];
  inventoryBalances: InventoryBalance[];
}

type MutableLine = { -readonly [K in keyof OrderLine]: OrderLine[K] };

const q = (n: number) => Math.max(0, Math.round(n)) as Qty;

/**
 * `orderTypeRng`: the stream order types are drawn from, or null for a world of generator v1 (no order types), so a
 * data folder made by v1 regenerates the very world its journal was written on.
 */
export function generateDemand(p: ScaleParams, cat: Catalog, rng: Rng, clock: Clock, asOf: IsoDate, orderTypeRng: Rng | null): Demand {
  const { items, warehouses, customers } = cat;

  // Each item is stocked in 1..n warehouses; the first is its primary.
  const stockedAt: number[][] = items.map(() => {
    const n = Math.min(warehouses.length, 1 + Math.floor(-Math.log(1 - rng.next()) * 1.8));
    const set: number[] = [];
    while (set.length < n) {
      const w = rng.int(0, warehouses.length - 1);
      if (!set.includes(w)) set.push(w);
    }
    return set;
  });

  const lines: MutableLine[] = [];
  let orderNo = 100_000;
  while (lines.length < p.lines) {
    orderNo++;
    const customer = customers[rng.skewedIndex(customers.length, 1.6)] as (typeof customers)[number];
    const requestedDate = addDays(asOf, rng.int(-6, 21));
    // Orders were entered before today: at most 20 days before the requested date, never after asOf.
    const entered = addDays(requestedDate, -rng.int(2, 20));
    const orderedAt = entered > asOf ? addDays(asOf, -rng.int(0, 3)) : entered;
    const nLines = Math.min(p.lines - lines.length, rng.weighted([1, 2, 3, 4, 5], [5, 3, 2, 1, 1]));
    const creditHeld = cat.creditHeldCustomers.has(customer.id);
    const complianceHeld = !creditHeld && rng.chance(0.012);
    const orderType: OrderType | null = orderTypeRng === null ? null : drawOrderType(orderTypeRng, customer);
    for (let ln = 1; ln <= nLines; ln++) {
      const itemIdx = rng.skewedIndex(items.length, 2.2);
      const item = items[itemIdx] as Item;
      const whs = stockedAt[itemIdx] as number[];
      const wh = warehouses[rng.chance(0.6) ? (whs[0] as number) : rng.pick(whs)] as (typeof warehouses)[number];
      let ordered = rng.int(1, 24) * (rng.chance(0.2) ? 5 : 1);
      if (item.packSize > 1 && rng.chance(0.5)) ordered = Math.ceil(ordered / item.packSize) * item.packSize;
      const tierPriority = customer.tier === 1 ? rng.int(1, 2) : customer.tier === 2 ? rng.int(2, 4) : rng.int(3, 5);
      const late = rng.chance(0.08);
      const shipped = rng.chance(0.06) ? Math.floor(ordered * (0.3 + rng.next() * 0.3)) : 0;
      const discount = customer.tier === 1 ? 0.82 : customer.tier === 2 ? 0.9 : 0.97;
      const line: MutableLine = {
        id: `OL-SO-${orderNo}-${ln}`,
        orderId: `SO-${orderNo}`,
        lineNo: ln,
        customerId: customer.id,
        itemId: item.id,
        warehouseId: wh.id,
        orderedQty: q(ordered),
        reservedQty: q(0),
        shippedQty: q(shipped),
        requestedDate,
        promisedDate: addDays(requestedDate, late ? rng.int(5, 15) : rng.int(0, 2)),
        unitPrice: Math.round(item.unitPrice * (discount + rng.next() * 0.05)) as Cents,
        // One line in ten carries a static priority that ignores the customer's tier (the allocation disputes).
        priority: rng.chance(0.1) ? rng.int(1, 5) : tierPriority,
        holdCode: creditHeld ? 'credit' : complianceHeld ? 'compliance' : 'none',
        allowPartial: rng.chance(0.8),
        allowSubstitution: customer.substitutionAllowed && rng.chance(0.7),
        status: 'open',
        orderedAt,
        ...(orderType === null ? {} : { orderType }),
        version: rng.int(1, 5),
        modifiedAt: clock.before(20),
      };
      lines.push(line);
    }
  }

  // Lines per balance, in the ERP's static reservation order: priority, then order date, then id.
  const byBalance = new Map<string, MutableLine[]>();
  for (const l of lines) {
    const key = `${l.itemId}@${l.warehouseId}`;
    const list = byBalance.get(key);
    if (list) list.push(l);
    else byBalance.set(key, [l]);
  }

  const inventoryBalances: InventoryBalance[] = [];
  for (let i = 0; i < items.length; i++) {
    const item = items[i] as Item;
    for (const w of stockedAt[i] as number[]) {
      const wh = warehouses[w] as (typeof warehouses)[number];
      const id = `${item.id}@${wh.id}`;
      const bl = (byBalance.get(id) ?? []).sort((a, b) => a.priority - b.priority || (a.orderedAt < b.orderedAt ? -1 : a.orderedAt > b.orderedAt ? 1 : a.id < b.id ? -1 : 1));
      const demand = bl.reduce((s, l) => s + l.orderedQty - l.shippedQty, 0);
      const scenario = rng.weighted(['short', 'out', 'ample'] as const, [25, 8, 67]);
      const onHand = scenario === 'out' ? 0 : scenario === 'short' ? Math.floor(demand * (0.2 + rng.next() * 0.65)) : Math.ceil(demand * (1.1 + rng.next() * 1.4)) + rng.int(0, 20);
      const inbound: InboundSupply[] = [];
      if (rng.chance(scenario === 'ample' ? 0.35 : 0.8)) {
        const n = rng.int(1, 3);
        for (let k = 0; k < n; k++) {
          const packs = Math.max(1, Math.ceil((Math.max(demand, 10) * (0.3 + rng.next() * 0.7)) / item.packSize));
          inbound.push({ qty: q(packs * item.packSize), eta: addDays(asOf, rng.int(2, 35)) });
        }
        inbound.sort((a, b) => (a.eta < b.eta ? -1 : a.eta > b.eta ? 1 : a.qty - b.qty));
      }
      // The ERP reserves in static order; held lines keep a reservation only if picking had begun.
      let free = onHand;
      let reserved = 0;
      for (const l of bl) {
        const open = l.orderedQty - l.shippedQty;
        if (l.holdCode !== 'none' && !rng.chance(0.4)) continue;
        const take = l.allowPartial ? Math.min(open, free) : open <= free ? open : 0;
        if (take > 0) {
          l.reservedQty = q(take);
          free -= take;
          reserved += take;
        } else if (l.holdCode === 'none' && rng.chance(0.35)) {
          // Nothing left: the ERP has backordered it and re-promised for the next receipt (or a guess).
          l.status = 'backordered';
          l.promisedDate = inbound[0] ? addDays(inbound[0].eta, 1) : addDays(asOf, rng.int(14, 30));
        }
      }
      // The WMS has released picks for part of the reservations; sometimes it has committed more than the
      // ERP reserved (a cycle count not yet posted, picks outside the ERP): the ERP-vs-WMS variance.
      const variance = onHand > 0 && rng.chance(0.07);
      const committed = variance ? reserved + rng.int(1, Math.max(1, Math.ceil(onHand * 0.3))) : Math.floor(reserved * (0.3 + rng.next() * 0.6));
      inventoryBalances.push({
        id,
        itemId: item.id,
        warehouseId: wh.id,
        onHandQty: q(onHand),
        erpReservedQty: q(reserved),
        wmsCommittedQty: q(committed),
        safetyStockQty: q(Math.round((demand / 4) * (0.2 + rng.next() * 0.6))),
        inbound,
        version: rng.int(1, 20),
        modifiedAt: clock.before(10),
      });
    }
  }
  return { orderLines: lines as OrderLine[], inventoryBalances };
}
