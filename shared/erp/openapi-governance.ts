// The OpenAPI parts for the governance routes (policies, audit) and the loopback-only admin routes (faults, live
// events, reset, snapshot). The zod schemas wrap the very validators the server runs (validatePolicy, the draft
// segment check, checkPublishRequest, checkAuditEvent), so an example that passes here is one the server accepts.
import { z } from 'zod';
import { CHANNELS, ENTITIES, ORDER_TYPES, exampleRecords, snapshotSchema } from '../domain';
import type { IsoDateTime } from '../domain';
import { defaultPolicy, validatePolicy } from '../engine/policy';
import { STRATEGIES } from '../engine/types';
import {
  AUDIT_EVENT_KINDS,
  MAX_AUDIT_BATCH,
  MAX_POLICY_NAME_LENGTH,
  MAX_POLICY_NOTE_LENGTH,
  POLICY_STATUSES,
  checkAuditEvent,
  checkPublishRequest,
  checkSegments,
  policyPublishedEvent,
} from '../governance';
import type { AuditBatchResult, AuditEvent, GovernedSegment, PoliciesResponse, PolicyVersion, PublishPolicyRequest, PublishPolicyResult } from '../governance';
import { PROBLEM_TYPES } from './contract';
import type { Problem } from './contract';

type Issue = { readonly field: string; readonly message: string };
/** Turns a validator's issues into zod issues, so the JSON schema documents the shape and the refinement keeps the rules. */
const refineWith = (check: (v: unknown) => readonly Issue[]) => (value: unknown, ctx: z.RefinementCtx) => {
  for (const i of check(value)) ctx.addIssue({ code: 'custom', message: i.message, path: i.field.split('.') });
};

const segmentSchema = z
  .strictObject({
    tier: z.union([z.literal(1), z.literal(2), z.literal(3)]).optional(),
    channel: z.enum(CHANNELS).optional(),
    orderType: z.enum(ORDER_TYPES).optional().describe('standard / rush / contract / replenishment (a line without one is standard)'),
    strategy: z.enum(STRATEGIES),
  })
  .describe('Lines of this tier, channel and order type (each optional, at least one) follow this strategy; the first matching segment wins');

export const policySchema = z
  .looseObject({
    asOf: z.string().nullable(),
    weights: z.record(z.string(), z.number().min(0)).describe('Score factor weights, summing to 100'),
    segments: z.array(segmentSchema),
    defaultStrategy: z.enum(STRATEGIES),
    quotas: z.array(z.looseObject({ id: z.string(), itemId: z.string(), share: z.number() })),
    approvals: z.record(z.string(), z.looseObject({ maxValueCents: z.number(), maxQty: z.number(), minTier: z.number() })),
  })
  .superRefine(
    refineWith((v) => {
      const r = validatePolicy(v);
      return [...checkSegments((v as { segments?: unknown }).segments), ...(r.ok ? [] : r.issues)];
    }),
  )
  .describe('The engine policy: weights, segment strategies, quotas, safety stock, holds, costs, approval limits by role');

export const policyVersionSchema = z.object({
  id: z.string().min(1),
  version: z.number().int().min(0),
  status: z.enum(POLICY_STATUSES),
  name: z.string(),
  effectiveFrom: z.string().nullable(),
  createdBy: z.string(),
  createdAt: z.string(),
  basedOn: z.number().int().nullable(),
  note: z.string(),
  policy: policySchema,
});

export const policiesResponseSchema = z.object({ items: z.array(policyVersionSchema), activeVersion: z.number().int().nullable(), serverTime: z.string() });

export const publishPolicyRequestSchema = z
  .object({
    baseVersion: z.number().int().min(0).describe('The newest version the publisher has seen (412 when a newer one exists)'),
    name: z.string().min(1).max(MAX_POLICY_NAME_LENGTH),
    note: z.string().max(MAX_POLICY_NOTE_LENGTH).optional(),
    policy: policySchema,
  })
  .superRefine(
    refineWith((v) => {
      const r = checkPublishRequest(v);
      return r.ok ? [] : r.issues;
    }),
  );

export const auditEventSchema = z
  .looseObject({
    id: z.string().min(1),
    decisionId: z.string().min(1).describe('The decision, or the policy version id for a policy-published event'),
    orderLineIds: z.array(z.string()),
    at: z.number().int().min(0).describe('Epoch milliseconds, UTC'),
    event: z.enum(AUDIT_EVENT_KINDS),
    actor: z.string().min(1),
  })
  .superRefine(refineWith((v) => checkAuditEvent(v)));

export const publishPolicyResultSchema = z.object({ idempotencyKey: z.string(), version: policyVersionSchema, activeVersion: z.number().int(), auditEvent: auditEventSchema });
export const auditBatchRequestSchema = z.object({ events: z.array(auditEventSchema).max(MAX_AUDIT_BATCH) });
export const auditBatchResultSchema = z.object({ idempotencyKey: z.string(), recorded: z.number().int(), alreadyRecorded: z.number().int(), recordedAt: z.string() });
export const auditListSchema = z.object({ items: z.array(auditEventSchema), serverTime: z.string() });

// Admin (loopback only): the shapes main/erp/faults and main/erp/events accept.
export const faultSpecSchema = z.object({
  latency: z.number().min(0).describe('ms added to every API request'),
  error5xx: z.number().min(0).max(1).describe('probability of a 503 before doing anything'),
  burst429: z.number().int().min(0).describe('the next N API requests get 429'),
  retryAfter: z.number().min(0).describe('seconds announced in Retry-After'),
  dropAfterCommit: z.number().min(0).max(1).describe('probability that a write commits and the connection is then dropped'),
  seed: z.number().int(),
});
export const faultUpdateSchema = z.union([z.strictObject({ spec: z.string().describe('e.g. "latency=50,error5xx=0.1"; "" clears') }), faultSpecSchema.partial().strict()]);
const target = { itemId: z.string().optional(), warehouseId: z.string().optional() };
export const liveEventSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('demand-spike'), ...target, lines: z.number().int().min(1).optional(), qtyPerLine: z.number().int().min(1).optional() }),
  z.strictObject({ type: z.literal('cycle-count'), ...target, countedQty: z.number().int().min(0).optional() }),
  z.strictObject({ type: z.literal('supplier-confirm'), ...target, eta: z.string().optional(), qty: z.number().int().min(1).optional() }),
  z.strictObject({ type: z.literal('credit-hold'), customerId: z.string().optional() }),
  z.strictObject({ type: z.literal('delete'), entity: z.enum(ENTITIES), id: z.string() }),
  z.strictObject({ type: z.literal('touch'), entity: z.enum(ENTITIES), id: z.string() }),
]);
export const eventResultSchema = z.object({ summary: z.string(), event: liveEventSchema, changed: z.array(z.object({ entity: z.enum(ENTITIES), id: z.string(), version: z.number().int() })) });
export const compactResultSchema = z.object({ status: z.literal('compacted'), journalLines: z.number().int().min(0), rows: z.number().int().min(0).describe('rows changed since the world was generated, kept in the compacted entry') });
export const resetResultSchema = z.object({ status: z.literal('reset'), world: z.object({ scale: z.string(), seed: z.number().int(), asOf: z.string() }) });

const at = (s: string) => s as IsoDateTime;
const contractsWin: GovernedSegment = { orderType: 'contract', strategy: 'win' };
const exampleVersion: PolicyVersion = {
  id: 'POL-3',
  version: 3,
  status: 'governed',
  name: 'Contracts first',
  effectiveFrom: at('2026-11-27T09:00:00.000Z'),
  createdBy: 'supervisor',
  createdAt: at('2026-11-27T09:00:00.000Z'),
  basedOn: 2,
  note: 'Contract orders win scarce stock.',
  policy: { ...defaultPolicy, segments: [contractsWin, ...defaultPolicy.segments] },
};
const examplePrevious: PolicyVersion = { ...exampleVersion, id: 'POL-2', version: 2, status: 'retired', name: 'Service-led policy', basedOn: 1, note: '', createdAt: at('2026-10-28T06:00:00.000Z'), effectiveFrom: at('2026-10-28T06:00:00.000Z'), policy: defaultPolicy };
const examplePublish: PublishPolicyRequest = { baseVersion: 2, name: exampleVersion.name, note: exampleVersion.note, policy: exampleVersion.policy };
const examplePublishedEvent = policyPublishedEvent({ version: exampleVersion, role: 'supervisor', previous: examplePrevious });
const examplePublishResult: PublishPolicyResult = { idempotencyKey: 'publish-7c1e', version: exampleVersion, activeVersion: 3, auditEvent: examplePublishedEvent };
const examplePolicies: PoliciesResponse = { items: [examplePrevious, exampleVersion], activeVersion: 3, serverTime: '2026-11-27T09:31:02.120Z' };
const exampleAuditEvents: AuditEvent[] = [
  {
    id: 'DEC-7f3a9c2e-0001:proposed:1795770000000',
    decisionId: 'DEC-7f3a9c2e-0001',
    orderLineIds: ['OL-SO-104211-3'],
    at: 1795770000000,
    event: 'proposed',
    actor: 'engine',
    decisionType: 'reallocate',
    policy: { id: 'POL-3', version: 3, status: 'governed' },
    scoreBreakdown: { slaUrgency: 24.5, contract: 20 },
  },
  {
    id: 'DEC-7f3a9c2e-0001:approved:1795770600000',
    decisionId: 'DEC-7f3a9c2e-0001',
    orderLineIds: ['OL-SO-104211-3'],
    at: 1795770600000,
    event: 'approved',
    actor: 'supervisor',
    role: 'supervisor',
    governedPolicy: { id: 'POL-3', version: 3, status: 'governed' },
  },
];
const exampleAuditResult: AuditBatchResult = { idempotencyKey: 'audit-rows-1-2', recorded: 2, alreadyRecorded: 0, recordedAt: '2026-11-27T09:31:02.120Z' };
const exampleFaults = { latency: 50, error5xx: 0.1, burst429: 0, retryAfter: 1, dropAfterCommit: 0.05, seed: 1 };
const exampleSnapshot = {
  items: [exampleRecords.items],
  warehouses: [exampleRecords.warehouses],
  lanes: [exampleRecords.lanes],
  customers: [exampleRecords.customers],
  substitutionRules: [exampleRecords['substitution-rules']],
  dropShipOptions: [exampleRecords['drop-ship-options']],
  orderLines: [{ ...exampleRecords['order-lines'], orderType: 'contract' }],
  inventoryBalances: [exampleRecords['inventory-balances']],
  exceptions: [exampleRecords.exceptions],
};
const exampleEvent = { type: 'demand-spike' as const, lines: 6 };

const governanceProblems: Record<string, Problem> = {
  publish403: { type: PROBLEM_TYPES.forbidden, title: 'Forbidden', status: 403, detail: 'publishing a governed policy version needs the supervisor role; signed in as planner' },
  publish412: {
    type: PROBLEM_TYPES.versionConflict,
    title: 'A newer policy version exists',
    status: 412,
    field: 'baseVersion',
    detail: 'field "baseVersion" expected 3 (the newest version), found 2: start a draft from v3 and publish again; nothing was published',
    latestVersion: 3,
  },
  publish422: {
    type: PROBLEM_TYPES.validation,
    title: 'Invalid policy publication',
    status: 422,
    field: 'policy.segments[0].orderType',
    detail: 'policy publication: field "policy.segments[0].orderType" expected a known order type (standard, rush, contract, replenishment), found "urgent"',
  },
  audit409: { type: PROBLEM_TYPES.semanticConflict, title: 'Audit events differ from the recorded ones', status: 409, field: 'events', detail: 'the audit log is append-only: event(s) DEC-7f3a9c2e-0001:approved:1795770600000 were recorded before with different content; nothing was recorded' },
  admin403: { type: PROBLEM_TYPES.forbidden, title: 'Admin routes are loopback-only', status: 403 },
  admin422: { type: PROBLEM_TYPES.validation, title: 'Invalid event', status: 422, field: 'type', detail: 'event field "type" expected one of demand-spike, cycle-count, supplier-confirm, credit-hold, delete, touch, found "flood"' },
};

/** The governance and admin examples with their schemas (the OpenAPI tests check each passes). */
export function governanceOpenApiExamples(): { name: string; schema: z.ZodType; example: unknown }[] {
  return [
    { name: 'PoliciesResponse', schema: policiesResponseSchema, example: examplePolicies },
    { name: 'PublishPolicyRequest', schema: publishPolicyRequestSchema, example: examplePublish },
    { name: 'PublishPolicyResult', schema: publishPolicyResultSchema, example: examplePublishResult },
    { name: 'AuditBatchRequest', schema: auditBatchRequestSchema, example: { events: exampleAuditEvents } },
    { name: 'AuditBatchResult', schema: auditBatchResultSchema, example: exampleAuditResult },
    { name: 'AuditList', schema: auditListSchema, example: { items: [...exampleAuditEvents, examplePublishedEvent], serverTime: '2026-11-27T09:31:02.120Z' } },
    { name: 'FaultSpec', schema: faultSpecSchema, example: exampleFaults },
    { name: 'FaultUpdate', schema: faultUpdateSchema, example: { spec: 'latency=50,error5xx=0.1,dropAfterCommit=0.05' } },
    { name: 'LiveEvent', schema: liveEventSchema, example: exampleEvent },
    {
      name: 'EventResult',
      schema: eventResultSchema,
      example: { summary: 'demand spike: 6 new lines of 9 x SKU-10042 at WH-EAST-1; 4 short', event: exampleEvent, changed: [{ entity: 'order-lines', id: 'OL-SO-EV12-1-1', version: 0 }] },
    },
    { name: 'Snapshot', schema: snapshotSchema, example: exampleSnapshot },
    { name: 'CompactResult', schema: compactResultSchema, example: { status: 'compacted', journalLines: 1, rows: 1284 } },
    { name: 'ResetResult', schema: resetResultSchema, example: { status: 'reset', world: { scale: 'small', seed: 7, asOf: '2026-11-27' } } },
    ...Object.entries(governanceProblems).map(([name, example]) => ({ name: `Problem:${name}`, schema: z.looseObject({ type: z.string(), title: z.string(), status: z.number().int() }), example })),
  ];
}

/** How the main document renders a body: `content(schema, example, mediaType?)`. */
type Content = (schema: z.ZodType, example: unknown, type?: string) => unknown;

/** The governance and admin paths, rendered with the main document's helpers. */
export function governanceOpenApiPaths(helpers: { readonly content: Content; readonly problems: (...codes: number[]) => Record<string, unknown>; readonly problemSchema: z.ZodType }): Record<string, unknown> {
  const ex = new Map(governanceOpenApiExamples().map((e) => [e.name, e.example]));
  const { content, problems } = helpers;
  const problem = (name: string) => ({ description: governanceProblems[name]?.title ?? 'Problem', content: content(helpers.problemSchema, governanceProblems[name], 'application/problem+json') });
  const bearer = [{ bearerAuth: [] }];
  const loopback = { security: [], description: 'Loopback callers only (403 otherwise); for tests and the erp:serve console.' };
  return {
    '/api/v1/policies': {
      get: {
        summary: 'Governed policy versions (retired ones too) and the version in force; ETag changes with every publication',
        security: bearer,
        responses: { 200: { description: 'Policy versions', headers: { ETag: { schema: { type: 'string' }, example: '"policies-v3"' } }, content: content(policiesResponseSchema, ex.get('PoliciesResponse')) }, ...problems(401, 429) },
      },
      post: {
        summary: 'Publish a draft as the next governed version (supervisor only), exactly once per Idempotency-Key',
        description:
          'The ERP assigns the next version number; the new version is in force at once and earlier governed versions are retired. ' +
          'baseVersion (and If-Match, when sent: the ETag of GET /policies) must name the newest version, else 412 with latestVersion. ' +
          '422 names the field (policy fields as policy.<field>, e.g. policy.segments[0].orderType; weights must sum to 100). ' +
          '200 replays the stored answer of a key already used with the same body; the same key with another body is 422. ' +
          'The publication and its policy-published audit event are on disk before the answer.',
        security: bearer,
        parameters: [
          { name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' }, example: 'publish-7c1e' },
          { name: 'If-Match', in: 'header', required: false, schema: { type: 'string' }, example: '"policies-v2"' },
        ],
        requestBody: { required: true, content: content(publishPolicyRequestSchema, ex.get('PublishPolicyRequest')) },
        responses: {
          200: { description: 'Replay: the stored answer of the first request', content: content(publishPolicyResultSchema, ex.get('PublishPolicyResult')) },
          201: { description: 'Published', headers: { ETag: { schema: { type: 'string' }, example: '"policies-v3"' } }, content: content(publishPolicyResultSchema, ex.get('PublishPolicyResult')) },
          ...problems(400, 401, 429),
          403: problem('publish403'),
          412: problem('publish412'),
          422: problem('publish422'),
        },
      },
    },
    '/api/v1/audit': {
      post: {
        summary: 'Append audit events (pushed with the decisions), exactly once per Idempotency-Key; the log is append-only',
        description: 'An event id already recorded with the same content counts as alreadyRecorded; with other content the batch is refused (409). Up to ' + `${MAX_AUDIT_BATCH} events.`,
        security: bearer,
        parameters: [{ name: 'Idempotency-Key', in: 'header', required: true, schema: { type: 'string' }, example: 'audit-rows-1-2' }],
        requestBody: { required: true, content: content(auditBatchRequestSchema, ex.get('AuditBatchRequest')) },
        responses: {
          200: { description: 'Replay', content: content(auditBatchResultSchema, ex.get('AuditBatchResult')) },
          201: { description: 'Recorded', content: content(auditBatchResultSchema, ex.get('AuditBatchResult')) },
          ...problems(400, 401, 422, 429),
          409: problem('audit409'),
        },
      },
      get: {
        summary: 'Recorded audit events, oldest first, filterable by decision (or policy version) and order line',
        security: bearer,
        parameters: [
          { name: 'decisionId', in: 'query', schema: { type: 'string' }, example: 'DEC-7f3a9c2e-0001' },
          { name: 'orderLineId', in: 'query', schema: { type: 'string' }, example: 'OL-SO-104211-3' },
        ],
        responses: { 200: { description: 'Events', content: content(auditListSchema, ex.get('AuditList')) }, ...problems(401, 429) },
      },
    },
    '/admin/faults': {
      get: { summary: 'The fault injection in force', ...loopback, responses: { 200: { description: 'Faults', content: content(faultSpecSchema, ex.get('FaultSpec')) }, 403: problem('admin403') } },
      put: {
        summary: 'Replace the fault injection (a spec string or fields; unnamed faults are cleared)',
        ...loopback,
        requestBody: { required: true, content: content(faultUpdateSchema, ex.get('FaultUpdate')) },
        responses: { 200: { description: 'Faults now in force', content: content(faultSpecSchema, ex.get('FaultSpec')) }, 403: problem('admin403'), ...problems(422) },
      },
    },
    '/admin/events': {
      post: {
        summary: 'Advance the simulated world by one live event (targets chosen by the ERP when not given)',
        ...loopback,
        requestBody: { required: true, content: content(liveEventSchema, ex.get('LiveEvent')) },
        responses: { 200: { description: 'What changed', content: content(eventResultSchema, ex.get('EventResult')) }, 403: problem('admin403'), 422: problem('admin422') },
      },
    },
    '/admin/reset': {
      post: { summary: 'Forget every change and regenerate the world (and the governance state)', ...loopback, responses: { 200: { description: 'Reset', content: content(resetResultSchema, ex.get('ResetResult')) }, 403: problem('admin403') } },
    },
    '/admin/compact': {
      post: {
        summary: 'Compact the journal: one entry holding the current version of every changed row, the stored answers and the ledger',
        ...loopback,
        responses: { 200: { description: 'Compacted', content: content(compactResultSchema, ex.get('CompactResult')) }, 403: problem('admin403') },
      },
    },
    '/admin/snapshot': {
      get: {
        summary: 'The whole current world as one canonical snapshot (the format the engine command line reads)',
        ...loopback,
        responses: {
          200: { description: 'Snapshot', content: content(snapshotSchema, ex.get('Snapshot')) },
          403: problem('admin403'),
        },
      },
    },
  };
}
