import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import type { DocumentStatus } from '../../../src/shared/domain/document'

/** The queue side of the workstation: import, progress, the list, settings and export. */
export class QueuePage {
  constructor(readonly page: Page) {}

  async open(url: string): Promise<void> {
    await this.page.goto(url)
    await this.page.getByTestId('import-input').waitFor({ state: 'attached' })
  }

  /** Import through the file chooser. */
  async importFiles(files: string[]): Promise<void> {
    await this.page.getByTestId('import-input').setInputFiles(files)
  }

  /** Import by dropping files on the window, as an operator dragging from the file manager. */
  async dropFiles(files: string[]): Promise<void> {
    const payload = await Promise.all(files.map(async (f) => ({ name: basename(f), b64: (await readFile(f)).toString('base64') })))
    // Built in the page: a DataTransfer cannot cross from Node. (A string keeps DOM types out of the Node tsconfig.)
    const dataTransfer = await this.page.evaluateHandle(`(() => {
      const dt = new DataTransfer()
      for (const f of ${JSON.stringify(payload)}) dt.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name))
      return dt
    })()`)
    await this.page.locator('.app').dispatchEvent('drop', { dataTransfer })
  }

  items(status?: DocumentStatus): Locator {
    return this.page.locator(status ? `[data-testid=queue-item][data-status=${status}]` : '[data-testid=queue-item]')
  }

  item(fileName: string): Locator {
    return this.items().filter({ hasText: fileName })
  }

  /** Wait until the progress bar reports every document of the batch done. */
  async waitForBatchDone(total: number): Promise<void> {
    const progress = this.page.getByTestId('progress')
    await progress.and(this.page.locator(`[data-done="${total}"][data-total="${total}"]`)).waitFor({ timeout: 170_000 })
  }

  async setOperator(name: string): Promise<void> {
    const input = this.page.getByTestId('operator-name')
    await input.fill(name)
    await input.press('Enter')
    await input.blur()
  }

  async setLanguage(language: 'en' | 'zh-CN'): Promise<void> {
    await this.page.getByTestId('language').selectOption(language)
  }

  /** Click an export button and return the downloaded file's text. */
  async export(format: 'csv' | 'json'): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId(`export-${format}`).click()])
    const path = await download.path()
    return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') }
  }
}
