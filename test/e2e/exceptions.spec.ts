import { expect, test } from '@playwright/test';
import { ExceptionsPage } from './pages/exceptions-page';
import { ShellPage } from './pages/shell-page';

test('the queue holds pulled and derived exceptions; a saved view keeps filter and sort across a restart', async ({ page }) => {
  test.setTimeout(90_000);
  const shell = new ShellPage(page);
  await shell.signInAndPull('planner');
  const exceptions = new ExceptionsPage(page);
  await exceptions.expectLoaded();
  // Derived ones come from the engine's worker over the same cache.
  await exceptions.filter('Workbench');
  await expect(exceptions.grid.cell(0, 'origin')).toHaveText('Workbench', { timeout: 30_000 });
  await exceptions.filter('Credit hold');
  await expect(exceptions.grid.cell(0, 'type')).toHaveText('Credit hold');
  const shown = (await exceptions.rowCount.textContent()) ?? '';
  // Sort by customer (header click), then save the view.
  await page.locator('[data-testid="exceptions-grid"] .ag-header-cell[col-id="customerName"] .ag-header-cell-label').click();
  await exceptions.saveView('Credit holds by customer');
  await expect(page.getByTestId('saved-view')).toHaveValue('Credit holds by customer');
  const firstCustomers = await exceptions.grid.columnTexts('customerName');

  // A restart: the app opens on the remembered identity with its saved view.
  await page.reload();
  await exceptions.expectLoaded();
  await expect(page.getByTestId('saved-view')).toHaveValue('Credit holds by customer');
  await expect(exceptions.quickFilter).toHaveValue('Credit hold');
  await expect(exceptions.rowCount).toHaveText(shown);
  expect((await exceptions.grid.columnTexts('customerName')).slice(0, 5)).toEqual(firstCustomers.slice(0, 5));
});

test('Enter on an exception opens the allocation view of its SKU group', async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.signInAndPull('planner');
  const exceptions = new ExceptionsPage(page);
  await exceptions.expectLoaded();
  await exceptions.filter('Shipment delay');
  const item = await exceptions.grid.cell(0, 'itemId').innerText();
  await exceptions.openRowWithKeyboard(0);
  await expect(shell.nav('Allocation')).toHaveAttribute('aria-current', 'page');
  await expect(page.getByTestId('allocation-scope')).toContainText(item, { timeout: 30_000 });
});
