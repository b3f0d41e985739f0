/**
 * The ERP's side of the push, without a browser: N backorder decisions (one per open line, one POST each, as the
 * outbox sends them) posted from Node with `concurrency` requests in flight. Tells the ERP's per-request cost
 * apart from the client's. Run under `node --cpu-prof` to see where the server's time goes:
 *
 *   npx tsx test/bench/sync/erp-push-probe.ts --scale medium --decisions 2000 --concurrency 16 [--durable]
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { startReferenceErp } from '../../../main/erp/server';
import { createErpClient } from '../../../shared/erp';
import type { Decision } from '../../../shared/domain';

function flag(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
}

const scale = flag('scale', 'medium') as 'small' | 'medium' | 'large';
const count = Number(flag('decisions', '2000'));
const concurrency = Number(flag('concurrency', '16'));
const durable = process.argv.includes('--durable');

async function main(): Promise<void> {
  const work = await mkdtemp(join(tmpdir(), 'aw-push-probe-'));
  const erp = await startReferenceErp({ host: '127.0.0.1', port: 0, scale, seed: 7, rateLimit: false, ...(durable ? { dataDir: join(work, 'erp') } : {}) });
  try {
    const client = createErpClient({ baseUrl: erp.url, fetch: (url, init) => fetch(url, init) });
    const login = await client.login('supervisor', 'supervisor');
    if (!login.ok) throw new Error('login failed');
    const asOf = erp.store().world.asOf;
    const lines = [...erp.store().table('order-lines').live()].filter((l) => l.status === 'open' || l.status === 'backordered').slice(0, count);
    const decisions = lines.map(
      (line, i) =>
        ({
          id: `PROBE-${i}`,
          type: 'backorder',
          basis: [{ entity: 'order-lines', id: line.id, version: line.version }],
          payload: { orderLineId: line.id, promisedDate: asOf },
          reason: 'probe',
          proposedBy: 'planner',
          proposedAt: new Date().toISOString(),
          status: 'approved',
        }) as unknown as Decision,
    );
    const queue = [...decisions];
    const statuses = new Map<number, number>();
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: concurrency }, async () => {
        for (let d = queue.shift(); d; d = queue.shift()) {
          const r = await client.postDecisions(d, d.id);
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        }
      }),
    );
    const s = (performance.now() - t0) / 1000;
    console.log(JSON.stringify({ scale, durable, decisions: decisions.length, concurrency, seconds: Math.round(s * 1000) / 1000, perSecond: Math.round(decisions.length / s), statuses: Object.fromEntries(statuses), load: loadavg()[0] }));
  } finally {
    await erp.close();
    await rm(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
