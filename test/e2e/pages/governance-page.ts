import { expect, type Locator, type Page } from '@playwright/test';

/** The governance screens (Policies, Audit, Insights) and the decision actions the governance journeys need. */
export class GovernancePage {
  readonly policyView: Locator;
  readonly policyMessage: Locator;
  readonly auditView: Locator;
  readonly timeline: Locator;
  readonly insightsView: Locator;
  readonly decisions: Locator;
  readonly decisionOutcome: Locator;

  constructor(readonly page: Page) {
    this.policyView = page.getByTestId('policy-view');
    this.policyMessage = page.getByTestId('policy-message');
    this.auditView = page.getByTestId('audit-view');
    this.timeline = page.getByTestId('audit-timeline');
    this.insightsView = page.getByTestId('insights-view');
    this.decisions = page.getByTestId('view-decisions');
    this.decisionOutcome = page.getByTestId('decision-outcome');
  }

  async goTo(label: 'Policies' | 'Audit' | 'Insights' | 'Decisions'): Promise<void> {
    const button = this.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: label, exact: true });
    await button.click();
    await expect(button).toHaveAttribute('aria-current', 'page');
  }

  // --- Policies
  async openPolicies(): Promise<void> {
    await this.goTo('Policies');
    await expect(this.policyView).toBeVisible();
    await expect(this.page.getByTestId('policy-selected')).toBeVisible({ timeout: 15_000 });
  }

  /** Starts a draft from the selected (active) version and makes the what-if use it. Returns the draft's id. */
  async tryDraftInWhatIf(): Promise<string> {
    await this.page.getByTestId('policy-new-draft').click();
    await expect(this.page.getByTestId('draft-editor')).toBeVisible();
    const id = (await this.page.getByTestId('policy-selected').getAttribute('data-policy-id')) ?? '';
    expect(id).toMatch(/^DRAFT-/);
    await this.page.getByTestId('policy-use-whatif').click();
    await expect(this.page.getByTestId('policy-whatif')).toContainText('need a supervisor');
    return id;
  }

  /** Types weights into the selected draft's editor and saves (Check and save). */
  async saveDraftWeights(weights: Record<string, number>): Promise<void> {
    for (const [factor, value] of Object.entries(weights)) await this.page.getByTestId(`draft-weight-${factor}`).fill(String(value));
    await this.page.getByTestId('draft-save').click();
  }

  /** Sets the first segment's channel in the draft editor and saves. */
  async saveDraftSegmentChannel(channel: string): Promise<void> {
    await this.page.getByTestId('draft-segment-0-channel').fill(channel);
    await this.page.getByTestId('draft-save').click();
  }

  /** Starts a draft from the selected version (without trying it in a what-if). Returns the draft's id. */
  async startDraft(): Promise<string> {
    await this.page.getByTestId('policy-new-draft').click();
    await expect(this.page.getByTestId('draft-editor')).toBeVisible();
    const id = (await this.page.getByTestId('policy-selected').getAttribute('data-policy-id')) ?? '';
    expect(id).toMatch(/^DRAFT-/);
    return id;
  }

  /** Adds a segment row to the draft editor (its index), typing the order type, and picks its strategy; not saved. */
  async addDraftSegment(segment: { orderType: string; strategy: string }): Promise<number> {
    const index = await this.page.locator('[data-testid^="draft-segment-"][data-testid$="-orderType"]').count();
    await this.page.getByTestId('draft-add-segment').click();
    await this.page.getByTestId(`draft-segment-${index}-orderType`).fill(segment.orderType);
    await this.page.getByTestId(`draft-segment-${index}-strategy`).selectOption(segment.strategy);
    return index;
  }

  /** Check and save the draft editor. */
  async saveDraft(): Promise<void> {
    await this.page.getByTestId('draft-save').click();
  }

  get publishButton(): Locator {
    return this.page.getByTestId('policy-publish-button');
  }

  get publishWhyNot(): Locator {
    return this.page.getByTestId('policy-publish-why-not');
  }

  /** Opens a version from the list by id. */
  async selectPolicy(id: string): Promise<void> {
    await this.page.getByTestId(`policy-item-${id}`).click();
    await expect(this.page.getByTestId('policy-selected')).toHaveAttribute('data-policy-id', id);
  }

  // --- Decisions
  async openDecisions(status: 'proposed' | 'all' = 'proposed'): Promise<void> {
    await this.goTo('Decisions');
    await expect(this.decisions).toBeVisible();
    await this.decisions.getByTestId(`status-${status}`).click();
  }

  /** Ids of the decisions in the grid, in displayed order. */
  async decisionIds(): Promise<string[]> {
    const cells = this.decisions.getByTestId('decisions-grid').locator('[role="gridcell"][col-id="id"]');
    await expect(cells.first()).toBeVisible({ timeout: 15_000 });
    const texts = await cells.allInnerTexts();
    return [...new Set(texts.map((x) => x.trim()).filter((x) => x !== ''))];
  }

  /** Selects exactly one decision (click its id cell, Space toggles the selection). */
  async selectDecision(id: string): Promise<void> {
    const cell = this.decisions.getByTestId('decisions-grid').locator('[role="gridcell"][col-id="id"]', { hasText: id }).first();
    await cell.click();
    await this.page.keyboard.press('Space');
  }

  async approveSelected(): Promise<void> {
    await this.decisions.getByTestId('approve-selected').click();
  }

  async rejectSelected(reason: string): Promise<void> {
    await this.decisions.getByTestId('reject-selected').click();
    await this.page.getByTestId('reject-reason').fill(reason);
    await this.page.getByTestId('reject-confirm').click();
  }

  // --- Audit
  async openDecisionTimeline(decisionId: string): Promise<Locator> {
    await this.goTo('Audit');
    await expect(this.auditView).toBeVisible();
    await this.page.getByTestId('audit-target').fill(decisionId);
    await this.page.getByTestId('audit-decision-timeline').click();
    await expect(this.timeline).toBeVisible();
    return this.timeline;
  }

  timelineEvent(kind: string): Locator {
    return this.timeline.locator(`li[data-event="${kind}"]`);
  }

  // --- Insights
  async openInsights(): Promise<void> {
    await this.goTo('Insights');
    await expect(this.insightsView).toBeVisible();
    await this.page.getByTestId('insights-refresh').click();
    await expect(this.page.getByTestId('kpi-approval-latency')).toBeVisible({ timeout: 60_000 });
    await expect(this.page.getByTestId('insights-refresh')).toBeEnabled({ timeout: 60_000 });
  }

  /** How many rows a KPI stands on ("All rows (N)"). */
  async kpiRowCount(kpiId: string): Promise<number> {
    const text = await this.page.getByTestId(`kpi-${kpiId}-drill-all`).innerText();
    return Number(/\((\d+)\)/.exec(text)?.[1] ?? NaN);
  }

  /** Clicks an export button and returns the downloaded file's name and first bytes. */
  async exportFrom(testId: 'audit-export' | 'insights-export'): Promise<{ name: string; head: Buffer }> {
    const download = this.page.waitForEvent('download');
    await this.page.getByTestId(testId).click();
    const d = await download;
    const path = await d.path();
    const { readFile } = await import('node:fs/promises');
    return { name: d.suggestedFilename(), head: (await readFile(path)).subarray(0, 2) };
  }

  async kpiValue(kpiId: string): Promise<string> {
    return this.page.getByTestId(`kpi-${kpiId}-value`).innerText();
  }

  async drill(kpiId: string, category?: string): Promise<Locator> {
    await this.page.getByTestId(category === undefined ? `kpi-${kpiId}-drill-all` : `kpi-${kpiId}-drill-${category.replace(/[^\w-]+/g, '_')}`).click();
    const panel = this.page.getByTestId('kpi-drill');
    await expect(panel).toBeVisible();
    return panel;
  }
}
