import { expect, type Locator, type Page } from '@playwright/test';

/** The application shell: navigation, sign-in and the status bar, present on every view. */
export class ShellPage {
  readonly shell: Locator;
  readonly statusBar: Locator;
  readonly connection: Locator;
  readonly syncState: Locator;
  readonly lastSync: Locator;
  readonly pendingCount: Locator;
  readonly failedCount: Locator;
  readonly workOffline: Locator;
  readonly currentUser: Locator;

  constructor(readonly page: Page) {
    this.shell = page.getByTestId('app-shell');
    this.statusBar = page.getByTestId('status-bar');
    this.connection = page.getByTestId('erp-connection');
    this.syncState = page.getByTestId('sync-state');
    this.lastSync = page.getByTestId('last-sync');
    this.pendingCount = page.getByTestId('pending-count');
    this.failedCount = page.getByTestId('failed-count');
    this.workOffline = page.getByTestId('work-offline');
    this.currentUser = page.getByTestId('current-user');
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

  /** Fills the sign-in form (demo users: password = user name) and submits it. */
  async signIn(user: string, password = user): Promise<void> {
    const form = this.page.getByTestId('view-sign-in');
    await expect(form).toBeVisible();
    await form.getByLabel('User').fill(user);
    await form.getByLabel('Password').fill(password);
    await form.getByRole('button', { name: 'Sign in' }).click();
  }

  /** Opens the app, signs in to the built-in reference ERP, and waits until the first pull has filled the cache. */
  async signInAndPull(user: string): Promise<void> {
    await this.open();
    await this.signIn(user);
    await expect(this.currentUser).toContainText(user);
    await this.waitForPull();
  }

  /** Waits until a pull has completed and nothing is being pulled. */
  async waitForPull(): Promise<void> {
    await expect(this.lastSync).toContainText('Last sync', { timeout: 60_000 });
    await expect(this.page.getByTestId('pull-progress')).toHaveCount(0, { timeout: 60_000 });
  }

  /** Presses "Pull now" and waits for the pull to finish (the views reload from the cache). */
  async pullNow(): Promise<void> {
    await this.page.getByTestId('pull-now').click();
    await this.waitForPull();
  }

  async expectSyncState(state: 'synced' | 'syncing' | 'pending' | 'offline' | 'error' | 'attention', timeout = 30_000): Promise<void> {
    await expect(this.syncState).toHaveAttribute('data-state', state, { timeout });
  }
}
