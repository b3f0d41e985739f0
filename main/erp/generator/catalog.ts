// Master data: warehouses in regions, lanes, items, customers, substitution chains, drop-ship options.
import type { Cents, Customer, DropShipOption, IsoDateTime, Item, Lane, SubstitutionRule, Warehouse } from '../../../shared/domain';
import { CATEGORIES, COMPANY_FIRST, COMPANY_SECOND, PACK_SIZES, REGIONS, UNITS } from './names';
import type { Rng } from './random';
import type { ScaleParams } from './scales';

export interface Clock {
  /** A deterministic instant within `daysBack` days before the world's today. */
  before(daysBack: number): IsoDateTime;
}

export interface Catalog {
  warehouses: Warehouse[];
  lanes: Lane[];
  items: Item[];
  /** Category index of each item (substitutes come from the same category). */
  itemCategory: number[];
  customers: Customer[];
  creditHeldCustomers: Set<string>;
  substitutionRules: SubstitutionRule[];
  dropShipOptions: DropShipOption[];
}

const c = (n: number) => Math.round(n) as Cents;

export function generateCatalog(p: ScaleParams, rng: Rng, clock: Clock): Catalog {
  const warehouses: Warehouse[] = [];
  for (let r = 0; r < p.regions; r++) {
    const region = REGIONS[r % REGIONS.length] as (typeof REGIONS)[number];
    for (let w = 0; w < p.warehousesPerRegion; w++) {
      warehouses.push({
        id: `WH-${region.id.toUpperCase()}-${w + 1}`,
        name: `${region.cities[w % region.cities.length]} ${w === 0 ? 'DC' : 'Branch'}`,
        region: region.id,
        version: 1,
        modifiedAt: clock.before(365),
      });
    }
  }

  // Lanes: every pair inside a region (short, cheap) and between regional hubs (the first warehouse of each).
  const lanes: Lane[] = [];
  const addLane = (from: Warehouse, to: Warehouse, days: number, cost: number) =>
    lanes.push({ id: `LN-${from.id}-${to.id}`, fromWarehouseId: from.id, toWarehouseId: to.id, transferDays: days, costPerUnit: c(cost), version: 1, modifiedAt: clock.before(365) });
  for (const from of warehouses) {
    for (const to of warehouses) {
      if (from === to) continue;
      const hubs = from.id.endsWith('-1') && to.id.endsWith('-1');
      if (from.region === to.region) addLane(from, to, rng.int(1, 2), rng.int(20, 90));
      else if (hubs) addLane(from, to, rng.int(3, 6), rng.int(120, 320));
    }
  }

  const items: Item[] = [];
  const itemCategory: number[] = [];
  for (let i = 0; i < p.skus; i++) {
    const cat = rng.int(0, CATEGORIES.length - 1);
    const category = CATEGORIES[cat] as (typeof CATEGORIES)[number];
    const sku = `SKU-${String(10000 + i)}`;
    // Log-uniform cost from $0.50 to $800: a few expensive items, many cheap ones.
    const cost = Math.round(50 * Math.pow(1600, rng.next()));
    items.push({
      id: sku,
      sku,
      description: `${category.name} ${rng.pick(category.attrs)}`,
      unit: rng.pick(UNITS),
      packSize: rng.pick(PACK_SIZES),
      unitCost: c(cost),
      unitPrice: c(cost * (1.2 + rng.next() * 0.6)),
      version: rng.int(1, 4),
      modifiedAt: clock.before(180),
    });
    itemCategory.push(cat);
  }

  const customers: Customer[] = [];
  const creditHeldCustomers = new Set<string>();
  const channels = ['retail', 'field-service', 'ecommerce', 'wholesale'] as const;
  for (let i = 0; i < p.customers; i++) {
    const tier = rng.weighted([1, 2, 3] as const, [1, 3, 6]);
    const channel = rng.weighted(channels, [4, 3, 2, 2]);
    const limit = rng.int(10, 500) * 100_000; // $1k .. $50k steps of $1000
    const overLimit = rng.chance(0.04);
    const exposure = overLimit ? limit * (1.02 + rng.next() * 0.3) : limit * (0.1 + rng.next() * 0.85);
    const id = `CU-${String(i + 1).padStart(4, '0')}`;
    if (overLimit) creditHeldCustomers.add(id);
    customers.push({
      id,
      name: `${rng.pick(COMPANY_FIRST)} ${rng.pick(COMPANY_SECOND[channel])}`,
      tier,
      channel,
      creditLimit: c(limit),
      creditExposure: c(exposure),
      fillRateCommitment: tier === 1 ? 0.97 + rng.int(0, 2) / 100 : tier === 2 ? 0.9 + rng.int(0, 5) / 100 : 0.8 + rng.int(0, 10) / 100,
      substitutionAllowed: rng.chance(0.7),
      version: rng.int(1, 6),
      modifiedAt: clock.before(60),
    });
  }

  // Substitution chains of 2..4 items of one category: A -> B (pref 1), A -> C (pref 2), B -> C ...
  const substitutionRules: SubstitutionRule[] = [];
  const byCategory = new Map<number, number[]>();
  itemCategory.forEach((cat, i) => {
    const list = byCategory.get(cat) ?? [];
    list.push(i);
    byCategory.set(cat, list);
  });
  for (const [, idxs] of [...byCategory.entries()].sort((a, b) => a[0] - b[0])) {
    for (let k = 0; k + 1 < idxs.length; ) {
      if (!rng.chance(0.3)) {
        k++;
        continue;
      }
      const len = Math.min(rng.int(2, 4), idxs.length - k);
      const chain = idxs.slice(k, k + len).map((i) => items[i] as Item);
      for (let a = 0; a < chain.length; a++) {
        for (let b = a + 1; b < chain.length; b++) {
          const from = chain[a] as Item;
          const to = chain[b] as Item;
          substitutionRules.push({
            id: `SR-${from.id}-${to.id}`,
            itemId: from.id,
            substituteItemId: to.id,
            ratio: rng.chance(0.85) ? 1 : 2,
            preference: b - a,
            requiresApproval: rng.chance(0.3),
            version: 1,
            modifiedAt: clock.before(120),
          });
        }
      }
      k += len;
    }
  }

  const dropShipOptions: DropShipOption[] = [];
  for (const item of items) {
    if (!rng.chance(0.2)) continue;
    const n = rng.int(1, 2);
    for (let s = 0; s < n; s++) {
      const supplierId = `SUP-${String(rng.int(1, p.suppliers)).padStart(3, '0')}`;
      if (dropShipOptions.some((d) => d.itemId === item.id && d.supplierId === supplierId)) continue;
      dropShipOptions.push({
        id: `DS-${item.id}-${supplierId}`,
        itemId: item.id,
        supplierId,
        leadDays: rng.int(3, 14),
        premiumPerUnit: c(item.unitCost * (0.05 + rng.next() * 0.2)),
        version: 1,
        modifiedAt: clock.before(90),
      });
    }
  }

  return { warehouses, lanes, items, itemCategory, customers, creditHeldCustomers, substitutionRules, dropShipOptions };
}
