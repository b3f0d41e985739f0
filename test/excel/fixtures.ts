// A real world, plan and workbook for the Excel tests: the generator's small world allocated by the engine.
import { nodeDeflateCodec } from '../../main/cli/plan/node-codec';
import { generateWorld } from '../../main/erp/generator';
import type { Snapshot } from '../../shared/domain';
import { allocate, defaultPolicy } from '../../shared/engine';
import type { Edit, Plan } from '../../shared/engine';
import { exportPlanWorkbook } from '../../shared/excel';

export const codec = nodeDeflateCodec();

export interface World {
  readonly snapshot: Snapshot;
  readonly plan: Plan;
}

let cached: World | null = null;

/** The small world (seed 7) and its priority plan; built once per test file. */
export function smallWorld(): World {
  if (!cached) {
    const snapshot = generateWorld({ scale: 'small', seed: 7 });
    cached = { snapshot, plan: allocate(snapshot, defaultPolicy, [], { mode: 'priority' }) };
  }
  return cached;
}

let plain: Promise<Uint8Array> | null = null;

/** The workbook of the small world's plan (optionally with a scenario's edits); a fresh copy each call. */
export async function exportSmall(edits: readonly Edit[] = []): Promise<Uint8Array> {
  const { snapshot, plan } = smallWorld();
  const write = () => exportPlanWorkbook({ snapshot, plan: edits.length ? allocate(snapshot, defaultPolicy, edits) : plan, edits, exportedAt: '2026-11-27T08:00:00.000Z' }, codec);
  if (edits.length) return write();
  // Export is deterministic, so the edit-free workbook is written once per test file.
  plain ??= write();
  return (await plain).slice();
}
