// Order types for generated orders: most orders are standard, field service sends rush orders for technicians
// waiting on parts, retail and wholesale stores re-stock with replenishment orders, and strategic (tier 1-2)
// accounts buy under contracts. Drawn once per order (every line of an order shares its type) from its own PRNG
// stream, so adding order types changed no other generated value.
import type { Customer, OrderType } from '../../../shared/domain';
import { ORDER_TYPES } from '../../../shared/domain';
import type { Rng } from './random';

/** Relative weights of standard / rush / contract / replenishment by channel, before the tier adjustment. */
const CHANNEL_WEIGHTS: Readonly<Record<Customer['channel'], readonly [number, number, number, number]>> = {
  retail: [62, 6, 8, 24],
  'field-service': [58, 30, 10, 2],
  ecommerce: [84, 12, 2, 2],
  wholesale: [55, 4, 9, 32],
};

/** Contracts are signed with strategic accounts: tier 1 is three times, tier 3 a third as likely as tier 2. */
const CONTRACT_FACTOR: Readonly<Record<Customer['tier'], number>> = { 1: 3, 2: 1, 3: 1 / 3 };

/** Draws one order's type for `customer`. */
export function drawOrderType(rng: Rng, customer: Pick<Customer, 'channel' | 'tier'>): OrderType {
  const [standard, rush, contract, replenishment] = CHANNEL_WEIGHTS[customer.channel];
  return rng.weighted(ORDER_TYPES, [standard, rush, contract * CONTRACT_FACTOR[customer.tier], replenishment]);
}
