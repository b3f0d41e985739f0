// Export-only timing for profiling (`node --cpu-prof --import tsx test/bench/excel/profile-export.ts`):
// the large world once, then the plan workbook exported `RUNS` times (default 2), CPU and wall seconds each.
import { nodeDeflateCodec } from '../../../main/cli/plan/node-codec';
import { generateWorld } from '../../../main/erp/generator';
import { allocate, defaultPolicy } from '../../../shared/engine';
import { exportPlanWorkbook } from '../../../shared/excel';

const codec = nodeDeflateCodec();
const snapshot = generateWorld({ scale: 'large', seed: 7 });
const plan = allocate(snapshot, defaultPolicy, [], { mode: 'priority' });
const runs = Number(process.env.RUNS ?? 2);
for (let i = 0; i < runs; i++) {
  const t = performance.now();
  const c = process.cpuUsage();
  const bytes = await exportPlanWorkbook({ snapshot, plan, exportedAt: '2026-11-27T00:00:00.000Z' }, codec);
  const d = process.cpuUsage(c);
  process.stderr.write(`export ${i + 1}: ${((performance.now() - t) / 1000).toFixed(2)} s wall, ${((d.user + d.system) / 1e6).toFixed(2)} s CPU, ${bytes.length} bytes\n`);
}
