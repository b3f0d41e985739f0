// Timing note, not a unit test: `npx tsx main/erp/bench/startup.ts [scale]` measures how long the reference ERP
// takes to be ready (fresh, then resumed from its data folder) and how long a full pull of order lines takes; then
// with a long journal (6,000 live events): resumed replaying it in full, resumed compacting it, and resumed after.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
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
    const replayed = erp.startup.replayed;
    // A long history: live events touching rows over and over (what a month of use leaves in the journal).
    for (let i = 0; i < 6000; i++) erp.advance({ type: i % 2 === 0 ? 'demand-spike' : 'cycle-count', ...(i % 2 === 0 ? { lines: 1 } : {}) });
    await erp.close();
    const journal = join(dataDir, 'journal.ndjson');
    const longBytes = statSync(journal).size;
    const timedStart = async (compactAbove: number) => {
      const t = performance.now();
      const e = await startReferenceErp({ port: 0, scale, seed: 7, dataDir, rateLimit: false, compactAbove });
      const ms = performance.now() - t;
      const replayedNow = e.startup.replayed;
      await e.close();
      return { ms: Math.round(ms), replayed: replayedNow };
    };
    const fullReplay = await timedStart(Number.POSITIVE_INFINITY);
    const compacting = await timedStart(5000);
    const compactBytes = statSync(journal).size;
    const afterCompaction = await timedStart(5000);
    const rows = pulled.ok ? pulled.value.rows : -1;
    process.stdout.write(
      `${JSON.stringify({
        scale,
        fresh_start_ms: Math.round(fresh),
        resumed_start_ms: Math.round(resumed),
        replayed,
        order_lines_pulled: rows,
        full_pull_ms: Math.round(pullMs),
        long_journal_entries: fullReplay.replayed,
        long_journal_bytes: longBytes,
        resumed_full_replay_ms: fullReplay.ms,
        resumed_compacting_ms: compacting.ms,
        compacted_bytes: compactBytes,
        resumed_after_compaction_ms: afterCompaction.ms,
        load_average_1m: Number((await import('node:os')).loadavg()[0]?.toFixed(2)),
      })}\n`,
    );
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

void main();
