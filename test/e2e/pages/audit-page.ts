import type { Locator, Page } from 'playwright-core'

/** The global audit view. */
export class AuditPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-audit').click()
    await this.page.locator('.audit').waitFor()
  }

  rows(type?: string): Locator {
    return this.page.locator(type ? `[data-testid=audit-row][data-type=${type}]` : '[data-testid=audit-row]')
  }
}
