import { expect, test } from '@playwright/test';
import * as XLSX from 'xlsx';
import { AllocationPage } from './pages/allocation-page';
import { ExcelPage } from './pages/excel-page';

// Download the open SKU group's plan in Chromium, edit it like a planner in another spreadsheet program (SheetJS
// here), upload it, check the diff (one change, one rejected cell), confirm, and see the new scenario applied.
test('export a plan, edit it, import it, check the diff and confirm it as a new scenario', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  const allocation = new AllocationPage(page);
  const excel = new ExcelPage(page);
  await allocation.signInAndPull();
  await allocation.open();
  // Every line of the group is compared with the workbook, so the group must fit on screen (lines() reads rendered rows).
  const [groupId] = await allocation.competingGroups({ maxLines: 30 });
  expect(groupId, 'the small world has a SKU group with competing lines').toBeDefined();
  await allocation.openGroup(groupId!);
  const lines = await allocation.lines();
  const last = lines[lines.length - 1]!;
  const other = lines[0]!;
  await excel.expectMounted();

  const file = await excel.download();
  expect(file.name).toMatch(/\.xlsx$/);
  const wb = XLSX.read(file.bytes, { type: 'array' });
  expect(wb.SheetNames).toEqual(['Plan', 'Exceptions', 'Inventory', 'Summary', 'About']);
  const ws = wb.Sheets.Plan!;
  const header = XLSX.utils.sheet_to_json<string[]>(ws, { header: 1 })[0]!;
  const body = XLSX.utils.sheet_to_json<Record<string, unknown>>(ws);
  expect(new Set(body.map((r) => r['Order line']))).toEqual(new Set(lines.map((l) => l.orderLineId)));
  const set = (lineId: string, column: string, v: XLSX.CellObject) => {
    body.forEach((r, i) => {
      if (r['Order line'] === lineId) ws[XLSX.utils.encode_cell({ r: i + 1, c: header.indexOf(column) })] = v;
    });
  };
  set(last.orderLineId, 'Priority override', { t: 'n', v: 1 });
  set(other.orderLineId, 'Override qty', { t: 'n', v: -5 });
  const edited = new Uint8Array(XLSX.write(wb, { type: 'array', bookType: 'xlsx' }) as ArrayBuffer);

  await excel.upload('edited-plan.xlsx', edited);
  await expect(excel.diff).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('excel-diff-changed-count')).toHaveText('1');
  await expect(page.getByTestId('excel-diff-rejected-count')).toHaveText('1');
  expect(await excel.changedCells()).toEqual([[last.orderLineId, 'Priority override', '(blank)', '1']]);
  const [problem] = await excel.problems();
  expect(problem!.slice(0, 3)).toEqual([other.orderLineId, expect.stringContaining('Override qty'), '-5']);
  expect(problem![3]).toContain('whole number of units from 0');

  await excel.scenarioName.fill('From Excel e2e');
  await excel.confirmButton.click();
  await expect(excel.message).toContainText('Scenario "From Excel e2e" created with 1 change');
  await expect(page.getByTestId('active-scenario')).toContainText('From Excel e2e');
  await allocation.expectEditCount(1);
  // The imported priority override is the session's edit: the line shows it and moved up.
  await expect(allocation.cell(await allocation.rowIndexOf(last.orderLineId), 'priorityOverride')).toHaveText('1');
  expect((await allocation.line(last.orderLineId)).rank).toBeLessThan(last.rank);
  expect(errors).toEqual([]);
});

test('a file that is not a workbook is refused and changes nothing', async ({ page }) => {
  const allocation = new AllocationPage(page);
  const excel = new ExcelPage(page);
  await allocation.signInAndPull();
  await allocation.open();
  await excel.expectMounted();
  await excel.upload('plan.xlsx', new TextEncoder().encode('Order line,Override qty\nOL-1,5\n'));
  await expect(excel.message).toContainText('not an Excel workbook');
  await expect(excel.message).toContainText('Nothing was changed');
  await expect(excel.diff).toHaveCount(0);
  await expect(page.getByTestId('active-scenario')).toHaveCount(0);
});
