import { describe, expect, it } from 'vitest';
import { fullJitterDelay, parseRetryAfter, retryDelay } from '../../shared/sync/outbox/backoff';
import { classifyOutcome, classifyPush } from '../../shared/sync/outbox/classify';

const policy = { baseMs: 100, maxMs: 5_000, retryAfterCapMs: 10_000 };

describe('backoff with full jitter', () => {
  it('draws each delay uniformly below a ceiling that doubles per attempt', () => {
    expect(fullJitterDelay(1, () => 0.999, policy)).toBe(99);
    expect(fullJitterDelay(2, () => 0.999, policy)).toBe(199);
    expect(fullJitterDelay(4, () => 0.999, policy)).toBe(799);
    expect(fullJitterDelay(4, () => 0, policy)).toBe(0);
    expect(fullJitterDelay(4, () => 0.5, policy)).toBe(400);
  });

  it('caps the ceiling at maxMs however many attempts failed', () => {
    expect(fullJitterDelay(40, () => 0.999, policy)).toBe(4995);
  });

  it('never retries earlier than Retry-After, but caps it', () => {
    expect(retryDelay(1, () => 0, 3_000, policy)).toBe(3_000);
    expect(retryDelay(1, () => 0, 3_600_000, policy)).toBe(10_000);
    // jitter larger than Retry-After wins
    expect(retryDelay(10, () => 0.999, 10, policy)).toBe(4995);
  });

  it('parses Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('2', 0)).toBe(2_000);
    expect(parseRetryAfter('Thu, 01 Jan 1970 00:00:05 GMT', 1_000)).toBe(4_000);
    expect(parseRetryAfter('soon', 0)).toBeUndefined();
    expect(parseRetryAfter(null, 0)).toBeUndefined();
  });
});

describe('classification of ERP answers to a decision', () => {
  it('treats 201 as applied and 200 as a replay of an earlier application', () => {
    expect(classifyPush({ status: 201, body: {} })).toMatchObject({ kind: 'applied', replay: false });
    expect(classifyPush({ status: 200, body: {} })).toMatchObject({ kind: 'applied', replay: true });
  });

  it('treats 409 and 412 as conflicts carrying the current rows', () => {
    const rows = [{ entity: 'order-lines', id: 'L1', row: { id: 'L1', version: 4 } }];
    expect(classifyPush({ status: 409, body: { title: 'stale', currentRows: rows } })).toMatchObject({ kind: 'conflict', status: 409, currentRows: rows });
    expect(classifyPush({ status: 412, body: { title: 'stale' } })).toMatchObject({ kind: 'conflict', status: 412 });
  });

  it('rejects on 422 with the ERP reason and the field at fault', () => {
    const v = classifyPush({ status: 422, body: { title: 'Invalid decision', detail: 'qty must be positive', field: 'payload.qty' } });
    expect(v).toEqual({ kind: 'rejected', status: 422, reason: 'qty must be positive (field payload.qty)', answer: expect.anything() });
  });

  it('asks for re-authentication on 401', () => {
    expect(classifyPush({ status: 401 })).toEqual({ kind: 'unauthorized' });
  });

  it('retries network errors, 5xx and 429; only network and 5xx may have been applied', () => {
    expect(classifyPush({ status: 0, networkError: 'ECONNRESET' })).toMatchObject({ kind: 'retry', mayHaveApplied: true });
    expect(classifyPush({ status: 503 })).toMatchObject({ kind: 'retry', mayHaveApplied: true });
    expect(classifyPush({ status: 429, retryAfterMs: 2000 })).toMatchObject({ kind: 'retry', mayHaveApplied: false, retryAfterMs: 2000 });
  });

  it('reads a stored outcome: applied, rejected by precondition, or never seen (404)', () => {
    expect(classifyOutcome({ status: 200, body: { decisionId: 'D1', status: 'applied', httpStatus: 201 } })).toMatchObject({ kind: 'known', verdict: { kind: 'applied' } });
    expect(classifyOutcome({ status: 200, body: { decisionId: 'D1', status: 'rejected', httpStatus: 409 } })).toMatchObject({ kind: 'known', verdict: { kind: 'conflict' } });
    expect(classifyOutcome({ status: 404 })).toEqual({ kind: 'unknown' });
    expect(classifyOutcome({ status: 503 })).toMatchObject({ kind: 'retry' });
  });
});
