// Phase timings of a full priority allocation on the large world, for profiling (`node --cpu-prof --import tsx
// test/bench/engine/profile.ts [runs]`). CPU ms per phase: compile (reused while the snapshot object is the same),
// build (allocate every group, figures, decision and exception counts), plan (summary), then composing on first
// read the plan lines, decisions and exceptions; then `allocate()` on the same snapshot object (model reused) and on a
// fresh copy of it (compiled again), and planToJson once.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { generateWorld } from '../../../main/erp/generator';
import type { Snapshot } from '../../../shared/domain';
import type * as Engine from '../../../shared/engine';
import type * as State from '../../../shared/engine/engine';

type Bundle = typeof Engine & Pick<typeof State, 'compileFor' | 'buildEngine'>;

const entry = "export * from '../../../shared/engine'; export { compileFor, buildEngine } from '../../../shared/engine/engine';";
const out = await build({ stdin: { contents: entry, resolveDir: import.meta.dirname, loader: 'ts' }, bundle: true, format: 'esm', platform: 'neutral', write: false, logLevel: 'warning' });
const file = join(mkdtempSync(join(tmpdir(), 'engine-profile-')), 'engine.mjs');
writeFileSync(file, out.outputFiles[0]!.text);
const engine = (await import(pathToFileURL(file).href)) as Bundle;

const cpu = (fn: () => void): number => {
  const c0 = process.cpuUsage();
  fn();
  const c = process.cpuUsage(c0);
  return (c.user + c.system) / 1000;
};
const world: Snapshot = generateWorld({ scale: 'large', seed: 7 });
const policy = engine.defaultPolicy;
const runs = Number(process.argv[2] ?? 5);
for (let k = 0; k < 2; k++) engine.allocate(world, policy);
for (let k = 0; k < runs; k++) {
  let state: ReturnType<Bundle['buildEngine']> | undefined;
  let model: ReturnType<Bundle['compileFor']> | undefined;
  const compile = cpu(() => void (model = engine.compileFor(world, policy)));
  const built = cpu(() => void (state = engine.buildEngine(model!, policy, [], 'priority')));
  let plan: ReturnType<NonNullable<typeof state>['plan']> | undefined;
  const assembly = cpu(() => void (plan = state!.plan()));
  const lines = cpu(() => void plan!.lines.length);
  const decisions = cpu(() => void plan!.decisions.length);
  const exceptions = cpu(() => void plan!.exceptions.length);
  const reused = cpu(() => void engine.allocate(world, policy));
  const copy = structuredClone(world);
  const cold = cpu(() => void engine.allocate(copy, policy));
  console.log(`compile ${compile.toFixed(0)}  build ${built.toFixed(0)}  plan ${assembly.toFixed(0)}  compose: lines ${lines.toFixed(0)}, decisions ${decisions.toFixed(0)}, exceptions ${exceptions.toFixed(0)}  |  allocate: same snapshot ${reused.toFixed(0)}, fresh copy ${cold.toFixed(0)} (CPU ms)`);
}
const plan = engine.allocate(world, policy);
console.log(`planToJson ${cpu(() => void engine.planToJson(plan)).toFixed(0)} CPU ms`);
