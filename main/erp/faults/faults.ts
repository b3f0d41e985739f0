// Fault injection for tests: latency, a 5xx rate, bursts of 429 with Retry-After, and "commit, then drop the
// connection before the response". Random choices use a seeded PRNG so a failing test can be replayed.
import { createRng } from '../generator/random';
import type { Rng } from '../generator/random';

export interface FaultSpec {
  /** Added delay per API request, in ms. */
  readonly latency: number;
  /** Probability (0..1) that an API request fails with 503 before doing anything. */
  readonly error5xx: number;
  /** The next N API requests get 429 with Retry-After. */
  readonly burst429: number;
  /** Seconds announced in Retry-After for injected 429s. */
  readonly retryAfter: number;
  /** Probability (0..1) that a write is committed and then the connection is destroyed without an answer. */
  readonly dropAfterCommit: number;
  /** Seed of the fault dice. */
  readonly seed: number;
}

export const NO_FAULTS: FaultSpec = { latency: 0, error5xx: 0, burst429: 0, retryAfter: 1, dropAfterCommit: 0, seed: 1 };

const KEYS: Readonly<Record<keyof FaultSpec, { min: number; max: number; integer: boolean }>> = {
  latency: { min: 0, max: 60_000, integer: true },
  error5xx: { min: 0, max: 1, integer: false },
  burst429: { min: 0, max: 1_000_000, integer: true },
  retryAfter: { min: 0, max: 3600, integer: true },
  dropAfterCommit: { min: 0, max: 1, integer: false },
  seed: { min: -2_147_483_648, max: 2_147_483_647, integer: true },
};

/** Parses `latency=50,error5xx=0.1,burst429=5,dropAfterCommit=0.05` (or an object); throws naming the bad key. */
export function parseFaults(input: string | Partial<Record<string, unknown>>): FaultSpec {
  const pairs: [string, unknown][] =
    typeof input === 'string'
      ? input
          .split(',')
          .map((p) => p.trim())
          .filter((p) => p !== '' && p !== 'none')
          .map((p) => {
            const eq = p.indexOf('=');
            if (eq === -1) throw new Error(`fault "${p}" expected name=value`);
            return [p.slice(0, eq).trim(), p.slice(eq + 1).trim()];
          })
      : Object.entries(input);
  const out: Record<string, number> = { ...NO_FAULTS };
  for (const [name, raw] of pairs) {
    const rule = (KEYS as Record<string, (typeof KEYS)[keyof FaultSpec] | undefined>)[name];
    if (rule === undefined) throw new Error(`unknown fault "${name}"; known: ${Object.keys(KEYS).join(', ')}`);
    const n = typeof raw === 'number' ? raw : typeof raw === 'string' && raw !== '' ? Number(raw) : Number.NaN;
    if (!Number.isFinite(n) || n < rule.min || n > rule.max || (rule.integer && !Number.isInteger(n))) {
      throw new Error(`fault "${name}" expected ${rule.integer ? 'an integer' : 'a number'} from ${rule.min} to ${rule.max}, found ${JSON.stringify(raw)}`);
    }
    out[name] = n;
  }
  return out as unknown as FaultSpec;
}

/** The live fault state of a server. */
export class Faults {
  private spec: FaultSpec = NO_FAULTS;
  private remaining429 = 0;
  private rng: Rng = createRng(1, 99);

  constructor(initial?: FaultSpec) {
    if (initial) this.set(initial);
  }

  set(spec: FaultSpec): void {
    this.spec = spec;
    this.remaining429 = spec.burst429;
    this.rng = createRng(spec.seed, 99);
  }

  current(): FaultSpec & { readonly remaining429: number } {
    return { ...this.spec, remaining429: this.remaining429 };
  }

  latency(): number {
    return this.spec.latency;
  }

  /** Consumes one injected 429 if a burst is pending; returns the Retry-After seconds. */
  take429(): number | null {
    if (this.remaining429 <= 0) return null;
    this.remaining429--;
    return this.spec.retryAfter;
  }

  roll5xx(): boolean {
    return this.spec.error5xx > 0 && this.rng.next() < this.spec.error5xx;
  }

  rollDrop(): boolean {
    return this.spec.dropAfterCommit > 0 && this.rng.next() < this.spec.dropAfterCommit;
  }
}
