// POST /decisions (idempotent, preconditions), GET /decisions/{id} (stored outcome), GET /decisions (ledger).
import type { FastifyInstance } from 'fastify';
import { API_PREFIX, DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT } from '../../../shared/erp';
import type { Page } from '../../../shared/erp';
import type { DecisionOutcome } from '../../../shared/erp';
import { postDecisions } from '../decisions/post';
import { postDecisionBatch } from '../decisions/post-batch';
import { badRequest, isProblem, notFound, parseLimit, sendProblem } from './http';
import type { DropDecider } from './routes-entities';
import type { ErpRuntime } from './runtime';
import { principalOf } from './runtime';

export function registerDecisionRoutes(app: FastifyInstance, rt: ErpRuntime, dropAfterCommit: DropDecider): void {
  app.post(`${API_PREFIX}/decisions`, async (request, reply) => {
    const p = principalOf(request);
    const key = request.headers['idempotency-key'];
    const answer = postDecisions({ store: rt.store, role: p.role, user: p.user, asOf: rt.store.world.asOf }, typeof key === 'string' ? key : undefined, request.body);
    if (answer.status === 201 && dropAfterCommit()) {
      // Fault: the decision is committed and recorded, but the client never hears about it.
      request.raw.socket.destroy();
      return reply.hijack();
    }
    if (answer.problem) return sendProblem(reply, answer.body as Parameters<typeof sendProblem>[1]);
    return reply.code(answer.status).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(answer.body));
  });

  app.post(`${API_PREFIX}/decisions/batch`, async (request, reply) => {
    const p = principalOf(request);
    const answer = postDecisionBatch({ store: rt.store, role: p.role, user: p.user, asOf: rt.store.world.asOf }, request.body);
    if (answer.anyApplied === true && dropAfterCommit()) {
      // Fault: the batch's entries are committed and recorded, but the client never hears about it.
      request.raw.socket.destroy();
      return reply.hijack();
    }
    if (answer.problem) return sendProblem(reply, answer.body as Parameters<typeof sendProblem>[1]);
    return reply.code(answer.status).header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(answer.body));
  });

  app.get<{ Params: { id: string } }>(`${API_PREFIX}/decisions/:id`, async (request, reply) => {
    const outcome = rt.store.outcome(request.params.id);
    if (outcome === undefined) return sendProblem(reply, notFound(`no outcome recorded for decision "${request.params.id}" (never received, or refused as invalid)`));
    return reply.header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(outcome));
  });

  app.get<{ Querystring: { cursor?: string; limit?: string } }>(`${API_PREFIX}/decisions`, async (request, reply) => {
    const limit = parseLimit(request.query.limit, DEFAULT_PAGE_LIMIT, MAX_PAGE_LIMIT);
    if (isProblem(limit)) return sendProblem(reply, limit);
    let after = 0;
    if (request.query.cursor !== undefined && request.query.cursor !== '') {
      const m = /^seq:(\d+)$/.exec(Buffer.from(request.query.cursor, 'base64url').toString('utf8'));
      if (m === null) return sendProblem(reply, badRequest('cursor', 'query parameter "cursor" is not a ledger cursor'));
      after = Number(m[1]);
    }
    const { items, hasMore } = rt.store.ledgerPage(after, limit);
    const lastSeq = items[items.length - 1]?.sequence ?? after;
    const page: Page<DecisionOutcome> = {
      items,
      nextCursor: Buffer.from(`seq:${lastSeq}`).toString('base64url'),
      hasMore,
      serverTime: new Date().toISOString() as Page<DecisionOutcome>['serverTime'],
    };
    return reply.header('content-type', 'application/json; charset=utf-8').send(JSON.stringify(page));
  });
}
