// A plan's lines, decisions and exceptions are composed on first read (outcome.ts). These properties pin what that
// must not change: the counts in the summary are the composed lists' lengths, and a plan handed out by a what-if
// session stays the plan of the edits in force when it was handed out, however many edits, undos and weight changes
// the session goes through before anyone reads it.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { allocate, createWhatIfSession, planToJson } from '../../shared/engine';
import { editArb, policyArb, worldArb } from './arbitrary';

const modeArb = fc.constantFrom('priority' as const, 'optimal' as const);

describe('lazily composed plans', () => {
  it('counts in the summary exactly the decisions and exceptions it composes', () => {
    fc.assert(
      fc.property(worldArb, policyArb, modeArb, (world, policy, mode) => {
        const plan = allocate(world, policy, [], { mode });
        expect(plan.decisions.length).toBe(plan.summary.decisions);
        expect(plan.exceptions.length).toBe(plan.summary.exceptions);
      }),
      { numRuns: 150, seed: 21 },
    );
  });

  it('keeps a handed-out plan as it was, unread, while the session moves on', () => {
    const caseArb = worldArb.chain((world) =>
      fc.record({ world: fc.constant(world), policy: policyArb, mode: modeArb, first: fc.array(editArb(world), { maxLength: 4 }), then: fc.array(editArb(world), { minLength: 1, maxLength: 5 }), undo: fc.boolean() }),
    );
    fc.assert(
      fc.property(caseArb, ({ world, policy, mode, first, then, undo }) => {
        const session = createWhatIfSession(world, policy, { mode });
        for (const e of first) session.apply(e);
        const early = session.plan(); // nothing read yet
        for (const e of then) session.apply(e);
        if (undo) session.undo();
        const late = session.plan();
        expect(planToJson(early)).toBe(planToJson(allocate(world, policy, first, { mode })));
        expect(planToJson(late)).toBe(planToJson(allocate(world, policy, session.edits(), { mode })));
      }),
      { numRuns: 150, seed: 22 },
    );
  });

  it('shows the composed fields to JSON, spread and structured clone in the same key order', () => {
    fc.assert(
      fc.property(worldArb, policyArb, (world, policy) => {
        const plan = allocate(world, policy);
        expect(Object.keys(plan)).toEqual(['mode', 'asOf', 'lines', 'summary', 'decisions', 'exceptions']);
        const json = planToJson(plan);
        expect(JSON.stringify({ ...allocate(world, policy) })).toBe(json);
        expect(JSON.stringify(structuredClone(allocate(world, policy)))).toBe(json);
      }),
      { numRuns: 40, seed: 23 },
    );
  });
});
