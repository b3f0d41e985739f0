// Timing note, not a unit test: `npx tsx main/erp/bench/startup.ts [scale]` measures how long the reference ERP
// takes to be ready (fresh, then resumed from its data folder) and how long a full pull of order lines takes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createErpClient } from '../../../shared/erp';
import { isScale } from '../generator';
import { startReferenceErp } from '../server';

async function main(): Promise<void> {
  const scale = process.argv[2] ?? 'large';
  if (!isScale(scale)) throw new Error(`scale expected small, medium or large, found ${JSON.stringify(scale)}`);
  const dataDir = mkdtempSync(join(tmpdir(), 'erp-bench-'));
  try {
    let t0 = performance.now();
    let erp = await startReferenceErp({ port: 0, scale, seed: 7, dataDir, rateLimit: false });
    const fresh = performance.now() - t0;
    const client = createErpClient({ baseUrl: erp.url, fetch: (u, i) => fetch(u, i) });
    await client.login('planner', 'planner');
    t0 = performance.now();
    const pulled = await client.pullAll('order-lines', () => {}, { limit: 1000 });
    const pullMs = performance.now() - t0;
    for (let i = 0; i < 20; i++) erp.advance({ type: 'demand-spike', lines: 2 });
    await erp.close();
    t0 = performance.now();
    erp = await startReferenceErp({ port: 0, scale, seed: 7, dataDir, rateLimit: false });
    const resumed = performance.now() - t0;
    await erp.close();
    const rows = pulled.ok ? pulled.value.rows : -1;
    process.stdout.write(
      `${JSON.stringify({ scale, fresh_start_ms: Math.round(fresh), resumed_start_ms: Math.round(resumed), replayed: erp.startup.replayed, order_lines_pulled: rows, full_pull_ms: Math.round(pullMs) })}\n`,
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
