// GET /{entity} (paging by (modifiedAt, id) with opaque cursors, tombstones), GET /{entity}/{id} with ETag,
// and PATCH /order-lines/{id} guarded by If-Match (428 without, 412 when stale).
import type { FastifyInstance } from 'fastify';
import { ENTITY_INFO, isEntityName, makeIssue } from '../../../shared/domain';
import type { HoldCode, OrderLine, Role } from '../../../shared/domain';
import { API_PREFIX, DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT, PROBLEM_TYPES, etagForVersion, orderLinePatchSchema, versionFromEtag } from '../../../shared/erp';
import type { Page } from '../../../shared/erp';
import { hasOpenException, raiseException, reconcileLineExceptions, resolveLineExceptions } from '../decisions/effects';
import { served } from '../store/store';
import { badRequest, decodeCursor, encodeCursor, isProblem, notFound, parseLimit, sendProblem } from './http';
import type { ErpRuntime } from './runtime';
import { principalOf } from './runtime';

const PATCH_ROLES: Readonly<Record<'priority' | 'holdCode', readonly Role[]>> = {
  priority: ['planner', 'supervisor'],
  holdCode: ['finance', 'supervisor'],
};

/** Set by the server: whether to drop the connection after committing this write (fault injection). */
export type DropDecider = () => boolean;

export function registerEntityRoutes(app: FastifyInstance, rt: ErpRuntime, dropAfterCommit: DropDecider): void {
  app.get<{ Params: { entity: string }; Querystring: { cursor?: string; limit?: string } }>(`${API_PREFIX}/:entity`, async (request, reply) => {
    const { entity } = request.params;
    if (!isEntityName(entity)) return sendProblem(reply, notFound(`no entity "${entity}"; known: ${Object.keys(ENTITY_INFO).join(', ')}`));
    const limit = parseLimit(request.query.limit, DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT);
    if (isProblem(limit)) return sendProblem(reply, limit);
    let after: { m: string; id: string } | undefined;
    if (request.query.cursor !== undefined && request.query.cursor !== '') {
      const c = decodeCursor(entity, request.query.cursor);
      if (c === null) return sendProblem(reply, badRequest('cursor', `query parameter "cursor" is not a cursor of ${entity} (use nextCursor from a page of ${entity})`));
      after = c;
    }
    const { rows, hasMore } = rt.store.table(entity).page(after, limit);
    const last = rows[rows.length - 1];
    const nextCursor = last !== undefined ? encodeCursor(entity, last.modifiedAt, last.id) : (request.query.cursor || encodeCursor(entity, '', ''));
    // total: the table's size is known at no cost (records and tombstones, as a pull from the start sees them).
    const page: Page<unknown> = { items: rows.map(served), nextCursor, hasMore, serverTime: new Date().toISOString() as Page<unknown>['serverTime'], total: rt.store.table(entity).size };
    return reply.header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(page));
  });

  app.get<{ Params: { entity: string; id: string } }>(`${API_PREFIX}/:entity/:id`, async (request, reply) => {
    const { entity, id } = request.params;
    if (!isEntityName(entity)) return sendProblem(reply, notFound(`no entity "${entity}"`));
    const row = rt.store.table(entity).get(id);
    if (row === undefined) return sendProblem(reply, notFound(`${entity} "${id}" does not exist`));
    if (row.deleted === true) return sendProblem(reply, notFound(`${entity} "${id}" has been deleted`));
    return reply.header('etag', etagForVersion(row.version)).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(row));
  });

  app.patch<{ Params: { entity: string; id: string } }>(`${API_PREFIX}/:entity/:id`, async (request, reply) => {
    const { entity, id } = request.params;
    if (entity !== 'order-lines') {
      return sendProblem(reply, { type: PROBLEM_TYPES.validation, title: 'Method not allowed', status: 405, detail: `PATCH is only offered on order-lines, not ${entity}` });
    }
    const ifMatch = request.headers['if-match'];
    if (typeof ifMatch !== 'string' || ifMatch.trim() === '') {
      return sendProblem(reply, { type: PROBLEM_TYPES.preconditionRequired, title: 'If-Match required', status: 428, detail: 'PATCH needs If-Match with the ETag you read (GET the row first)', field: 'If-Match' });
    }
    const parsed = orderLinePatchSchema.safeParse(request.body ?? {});
    if (!parsed.success) {
      const zi = parsed.error.issues[0];
      const field = zi?.code === 'unrecognized_keys' ? String(zi.keys[0]) : String(zi?.path[0] ?? '(body)');
      const expected = field === 'priority' ? 'an integer from 1 to 99' : field === 'holdCode' ? 'one of "none", "credit", "compliance"' : 'only priority and holdCode';
      const found = typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, unknown>)[field] : request.body;
      const issue = makeIssue('order-lines', id, field, expected, found);
      return sendProblem(reply, { type: PROBLEM_TYPES.validation, title: 'Invalid patch', status: 422, detail: issue.message, field, errors: [issue] });
    }
    const patch = parsed.data;
    const fields = Object.keys(patch).filter((k) => patch[k as keyof typeof patch] !== undefined) as ('priority' | 'holdCode')[];
    if (fields.length === 0) return sendProblem(reply, { ...badRequest('(body)', 'send priority and/or holdCode'), status: 422 });
    const { role } = principalOf(request);
    const denied = fields.find((f) => !PATCH_ROLES[f].includes(role));
    if (denied !== undefined) {
      return sendProblem(reply, { type: PROBLEM_TYPES.forbidden, title: 'Role not allowed', status: 403, detail: `changing ${denied} needs the role ${PATCH_ROLES[denied].join(' or ')}; your role is ${role}`, field: denied });
    }
    const store = rt.store;
    const raw = store.table('order-lines').get(id);
    if (raw === undefined || raw.deleted === true) return sendProblem(reply, notFound(`order-lines "${id}" does not exist`));
    const basis = versionFromEtag(ifMatch);
    if (basis === null) return sendProblem(reply, badRequest('If-Match', `If-Match expected an ETag like "7", found ${JSON.stringify(ifMatch)}`));
    if (basis !== raw.version) {
      return sendProblem(reply, {
        type: PROBLEM_TYPES.versionConflict,
        title: 'The row has changed since it was read',
        status: 412,
        detail: `order-lines "${id}" is at version ${raw.version}, the request was based on version ${basis}`,
        field: 'If-Match',
        currentRows: [store.current('order-lines', id)],
      });
    }
    const line = raw as unknown as OrderLine;
    const tx = store.begin();
    const next: OrderLine = { ...line, ...(patch.priority === undefined ? {} : { priority: patch.priority }), ...(patch.holdCode === undefined ? {} : { holdCode: patch.holdCode as HoldCode }) };
    tx.put('order-lines', next);
    if (patch.holdCode !== undefined && patch.holdCode !== line.holdCode) {
      resolveLineExceptions(store, tx, id, ['credit-hold', 'compliance-hold']);
      if (patch.holdCode !== 'none' && !hasOpenException(store, tx, id, patch.holdCode === 'credit' ? 'credit-hold' : 'compliance-hold')) {
        raiseException(tx, {
          type: patch.holdCode === 'credit' ? 'credit-hold' : 'compliance-hold',
          orderLineId: id,
          itemId: line.itemId,
          warehouseId: line.warehouseId,
          severity: 'medium',
          sourceSystem: patch.holdCode === 'credit' ? 'finance' : 'erp',
          reason: `${patch.holdCode} hold placed by ${principalOf(request).user}`,
        });
      } else if (patch.holdCode === 'none') {
        reconcileLineExceptions(store, tx, next, 'hold released');
      }
    }
    const { rows } = store.commit(tx, { cause: { kind: 'patch', id, patch, user: principalOf(request).user } });
    if (dropAfterCommit()) {
      request.raw.socket.destroy();
      return reply.hijack();
    }
    const updated = rows.find((r) => r.entity === 'order-lines' && r.id === id)?.row as OrderLine;
    return reply.header('etag', etagForVersion(updated.version)).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(updated));
  });
}
