import { expect, test } from '@playwright/test';
import { DecisionsPage } from './pages/decisions-page';
import { ShellPage } from './pages/shell-page';
import { seedReserveDecisions } from './support/seed-decisions';

// Bulk approval within role limits, against the reference ERP's small world. Each test seeds its own proposed
// decisions into the cache the first pull filled (see support/seed-decisions.ts).

test('a supervisor approves 200 decisions in one action', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const shell = new ShellPage(page);
  await shell.signInAndPull('supervisor');
  const ids = await seedReserveDecisions(page, { count: 200, prefix: 'E2E-BULK', fillWithBackorders: true, maxValueCents: 5_000_000 });
  expect(ids).toHaveLength(200);
  await shell.pullNow();

  await shell.goTo('Decisions');
  const decisions = new DecisionsPage(page);
  await decisions.show('proposed');
  await decisions.expectCount('proposed', 200);
  await decisions.selectAllShown();
  await expect(decisions.approveButton).toHaveText('Approve selected (200)');
  await decisions.approveSelected();

  await expect(decisions.outcome).toContainText('Approved 200 decisions');
  await decisions.expectCount('proposed', 0);
  // Every one left "proposed" for the outbox (queued, sent, applied, or refused by the ERP afterwards).
  await decisions.show('all');
  const statuses = await decisions.grid.columnTexts('displayStatus');
  expect(statuses.length).toBeGreaterThan(0);
  expect(statuses).not.toContain('Proposed');
  expect(errors).toEqual([]);
});

test('a planner is refused above the policy threshold and told why; what is within it is approved', async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.signInAndPull('planner');
  // Tier 1 customers are above what a planner may decide for (policy: planner minTier 2).
  const strategic = await seedReserveDecisions(page, { count: 3, prefix: 'E2E-T1', tiers: [1] });
  const ordinary = await seedReserveDecisions(page, { count: 2, prefix: 'E2E-T3', tiers: [3] });
  expect(strategic).toHaveLength(3);
  expect(ordinary).toHaveLength(2);
  await shell.pullNow();

  await shell.goTo('Decisions');
  const decisions = new DecisionsPage(page);
  await decisions.show('proposed');
  await decisions.page.getByTestId('quick-filter').fill('E2E-T1');
  await expect(decisions.page.getByTestId('row-count')).toContainText('3 of');
  await decisions.selectAllShown();
  await decisions.approveSelected();
  await expect(decisions.outcome).toContainText('None of the 3 selected decisions can be approved by you (planner)');
  await expect(decisions.outcome).toContainText('customer tier 1 is more strategic than a planner may decide for');
  await expect(decisions.outcome).toContainText(strategic[0]!);
  await decisions.expectCount('proposed', 5);

  // Mixed selection: the ordinary ones go through, the strategic ones stay proposed with the reason.
  await decisions.page.getByTestId('quick-filter').fill('E2E-T');
  await decisions.grid.headerCheckbox().uncheck();
  await decisions.selectAllShown();
  await decisions.approveSelected();
  await expect(decisions.outcome).toContainText('Approved 2; 3 refused for your role (planner)');
  await decisions.expectCount('proposed', 3);
});

test('shift-click selects a range of rows; Space toggles one; Reject asks for a reason', async ({ page }) => {
  const shell = new ShellPage(page);
  await shell.signInAndPull('supervisor');
  await seedReserveDecisions(page, { count: 8, prefix: 'E2E-RANGE', tiers: [2, 3] });
  await shell.pullNow();
  await shell.goTo('Decisions');
  const decisions = new DecisionsPage(page);
  await decisions.show('proposed');
  await decisions.page.getByTestId('quick-filter').fill('E2E-RANGE');
  await decisions.grid.checkbox(1).click();
  await decisions.grid.checkbox(5).click({ modifiers: ['Shift'] });
  await expect(decisions.approveButton).toHaveText('Approve selected (5)');
  await decisions.grid.cell(7, 'id').click();
  await page.keyboard.press('Space');
  await expect(decisions.approveButton).toHaveText('Approve selected (6)');
  await page.keyboard.press('Space');
  await expect(decisions.approveButton).toHaveText('Approve selected (5)');

  await decisions.rejectButton.click();
  await expect(page.getByTestId('reject-confirm')).toBeDisabled();
  await page.getByTestId('reject-reason').fill('Customer agreed to wait for the inbound');
  await page.getByTestId('reject-confirm').click();
  await expect(decisions.outcome).toContainText('Rejected 5 decisions');
  await decisions.show('rejected');
  await expect(page.getByTestId('row-count')).toHaveText(/^5 (of \d+ )?rows/);
});
