import type { Locator, Page } from 'playwright-core'
import type { AuditType } from '../../../src/shared/domain/document'

/** The global audit view. */
export class AuditPage {
  constructor(readonly page: Page) {}

  async open(): Promise<void> {
    await this.page.getByTestId('nav-audit').click()
    await this.page.locator('.audit').waitFor()
  }

  rows(type?: AuditType): Locator {
    return this.page.locator(type ? `[data-testid=audit-row][data-type=${type}]` : '[data-testid=audit-row]')
  }

  async filterType(type: AuditType | ''): Promise<void> {
    await this.page.getByTestId('audit-filter-type').selectOption(type)
  }
}
