import { expect, test } from '@playwright/test';
import { DecisionsPage } from './pages/decisions-page';
import { ShellPage } from './pages/shell-page';
import { cancelLineInErp, decisionOutcome, erpBaseUrl, erpToken } from './support/erp';
import { seedReserveDecisions } from './support/seed-decisions';

// A decision approved while working offline meets an ERP that moved on (its order line was cancelled there): the
// sender cannot rebase it, so it needs the planner. Base / current ERP / proposed are shown side by side.
test('resolve a needs-attention conflict: see base, current ERP and proposed, then discard', async ({ page }) => {
  test.setTimeout(120_000);
  const shell = new ShellPage(page);
  await shell.signInAndPull('supervisor');
  const [id] = await seedReserveDecisions(page, { count: 1, prefix: 'E2E-CONFLICT', appliable: true });
  expect(id).toBeDefined();
  const lineId = id!.replace('E2E-CONFLICT-', '');
  await shell.pullNow();

  await shell.workOffline.check();
  await shell.expectSyncState('offline');
  await shell.goTo('Decisions');
  const decisions = new DecisionsPage(page);
  await decisions.page.getByTestId('quick-filter').fill(id!);
  await decisions.grid.cell(0, 'id').click();
  await page.keyboard.press('Space');
  await expect(decisions.approveButton).toHaveText('Approve selected (1)');
  await decisions.approveSelected();
  await expect(decisions.outcome).toContainText('Approved 1 decision');

  // Meanwhile in the ERP, the line is cancelled.
  const base = await erpBaseUrl(page);
  const token = await erpToken(page.request, base, 'supervisor');
  await cancelLineInErp(page.request, base, token, lineId);

  await shell.workOffline.uncheck();
  const item = decisions.attentionItem(id!);
  await expect(item).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('attention-count')).toContainText('1 need attention');
  await expect(item).toContainText('Base (when approved)');
  await expect(item).toContainText('Current ERP');
  await expect(item).toContainText('Proposed');
  await expect(item).toContainText('cancelled');

  await item.getByTestId('attention-discard').click();
  await expect(decisions.outcome).toContainText(`Discarded: ${id}`);
  await expect(item).toHaveCount(0);
  await expect(decisions.grid.cell(0, 'displayStatus')).toHaveText('Rejected');
  await expect(page.getByTestId('attention-count')).toHaveCount(0);
  // The ERP never applied it.
  const outcome = await decisionOutcome(page.request, base, token, id!);
  expect(outcome?.status ?? 'never received').not.toBe('applied');
});
