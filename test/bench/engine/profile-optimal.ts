// CPU profile of optimal mode on the large world (`node --cpu-prof --import tsx test/bench/engine/profile-optimal.ts
// [runs]`): the engine is bundled as the benchmark runs it, then `allocate(..., { mode: 'optimal' })` runs `runs`
// times after two warm-ups, printing each run's wall time next to a priority run's.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { generateWorld } from '../../../main/erp/generator';
import type * as Engine from '../../../shared/engine';

const out = await build({ entryPoints: [join(import.meta.dirname, '../../../shared/engine/index.ts')], bundle: true, format: 'esm', platform: 'neutral', write: false, logLevel: 'warning' });
const file = join(mkdtempSync(join(tmpdir(), 'engine-optimal-')), 'engine.mjs');
writeFileSync(file, out.outputFiles[0]!.text);
const engine = (await import(pathToFileURL(file).href)) as typeof Engine;

const world = generateWorld({ scale: 'large', seed: 7 });
const policy = engine.defaultPolicy;
for (let k = 0; k < 2; k++) engine.allocate(world, policy, [], { mode: 'optimal' });
const runs = Number(process.argv[2] ?? 5);
for (let k = 0; k < runs; k++) {
  const t0 = performance.now();
  const plan = engine.allocate(world, policy, [], { mode: 'optimal' });
  const t1 = performance.now();
  engine.allocate(world, policy, [], { mode: 'priority' });
  const t2 = performance.now();
  console.log(`optimal ${(t1 - t0).toFixed(0)} ms (objective ${plan.summary.objective}), priority ${(t2 - t1).toFixed(0)} ms`);
}
