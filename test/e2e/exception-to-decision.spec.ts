import { expect, test } from '@playwright/test';
import { AllocationPage } from './pages/allocation-page';
import { DecisionsPage } from './pages/decisions-page';
import { ExceptionsPage } from './pages/exceptions-page';
import { ShellPage } from './pages/shell-page';

// The planner's day in one journey: pick an exception from the queue, open its SKU group, lift a short line,
// propose the resulting decisions, and approve one of them.
test('work an exception from the queue to an approved decision', async ({ page }) => {
  test.setTimeout(180_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const shell = new ShellPage(page);
  await shell.signInAndPull('supervisor');

  // Find out (as a planner who knows the floor would) which SKU group has a short line a priority lift helps, then
  // take that edit back: the journey proper starts from the exception queue.
  const allocation = new AllocationPage(page);
  await allocation.open();
  const { groupId, before } = await allocation.raiseAShortLine();
  await allocation.undoButton.click();
  await allocation.expectEditCount(0);
  const groupLabel = (await allocation.groupSelect.locator(`option[value="${groupId}"]`).textContent()) ?? '';
  const groupItems = groupLabel.split(' — ')[0]!.split(' + ').map((s) => s.trim());

  await shell.goTo('Exceptions');
  const exceptions = new ExceptionsPage(page);
  await exceptions.expectLoaded();
  let found = false;
  for (const item of groupItems) {
    await exceptions.filter(item);
    if ((await exceptions.grid.cell(0, 'itemId').count()) > 0 && (await exceptions.grid.cell(0, 'itemId').innerText()) === item) {
      found = true;
      break;
    }
  }
  expect(found, `an exception on one of ${groupItems.join(', ')}`).toBe(true);
  await exceptions.openRowWithKeyboard(0);

  await expect(shell.nav('Allocation')).toHaveAttribute('aria-current', 'page');
  await expect(allocation.view).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
  await expect(page.getByTestId('allocation-scope')).toContainText(`SKU group of ${groupId}`);
  await allocation.editCell(before.orderLineId, 'priorityOverride', '1');
  await allocation.expectEditCount(1);
  expect((await allocation.line(before.orderLineId)).planQty).toBeGreaterThan(before.planQty);
  await allocation.proposeDecisions();
  await expect(allocation.scenarioMessage).toContainText(/Proposed \d+ decision/);

  await shell.goTo('Decisions');
  const decisions = new DecisionsPage(page);
  await decisions.show('proposed');
  await expect.poll(() => decisions.count('proposed')).toBeGreaterThan(0);
  const id = (await decisions.grid.cell(0, 'id').innerText()).trim();
  await decisions.grid.cell(0, 'id').click();
  await page.keyboard.press('Space');
  await expect(decisions.approveButton).toHaveText('Approve selected (1)');
  await page.keyboard.press('Control+Shift+A');
  await expect(decisions.outcome).toContainText('Approved 1 decision');
  await decisions.show('all');
  await decisions.page.getByTestId('quick-filter').fill(id);
  await expect(decisions.grid.cell(0, 'displayStatus')).toHaveText(/Queued|Sent|Applied/);
  await expect(decisions.grid.cell(0, 'approvedBy')).toHaveText('supervisor');
  expect(errors).toEqual([]);
});
