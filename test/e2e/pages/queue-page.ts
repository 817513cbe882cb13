import { readFile } from 'node:fs/promises'
import { basename } from 'node:path'
import type { Locator, Page } from 'playwright-core'
import type { DocumentStatus } from '../../../src/shared/domain/document'

const POLL_MS = 250
const RECOGNITION_TIMEOUT_MS = 170_000

/** The few browser globals the drop helper uses (the Node tsconfig has no DOM library). */
interface PageGlobals {
  DataTransfer: new () => { items: { add(file: unknown): void } }
  File: new (parts: Uint8Array[], name: string) => unknown
  atob(text: string): string
}

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
    // Built in the page: a DataTransfer cannot cross from Node.
    const dataTransfer = await this.page.evaluateHandle((files) => {
      const g = globalThis as unknown as PageGlobals
      const dt = new g.DataTransfer()
      for (const f of files) dt.items.add(new g.File([Uint8Array.from(g.atob(f.b64), (c) => c.charCodeAt(0))], f.name))
      return dt
    }, payload)
    await this.page.locator('.app').dispatchEvent('drop', { dataTransfer })
  }

  items(status?: DocumentStatus): Locator {
    return this.page.locator(status ? `[data-testid=queue-item][data-status=${status}]` : '[data-testid=queue-item]')
  }

  item(fileName: string): Locator {
    return this.items().filter({ hasText: fileName })
  }

  /** Wait until `count` documents are listed and none is waiting or running. */
  async waitForRecognized(count: number): Promise<void> {
    await this.items()
      .nth(count - 1)
      .waitFor({ timeout: 30_000 })
    // Polled from Node through locators: the app's CSP (rightly) forbids the string evaluation waitForFunction would need.
    const busy = this.page.locator('[data-testid=queue-item][data-status=queued], [data-testid=queue-item][data-status=recognizing]')
    const deadline = Date.now() + RECOGNITION_TIMEOUT_MS
    while ((await busy.count()) > 0) {
      if (Date.now() > deadline) throw new Error('recognition did not finish in time')
      await this.page.waitForTimeout(POLL_MS)
    }
  }

  /** The progress bar's done and total, as it reports them. */
  async progress(): Promise<{ done: number; total: number }> {
    const bar = this.page.getByTestId('progress')
    return { done: Number(await bar.getAttribute('data-done')), total: Number(await bar.getAttribute('data-total')) }
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
