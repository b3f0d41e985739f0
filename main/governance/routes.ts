// The reference ERP's governance endpoints, as a Fastify plugin function the ERP server calls:
//   GET  /api/v1/policies           governed policy versions (and retired ones), with the active version
//   POST /api/v1/audit              a batch of audit events, exactly once per Idempotency-Key (201 new, 200 replay)
//   GET  /api/v1/audit              recorded events, filterable by decisionId / orderLineId (for auditors and tests)
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../shared/domain';
import { PROBLEM_TYPES } from '../../shared/erp';
import type { Problem } from '../../shared/erp';
import { AUDIT_PATH, POLICIES_PATH, activePolicyVersion, checkAuditBatch } from '../../shared/governance';
import type { PolicyVersion } from '../../shared/governance';
import type { GovernanceStore } from './store';

export interface PoliciesResponse {
  readonly items: readonly PolicyVersion[];
  /** Version number of the policy in force. */
  readonly activeVersion: number | null;
  readonly serverTime: string;
}

export interface GovernanceDeps {
  readonly store: GovernanceStore;
  /**
   * Who is calling: a principal, or a reason string / null to answer 401. Omit to leave the routes open
   * (tests, or when the ERP authenticates in an earlier hook).
   */
  readonly authenticate?: (request: FastifyRequest) => { readonly user: string; readonly role: Role } | string | null;
  /** The ERP's clock (the reference ERP may simulate time). Default: the wall clock. */
  readonly now?: () => Date;
}

function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).header('content-type', 'application/problem+json; charset=utf-8').send(JSON.stringify(p));
}

/** Registers the governance routes on `app` (call before `app.listen` / `app.ready`). */
export function registerGovernanceRoutes(app: FastifyInstance, deps: GovernanceDeps): void {
  const now = deps.now ?? (() => new Date());

  /** Answers 401 and returns false when the caller is not authenticated. */
  function allowed(request: FastifyRequest, reply: FastifyReply): boolean {
    if (!deps.authenticate) return true;
    const who = deps.authenticate(request);
    if (who !== null && typeof who === 'object') return true;
    sendProblem(reply, { type: PROBLEM_TYPES.unauthorized, title: 'Unauthorized', status: 401, detail: typeof who === 'string' ? who : 'a bearer token is required' });
    return false;
  }

  app.get(POLICIES_PATH, async (request, reply) => {
    if (!allowed(request, reply)) return reply;
    const items = deps.store.policies();
    const body: PoliciesResponse = { items, activeVersion: activePolicyVersion(items)?.version ?? null, serverTime: now().toISOString() };
    return reply.code(200).send(body);
  });

  app.post(AUDIT_PATH, async (request, reply) => {
    if (!allowed(request, reply)) return reply;
    const rawKey = request.headers['idempotency-key'];
    const key = typeof rawKey === 'string' ? rawKey.trim() : '';
    if (key === '' || key.length > 200) {
      return sendProblem(reply, { type: PROBLEM_TYPES.validation, title: 'Bad request', status: 400, field: 'Idempotency-Key', detail: `header "Idempotency-Key" expected a non-empty key of at most 200 characters, found ${JSON.stringify(rawKey ?? null)}` });
    }
    const checked = checkAuditBatch(request.body);
    if (!checked.ok) {
      return sendProblem(reply, {
        type: PROBLEM_TYPES.validation,
        title: 'Invalid audit batch',
        status: 422,
        detail: checked.issues[0]?.message ?? 'invalid audit batch',
        field: checked.issues[0]?.field,
        errors: checked.issues.map((i) => ({ entity: 'audit', recordId: i.field.match(/^events\[\d+\]/)?.[0] ?? '(body)', field: i.field, expected: i.expected, found: i.found, message: i.message })),
      });
    }
    const outcome = deps.store.recordAudit(key, checked.events, now());
    switch (outcome.kind) {
      case 'recorded':
        return reply.code(201).send(outcome.result);
      case 'replay':
        return reply.code(200).send(outcome.result);
      case 'key-reused':
        return sendProblem(reply, { type: PROBLEM_TYPES.idempotencyMismatch, title: 'Idempotency-Key reused', status: 422, field: 'Idempotency-Key', detail: `key ${JSON.stringify(key)} was used before with a different batch; nothing was recorded` });
      case 'conflict':
        return sendProblem(reply, { type: PROBLEM_TYPES.semanticConflict, title: 'Audit events differ from the recorded ones', status: 409, field: 'events', detail: `the audit log is append-only: event(s) ${outcome.eventIds.slice(0, 5).join(', ')} were recorded before with different content; nothing was recorded` });
    }
  });

  app.get(AUDIT_PATH, async (request, reply) => {
    if (!allowed(request, reply)) return reply;
    const q = request.query as Record<string, unknown>;
    const decisionId = typeof q.decisionId === 'string' ? q.decisionId : undefined;
    const orderLineId = typeof q.orderLineId === 'string' ? q.orderLineId : undefined;
    const items = deps.store.auditEvents().filter((e) => (decisionId === undefined || e.decisionId === decisionId) && (orderLineId === undefined || e.orderLineIds.includes(orderLineId)));
    return reply.code(200).send({ items, serverTime: now().toISOString() });
  });
}
