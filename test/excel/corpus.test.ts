// Every broken or hostile file is refused with a clear message, and an import that is refused yields nothing
// to apply (the caller's scenario is untouched because the outcome carries no edits at all).
import { describe, expect, it } from 'vitest';
import { importPlanWorkbook } from '../../shared/excel';
import { HOSTILE_CASES } from './corpus';
import { codec, exportSmall, smallWorld } from './fixtures';

describe('hostile and broken workbooks', () => {
  it('has a corpus of at least 30 files', () => {
    expect(HOSTILE_CASES.length).toBeGreaterThanOrEqual(30);
  });

  it.each(HOSTILE_CASES.map((c) => [c.name, c] as const))('refuses %s', async (_name, c) => {
    const good = await exportSmall();
    const { snapshot, plan } = smallWorld();
    const edits = Object.freeze([{ kind: 'lock', orderLineId: plan.lines[0]!.orderLineId, locked: true } as const]);
    const bytes = await c.build(good);
    const outcome = await importPlanWorkbook({ bytes, snapshot, plan, edits, ...(c.limits ? { limits: c.limits } : {}) }, codec);
    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.refusal.code).toBe(c.code);
    expect(outcome.refusal.message.toLowerCase()).toContain(c.says.toLowerCase());
    expect('diff' in outcome).toBe(false);
  }, 120_000);

  it('accepts the untouched file the corpus was built from (the corpus tests the damage, not the base)', { timeout: 120_000 }, async () => {
    const { snapshot, plan } = smallWorld();
    const outcome = await importPlanWorkbook({ bytes: await exportSmall(), snapshot, plan }, codec);
    expect(outcome.ok).toBe(true);
  });
});
