import type { Locator, Page } from 'playwright-core'
import type { FieldKey } from '../../../src/shared/domain/fields'
import type { MrzChecks } from '../../../src/shared/domain/response'

/** The review screen: the image with its boxes, the fifteen fields, the decision. */
export class ReviewPage {
  constructor(readonly page: Page) {}

  title(): Locator {
    return this.page.locator('.review-title strong')
  }

  field(key: FieldKey): Locator {
    return this.page.getByTestId(`field-${key}`)
  }

  /** The reasons shown under a field, as the operator reads them. */
  flags(key: FieldKey): Locator {
    return this.page
      .locator('.field-row')
      .filter({ has: this.field(key) })
      .locator('.flag')
  }

  /** Fields flagged for attention, in form order. */
  async flaggedKeys(): Promise<string[]> {
    const ids = await this.page
      .locator('.field-row.flagged .field-input')
      .evaluateAll((els) => els.map((e) => e.getAttribute('data-testid')))
    return ids.map((id) => String(id).replace(/^field-/, ''))
  }

  /** The field that has the keyboard focus, or null. */
  focusedKey(): Promise<string | null> {
    return this.page.evaluate(() => {
      const id = (
        globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }
      ).document.activeElement?.getAttribute('data-testid')
      return id?.startsWith('field-') ? id.slice('field-'.length) : null
    })
  }

  /** The data-testid of the element that has the keyboard focus, or null. */
  focusedTestId(): Promise<string | null> {
    return this.page.evaluate(
      () =>
        (
          globalThis as unknown as { document: { activeElement: { getAttribute(n: string): string | null } | null } }
        ).document.activeElement?.getAttribute('data-testid') ?? null
    )
  }

  box(key: FieldKey): Locator {
    return this.page.getByTestId(`field-box-${key}`)
  }

  boxes(): Locator {
    return this.page.locator('[data-testid^=field-box-]')
  }

  pageOutline(): Locator {
    return this.page.locator('.slice-rect')
  }

  viewport(): Locator {
    return this.page.locator('.canvas-viewport')
  }

  /** The canvas toolbar's buttons: zoom in, zoom out, fit, rotate left, rotate right. */
  canvasButton(n: 0 | 1 | 2 | 3 | 4): Locator {
    return this.page.locator('.canvas-toolbar button').nth(n)
  }

  /** Whether an MRZ check digit holds, as the check-digit table shows it. */
  mrzCheck(check: keyof MrzChecks): Locator {
    return this.page.getByTestId(`mrz-check-${check}`)
  }

  /** The document family the engine read the page as: a badge, or a banner when it is not a Chinese passport. */
  documentFamily(): Locator {
    return this.page.getByTestId('document-family')
  }

  /** The engine's corrections of an MRZ line, as the notes under it read. */
  corrections(key: 'mrzLine1' | 'mrzLine2'): Locator {
    return this.page.getByTestId(`corrections-${key}`).getByTestId('mrz-correction')
  }

  status(): Locator {
    return this.page.getByTestId('review-status')
  }

  /** Type into a field without committing it (flags follow each keystroke). */
  async type(key: FieldKey, value: string): Promise<void> {
    await this.field(key).fill(value)
  }

  /** Replace a field's value and commit it the way an operator does (Enter). */
  async edit(key: FieldKey, value: string): Promise<void> {
    const input = this.field(key)
    await input.fill(value)
    await input.press('Enter')
  }

  async undoByMouse(): Promise<void> {
    await this.page.getByTestId('undo-button').click()
  }

  async approve(): Promise<void> {
    await this.page.getByTestId('approve-button').click()
  }

  async reject(reason: string): Promise<void> {
    await this.page.getByTestId('reject-button').click()
    await this.page.getByTestId('reject-reason').fill(reason)
    await this.page.getByTestId('reject-confirm').click()
  }

  async delete(): Promise<void> {
    await this.page.getByTestId('delete-button').click()
    await this.page.getByTestId('delete-confirm').click()
  }

  /** History rows of the open document. */
  historyRows(): Locator {
    return this.page.locator('.review [data-testid=audit-row]')
  }
}
