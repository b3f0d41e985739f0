// The OpenAPI 3.1 document of the canonical API, generated from the same zod schemas the server validates
// with. Every request and response carries an example that passes its schema (checked by tests).
import { z } from 'zod';
import { ENTITIES, ENTITY_INFO, exampleDecision, exampleRecords as domainExampleRecords, exampleTombstone } from '../domain';
import { API_PREFIX, MAX_PAGE_LIMIT, PROBLEM_TYPES } from './contract';
import type { DecisionBatchResult, DecisionOutcome, Health, Problem, TokenResponse } from './contract';
import { governanceOpenApiExamples, governanceOpenApiPaths } from './openapi-governance';
import {
  decisionBatchPostResultSchema,
  decisionBatchRequestSchema,
  decisionBatchResultSchema,
  decisionLedgerPageSchema,
  decisionOutcomeSchema,
  decisionRequestSchema,
  healthSchema,
  orderLinePatchSchema,
  pageSchemaFor,
  problemSchema,
  tokenRequestSchema,
  tokenResponseSchema,
} from './schemas';

/** The domain's example records, the order line with its (optional) order type shown. */
const exampleRecords = { ...domainExampleRecords, 'order-lines': { ...domainExampleRecords['order-lines'], orderType: 'contract' as const } };

export const exampleOutcome: DecisionOutcome = {
  decisionId: exampleDecision.id,
  idempotencyKey: exampleDecision.id,
  status: 'applied',
  httpStatus: 201,
  recordedAt: '2026-11-27T09:31:02.120Z' as DecisionOutcome['recordedAt'],
  sequence: 42,
  type: exampleDecision.type,
  basis: exampleDecision.basis,
  changed: [
    { entity: 'order-lines', id: 'OL-SO-104198-1', version: 5 },
    { entity: 'order-lines', id: 'OL-SO-104211-3', version: 8 },
  ],
};
const exampleBatch: DecisionBatchResult = {
  idempotencyKey: exampleDecision.id,
  status: 'applied',
  outcomes: [exampleOutcome],
  rows: [{ entity: 'order-lines', id: 'OL-SO-104211-3', row: { ...exampleRecords['order-lines'], reservedQty: 36 as never, version: 8 } }],
};
const exampleSecondDecision = { ...exampleDecision, id: 'DEC-7f3a9c2e-0002', basis: exampleDecision.basis.map((b) => ({ ...b, id: `${b.id}-B` })) };
const exampleBatchRequest = {
  entries: [
    { idempotencyKey: exampleDecision.id, decision: exampleDecision },
    { idempotencyKey: exampleSecondDecision.id, decision: exampleSecondDecision },
  ],
};
const exampleBatchPostResult = {
  results: [
    { idempotencyKey: exampleDecision.id, status: 201, body: exampleBatch },
    {
      idempotencyKey: exampleSecondDecision.id,
      status: 409,
      body: {
        type: PROBLEM_TYPES.semanticConflict,
        title: 'Precondition failed: not enough available stock',
        status: 409,
        detail: 'reserve 30 of SKU-10042 at WH-EAST-1: available 24',
        decisionId: exampleSecondDecision.id,
        field: 'payload.qty',
        currentRows: [{ entity: 'inventory-balances', id: 'SKU-10042@WH-EAST-1', row: exampleRecords['inventory-balances'] }],
      },
    },
  ],
};
const exampleHealth: Health = {
  status: 'ok',
  erpName: 'Reference ERP (small world, seed 7)',
  apiVersion: 'v1',
  serverTime: '2026-11-27T09:31:02.120Z' as Health['serverTime'],
  asOf: '2026-11-27' as Health['asOf'],
  world: { scale: 'small', seed: 7 },
};
const exampleToken: TokenResponse = { access_token: 'eyJzdWIiOiJwbGFubmVyIn0.c2lnbmF0dXJl', token_type: 'Bearer', expires_in: 28_800, role: 'planner' };

const problemExamples: Record<string, Problem> = {
  400: { type: PROBLEM_TYPES.validation, title: 'Bad request', status: 400, detail: 'query parameter "cursor" is not a cursor of this entity', field: 'cursor' },
  401: { type: PROBLEM_TYPES.unauthorized, title: 'Authentication required', status: 401, detail: 'Send Authorization: Bearer <token> from POST /api/v1/auth/token' },
  403: { type: PROBLEM_TYPES.forbidden, title: 'Role not allowed', status: 403, detail: 'release-hold of a credit hold needs the finance role; your role is planner' },
  404: { type: PROBLEM_TYPES.notFound, title: 'Not found', status: 404, detail: 'order-lines "OL-404" does not exist' },
  409: {
    type: PROBLEM_TYPES.semanticConflict,
    title: 'Precondition failed: not enough available stock',
    status: 409,
    detail: 'reserve 30 of SKU-10042 at WH-EAST-1: available 24',
    decisionId: exampleDecision.id,
    field: 'payload.qty',
    currentRows: [{ entity: 'inventory-balances', id: 'SKU-10042@WH-EAST-1', row: exampleRecords['inventory-balances'] }],
  },
  412: {
    type: PROBLEM_TYPES.versionConflict,
    title: 'The row has changed since it was read',
    status: 412,
    detail: 'order-lines "OL-SO-104211-3" is at version 8, the request was based on version 7',
    field: 'If-Match',
    currentRows: [{ entity: 'order-lines', id: 'OL-SO-104211-3', row: { ...exampleRecords['order-lines'], version: 8 } }],
  },
  422: {
    type: PROBLEM_TYPES.validation,
    title: 'Invalid decision',
    status: 422,
    detail: 'decisions "DEC-7f3a9c2e-0001": field "payload.qty" expected a non-negative integer, found -3',
    field: 'payload.qty',
    errors: [
      {
        entity: 'decisions',
        recordId: 'DEC-7f3a9c2e-0001',
        field: 'payload.qty',
        expected: 'a non-negative integer',
        found: '-3',
        message: 'decisions "DEC-7f3a9c2e-0001": field "payload.qty" expected a non-negative integer, found -3',
      },
    ],
  },
  428: { type: PROBLEM_TYPES.preconditionRequired, title: 'If-Match required', status: 428, detail: 'PATCH needs If-Match with the ETag you read', field: 'If-Match' },
  429: { type: PROBLEM_TYPES.rateLimited, title: 'Too many requests', status: 429, detail: 'Retry after 2 s', retryAfterSeconds: 2 },
  503: { type: PROBLEM_TYPES.serverError, title: 'Service unavailable', status: 503, detail: 'Injected fault (error5xx)' },
};

/** Every example paired with the zod schema it must satisfy (the tests walk this list). */
export function openApiExamples(): { name: string; schema: z.ZodType; example: unknown }[] {
  const out: { name: string; schema: z.ZodType; example: unknown }[] = [
    { name: 'TokenRequest', schema: tokenRequestSchema, example: { username: 'planner', password: 'planner' } },
    { name: 'TokenResponse', schema: tokenResponseSchema, example: exampleToken },
    { name: 'OrderLinePatch', schema: orderLinePatchSchema, example: { priority: 1, holdCode: 'none' } },
    { name: 'DecisionRequest', schema: decisionRequestSchema, example: exampleDecision },
    { name: 'DecisionBatchResult', schema: decisionBatchResultSchema, example: exampleBatch },
    { name: 'DecisionBatchRequest', schema: decisionBatchRequestSchema, example: exampleBatchRequest },
    { name: 'DecisionBatchPostResult', schema: decisionBatchPostResultSchema, example: exampleBatchPostResult },
    { name: 'DecisionOutcome', schema: decisionOutcomeSchema, example: exampleOutcome },
    { name: 'DecisionLedgerPage', schema: decisionLedgerPageSchema, example: { items: [exampleOutcome], nextCursor: 'c2VxOjQy', hasMore: false, serverTime: exampleHealth.serverTime } },
    { name: 'Health', schema: healthSchema, example: exampleHealth },
    ...Object.entries(problemExamples).map(([code, example]) => ({ name: `Problem${code}`, schema: problemSchema, example })),
    ...governanceOpenApiExamples(),
  ];
  for (const e of ENTITIES) {
    out.push({ name: `${e}:record`, schema: ENTITY_INFO[e].schema, example: exampleRecords[e] });
    out.push({
      name: `${e}:page`,
      schema: pageSchemaFor(e),
      example: { items: [exampleRecords[e], { ...exampleTombstone, id: `${exampleRecords[e].id}-OLD` }], nextCursor: 'eyJtIjoiMjAyNi0xMS0yNlQxODowNTowMC4wMDBaIiwiaSI6IlgifQ', hasMore: true, serverTime: exampleHealth.serverTime, total: 2 },
    });
  }
  return out;
}

function jsonSchema(schema: z.ZodType): unknown {
  return z.toJSONSchema(schema, { unrepresentable: 'any', io: 'input' });
}

function content(schema: z.ZodType, example: unknown, type = 'application/json') {
  return { [type]: { schema: jsonSchema(schema), example } };
}

function problems(...codes: number[]) {
  return Object.fromEntries(
    codes.map((c) => [String(c), { description: problemExamples[c]?.title ?? 'Problem', content: content(problemSchema, problemExamples[c], 'application/problem+json') }]),
  );
}

const bearer = [{ bearerAuth: [] }];
const idParam = { name: 'id', in: 'path', required: true, schema: { type: 'string' }, example: exampleRecords['order-lines'].id };

/** Builds the OpenAPI document; `serverUrl` fills `servers`. */
export function buildOpenApiDocument(options: { serverUrl?: string } = {}): Record<string, unknown> {
  const examples = new Map(openApiExamples().map((e) => [e.name, e.example]));
  const paths: Record<string, unknown> = {
    '/health': {
      get: {
        summary: 'Readiness (no auth)',
        security: [],
        responses: { 200: { description: 'Ready', content: content(healthSchema, examples.get('Health')) } },
      },
    },
    [`${API_PREFIX}/auth/token`]: {
      post: {
        summary: 'Get a bearer token. Demo users: planner, supervisor, finance (password = user name).',
        security: [],
        requestBody: { required: true, content: content(tokenRequestSchema, examples.get('TokenRequest')) },
        responses: { 200: { description: 'Token', content: content(tokenResponseSchema, examples.get('TokenResponse')) }, ...problems(401, 422, 429) },
      },
    },
    [`${API_PREFIX}/decisions`]: {
      post: {
        summary: 'Apply one decision or an all-or-nothing batch, exactly once per Idempotency-Key',
        description:
          'Idempotency-Key is required (use the decision id for a single decision). 201: applied now. 200: the same key was seen ' +
          'before and the stored result is returned (no second effect). 409: a semantic precondition failed (e.g. available < qty); ' +
          '412: a basis row version is stale. Both carry currentRows, nothing is changed, and the outcome is stored under the key. ' +
          '422: the decision is invalid (the field is named); nothing is stored. Roles: planner or supervisor; release-hold of a ' +
          'credit hold needs finance or supervisor.',
        security: bearer,
        parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' }, example: exampleDecision.id }],
        requestBody: { required: true, content: content(decisionRequestSchema, examples.get('DecisionRequest')) },
        responses: {
          200: { description: 'Replay: stored result of the first request', content: content(decisionBatchResultSchema, examples.get('DecisionBatchResult')) },
          201: { description: 'Applied', content: content(decisionBatchResultSchema, examples.get('DecisionBatchResult')) },
          ...problems(401, 403, 409, 412, 422, 429),
        },
      },
      get: {
        summary: 'The ledger of recorded decision outcomes, oldest first (for audit and exactly-once checks)',
        security: bearer,
        parameters: [
          { name: 'cursor', in: 'query', schema: { type: 'string' } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_LIMIT }, example: 100 },
        ],
        responses: { 200: { description: 'Page of outcomes', content: content(decisionLedgerPageSchema, examples.get('DecisionLedgerPage')) }, ...problems(401, 429) },
      },
    },
    [`${API_PREFIX}/decisions/batch`]: {
      post: {
        summary: 'Send many decisions in one request, each with its own Idempotency-Key; NOT all-or-nothing',
        description:
          'Each entry is applied, replayed or refused exactly as if it had been POSTed alone to /decisions with header ' +
          'Idempotency-Key = entry.idempotencyKey: same stored outcome per key, same 201 / 200 (replay) / 409 / 412 / 422 / 403 ' +
          'per entry, same preconditions. Entries are applied in request order (up to 500). The answer is 200 with one result ' +
          'per entry, in order, each carrying the status and body the lone POST would have got. 422 only when the envelope ' +
          'itself is malformed (nothing applied). A lost answer is resolved like lost single answers: GET /decisions/{id} per ' +
          'entry, or resend the same batch (each key replays). ERPs without this route answer 404/405: post one by one.',
        security: bearer,
        requestBody: { required: true, content: content(decisionBatchRequestSchema, examples.get('DecisionBatchRequest')) },
        responses: {
          200: { description: 'One result per entry, in order', content: content(decisionBatchPostResultSchema, examples.get('DecisionBatchPostResult')) },
          ...problems(401, 422, 429),
        },
      },
    },
    [`${API_PREFIX}/decisions/{id}`]: {
      get: {
        summary: 'The stored outcome of a decision (find out what happened after a lost response)',
        security: bearer,
        parameters: [{ ...idParam, example: exampleDecision.id }],
        responses: { 200: { description: 'Outcome', content: content(decisionOutcomeSchema, examples.get('DecisionOutcome')) }, ...problems(401, 404, 429) },
      },
    },
  };
  for (const e of ENTITIES) {
    const info = ENTITY_INFO[e];
    paths[`${API_PREFIX}/${e}`] = {
      get: {
        summary: `Page through ${e} ordered by (modifiedAt, id); deleted rows come back as { id, deleted: true }`,
        security: bearer,
        parameters: [
          { name: 'cursor', in: 'query', description: 'Opaque cursor from a previous page (never an offset)', schema: { type: 'string' } },
          { name: 'limit', in: 'query', schema: { type: 'integer', minimum: 1, maximum: MAX_PAGE_LIMIT, default: 500 }, example: 500 },
        ],
        responses: { 200: { description: `A page of ${info.label} rows`, content: content(pageSchemaFor(e), examples.get(`${e}:page`)) }, ...problems(400, 401, 429, 503) },
      },
    };
    const rowPath: Record<string, unknown> = {
      get: {
        summary: `One ${info.label}, with ETag = its version`,
        security: bearer,
        parameters: [{ ...idParam, example: exampleRecords[e].id }],
        responses: {
          200: { description: info.label, headers: { ETag: { schema: { type: 'string' }, example: `"${exampleRecords[e].version}"` } }, content: content(info.schema, exampleRecords[e]) },
          ...problems(401, 404, 429),
        },
      },
    };
    if (e === 'order-lines') {
      rowPath.patch = {
        summary: 'Change priority (planner, supervisor) or holdCode (finance, supervisor)',
        security: bearer,
        parameters: [idParam, { name: 'If-Match', in: 'header', required: true, schema: { type: 'string' }, example: '"7"' }],
        requestBody: { required: true, content: content(orderLinePatchSchema, examples.get('OrderLinePatch')) },
        responses: {
          200: { description: 'Updated row (new ETag)', content: content(info.schema, { ...exampleRecords['order-lines'], priority: 1, version: 8 }) },
          ...problems(401, 403, 404, 412, 422, 428, 429),
        },
      };
    }
    paths[`${API_PREFIX}/${e}/{id}`] = rowPath;
  }
  Object.assign(paths, governanceOpenApiPaths({ content, problems, problemSchema }));
  return {
    openapi: '3.1.0',
    info: {
      title: 'Allocation Workbench canonical ERP API',
      version: '1.0.0',
      description:
        'The API the workbench speaks to any ERP. Conventions: money is integer cents (minor units) in fields named plainly ' +
        '(unitPrice, unitCost, costPerUnit, premiumPerUnit, creditLimit, creditExposure); quantities are integer stocking units; ' +
        "dates are 'YYYY-MM-DD', instants are UTC ISO-8601. Every row has version (the ETag) and modifiedAt. Errors are " +
        'application/problem+json naming the field at fault. 429 answers carry Retry-After (seconds). Order lines may carry ' +
        'orderType (standard / rush / contract / replenishment; absent = standard), which governed policies can segment by ' +
        '(GET/POST /api/v1/policies).',
    },
    servers: [{ url: options.serverUrl ?? 'http://127.0.0.1:4010' }],
    components: {
      securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } },
      schemas: Object.fromEntries(ENTITIES.map((e) => [ENTITY_INFO[e].snapshotKey, { ...(jsonSchema(ENTITY_INFO[e].schema) as object), example: exampleRecords[e] }])),
    },
    security: bearer,
    paths,
  };
}
