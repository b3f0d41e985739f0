/**
 * Turns one ERP answer to `POST /decisions` (or `GET /decisions/{id}`) into what the outbox does next.
 * Kept apart from the sender so every status code's meaning is stated once and tested on its own.
 */
import type { ErpAnswer } from '../ports';

export type PushVerdict =
  /** 201 applied, or 200 replay of an earlier application: the decision is in the ERP exactly once. */
  | { kind: 'applied'; answer: unknown; replay: boolean }
  /** 422 (or another permanent 4xx): the ERP refuses the decision; the planner sees its reason. */
  | { kind: 'rejected'; status: number; reason: string; answer: unknown }
  /** 409/412: a precondition no longer holds; `currentRows` are the ERP's rows when it sent them. */
  | { kind: 'conflict'; status: number; reason: string; currentRows: unknown }
  /** 401: the token is missing or expired; re-authenticate and retry without counting an attempt. */
  | { kind: 'unauthorized' }
  /** Network error, 5xx, 408, 429: retry later. `mayHaveApplied` when the request may have reached the ERP. */
  | { kind: 'retry'; status: number; retryAfterMs?: number; reason: string; mayHaveApplied: boolean };

/** Pulls a readable reason out of a problem+json body (detail, then title), or names the status. */
export function reasonOf(answer: ErpAnswer): string {
  const body = answer.body;
  if (body && typeof body === 'object') {
    const problem = body as Record<string, unknown>;
    const detail = typeof problem.detail === 'string' ? problem.detail : undefined;
    const title = typeof problem.title === 'string' ? problem.title : undefined;
    const field = typeof problem.field === 'string' ? ` (field ${problem.field})` : '';
    if (detail) return `${detail}${field}`;
    if (title) return `${title}${field}`;
  }
  if (answer.status === 0) return `no answer from the ERP: ${answer.networkError ?? 'network error'}`;
  return `ERP answered HTTP ${answer.status}`;
}

/** Finds the ERP's current rows in a 409/412 body (`currentRows`, `current` or `rows`), when present. */
function currentRowsOf(body: unknown): unknown {
  if (!body || typeof body !== 'object') return undefined;
  const problem = body as Record<string, unknown>;
  return problem.currentRows ?? problem.current ?? problem.rows;
}

/** Classifies the answer to a POST of one decision. */
export function classifyPush(answer: ErpAnswer): PushVerdict {
  const { status } = answer;
  if (status === 201) return { kind: 'applied', answer: answer.body, replay: false };
  if (status === 200) return { kind: 'applied', answer: answer.body, replay: true };
  if (status === 401) return { kind: 'unauthorized' };
  if (status === 409 || status === 412) return { kind: 'conflict', status, reason: reasonOf(answer), currentRows: currentRowsOf(answer.body) };
  if (status === 0) return { kind: 'retry', status, reason: reasonOf(answer), mayHaveApplied: true };
  if (status === 429) return { kind: 'retry', status, retryAfterMs: answer.retryAfterMs, reason: reasonOf(answer), mayHaveApplied: false };
  if (status === 408 || status >= 500) {
    // A 5xx can come after the ERP committed (a proxy timing out, a crash after the write): ask before resending.
    return { kind: 'retry', status, retryAfterMs: answer.retryAfterMs, reason: reasonOf(answer), mayHaveApplied: true };
  }
  // 400, 403, 404, 422, 428...: the same request would fail the same way; the planner must act.
  return { kind: 'rejected', status, reason: reasonOf(answer), answer: answer.body };
}

/** What `GET /decisions/{id}` says about a decision whose earlier response was lost. */
export type OutcomeVerdict =
  | { kind: 'known'; verdict: PushVerdict }
  /** 404: the ERP never applied it, so sending it (with the same key) is safe. */
  | { kind: 'unknown' }
  | { kind: 'unauthorized' }
  | { kind: 'retry'; status: number; retryAfterMs?: number; reason: string };

/**
 * Classifies the answer to `GET /decisions/{id}`. The stored outcome carries the status the POST got
 * (`status`/`httpStatus`) or an outcome word (`applied`, `rejected`, `conflict`).
 */
export function classifyOutcome(answer: ErpAnswer): OutcomeVerdict {
  if (answer.status === 404) return { kind: 'unknown' };
  if (answer.status === 401) return { kind: 'unauthorized' };
  if (answer.status === 200) {
    const body = (answer.body ?? {}) as Record<string, unknown>;
    const stored = typeof body.httpStatus === 'number' ? body.httpStatus : typeof body.status === 'number' ? body.status : undefined;
    if (stored !== undefined) {
      const verdict = classifyPush({ status: stored === 201 ? 200 : stored, body: body.problem ?? body.result ?? body });
      return { kind: 'known', verdict };
    }
    const word = String(body.outcome ?? body.status ?? '').toLowerCase();
    if (word === 'applied') return { kind: 'known', verdict: { kind: 'applied', answer: body, replay: true } };
    if (word === 'rejected') return { kind: 'known', verdict: { kind: 'rejected', status: 422, reason: reasonOf({ status: 422, body }), answer: body } };
    if (word === 'conflict' || word === 'conflicted') return { kind: 'unknown' };
    return { kind: 'known', verdict: { kind: 'applied', answer: body, replay: true } };
  }
  if (answer.status === 0 || answer.status === 429 || answer.status === 408 || answer.status >= 500) {
    return { kind: 'retry', status: answer.status, retryAfterMs: answer.retryAfterMs, reason: reasonOf(answer) };
  }
  // Any other answer to a lookup tells nothing about the decision; treat it as unknown only for 404, else retry later.
  return { kind: 'retry', status: answer.status, reason: reasonOf(answer) };
}
