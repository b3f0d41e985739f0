/**
 * Where the engine worker's "All lines" preparation spends its time, in Node on the generated large world (no
 * browser, no cache): session build, composing the plan lines, projecting rows, ordering them, packing the batch.
 *   tsx test/bench/ui/warm-profile.ts
 */
import { generateWorld } from '../../../main/erp/generator';
import { defaultPolicy } from '../../../shared/engine/policy';
import { createWhatIfSession } from '../../../shared/engine/whatif';
import { encodeRows } from '../../../renderer/engine-worker/row-batch';
import { buildProjectionIndex, compareRows, inGridOrder, projectRow } from '../../../renderer/engine-worker/row-projection';


function timed<T>(name: string, fn: () => T): T {
  const t = performance.now();
  const v = fn();
  console.log(`${name.padEnd(28)} ${(performance.now() - t).toFixed(0).padStart(6)} ms`);
  return v;
}

const world = timed('generate', () => generateWorld({ scale: 'large', seed: 7 }));
const index = timed('projection index', () => buildProjectionIndex(world));
const session = timed('session build', () => createWhatIfSession(world, defaultPolicy, { mode: 'priority' }));
const plan = session.plan();
const lines = timed('compose plan lines', () => plan.lines);
const rows = timed('project rows', () => lines.map((p) => projectRow(p, index, undefined)));
timed("sort rows (compareRows)", () => rows.slice().sort(compareRows));
timed("order rows (inGridOrder)", () => inGridOrder(rows));


const sorted = rows.slice().sort(compareRows);
const batch = timed('encode', () => encodeRows(sorted));
timed('structured clone batch', () => structuredClone(batch));
console.log(`rows ${rows.length}, explanation chars ${batch.text.explanation.joined.length}`);
