import { expect, type Locator, type Page } from '@playwright/test';

/** The application shell: navigation and status bar, present on every view. */
export class ShellPage {
  readonly shell: Locator;
  readonly statusBar: Locator;
  readonly connection: Locator;

  constructor(readonly page: Page) {
    this.shell = page.getByTestId('app-shell');
    this.statusBar = page.getByTestId('status-bar');
    this.connection = page.getByTestId('erp-connection');
  }

  async open(): Promise<void> {
    await this.page.goto('/');
    await expect(this.shell).toBeVisible();
  }

  nav(label: string): Locator {
    return this.page.getByRole('navigation', { name: 'Views' }).getByRole('button', { name: label, exact: true });
  }

  async goTo(label: string): Promise<void> {
    await this.nav(label).click();
    await expect(this.nav(label)).toHaveAttribute('aria-current', 'page');
  }
}
