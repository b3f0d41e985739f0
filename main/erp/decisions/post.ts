// POST /decisions as a transaction: exactly once per Idempotency-Key. The outcome (applied, or rejected by a
// precondition) is stored in the same journal line as the effect, so a replay or GET /decisions/{id} after a
// lost response always tells the truth. Invalid requests (422) and role refusals (403) are not stored.
import { createHash } from 'node:crypto';
import { makeIssue, validateDecision } from '../../../shared/domain';
import type { Decision, IsoDate, IsoDateTime, Role, ValidationIssue } from '../../../shared/domain';
import { PROBLEM_TYPES } from '../../../shared/erp';
import type { ChangedRow, DecisionBatchResult, DecisionOutcome, Problem } from '../../../shared/erp';
import type { ErpStore } from '../store/store';
import { applyDecision } from './apply';

export interface HttpAnswer {
  readonly status: number;
  readonly body: unknown;
  /** True when the answer is a problem (content type application/problem+json). */
  readonly problem: boolean;
}

function problemAnswer(problem: Problem): HttpAnswer {
  return { status: problem.status, body: problem, problem: true };
}

function invalidRequest(issues: readonly ValidationIssue[], prefix: string): HttpAnswer {
  const errors = issues.map((i) => ({ ...i, field: prefix + i.field }));
  const first = errors[0] as ValidationIssue;
  return problemAnswer({
    type: PROBLEM_TYPES.validation,
    title: 'Invalid decision',
    status: 422,
    detail: first.message,
    field: first.field,
    errors,
    ...(first.recordId.startsWith('row ') || first.recordId === '(no id)' ? {} : { decisionId: first.recordId }),
  });
}

/** Reads the request body as a list of decisions, or answers 422 naming the field at fault. */
function readDecisions(body: unknown): { decisions: Decision[]; prefix: (i: number) => string } | HttpAnswer {
  const batch = typeof body === 'object' && body !== null && !Array.isArray(body) && 'decisions' in body;
  const raw: unknown[] = batch ? ((body as { decisions: unknown }).decisions as unknown[]) : [body];
  if (!Array.isArray(raw) || raw.length === 0 || raw.length > 500) {
    return invalidRequest([makeIssue('decisions', '(request)', 'decisions', 'a list of 1 to 500 decisions', raw)], '');
  }
  const prefix = (i: number) => (batch ? `decisions[${i}].` : '');
  const decisions: Decision[] = [];
  const seen = new Set<string>();
  for (let i = 0; i < raw.length; i++) {
    const v = validateDecision(raw[i], i);
    if (!v.ok) return invalidRequest(v.issues, prefix(i));
    if (seen.has(v.value.id)) return invalidRequest([makeIssue('decisions', v.value.id, 'id', 'a decision id not repeated in the batch', v.value.id)], prefix(i));
    seen.add(v.value.id);
    decisions.push(v.value);
  }
  return { decisions, prefix };
}

export interface PostContext {
  readonly store: ErpStore;
  readonly role: Role;
  readonly user: string;
  readonly asOf: IsoDate;
}

function outcomeOf(d: Decision, key: string, sequence: number, at: string, status: 'applied' | 'rejected', httpStatus: number, changed: readonly ChangedRow[], problem?: Problem): DecisionOutcome {
  return {
    decisionId: d.id,
    idempotencyKey: key,
    status,
    httpStatus,
    recordedAt: at as IsoDateTime,
    sequence,
    type: d.type,
    basis: d.basis,
    changed,
    ...(problem === undefined ? {} : { problem }),
  };
}

/** Handles POST /decisions. `key` is the Idempotency-Key header (undefined when absent). */
export function postDecisions(ctx: PostContext, key: string | undefined, body: unknown): HttpAnswer {
  if (key === undefined || key.trim() === '' || key.length > 200) {
    return problemAnswer({ type: PROBLEM_TYPES.validation, title: 'Idempotency-Key required', status: 400, detail: 'Send header Idempotency-Key (the decision id for a single decision), 1 to 200 characters', field: 'Idempotency-Key' });
  }
  const requestHash = createHash('sha256').update(JSON.stringify(body ?? null)).digest('hex');
  const stored = ctx.store.idempotencyRecord(key);
  if (stored !== undefined) {
    if (stored.requestHash !== requestHash) {
      return problemAnswer({
        type: PROBLEM_TYPES.idempotencyMismatch,
        title: 'Idempotency-Key reused with a different request',
        status: 422,
        detail: `key ${JSON.stringify(key)} was first used for decisions ${stored.decisionIds.join(', ')} with a different body`,
        field: 'Idempotency-Key',
      });
    }
    // A replay: the stored answer, with 200 instead of 201 so the client can tell it was not applied twice.
    return { status: stored.httpStatus === 201 ? 200 : stored.httpStatus, body: stored.body, problem: stored.httpStatus >= 400 };
  }

  const read = readDecisions(body);
  if ('status' in read) return read;
  const { decisions } = read;

  for (const d of decisions) {
    const prior = ctx.store.outcome(d.id);
    if (prior !== undefined) {
      return problemAnswer({
        type: PROBLEM_TYPES.semanticConflict,
        title: 'Decision already recorded',
        status: 409,
        detail: `decision ${d.id} was already recorded (${prior.status}) under Idempotency-Key ${JSON.stringify(prior.idempotencyKey)}; GET /api/v1/decisions/${d.id} for its outcome`,
        field: 'id',
        decisionId: d.id,
        currentRows: [],
      });
    }
  }

  const tx = ctx.store.begin();
  const touchedFrom: number[] = [];
  for (const d of decisions) {
    touchedFrom.push(tx.log.length);
    const failure = applyDecision(tx, d, { store: ctx.store, role: ctx.role, asOf: ctx.asOf });
    if (failure === null) continue;
    if (failure.status === 403 || failure.status === 422) return problemAnswer(failure.problem);
    // A precondition failed: nothing is applied, and the rejection is recorded under the key and each decision id.
    const problem = failure.problem;
    const failedId = d.id;
    const base = ctx.store.ledgerLength;
    ctx.store.commit(ctx.store.begin(), {
      cause: { kind: 'decisions', key, user: ctx.user, rejected: failedId },
      finalize: (_changed, at) => ({
        idem: { key, requestHash, httpStatus: failure.status, body: problem, decisionIds: decisions.map((x) => x.id) },
        outcomes: decisions.map((x, i) =>
          outcomeOf(x, key, base + i + 1, at, 'rejected', failure.status, [], x.id === failedId ? problem : { ...problem, detail: `not applied: decision ${failedId} in the same batch failed (${problem.detail ?? ''})` }),
        ),
      }),
    });
    return problemAnswer(problem);
  }

  const base = ctx.store.ledgerLength;
  let result: DecisionBatchResult | undefined;
  ctx.store.commit(tx, {
    cause: { kind: 'decisions', key, user: ctx.user },
    finalize: (changed, at, rows) => {
      const versionOf = new Map(changed.map((c) => [`${c.entity}\u0000${c.id}`, c]));
      const outcomes = decisions.map((d, i) => {
        const from = touchedFrom[i] as number;
        const to = i + 1 < touchedFrom.length ? (touchedFrom[i + 1] as number) : tx.log.length;
        const mine = new Map<string, ChangedRow>();
        for (const t of tx.log.slice(from, to)) {
          const c = versionOf.get(`${t.entity}\u0000${t.id}`);
          if (c !== undefined) mine.set(`${t.entity}\u0000${t.id}`, c);
        }
        return outcomeOf(d, key, base + i + 1, at, 'applied', 201, [...mine.values()]);
      });
      result = { idempotencyKey: key, status: 'applied', outcomes, rows };
      return { idem: { key, requestHash, httpStatus: 201, body: result, decisionIds: decisions.map((d) => d.id) }, outcomes };
    },
  });
  return { status: 201, body: result, problem: false };
}
