import { expect, test } from '@playwright/test';
import { AllocationPage } from './pages/allocation-page';
import { ShellPage } from './pages/shell-page';

// Our own paste handler (AG Grid's clipboard is Enterprise-only): a column copied from Excel fills the focused
// editable column from the focused cell down; each value is validated like a typed edit.
test('paste a column from the clipboard into an editable column; the invalid value is refused with a message', async ({ page, context }) => {
  test.setTimeout(120_000);
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const shell = new ShellPage(page);
  await shell.signInAndPull('planner');
  const allocation = new AllocationPage(page);
  await allocation.open();
  const [groupId] = await allocation.competingGroups();
  expect(groupId).toBeDefined();
  await allocation.openGroup(groupId!);
  const before = await allocation.lines();
  expect(before.length).toBeGreaterThanOrEqual(3);
  const targets = before.slice(0, 3).map((l) => l.orderLineId);

  // Excel puts a column on the clipboard as CRLF-separated lines with a trailing line break.
  await page.evaluate(() => navigator.clipboard.writeText('7\r\n9\r\nabc\r\n'));
  await allocation.cell(0, 'priorityOverride').click();
  await page.keyboard.press('Control+v');

  await expect(allocation.gridMessage).toContainText('Pasted 2 of 3 values.');
  await expect(allocation.gridMessage).toContainText('found "abc"');
  await allocation.expectEditCount(2);
  // The pasted values landed on the lines that were under the focused cell (they may have re-ranked since).
  for (const [id, value] of [[targets[0]!, '7'], [targets[1]!, '9']] as const) {
    await expect(allocation.cell(await allocation.rowIndexOf(id), 'priorityOverride')).toHaveText(value);
  }
  await expect(allocation.cell(await allocation.rowIndexOf(targets[2]!), 'priorityOverride')).toHaveText('');
  await expect(allocation.cell(await allocation.rowIndexOf(targets[2]!), 'priorityOverride')).toHaveClass(/wb-refused/);
});
