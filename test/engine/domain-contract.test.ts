// What the engine proposes and detects must pass the canonical domain validation (the outbox and the ERP check
// decisions with the same rules).
import { describe, expect, it } from 'vitest';
import { validateDecision, validateRecord } from '../../shared/domain';
import { allocate, defaultPolicy } from '../../shared/engine';
import { generateWorld } from '../../main/erp/generator';

describe('engine output against the domain schemas', () => {
  it('proposes only valid decisions and derives only valid exceptions, in both modes', () => {
    const s = generateWorld({ scale: 'small', seed: 5 });
    for (const mode of ['priority', 'optimal'] as const) {
      const plan = allocate(s, { ...defaultPolicy, holds: { credit: 'allocate', compliance: 'keep' } }, [], { mode });
      expect(plan.decisions.length).toBeGreaterThan(20);
      expect(new Set(plan.decisions.map((d) => d.type)).size).toBeGreaterThanOrEqual(6);
      for (const d of plan.decisions) {
        const r = validateDecision(d);
        expect(r.ok, r.ok ? '' : r.issues[0]!.message).toBe(true);
        expect(d.basis.length).toBeGreaterThan(0);
        expect(d.requiredRole).toMatch(/planner|supervisor|finance/);
      }
      for (const { impactCents, ...e } of plan.exceptions) {
        expect(impactCents).toBeGreaterThanOrEqual(0);
        const r = validateRecord('exceptions', e);
        expect(r.ok, r.ok ? '' : r.issues[0]!.message).toBe(true);
      }
      expect(new Set(plan.exceptions.map((e) => e.id)).size).toBe(plan.exceptions.length);
      expect(new Set(plan.decisions.map((d) => d.id)).size).toBe(plan.decisions.length);
    }
  });
});
