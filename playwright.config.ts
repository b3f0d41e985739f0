import { defineConfig } from '@playwright/test';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

// End-to-end journeys run the real renderer in browser mode against the real reference ERP, in the system
// Chromium (Playwright's own browser download is impossible on these machines).
const systemChromium = ['/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p) => fs.existsSync(p));
const port = Number(process.env.E2E_PORT ?? 5399);
const dataDir = process.env.E2E_DATA_DIR ?? fs.mkdtempSync(path.join(os.tmpdir(), 'workbench-e2e-erp-'));

export default defineConfig({
  testDir: 'test/e2e',
  testMatch: '**/*.spec.ts',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [['list']],
  outputDir: 'test-results/e2e',
  use: {
    baseURL: `http://127.0.0.1:${port}/`,
    headless: true,
    viewport: { width: 1440, height: 900 },
    trace: 'retain-on-failure',
    launchOptions: {
      ...(systemChromium ? { executablePath: systemChromium } : {}),
      args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
    },
  },
  webServer: {
    command: `npx tsx main/web/serve-web.ts --port ${port} --erp-port 0 --scale small --seed 7 --data-dir "${dataDir}"`,
    url: `http://127.0.0.1:${port}/runtime-config.json`,
    timeout: 120_000,
    reuseExistingServer: false,
    stdout: 'pipe',
  },
});
