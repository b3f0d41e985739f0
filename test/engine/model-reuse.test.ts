// The compiled model is reused while the same snapshot object is allocated again (engine.ts `compileFor`): the
// reused model must give exactly the plan a fresh compile gives, whatever was allocated in between, and a
// different planning day must not reuse it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, createWhatIfSession, defaultPolicy, planToJson } from '../../shared/engine';
import { compileFor } from '../../shared/engine/engine';
import type { IsoDate } from '../../shared/domain';
import { policyArb, worldArb } from './arbitrary';

/** A structurally equal copy (a new object, so it can never hit the reuse slot of the original). */
const copy = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

describe('compiled model reuse', () => {
  it('reuses the model for the same snapshot and planning day, and recompiles for another day or snapshot', () => {
    fc.assert(
      fc.property(worldArb, worldArb, (a, b) => {
        const first = compileFor(a, defaultPolicy);
        expect(compileFor(a, defaultPolicy)).toBe(first);
        expect(compileFor(a, { ...defaultPolicy, asOf: '2030-01-01' as IsoDate })).not.toBe(first);
        expect(compileFor(b, defaultPolicy)).not.toBe(first);
      }),
      { numRuns: 20, seed: 4 },
    );
  });

  it('gives the same plan bytes on a reused model as on a fresh compile, across interleaved snapshots, policies and modes', () => {
    fc.assert(
      fc.property(worldArb, worldArb, policyArb, fc.constantFrom('priority' as const, 'optimal' as const), (a, b, policy, mode) => {
        const fresh = planToJson(allocate(copy(a), policy, [], { mode }));
        allocate(a, defaultPolicy, [], { mode }); // fills the slot with a's model
        const reused = planToJson(allocate(a, policy, [], { mode })); // same snapshot object: reuses it
        allocate(b, policy, [], { mode }); // another snapshot takes the slot
        createWhatIfSession(a, policy, { mode }).apply({ kind: 'policy-weights', weights: { margin: 40 } }); // a session on a reused model
        const again = planToJson(allocate(a, policy, [], { mode }));
        expect(reused).toBe(fresh);
        expect(again).toBe(fresh);
      }),
      { numRuns: 40, seed: 11 },
    );
  });
});
