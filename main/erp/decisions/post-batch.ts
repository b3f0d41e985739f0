// POST /decisions/batch: many Idempotency-Keys in one request, NOT all-or-nothing. Each entry goes through the
// very same postDecisions as a lone POST with its own key, in request order, so its stored outcome, replay,
// preconditions and status (201/200/409/412/422/403) are exactly what it would have got alone. The entries'
// journal lines are written in one event-loop turn, so group commit gives them one fsync.
import { makeIssue } from '../../../shared/domain';
import { MAX_DECISION_BATCH_ENTRIES, PROBLEM_TYPES } from '../../../shared/erp';
import type { DecisionBatchEntryResult, DecisionBatchPostResult } from '../../../shared/erp';
import type { HttpAnswer, PostContext } from './post';
import { postDecisions } from './post';

function envelopeProblem(field: string, expected: string, found: unknown): HttpAnswer {
  const issue = makeIssue('decisions', '(request)', field, expected, found);
  return {
    status: 422,
    problem: true,
    body: { type: PROBLEM_TYPES.validation, title: 'Invalid decision batch', status: 422, detail: issue.message, field, errors: [issue] },
  };
}

/** Handles POST /decisions/batch; the answer is 200 with one result per entry, or 422 when the envelope is malformed (nothing applied). */
export function postDecisionBatch(ctx: PostContext, body: unknown): HttpAnswer & { anyApplied?: boolean } {
  const entries = typeof body === 'object' && body !== null && !Array.isArray(body) ? (body as { entries?: unknown }).entries : undefined;
  if (!Array.isArray(entries) || entries.length === 0 || entries.length > MAX_DECISION_BATCH_ENTRIES) {
    return envelopeProblem('entries', `a list of 1 to ${MAX_DECISION_BATCH_ENTRIES} entries { idempotencyKey, decision }`, Array.isArray(entries) ? `${entries.length} entries` : entries);
  }
  // The envelope is checked whole before anything is applied, so a malformed request changes nothing.
  for (let i = 0; i < entries.length; i++) {
    const e = entries[i] as unknown;
    if (typeof e !== 'object' || e === null || Array.isArray(e)) return envelopeProblem(`entries[${i}]`, 'an object { idempotencyKey, decision }', e);
    const key = (e as { idempotencyKey?: unknown }).idempotencyKey;
    if (typeof key !== 'string') return envelopeProblem(`entries[${i}].idempotencyKey`, 'a string (the decision id)', key);
    if (!('decision' in e)) return envelopeProblem(`entries[${i}].decision`, 'a decision', undefined);
  }
  const results: DecisionBatchEntryResult[] = [];
  let anyApplied = false;
  for (const e of entries as { idempotencyKey: string; decision: unknown }[]) {
    const answer = postDecisions(ctx, e.idempotencyKey, e.decision);
    if (answer.status === 201) anyApplied = true;
    results.push({ idempotencyKey: e.idempotencyKey, status: answer.status, body: answer.body });
  }
  const result: DecisionBatchPostResult = { results };
  return { status: 200, body: result, problem: false, anyApplied };
}
