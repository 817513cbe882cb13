import type { Locator, Page } from 'playwright-core'
import type { FieldKey } from '../../../src/shared/domain/fields'

/** The review screen: the image with its boxes, the fifteen fields, the decision. */
export class ReviewPage {
  constructor(readonly page: Page) {}

  field(key: FieldKey): Locator {
    return this.page.getByTestId(`field-${key}`)
  }

  box(key: FieldKey): Locator {
    return this.page.getByTestId(`field-box-${key}`)
  }

  status(): Locator {
    return this.page.getByTestId('review-status')
  }

  /** Replace a field's value and commit it the way an operator does (Enter). */
  async edit(key: FieldKey, value: string): Promise<void> {
    const input = this.field(key)
    await input.fill(value)
    await input.press('Enter')
  }

  async approve(): Promise<void> {
    await this.page.getByTestId('approve-button').click()
  }

  async reject(reason: string): Promise<void> {
    await this.page.getByTestId('reject-button').click()
    await this.page.getByTestId('reject-reason').fill(reason)
    await this.page.getByTestId('reject-confirm').click()
  }

  /** History rows of the open document. */
  historyRows(): Locator {
    return this.page.locator('.review [data-testid=audit-row]')
  }
}
