import { expect, test } from '@playwright/test';
import { DecisionsPage } from './pages/decisions-page';
import { ShellPage } from './pages/shell-page';
import { decisionOutcome, erpBaseUrl, erpToken, ledger } from './support/erp';
import { seedReserveDecisions } from './support/seed-decisions';

// Issue 5's journey: pull the small world, go offline, approve decisions, crash (reload), go online, and see every
// decision applied exactly once in the ERP and the status bar back to "synced".
test('decisions approved offline survive a reload and are applied exactly once when back online', async ({ page, context }) => {
  test.setTimeout(120_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const shell = new ShellPage(page);
  await shell.signInAndPull('supervisor');
  await shell.expectSyncState('synced');
  const ids = await seedReserveDecisions(page, { count: 6, prefix: 'E2E-OFFLINE', appliable: true });
  expect(ids).toHaveLength(6);
  await shell.pullNow();

  // The network goes away: the planner keeps working.
  await context.setOffline(true);
  await shell.expectSyncState('offline');
  await shell.goTo('Decisions');
  const decisions = new DecisionsPage(page);
  await decisions.show('proposed');
  await decisions.page.getByTestId('quick-filter').fill('E2E-OFFLINE');
  await expect(decisions.page.getByTestId('row-count')).toHaveText(/^6 (of \d+ )?rows/);
  await decisions.selectAllShown();
  await decisions.approveSelected();
  await expect(decisions.outcome).toContainText('Approved 6 decisions');
  await expect(shell.pendingCount).toHaveText('6 pending');

  // A crash: the window reloads while the ERP is still unreachable (the app's own files are served, the ERP is not).
  const base = await erpBaseUrl(page);
  await context.route(`${base}/**`, (route) => route.abort('internetdisconnected'));
  await context.setOffline(false);
  await page.reload();
  await expect(shell.shell).toBeVisible();
  // The remembered identity opens the app without a sign-in; the approved decisions are still waiting.
  await expect(shell.currentUser).toContainText('supervisor');
  await shell.expectSyncState('offline');
  await expect(shell.pendingCount).toHaveText('6 pending');
  await shell.goTo('Decisions');
  await decisions.expectCount('queued', 6);

  // Back online. Browser mode keeps the token only in memory, so the reload asks for a sign-in before sending.
  await context.unroute(`${base}/**`);
  await expect(page.getByTestId('sign-in-again')).toBeVisible({ timeout: 30_000 });
  await page.getByTestId('sign-in-again').click();
  await shell.signIn('supervisor');
  await expect(shell.pendingCount).toHaveText('0 pending', { timeout: 60_000 });
  await shell.expectSyncState('synced', 60_000);

  // Ask the ERP: each decision applied, and recorded once.
  const token = await erpToken(page.request, base, 'supervisor');
  for (const id of ids) {
    const outcome = await decisionOutcome(page.request, base, token, id);
    expect(outcome?.status, `${id} in the ERP`).toBe('applied');
  }
  const recorded = (await ledger(page.request, base, token)).filter((o) => ids.includes(o.decisionId));
  expect(recorded.map((o) => o.decisionId).sort()).toEqual([...ids].sort());
  await shell.goTo('Decisions');
  await decisions.expectCount('applied', 6);
  expect(errors).toEqual([]);
});
