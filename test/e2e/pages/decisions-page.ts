import { expect, type Locator, type Page } from '@playwright/test';
import { GridModel } from './grid-model';

type Status = 'all' | 'proposed' | 'approved' | 'queued' | 'sent' | 'applied' | 'rejected' | 'needs-attention';

/** The Decisions view: status chips, the selectable grid, approve / reject, the needs-attention list. */
export class DecisionsPage {
  readonly view: Locator;
  readonly grid: GridModel;
  readonly outcome: Locator;
  readonly approveButton: Locator;
  readonly rejectButton: Locator;
  readonly needsAttention: Locator;

  constructor(readonly page: Page) {
    this.view = page.getByTestId('view-decisions');
    this.grid = new GridModel(page.getByTestId('decisions-grid'));
    this.outcome = page.getByTestId('decision-outcome');
    this.approveButton = page.getByTestId('approve-selected');
    this.rejectButton = page.getByTestId('reject-selected');
    this.needsAttention = page.getByTestId('needs-attention');
  }

  chip(status: Status): Locator {
    return this.page.getByTestId(`status-${status}`);
  }

  /** Shows only decisions with this status. */
  async show(status: Status): Promise<void> {
    await this.chip(status).click();
    await expect(this.chip(status)).toHaveAttribute('aria-selected', 'true');
  }

  /** The count in a status chip, e.g. "Proposed (12)" -> 12. */
  async count(status: Status): Promise<number> {
    const text = (await this.chip(status).textContent()) ?? '';
    const m = /\(([\d,.\s]+)\)/.exec(text);
    return m ? Number(m[1]!.replace(/[^\d]/g, '')) : NaN;
  }

  async expectCount(status: Status, n: number, timeout = 30_000): Promise<void> {
    await expect.poll(() => this.count(status), { timeout }).toBe(n);
  }

  /** Ticks the header checkbox: every row left by the filters. */
  async selectAllShown(): Promise<void> {
    await this.grid.headerCheckbox().check();
  }

  async approveSelected(): Promise<void> {
    await this.approveButton.click();
  }

  async rejectSelected(reason: string): Promise<void> {
    await this.rejectButton.click();
    await this.page.getByTestId('reject-reason').fill(reason);
    await this.page.getByTestId('reject-confirm').click();
  }

  attentionItem(decisionId: string): Locator {
    return this.page.getByTestId(`attention-${decisionId}`);
  }
}
