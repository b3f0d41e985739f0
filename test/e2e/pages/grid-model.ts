import { expect, type Locator } from '@playwright/test';

/** One of our DataGrids, read through AG Grid's DOM: rows by `row-index`, cells by `col-id`. */
export class GridModel {
  constructor(readonly root: Locator) {}

  row(rowIndex: number): Locator {
    return this.root.locator(`.ag-center-cols-container [role="row"][row-index="${rowIndex}"]`);
  }

  cell(rowIndex: number, columnId: string): Locator {
    return this.root.locator(`[role="row"][row-index="${rowIndex}"] [col-id="${columnId}"]`).first();
  }

  /** The checkbox of a row (selectable grids). */
  checkbox(rowIndex: number): Locator {
    return this.root.locator(`[role="row"][row-index="${rowIndex}"] [col-id="ag-Grid-SelectionColumn"] input[type="checkbox"]`).first();
  }

  headerCheckbox(): Locator {
    return this.root.locator('.ag-header [col-id="ag-Grid-SelectionColumn"] input[type="checkbox"]').first();
  }

  /** Texts of a column for the rendered rows, in row order. */
  async columnTexts(columnId: string): Promise<string[]> {
    return this.root.locator('[role="row"][row-index]').evaluateAll((rows, col) => {
      const byIndex = new Map<number, string>();
      for (const r of rows) {
        const c = r.querySelector(`[col-id="${col}"]`);
        if (c) byIndex.set(Number(r.getAttribute('row-index')), (c.textContent ?? '').trim());
      }
      return [...byIndex].sort((a, b) => a[0] - b[0]).map(([, t]) => t);
    }, columnId);
  }

  /** Rows AG Grid reports (aria-rowcount counts the header row too). */
  async rowCount(): Promise<number> {
    const attr = await this.root.locator('[role="treegrid"], [role="grid"]').first().getAttribute('aria-rowcount');
    return Number(attr) - 1;
  }

  async expectRowCount(n: number): Promise<void> {
    await expect.poll(() => this.rowCount(), { timeout: 15_000 }).toBe(n);
  }

  get message(): Locator {
    return this.root.getByTestId('grid-message');
  }
}
