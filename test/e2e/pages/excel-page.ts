import { readFile } from 'node:fs/promises';
import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

/** The Excel panel (export / import) and its import diff dialog. */
export class ExcelPage {
  readonly panel: Locator;
  readonly exportButton: Locator;
  readonly importButton: Locator;
  readonly message: Locator;
  readonly diff: Locator;
  readonly changedTable: Locator;
  readonly rejectedTable: Locator;
  readonly scenarioName: Locator;
  readonly confirmButton: Locator;
  readonly cancelButton: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId('excel-panel');
    this.exportButton = page.getByTestId('excel-export');
    this.importButton = page.getByTestId('excel-import');
    this.message = page.getByTestId('excel-message');
    this.diff = page.getByTestId('excel-diff');
    this.changedTable = page.getByTestId('excel-diff-changed');
    this.rejectedTable = page.getByTestId('excel-diff-rejected');
    this.scenarioName = page.getByTestId('excel-scenario-name');
    this.confirmButton = page.getByTestId('excel-confirm');
    this.cancelButton = page.getByTestId('excel-cancel');
  }

  async expectMounted(): Promise<void> {
    await expect(this.panel, 'the Excel panel (renderer/excel ExcelPanel) is mounted in the allocation view').toBeVisible();
  }

  /** Clicks "Export to Excel" and returns the downloaded workbook's name and bytes. */
  async download(): Promise<{ name: string; bytes: Uint8Array }> {
    const [download] = await Promise.all([this.page.waitForEvent('download', { timeout: 60_000 }), this.exportButton.click()]);
    const path = await download.path();
    return { name: download.suggestedFilename(), bytes: new Uint8Array(await readFile(path)) };
  }

  /** Clicks "Import edited plan…" and hands the file chooser these bytes. */
  async upload(name: string, bytes: Uint8Array): Promise<void> {
    const [chooser] = await Promise.all([this.page.waitForEvent('filechooser'), this.importButton.click()]);
    await chooser.setFiles({ name, mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: Buffer.from(bytes) });
  }

  /** Rows of the diff's changed table as [line, column, before, after]. */
  async changedCells(): Promise<string[][]> {
    return this.changedTable.locator('tbody tr').evaluateAll((rows) =>
      rows.map((r) => {
        const td = [...r.querySelectorAll('td')].map((c) => c.textContent?.trim() ?? '');
        return [r.getAttribute('data-key') ?? '', td[3] ?? '', td[4] ?? '', td[5] ?? ''];
      }),
    );
  }

  /** Rows of the diff's rejected table as [line, column, found, expected]. */
  async problems(): Promise<string[][]> {
    return this.rejectedTable.locator('tbody tr').evaluateAll((rows) =>
      rows.map((r) => {
        const td = [...r.querySelectorAll('td')].map((c) => c.textContent?.trim() ?? '');
        return [r.getAttribute('data-key') ?? '', td[2] ?? '', td[3] ?? '', td[4] ?? ''];
      }),
    );
  }
}
