// Builds KPI facts from what the workbench holds: cached ERP records, the current plan (if one is computed) and the
// audit events. Kept apart from the KPIs so the KPIs stay testable on hand-made facts.
import type { Customer, DropShipOption, IsoDate, Lane, OrderException, OrderLine, Warehouse } from '../../domain';
import type { Plan, PlanLine } from '../../engine/types';
import type { AuditEvent } from '../audit/events';
import type { ExceptionFact, KpiInput, LineFact, LineState } from './facts';

export interface CacheForKpis {
  readonly asOf: number;
  readonly exceptions: readonly OrderException[];
  readonly orderLines: readonly OrderLine[];
  readonly customers: readonly Customer[];
  readonly warehouses: readonly Warehouse[];
  readonly lanes: readonly Lane[];
  readonly dropShipOptions: readonly DropShipOption[];
  /** The plan the planner is looking at; without one, "after" equals the ERP's reservations. */
  readonly plan?: Plan | null;
  readonly audit: readonly AuditEvent[];
  readonly engineActors?: readonly string[];
}

/** The ERP's current state of a line: what is reserved ships on the promised date. */
function erpState(l: OrderLine): LineState {
  return { allocatedQty: l.reservedQty, shipDate: l.reservedQty > 0 ? l.promisedDate : null };
}

function planCosts(p: PlanLine, line: OrderLine, lanes: Map<string, Lane>, dropShip: Map<string, DropShipOption>): { transfer: number; expedite: number } {
  let transfer = 0;
  let expedite = 0;
  for (const a of p.allocations) {
    if (a.source === 'transfer') transfer += a.qty * (lanes.get(`${a.warehouseId}>${line.warehouseId}`)?.costPerUnit ?? 0);
    if (a.source === 'drop-ship' && a.dropShipOptionId) expedite += a.qty * (dropShip.get(a.dropShipOptionId)?.premiumPerUnit ?? 0);
  }
  return { transfer, expedite };
}

/** KPI facts from the cache and plan. A shipped line's ship day is the day the ERP last changed it. */
export function kpiInputFromCache(c: CacheForKpis): KpiInput {
  const region = new Map(c.warehouses.map((w) => [w.id, w.region]));
  const channel = new Map(c.customers.map((x) => [x.id, x.channel]));
  const lanes = new Map(c.lanes.map((l) => [`${l.fromWarehouseId}>${l.toWarehouseId}`, l]));
  const dropShip = new Map(c.dropShipOptions.map((d) => [d.id, d]));
  const plan = new Map((c.plan?.lines ?? []).map((p) => [p.orderLineId, p]));
  const lineById = new Map(c.orderLines.map((l) => [l.id, l]));
  const lines: LineFact[] = [];
  for (const l of c.orderLines) {
    if (l.status === 'cancelled') continue;
    const dims = { warehouseId: l.warehouseId, region: region.get(l.warehouseId), channel: channel.get(l.customerId) };
    if (l.status === 'shipped') {
      lines.push({ ...dims, orderLineId: l.id, open: false, demandQty: 0, unitPriceCents: l.unitPrice, promisedDate: l.promisedDate, before: erpState(l), after: erpState(l), transferCostCents: 0, expediteCostCents: 0, shippedOn: l.modifiedAt.slice(0, 10) as IsoDate });
      continue;
    }
    const p = plan.get(l.id);
    const before = erpState(l);
    const after: LineState = p ? { allocatedQty: p.allocatedQty, shipDate: p.shipDate } : before;
    const costs = p ? planCosts(p, l, lanes, dropShip) : { transfer: 0, expedite: 0 };
    lines.push({ ...dims, orderLineId: l.id, open: true, demandQty: p?.demandQty ?? l.orderedQty - l.shippedQty, unitPriceCents: l.unitPrice, promisedDate: l.promisedDate, before, after, transferCostCents: costs.transfer, expediteCostCents: costs.expedite });
  }
  const exceptions: ExceptionFact[] = c.exceptions.map((x) => {
    const line = x.orderLineId ? lineById.get(x.orderLineId) : undefined;
    const warehouseId = x.warehouseId ?? line?.warehouseId;
    return {
      id: x.id,
      type: x.type,
      detectedAt: Date.parse(x.detectedAt),
      resolvedAt: x.status === 'resolved' ? Date.parse(x.modifiedAt) : null,
      ...(x.orderLineId ? { orderLineId: x.orderLineId } : {}),
      warehouseId,
      region: warehouseId ? region.get(warehouseId) : undefined,
      channel: line ? channel.get(line.customerId) : undefined,
    };
  });
  return { asOf: c.asOf, exceptions, lines, audit: c.audit, engineActors: c.engineActors };
}
