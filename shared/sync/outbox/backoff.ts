/**
 * Retry timing for the outbox: exponential backoff with full jitter (a random delay between 0 and the exponential
 * ceiling, so many clients that failed together do not come back together), and the ERP's Retry-After honoured but
 * capped, so a misconfigured server cannot park the outbox for hours.
 */
import type { Random } from '../ports';

export interface BackoffPolicy {
  /** Ceiling of the first retry's delay. */
  baseMs: number;
  /** Largest ceiling the exponential may reach. */
  maxMs: number;
  /** Longest Retry-After the outbox honours. */
  retryAfterCapMs: number;
}

export const DEFAULT_BACKOFF: BackoffPolicy = { baseMs: 250, maxMs: 30_000, retryAfterCapMs: 60_000 };

/** Delay before retry number `attempt` (1 = first retry): uniform in [0, min(maxMs, baseMs * 2^(attempt-1))). */
export function fullJitterDelay(attempt: number, random: Random, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const exponent = Math.max(0, attempt - 1);
  const ceiling = Math.min(policy.maxMs, policy.baseMs * 2 ** Math.min(exponent, 30));
  return Math.floor(random() * ceiling);
}

/**
 * Delay before the next try: never earlier than the ERP asked (Retry-After, capped), otherwise full jitter.
 */
export function retryDelay(attempt: number, random: Random, retryAfterMs: number | undefined, policy: BackoffPolicy = DEFAULT_BACKOFF): number {
  const jitter = fullJitterDelay(attempt, random, policy);
  if (retryAfterMs === undefined || !Number.isFinite(retryAfterMs) || retryAfterMs < 0) return jitter;
  return Math.max(Math.min(retryAfterMs, policy.retryAfterCapMs), jitter);
}

/** Parses an HTTP Retry-After value (delta-seconds or an HTTP date) into milliseconds from `nowMs`. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  if (value === null || value === undefined || value.trim() === '') return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.round(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return undefined;
  return Math.max(0, at - nowMs);
}
