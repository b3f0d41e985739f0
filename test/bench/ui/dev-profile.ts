/**
 * Iteration helper for the UI performance work (not the benchmark): keeps the `large` world's cache in a persistent
 * Chromium profile (fixed ports, so the origin and its IndexedDB survive), and each run opens a fresh window over it,
 * times the first paint, "All lines" and three priority edits, and writes CPU profiles of the grid open and of each
 * edit with their top self-time functions. `npm run bench:ui` remains the measurement of record.
 *   tsx test/bench/ui/dev-profile.ts [--profile-dir /tmp/ui-dev] [--no-build] [--no-cpu]
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, expect } from '@playwright/test';
import type { CDPSession, Page } from '@playwright/test';
import { startReferenceErp } from '../../../main/erp/server';
import { startStaticServer } from '../../../main/web/static-server';
import { seedReserveDecisions } from '../../e2e/support/seed-decisions';
import { openingTimeline, waitForMeasureCount } from './measures';

const argv = process.argv;
const flag = (name: string, fallback: string) => {
  const i = argv.indexOf(`--${name}`);
  return i >= 0 ? (argv[i + 1] ?? fallback) : fallback;
};
const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const profileDir = flag('profile-dir', '/tmp/ui-dev');
const outDir = join(profileDir, 'profiles');
mkdirSync(outDir, { recursive: true });

interface ProfileNode { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }
interface CpuProfile { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }

/** Top self-time functions of a CPU profile, "ms  name  file:line". */
function topSelf(p: CpuProfile, n = 18): string[] {
  const byId = new Map(p.nodes.map((x) => [x.id, x]));
  const self = new Map<string, number>();
  for (let i = 0; i < p.samples.length; i++) {
    const node = byId.get(p.samples[i]!);
    if (!node) continue;
    const f = node.callFrame;
    const key = `${f.functionName || '(anon)'}  ${f.url.split('/').pop()}:${f.lineNumber}`;
    self.set(key, (self.get(key) ?? 0) + (p.timeDeltas[i] ?? 0) / 1000);
  }
  return [...self].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${v.toFixed(1).padStart(8)} ms  ${k}`);
}

async function profiled<T>(cdp: CDPSession | null, name: string, fn: () => Promise<T>): Promise<T> {
  if (!cdp) return fn();
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.start');
  const out = await fn();
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: CpuProfile };
  writeFileSync(join(outDir, `${name}.cpuprofile`), JSON.stringify(profile));
  console.log(`-- ${name}: top self time\n${topSelf(profile).join('\n')}`);
  return out;
}

async function main(): Promise<void> {
  if (!argv.includes('--no-build')) {
    const b = spawnSync('npm', ['run', 'build:renderer'], { cwd: root, stdio: 'ignore' });
    if (b.status !== 0) throw new Error('renderer build failed');
  }
  const erp = await startReferenceErp({ host: '127.0.0.1', port: 47_312, scale: 'large', seed: 7, rateLimit: false });
  const web = await startStaticServer({
    rendererRoot: join(root, 'dist', 'renderer'),
    port: 47_311,
    runtimeConfig: { erpBaseUrl: erp.url, embedded: true, label: 'Built-in reference ERP', version: 'dev' },
  });
  const context = await chromium.launchPersistentContext(profileDir, {
    headless: true,
    executablePath: '/usr/bin/chromium',
    baseURL: web.url,
    viewport: { width: 1440, height: 900 },
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--no-first-run'],
  });
  await context.addInitScript({ content: 'globalThis.__name = (f) => f;' });
  const nav = (page: Page, name: string) => page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name, exact: true }).click();
  try {
    let page = await context.newPage();
    await page.goto('/');
    const signIn = page.getByTestId('view-sign-in');
    await Promise.race([signIn.waitFor({ timeout: 60_000 }), page.getByTestId('app-shell').waitFor({ timeout: 60_000 })]);
    if (await signIn.isVisible()) {
      console.log('filling the cache (first run)…');
      await signIn.getByLabel('User').fill('supervisor');
      await signIn.getByLabel('Password').fill('supervisor');
      await signIn.getByRole('button', { name: 'Sign in' }).click();
      await expect(page.getByTestId('last-sync')).toContainText('Last sync', { timeout: 20 * 60_000 });
      await expect(page.getByTestId('pull-progress')).toHaveCount(0, { timeout: 10 * 60_000 });
      await seedReserveDecisions(page, { count: 10_000, prefix: 'DEV', fillWithBackorders: true });
      await page.getByTestId('work-offline').check();
      await expect(page.getByTestId('sync-state')).toHaveAttribute('data-state', 'offline', { timeout: 60_000 });
    }
    await page.close();

    page = await context.newPage();
    const cdp = argv.includes('--no-cpu') ? null : await context.newCDPSession(page);
    const t0 = Date.now();
    await profiled(cdp, 'open', async () => {
      await page.goto('/');
      await expect(page.locator('[data-testid="exceptions-grid"] [row-index="0"] [col-id="type"]')).toBeVisible({ timeout: 120_000 });
      console.log(`queue row 0 visible at ${Date.now() - t0} ms (${await page.locator('[data-testid="exceptions-grid"] [aria-rowcount]').first().getAttribute('aria-rowcount')} rows + header)`);
      await nav(page, 'Inventory');
      console.log(`Inventory clicked at ${Date.now() - t0} ms`);
      await expect(page.getByTestId('view-inventory')).toBeVisible();
    });
    console.log(`interactive ${Date.now() - t0} ms`);
    console.log(`   ${(await openingTimeline(page)).join('\n   ')}`);
    await nav(page, 'Exceptions');
    // Settled: the queue's joined read and the derivation are done (the indicator alone shows up only once deriving starts).
    await expect(page.getByTestId('view-exceptions')).toHaveAttribute('data-phase', 'ready', { timeout: 180_000 });
    await expect(page.getByTestId('view-exceptions')).toHaveAttribute('data-deriving', 'false', { timeout: 180_000 });
    console.log(`derived exceptions in at ${Date.now() - t0} ms`);
    await nav(page, 'Allocation');
    const grid = page.getByTestId('allocation-grid');
    const g0 = Date.now();
    const metricsCdp = await context.newCDPSession(page);
    await metricsCdp.send('Performance.enable');
    const metrics = async () => {
      const { metrics: list } = (await metricsCdp.send('Performance.getMetrics')) as { metrics: { name: string; value: number }[] };
      return new Map(list.map((m) => [m.name, m.value]));
    };
    const m0 = await metrics();
    await profiled(cdp, 'grid-open', async () => {
      await page.getByRole('button', { name: 'All lines' }).click();
      await expect(page.getByTestId('allocation-view')).toHaveAttribute('data-status', 'ready', { timeout: 180_000 });
      await expect(grid.locator('[row-index="0"] [col-id="rank"]')).toBeVisible({ timeout: 60_000 });
    });
    const openApp = await waitForMeasureCount(page, 'allocation-grid-open', 1, 10_000).catch(() => null);
    const dom = await page.evaluate(() => {
      const grid = document.querySelector('[data-testid="allocation-grid"]');
      return `elements ${document.querySelectorAll('*').length}, in the grid ${grid?.querySelectorAll('*').length}, rows ${grid?.querySelectorAll('[role="row"]').length}, cells ${grid?.querySelectorAll('[role="gridcell"]').length}, options ${document.querySelectorAll('option').length}`;
    });
    console.log(`grid open DOM: ${dom}`);
    // Native work of the open (style, layout, script, DOM size): what a JS profile shows only as "(program)".
    const m1 = await metrics();
    const delta = (name: string, scale = 1) => (((m1.get(name) ?? 0) - (m0.get(name) ?? 0)) * scale).toFixed(0);
    console.log(
      `grid open natively: layouts ${delta('LayoutCount')} (${delta('LayoutDuration', 1000)} ms), style recalcs ${delta('RecalcStyleCount')} (${delta('RecalcStyleDuration', 1000)} ms), script ${delta('ScriptDuration', 1000)} ms, task ${delta('TaskDuration', 1000)} ms, nodes ${m1.get('Nodes')} (+${delta('Nodes')}), JS heap ${((m1.get('JSHeapUsedSize') ?? 0) / 1e6).toFixed(0)} MB`,
    );
    const timing = page.getByTestId('allocation-timing');
    console.log(`grid open ${Date.now() - g0} ms (view ${openApp}, rows in store ${await timing.getAttribute('data-open-loaded-ms')}, build ${await timing.getAttribute('data-build-ms')})`);
    for (const [i, value] of [[0, '5'], [1, '4'], [2, '3']] as const) {
      const before = await page.evaluate(() => performance.getEntriesByName('allocation-edit-repaint').length);
      const cell = grid.locator(`[row-index="${i}"] [col-id="priorityOverride"]`);
      await cell.dblclick();
      await cell.locator('input').fill(value);
      const ms = await profiled(cdp, `edit-${i}`, async () => {
        await cell.locator('input').press('Enter');
        return waitForMeasureCount(page, 'allocation-edit-repaint', before + 1);
      });
      console.log(`edit ${i}: repaint ${ms} ms (engine ${await timing.getAttribute('data-edit-engine-ms')}, round trip ${await timing.getAttribute('data-edit-round-trip-ms')})`);
    }
    // Leave the session clean for the next run: undo the three edits.
    for (let k = 0; k < 3; k++) await page.getByTestId('allocation-undo').click();
  } finally {
    console.log(`load ${loadavg()[0]!.toFixed(1)}`);
    await context.close();
    await web.close();
    await erp.close();
  }
}

main().catch((e: unknown) => {
  console.error(e instanceof Error ? e.stack : String(e));
  process.exit(1);
});
