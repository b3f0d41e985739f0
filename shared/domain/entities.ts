// The entity registry: URL name <-> snapshot key <-> record type <-> spec <-> zod schema.
import type { z } from 'zod';
import { zodForRecord } from './fields';
import type { RecordSpec } from './fields';
import type {
  Customer,
  DropShipOption,
  InventoryBalance,
  Item,
  Lane,
  OrderException,
  OrderLine,
  SubstitutionRule,
  Warehouse,
} from './records';
import {
  customerSpec,
  dropShipOptionSpec,
  inventoryBalanceSpec,
  itemSpec,
  laneSpec,
  orderExceptionSpec,
  orderLineSpec,
  substitutionRuleSpec,
  warehouseSpec,
} from './specs';

/** URL names of the entities the ERP serves, in dependency order (referenced before referencing). */
export const ENTITIES = [
  'items',
  'warehouses',
  'lanes',
  'customers',
  'substitution-rules',
  'drop-ship-options',
  'order-lines',
  'inventory-balances',
  'exceptions',
] as const;
export type EntityName = (typeof ENTITIES)[number];

/** The record type served under each entity name. */
export interface EntityRecords {
  items: Item;
  warehouses: Warehouse;
  lanes: Lane;
  customers: Customer;
  'substitution-rules': SubstitutionRule;
  'drop-ship-options': DropShipOption;
  'order-lines': OrderLine;
  'inventory-balances': InventoryBalance;
  exceptions: OrderException;
}
export type EntityRecord<E extends EntityName> = EntityRecords[E];

/** Snapshot key (camelCase) for each entity name. */
export const SNAPSHOT_KEYS = {
  items: 'items',
  warehouses: 'warehouses',
  lanes: 'lanes',
  customers: 'customers',
  'substitution-rules': 'substitutionRules',
  'drop-ship-options': 'dropShipOptions',
  'order-lines': 'orderLines',
  'inventory-balances': 'inventoryBalances',
  exceptions: 'exceptions',
} as const satisfies Record<EntityName, string>;
export type SnapshotKey = (typeof SNAPSHOT_KEYS)[EntityName];

export const itemSchema = zodForRecord(itemSpec);
export const warehouseSchema = zodForRecord(warehouseSpec);
export const laneSchema = zodForRecord(laneSpec);
export const customerSchema = zodForRecord(customerSpec);
export const substitutionRuleSchema = zodForRecord(substitutionRuleSpec);
export const dropShipOptionSchema = zodForRecord(dropShipOptionSpec);
export const orderLineSchema = zodForRecord(orderLineSpec);
export const inventoryBalanceSchema = zodForRecord(inventoryBalanceSpec);
export const orderExceptionSchema = zodForRecord(orderExceptionSpec);

export interface EntityInfo {
  readonly name: EntityName;
  readonly snapshotKey: SnapshotKey;
  /** Singular label for messages and docs, e.g. 'order line'. */
  readonly label: string;
  readonly spec: RecordSpec;
  readonly schema: z.ZodObject;
}

/** Everything known about each entity, keyed by URL name. */
export const ENTITY_INFO: Readonly<Record<EntityName, EntityInfo>> = {
  items: { name: 'items', snapshotKey: 'items', label: 'item', spec: itemSpec, schema: itemSchema },
  warehouses: { name: 'warehouses', snapshotKey: 'warehouses', label: 'warehouse', spec: warehouseSpec, schema: warehouseSchema },
  lanes: { name: 'lanes', snapshotKey: 'lanes', label: 'lane', spec: laneSpec, schema: laneSchema },
  customers: { name: 'customers', snapshotKey: 'customers', label: 'customer', spec: customerSpec, schema: customerSchema },
  'substitution-rules': {
    name: 'substitution-rules',
    snapshotKey: 'substitutionRules',
    label: 'substitution rule',
    spec: substitutionRuleSpec,
    schema: substitutionRuleSchema,
  },
  'drop-ship-options': {
    name: 'drop-ship-options',
    snapshotKey: 'dropShipOptions',
    label: 'drop-ship option',
    spec: dropShipOptionSpec,
    schema: dropShipOptionSchema,
  },
  'order-lines': { name: 'order-lines', snapshotKey: 'orderLines', label: 'order line', spec: orderLineSpec, schema: orderLineSchema },
  'inventory-balances': {
    name: 'inventory-balances',
    snapshotKey: 'inventoryBalances',
    label: 'inventory balance',
    spec: inventoryBalanceSpec,
    schema: inventoryBalanceSchema,
  },
  exceptions: { name: 'exceptions', snapshotKey: 'exceptions', label: 'exception', spec: orderExceptionSpec, schema: orderExceptionSchema },
};

/** True for a known entity URL name (use to validate route params and user input). */
export function isEntityName(value: unknown): value is EntityName {
  return typeof value === 'string' && (ENTITIES as readonly string[]).includes(value);
}

/** The entity name for a snapshot key ('orderLines' -> 'order-lines'). */
export function entityForSnapshotKey(key: SnapshotKey): EntityName {
  return ENTITIES.find((e) => SNAPSHOT_KEYS[e] === key) as EntityName;
}
