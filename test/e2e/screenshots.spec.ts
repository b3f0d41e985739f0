import { expect, test } from '@playwright/test';
import path from 'node:path';
import { AllocationPage } from './pages/allocation-page';
import { DecisionsPage } from './pages/decisions-page';
import { ExceptionsPage } from './pages/exceptions-page';
import { ShellPage } from './pages/shell-page';
import { seedReserveDecisions } from './support/seed-decisions';

// Screenshots of each view for the README, taken against the reference ERP's small world.
const dir = path.resolve('docs', 'screenshots');
const shot = (name: string) => ({ path: path.join(dir, `${name}.png`), fullPage: false });

test('screenshots of every view', async ({ page }) => {
  test.setTimeout(150_000);
  const shell = new ShellPage(page);
  await shell.open();
  await expect(page.getByTestId('view-sign-in')).toBeVisible();
  await page.getByTestId('view-sign-in').getByLabel('User').fill('supervisor');
  await page.screenshot(shot('sign-in'));

  await shell.signIn('supervisor');
  await shell.waitForPull();
  const exceptions = new ExceptionsPage(page);
  await exceptions.expectLoaded();
  await expect(exceptions.grid.cell(0, 'origin')).toBeVisible();
  await page.screenshot(shot('exceptions'));

  const allocation = new AllocationPage(page);
  await allocation.open();
  const [groupId] = await allocation.competingGroups();
  await allocation.openGroup(groupId!);
  await page.screenshot(shot('allocation'));

  await shell.goTo('Inventory');
  await expect(page.getByTestId('inventory-grid').locator('[row-index="0"] [col-id="itemId"]')).toBeVisible();
  await page.screenshot(shot('inventory'));

  await seedReserveDecisions(page, { count: 40, prefix: 'DEMO', fillWithBackorders: true, maxValueCents: 5_000_000 });
  await shell.pullNow();
  await shell.goTo('Decisions');
  const decisions = new DecisionsPage(page);
  await decisions.show('proposed');
  await decisions.grid.checkbox(0).click();
  await decisions.grid.checkbox(6).click({ modifiers: ['Shift'] });
  await page.screenshot(shot('decisions'));

  await page.keyboard.press('?');
  await expect(page.getByTestId('help-overlay')).toBeVisible();
  await page.screenshot(shot('help'));
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('help-overlay')).toHaveCount(0);
});
