import { expect, type Locator, type Page } from '@playwright/test';
import { GridModel } from './grid-model';

/** The exception queue. */
export class ExceptionsPage {
  readonly view: Locator;
  readonly grid: GridModel;
  readonly quickFilter: Locator;
  readonly rowCount: Locator;

  constructor(readonly page: Page) {
    this.view = page.getByTestId('view-exceptions');
    this.grid = new GridModel(page.getByTestId('exceptions-grid'));
    this.quickFilter = this.view.getByTestId('quick-filter');
    this.rowCount = this.view.getByTestId('row-count');
  }

  async expectLoaded(): Promise<void> {
    await expect(this.view).toBeVisible();
    await expect(this.grid.cell(0, 'type')).toBeVisible({ timeout: 30_000 });
  }

  /** Focuses a row's first cell and presses Enter: opens the allocation view of its SKU group. */
  async openRowWithKeyboard(rowIndex: number): Promise<void> {
    await this.grid.cell(rowIndex, 'type').click();
    await this.page.keyboard.press('Enter');
  }

  async filter(text: string): Promise<void> {
    await this.quickFilter.fill(text);
  }

  async saveView(name: string): Promise<void> {
    await this.view.getByTestId('save-view').click();
    await this.view.getByTestId('view-name').fill(name);
    await this.view.getByTestId('save-view-confirm').click();
  }
}
