// The reference ERP's governance endpoints, as a Fastify plugin function the ERP server calls:
//   GET  /api/v1/policies           governed policy versions (and retired ones), with the active version
//   POST /api/v1/policies           a supervisor publishes the next governed version (Idempotency-Key, If-Match)
//   POST /api/v1/audit              a batch of audit events, exactly once per Idempotency-Key (201 new, 200 replay)
//   GET  /api/v1/audit              recorded events, filterable by decisionId / orderLineId (for auditors and tests)
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Role } from '../../shared/domain';
import { PROBLEM_TYPES } from '../../shared/erp';
import type { Problem } from '../../shared/erp';
import { AUDIT_PATH, POLICIES_PATH, activePolicyVersion, checkAuditBatch, checkPublishRequest, policiesEtag, publishRefusal } from '../../shared/governance';
import type { PoliciesResponse } from '../../shared/governance';
import type { GovernanceStore } from './store';

export type { PoliciesResponse } from '../../shared/governance';

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

interface FieldIssue {
  readonly field: string;
  readonly expected: string;
  readonly found: string;
  readonly message: string;
}

function sendProblem(reply: FastifyReply, p: Problem): FastifyReply {
  return reply.code(p.status).header('content-type', 'application/problem+json; charset=utf-8').send(JSON.stringify(p));
}

/** The 422 for a refused body: the first issue's field and message up front, every issue listed. */
function invalidBody(title: string, entity: string, issues: readonly FieldIssue[], recordIdOf: (field: string) => string): Problem {
  return {
    type: PROBLEM_TYPES.validation,
    title,
    status: 422,
    detail: issues[0]?.message ?? title,
    field: issues[0]?.field,
    errors: issues.map((i) => ({ entity, recordId: recordIdOf(i.field), field: i.field, expected: i.expected, found: i.found, message: i.message })),
  };
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

  /** The idempotency key of a write, or null after answering 400. */
  function idempotencyKey(request: FastifyRequest, reply: FastifyReply): string | null {
    const rawKey = request.headers['idempotency-key'];
    const key = typeof rawKey === 'string' ? rawKey.trim() : '';
    if (key !== '' && key.length <= 200) return key;
    sendProblem(reply, { type: PROBLEM_TYPES.validation, title: 'Bad request', status: 400, field: 'Idempotency-Key', detail: `header "Idempotency-Key" expected a non-empty key of at most 200 characters, found ${JSON.stringify(rawKey ?? null)}` });
    return null;
  }

  app.get(POLICIES_PATH, async (request, reply) => {
    if (!allowed(request, reply)) return reply;
    const items = deps.store.policies();
    const body: PoliciesResponse = { items, activeVersion: activePolicyVersion(items)?.version ?? null, serverTime: now().toISOString() };
    return reply.code(200).header('etag', policiesEtag(items)).send(body);
  });

  app.post(POLICIES_PATH, async (request, reply) => {
    // Publishing needs to know who publishes (for the version and the audit), so open mode is no excuse here.
    const who = deps.authenticate?.(request) ?? 'publishing a policy needs an authenticated supervisor';
    if (who === null || typeof who !== 'object') {
      return sendProblem(reply, { type: PROBLEM_TYPES.unauthorized, title: 'Unauthorized', status: 401, detail: typeof who === 'string' ? who : 'a bearer token is required' });
    }
    const refusal = publishRefusal(who.role);
    if (refusal !== null) return sendProblem(reply, { type: PROBLEM_TYPES.forbidden, title: 'Forbidden', status: 403, detail: refusal });
    const key = idempotencyKey(request, reply);
    if (key === null) return reply;
    const checked = checkPublishRequest(request.body);
    if (!checked.ok) {
      return sendProblem(reply, invalidBody('Invalid policy publication', 'policies', checked.issues, () => '(publication)'));
    }
    // If-Match (the collection ETag from GET) and baseVersion say the same thing: "on top of what I have seen".
    const ifMatch = request.headers['if-match'];
    const outcome = deps.store.publishPolicy(key, checked.request, who, now(), typeof ifMatch === 'string' ? ifMatch : undefined);
    if (outcome.kind === 'stale') {
      return sendProblem(reply.header('etag', outcome.etag), {
        type: PROBLEM_TYPES.versionConflict,
        title: 'A newer policy version exists',
        status: 412,
        field: outcome.field,
        detail:
          outcome.field === 'If-Match'
            ? `header "If-Match" expected ${outcome.etag} (the policies as they are now), found ${String(ifMatch)}; nothing was published`
            : `field "baseVersion" expected ${outcome.latest} (the newest version), found ${checked.request.baseVersion}: start a draft from v${outcome.latest} and publish again; nothing was published`,
        latestVersion: outcome.latest,
      });
    }
    switch (outcome.kind) {
      case 'published':
        return reply.code(201).header('etag', policiesEtag(deps.store.policies())).send(outcome.result);
      case 'replay':
        return reply.code(200).header('etag', policiesEtag(deps.store.policies())).send(outcome.result);
      case 'key-reused':
        return sendProblem(reply, { type: PROBLEM_TYPES.idempotencyMismatch, title: 'Idempotency-Key reused', status: 422, field: 'Idempotency-Key', detail: `key ${JSON.stringify(key)} was used before with a different publication; nothing was published` });
    }
  });

  app.post(AUDIT_PATH, async (request, reply) => {
    if (!allowed(request, reply)) return reply;
    const key = idempotencyKey(request, reply);
    if (key === null) return reply;
    const checked = checkAuditBatch(request.body);
    if (!checked.ok) {
      return sendProblem(reply, invalidBody('Invalid audit batch', 'audit', checked.issues, (field) => field.match(/^events\[\d+\]/)?.[0] ?? '(body)'));
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
