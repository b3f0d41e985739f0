// Deterministic generator of a realistic distributor by seed and scale. Same seed, scale and asOf give the
// same bytes: a seeded PRNG, no clock (timestamps are derived from `asOf`), stable iteration order.
import { isIsoDate } from '../../../shared/domain';
import type { IsoDate, IsoDateTime, Snapshot } from '../../../shared/domain';
import type { Clock } from './catalog';
import { generateCatalog } from './catalog';
import { generateDemand } from './demand';
import { generateExceptions } from './exceptions';
import { createRng } from './random';
import { SCALES } from './scales';
import type { Scale } from './scales';

export { SCALES, isScale } from './scales';
export type { Scale } from './scales';
export { createRng } from './random';
export type { Rng } from './random';

/**
 * Bump when a change to the generator changes the bytes it produces for a seed: a data folder records the
 * version it was made with, because its journal only makes sense on top of the same generated world.
 */
export const GENERATOR_VERSION = 2;

/**
 * Versions this generator can still reproduce byte for byte, so a data folder made by one of them keeps working.
 * v1: no order types; v2: order lines carry `orderType` (drawn from a separate stream: every other value as in v1).
 */
export const SUPPORTED_GENERATOR_VERSIONS: readonly number[] = [1, 2];

/** The world's default business day when none is given. */
export const DEFAULT_AS_OF = '2026-11-27' as IsoDate;

export interface WorldOptions {
  readonly scale: Scale;
  readonly seed: number;
  /** The world's "today" ('YYYY-MM-DD'); every generated date and timestamp is relative to it. */
  readonly asOf?: string;
  /** Which generator version's world to produce (default GENERATOR_VERSION; see SUPPORTED_GENERATOR_VERSIONS). */
  readonly generator?: number;
}

/** Generates the whole world as a canonical snapshot (with `asOf`). */
export function generateWorld(options: WorldOptions): Snapshot & { readonly asOf: IsoDate } {
  const params = SCALES[options.scale];
  if (params === undefined) throw new RangeError(`scale expected one of ${Object.keys(SCALES).join(', ')}, found ${JSON.stringify(options.scale)}`);
  if (!Number.isSafeInteger(options.seed)) throw new RangeError(`seed expected an integer, found ${String(options.seed)}`);
  const asOf = (options.asOf ?? DEFAULT_AS_OF) as IsoDate;
  if (!isIsoDate(asOf)) throw new RangeError(`asOf expected a date 'YYYY-MM-DD', found ${JSON.stringify(options.asOf)}`);

  const generator = options.generator ?? GENERATOR_VERSION;
  if (!SUPPORTED_GENERATOR_VERSIONS.includes(generator)) throw new RangeError(`generator expected one of ${SUPPORTED_GENERATOR_VERSIONS.join(', ')}, found ${String(options.generator)}`);

  const asOfMs = Date.parse(`${asOf}T00:00:00.000Z`);
  const clockRng = createRng(options.seed, 1);
  const clock: Clock = {
    before: (daysBack) => new Date(asOfMs - clockRng.int(60, Math.max(60, daysBack * 86_400)) * 1000).toISOString() as IsoDateTime,
  };
  const catalog = generateCatalog(params, createRng(options.seed, 2), clock);
  const demand = generateDemand(params, catalog, createRng(options.seed, 3), clock, asOf, generator >= 2 ? createRng(options.seed, 5) : null);
  const exceptions = generateExceptions(
    { orderLines: demand.orderLines, inventoryBalances: demand.inventoryBalances, customers: catalog.customers, substitutionRules: catalog.substitutionRules },
    createRng(options.seed, 4),
    clock,
    asOf,
  );
  return {
    asOf,
    items: catalog.items,
    warehouses: catalog.warehouses,
    lanes: catalog.lanes,
    customers: catalog.customers,
    substitutionRules: catalog.substitutionRules,
    dropShipOptions: catalog.dropShipOptions,
    orderLines: demand.orderLines,
    inventoryBalances: demand.inventoryBalances,
    exceptions,
  };
}
