// zod schemas for the records that are not served as entities (decisions, tombstones).
import { z } from 'zod';
import { DECISION_TYPES } from './decision';
import { zodForRecord } from './fields';
import { decisionPayloadSpecs, decisionSpec, tombstoneSpec } from './specs';

export const tombstoneSchema = zodForRecord(tombstoneSpec);

/** One zod schema per decision payload, keyed by decision type. */
export const decisionPayloadSchemas = Object.fromEntries(DECISION_TYPES.map((t) => [t, zodForRecord(decisionPayloadSpecs[t])])) as Record<
  (typeof DECISION_TYPES)[number],
  z.ZodObject
>;

/** A decision: the common fields plus the payload matching its type. */
export const decisionSchema = z.discriminatedUnion(
  'type',
  DECISION_TYPES.map((t) => zodForRecord(decisionSpec).extend({ type: z.literal(t), payload: decisionPayloadSchemas[t] })) as unknown as [
    z.ZodObject<{ type: z.ZodLiteral<string> }>,
    ...z.ZodObject<{ type: z.ZodLiteral<string> }>[],
  ],
);
