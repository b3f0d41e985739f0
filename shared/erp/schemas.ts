// zod schemas of the API's request and response bodies: the server validates requests with them and the
// OpenAPI document is generated from them, so the document cannot drift from what the server accepts.
import { z } from 'zod';
import { DECISION_TYPES, ENTITIES, ENTITY_INFO, ROLES, decisionSchema, tombstoneSchema } from '../domain';
import type { EntityName } from '../domain';

export const problemSchema = z.looseObject({
  type: z.string().describe('Problem type URI'),
  title: z.string(),
  status: z.int(),
  detail: z.string().optional(),
  field: z.string().optional().describe('The request field (body path, header or query parameter) at fault'),
  errors: z
    .array(z.object({ entity: z.string(), recordId: z.string(), field: z.string(), expected: z.string(), found: z.string(), message: z.string() }))
    .optional(),
  currentRows: z.array(z.object({ entity: z.enum(ENTITIES), id: z.string(), row: z.looseObject({ id: z.string() }) })).optional(),
  decisionId: z.string().optional(),
  retryAfterSeconds: z.number().optional(),
});

export const tokenRequestSchema = z.object({ username: z.string().min(1), password: z.string().min(1) });
export const tokenResponseSchema = z.object({
  access_token: z.string(),
  token_type: z.literal('Bearer'),
  expires_in: z.int().describe('Seconds until expiry'),
  role: z.enum(ROLES),
});

/** PATCH /order-lines/{id}: only these fields may change; anything else is a 422 naming the field. */
export const orderLinePatchSchema = z.strictObject({
  priority: z.int().min(1).max(99).optional().describe('ERP priority, 1 = most urgent'),
  holdCode: z.enum(['none', 'credit', 'compliance']).optional(),
});

/** A page of one entity. */
export function pageSchemaFor(entity: EntityName) {
  return z.object({
    items: z.array(z.union([ENTITY_INFO[entity].schema, tombstoneSchema])),
    nextCursor: z.string().describe('Opaque; keep it to resume paging or to ask for later changes'),
    hasMore: z.boolean(),
    serverTime: z.iso.datetime(),
    total: z.int().min(0).optional().describe('Rows (records and tombstones) of the entity right now; a pull from the start receives about this many'),
  });
}

export const decisionRequestSchema = z.union([decisionSchema, z.object({ decisions: z.array(decisionSchema).min(1).max(500) })]);

const changedRowSchema = z.object({ entity: z.enum(ENTITIES), id: z.string(), version: z.int() });
export const decisionOutcomeSchema = z.object({
  decisionId: z.string(),
  idempotencyKey: z.string(),
  status: z.enum(['applied', 'rejected']),
  httpStatus: z.int(),
  recordedAt: z.iso.datetime(),
  sequence: z.int().min(1),
  type: z.enum(DECISION_TYPES),
  basis: z.array(z.object({ entity: z.string(), id: z.string(), version: z.int() })),
  changed: z.array(changedRowSchema),
  problem: problemSchema.optional(),
});
export const decisionBatchResultSchema = z.object({
  idempotencyKey: z.string(),
  status: z.literal('applied'),
  outcomes: z.array(decisionOutcomeSchema),
  rows: z.array(z.object({ entity: z.enum(ENTITIES), id: z.string(), row: z.looseObject({ id: z.string() }) })),
});
export const decisionBatchRequestSchema = z.object({
  entries: z.array(z.object({ idempotencyKey: z.string().min(1).max(200), decision: decisionSchema })).min(1).max(500),
});
export const decisionBatchPostResultSchema = z.object({
  results: z.array(
    z.object({
      idempotencyKey: z.string(),
      status: z.int().describe('What a lone POST /decisions with this key would have answered: 201, 200 (replay), 409, 412, 422, 403, 400'),
      body: z.union([decisionBatchResultSchema, problemSchema]).describe('The body that lone POST would have carried'),
    }),
  ),
});
export const decisionLedgerPageSchema = z.object({
  items: z.array(decisionOutcomeSchema),
  nextCursor: z.string(),
  hasMore: z.boolean(),
  serverTime: z.iso.datetime(),
});

export const healthSchema = z.object({
  status: z.literal('ok'),
  erpName: z.string(),
  apiVersion: z.literal('v1'),
  serverTime: z.iso.datetime(),
  asOf: z.iso.date().optional(),
  world: z.object({ scale: z.string(), seed: z.int() }).optional(),
});
