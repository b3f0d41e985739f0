// A token bucket per caller (token or address): a steady rate with a burst allowance. A caller that runs dry
// gets 429 with Retry-After (whole seconds until one request is allowed again).

export interface RateLimitOptions {
  /** Requests per second refilled. */
  readonly perSecond: number;
  /** Bucket size (requests allowed in a burst). */
  readonly burst: number;
}

export const DEFAULT_RATE_LIMIT: RateLimitOptions = { perSecond: 200, burst: 400 };

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly options: RateLimitOptions) {}

  /** Takes one request from the caller's bucket; returns null if allowed, else seconds to wait. */
  take(caller: string, now = Date.now()): number | null {
    const { perSecond, burst } = this.options;
    let b = this.buckets.get(caller);
    if (b === undefined) {
      b = { tokens: burst, at: now };
      this.buckets.set(caller, b);
    }
    b.tokens = Math.min(burst, b.tokens + ((now - b.at) / 1000) * perSecond);
    b.at = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return null;
    }
    return Math.max(1, Math.ceil((1 - b.tokens) / perSecond));
  }
}
