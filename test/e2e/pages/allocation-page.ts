import { expect } from '@playwright/test';
import type { Locator, Page } from '@playwright/test';

/** A row of the allocation grid as the planner reads it. */
export interface AllocationLine {
  rowIndex: number;
  orderLineId: string;
  rank: number;
  planQty: number;
  shortQty: number;
  strategy: string;
  hold: string;
  planSource: string;
}

/** Reads a locale-formatted whole number ("1,234", "−12"). */
function num(text: string): number {
  const t = text.replace(/[\s,.\u00a0\u202f]/g, '').replace('\u2212', '-');
  return t === '' ? NaN : Number(t);
}

/** The allocation (what-if) view: its grid, history, summary, supply and scenario panels. */
export class AllocationPage {
  readonly view: Locator;
  readonly grid: Locator;
  readonly groupSelect: Locator;
  readonly undoButton: Locator;
  readonly redoButton: Locator;
  readonly editCount: Locator;
  readonly lastChange: Locator;
  readonly gridMessage: Locator;
  readonly scenarioName: Locator;
  readonly scenarioMessage: Locator;
  readonly timing: Locator;

  constructor(readonly page: Page) {
    this.view = page.getByTestId('allocation-view');
    this.grid = page.getByTestId('allocation-grid');
    this.groupSelect = page.getByTestId('allocation-group-select');
    this.undoButton = page.getByTestId('allocation-undo');
    this.redoButton = page.getByTestId('allocation-redo');
    this.editCount = page.getByTestId('allocation-edit-count');
    this.lastChange = page.getByTestId('allocation-last-change');
    this.gridMessage = this.grid.getByTestId('grid-message');
    this.scenarioName = page.getByTestId('scenario-name');
    this.scenarioMessage = page.getByTestId('scenario-message');
    this.timing = page.getByTestId('allocation-timing');
  }

  /** Signs in to the built-in reference ERP (demo user = password) and waits for the first pull to finish. */
  async signInAndPull(user = 'planner'): Promise<void> {
    await this.page.goto('/');
    const form = this.page.getByTestId('view-sign-in');
    await expect(form).toBeVisible();
    await form.getByLabel('User').fill(user);
    await form.getByLabel('Password').fill(user);
    await form.getByRole('button', { name: 'Sign in' }).click();
    await expect(this.page.getByTestId('last-sync')).toContainText('Last sync', { timeout: 60_000 });
  }

  /** Goes to the Allocation view and waits for the SKU groups. */
  async open(): Promise<void> {
    await this.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: 'Allocation', exact: true }).click();
    await expect(this.view).toBeVisible();
    await expect(this.groupSelect.locator('option[data-lines]').first()).toBeAttached({ timeout: 30_000 });
  }

  /**
   * SKU groups where some lines are filled and some short (real competition), most short units first. `maxLines`:
   * only groups small enough for the grid to render every line (a spec that reads all lines through `lines()` needs
   * that; which group is first depends on what earlier specs left in the ERP).
   */
  async competingGroups(options: { maxLines?: number } = {}): Promise<string[]> {
    const maxLines = options.maxLines ?? Number.MAX_SAFE_INTEGER;
    return this.groupSelect.locator('option[data-lines]').evaluateAll(
      (opts, max) =>
        opts
          .filter((o) => {
            const lines = Number(o.getAttribute('data-lines'));
            const short = Number(o.getAttribute('data-short-lines'));
            return short > 0 && short < lines && lines <= max;
          })
          .map((o) => (o as HTMLOptionElement).value),
      maxLines,
    );
  }

  async openGroup(groupId: string): Promise<void> {
    await this.groupSelect.selectOption(groupId);
    await expect(this.view).toHaveAttribute('data-status', 'ready');
    await expect(this.page.getByTestId('allocation-scope')).toContainText(`SKU group of ${groupId}`);
    await expect(this.grid.locator('[row-index="0"] [col-id="rank"]')).toBeVisible();
  }

  /** Clicks a column header until the grid sorts by it in that direction (AG Grid cycles none → asc → desc). */
  async sortBy(columnId: string, direction: 'ascending' | 'descending'): Promise<void> {
    const header = this.grid.locator(`.ag-header-cell[col-id="${columnId}"]`);
    for (let i = 0; i < 3 && (await header.getAttribute('aria-sort')) !== direction; i++) await header.locator('.ag-header-cell-label').click();
    await expect(header).toHaveAttribute('aria-sort', direction);
  }

  cell(rowIndex: number, columnId: string): Locator {
    return this.grid.locator(`[row-index="${rowIndex}"] [col-id="${columnId}"]`);
  }

  /** The rendered row showing this order line. */
  async rowIndexOf(orderLineId: string): Promise<number> {
    const row = this.grid.locator('[role="row"][row-index]').filter({ has: this.page.locator(`[col-id="orderLineId"]`, { hasText: orderLineId }) });
    return Number(await row.first().getAttribute('row-index'));
  }

  /** Every rendered row, in rank order (the grid virtualises rows; the small world's groups fit on screen). */
  async lines(): Promise<AllocationLine[]> {
    const raw = await this.grid.locator('[role="row"][row-index]').evaluateAll((rows) => {
      const byIndex = new Map<number, Record<string, string>>();
      for (const row of rows) {
        const i = Number(row.getAttribute('row-index'));
        const cells = byIndex.get(i) ?? {};
        for (const cell of Array.from(row.querySelectorAll('[col-id]'))) cells[cell.getAttribute('col-id')!] = (cell.textContent ?? '').trim();
        byIndex.set(i, cells);
      }
      return [...byIndex].sort((a, b) => a[0] - b[0]);
    });
    return raw.map(([rowIndex, c]) => ({
      rowIndex,
      orderLineId: c.orderLineId ?? '',
      rank: num(c.rank ?? ''),
      planQty: num(c.planQty ?? ''),
      shortQty: num(c.shortQty ?? ''),
      strategy: c.strategy ?? '',
      hold: c.holdCode ?? '',
      planSource: c.planSource ?? '',
    }));
  }

  /** The line's values, wherever it now sits in rank order. */
  async line(orderLineId: string): Promise<AllocationLine> {
    const found = (await this.lines()).find((l) => l.orderLineId === orderLineId);
    if (!found) throw new Error(`line ${orderLineId} is not shown`);
    return found;
  }

  /** Types into an editable cell and presses Enter (as a planner would). */
  async editCell(orderLineId: string, columnId: string, value: string): Promise<void> {
    const rowIndex = await this.rowIndexOf(orderLineId);
    const cell = this.cell(rowIndex, columnId);
    await cell.dblclick();
    const input = cell.locator('input');
    await expect(input).toBeVisible();
    await input.fill(value);
    await input.press('Enter');
  }

  /** Ctrl+Z with the focus in the grid. */
  async undoWithKeyboard(): Promise<void> {
    await this.cell(0, 'rank').click();
    await this.page.keyboard.press('Control+z');
  }

  async redoWithKeyboard(): Promise<void> {
    await this.cell(0, 'rank').click();
    await this.page.keyboard.press('Control+y');
  }

  async expectEditCount(n: number): Promise<void> {
    await expect(this.editCount).toHaveAttribute('data-count', String(n));
  }

  summaryFigure(id: string): Locator {
    return this.page.getByTestId(`summary-${id}`);
  }

  async saveScenario(name: string): Promise<void> {
    await this.scenarioName.fill(name);
    await this.page.getByTestId('scenario-save').click();
    await expect(this.scenarioMessage).toContainText(`Saved scenario "${name}"`);
  }

  scenarioItem(name: string): Locator {
    return this.page.getByTestId('scenario-item').filter({ hasText: name });
  }

  async openScenario(name: string): Promise<void> {
    await this.scenarioItem(name).getByRole('button', { name: `Open scenario ${name}` }).click();
    await expect(this.scenarioMessage).toContainText(`Opened scenario "${name}"`);
  }

  async compareWithBaseline(): Promise<Locator> {
    await this.page.getByTestId('scenario-compare').click();
    const panel = this.page.getByTestId('scenario-compare-panel');
    await expect(panel).toBeVisible();
    return panel;
  }

  /** "Compare with optimal" (from the keyboard, as the button is reached by Tab) and waits for the panel's answer. */
  async compareWithOptimal(): Promise<Locator> {
    const button = this.page.getByTestId('optimal-compare');
    await button.focus();
    await this.page.keyboard.press('Enter');
    const panel = this.page.getByTestId('optimal-panel');
    await expect(panel).toHaveAttribute('data-status', 'ready', { timeout: 30_000 });
    return panel;
  }

  async proposeDecisions(): Promise<void> {
    await this.page.getByTestId('propose-decisions').click();
  }

  /**
   * Finds a short line that a priority override lifts (a competing, unheld line whose strategy may gain) and leaves
   * that override applied; lines the override cannot help are tried and undone. Returns the line before and after.
   */
  async raiseAShortLine(maxGroups = 30): Promise<{ groupId: string; before: AllocationLine; after: AllocationLine; others: AllocationLine[] }> {
    for (const groupId of (await this.competingGroups()).slice(0, maxGroups)) {
      await this.openGroup(groupId);
      const lines = await this.lines();
      const candidates = lines.filter((l) => l.shortQty > 0 && l.rank > 1 && l.hold === '' && !['fill', 'lose'].includes(l.strategy));
      for (const c of candidates) {
        const edits = Number(await this.editCount.getAttribute('data-count'));
        await this.editCell(c.orderLineId, 'priorityOverride', '1');
        await this.expectEditCount(edits + 1);
        const after = await this.line(c.orderLineId);
        if (after.planQty > c.planQty) return { groupId, before: c, after, others: lines.filter((l) => l.orderLineId !== c.orderLineId) };
        await this.undoButton.click();
        await this.expectEditCount(edits);
      }
    }
    throw new Error('no short line in the first competing groups gains from a priority override');
  }
}
