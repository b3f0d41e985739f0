import { _electron, expect, test } from '@playwright/test';
import fs from 'node:fs';
import path from 'node:path';
import { ShellPage } from './pages/shell-page';

test('the shell renders in browser mode and says which ERP it is connected to', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const shell = new ShellPage(page);
  await shell.open();
  await expect(shell.connection).toContainText('Built-in reference ERP');
  await expect(shell.connection).toContainText('browser mode');
  for (const view of ['Exceptions', 'Allocation', 'Inventory', 'Decisions']) {
    await expect(shell.nav(view)).toBeVisible();
  }
  expect(errors).toEqual([]);
});

test('the page is served with a content security policy that forbids inline scripts', async ({ page }) => {
  const response = await page.goto('/');
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("script-src 'self'");
  expect(csp).not.toContain('unsafe-eval');
  expect(csp).toContain("object-src 'none'");
});

test('the desktop shell opens the same app in Electron', async () => {
  const electronBinary = findElectronBinary();
  test.skip(!electronBinary, 'skipped: no Electron binary');
  const app = await _electron.launch({ executablePath: electronBinary!, args: ['.'] });
  try {
    const window = await app.firstWindow();
    await expect(window.getByTestId('app-shell')).toBeVisible();
    await expect(window.getByTestId('erp-connection')).toContainText('desktop app');
  } finally {
    await app.close();
  }
});

/** The downloaded Electron binary, if this machine has one (node_modules/electron/path.txt names it). */
function findElectronBinary(): string | undefined {
  const pathFile = path.join('node_modules', 'electron', 'path.txt');
  if (!fs.existsSync(pathFile)) return undefined;
  const binary = path.resolve('node_modules', 'electron', 'dist', fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? binary : undefined;
}
