import type { Locator, Page } from 'playwright-core'

/** The MRZ reader's side of the top bar: what a keyboard-wedge reader types, the MRZ box, the last read's outcome. */
export class MrzReaderPanel {
  constructor(readonly page: Page) {}

  /**
   * Type the lines as a keyboard-wedge reader does, each followed by Enter, a key every `delayMs` (readers type
   * a character every few milliseconds), into whatever has the focus.
   */
  async swipe(lines: readonly string[], delayMs = 2): Promise<void> {
    await this.page.keyboard.type(lines.map((l) => `${l}\n`).join(''), { delay: delayMs })
  }

  /** The last read's outcome as shown; its `data-code` is the outcome or the error code. */
  status(): Locator {
    return this.page.getByTestId('mrz-reader-status')
  }

  /** Paste or type lines into the MRZ box and read them. */
  async submitBox(text: string): Promise<void> {
    await this.page.getByTestId('mrz-open').click()
    await this.page.getByTestId('mrz-box').fill(text)
    await this.page.getByTestId('mrz-box-submit').click()
  }
}
