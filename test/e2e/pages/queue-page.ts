import { readFile } from 'node:fs/promises'
import type { Locator, Page } from 'playwright-core'
import type { DocumentStatus } from '../../../src/shared/domain/document'

const POLL_MS = 250
const RECOGNITION_TIMEOUT_MS = 170_000

/** The queue side of the workstation: import, progress, the list, settings and export. */
export class QueuePage {
  constructor(readonly page: Page) {}

  async ready(): Promise<void> {
    await this.page.getByTestId('import-input').waitFor({ state: 'attached' })
  }

  /** Import through the file chooser. */
  async importFiles(files: string[]): Promise<void> {
    await this.page.getByTestId('import-input').setInputFiles(files)
  }

  /** Import a folder through the folder chooser. */
  async importFolder(dir: string): Promise<void> {
    await this.page.getByTestId('import-folder-input').setInputFiles(dir)
  }

  /**
   * Drop files and folders from disk on the window, as from the file manager: Chromium's own drag-and-drop
   * (DevTools Input.dispatchDragEvent with real paths), so folders arrive as directory entries to walk.
   */
  async dropPaths(paths: string[]): Promise<void> {
    const cdp = await this.page.context().newCDPSession(this.page)
    const box = await this.page.locator('.queue-list').boundingBox()
    const at = { x: (box?.x ?? 0) + 40, y: (box?.y ?? 0) + 40 }
    const data = { items: [], files: paths, dragOperationsMask: 1 }
    for (const type of ['dragEnter', 'dragOver', 'drop'] as const) await cdp.send('Input.dispatchDragEvent', { type, ...at, data })
    await cdp.detach()
  }

  items(status?: DocumentStatus): Locator {
    return this.page.locator(status ? `[data-testid=queue-item][data-status=${status}]` : '[data-testid=queue-item]')
  }

  item(fileName: string): Locator {
    return this.items().filter({ hasText: fileName })
  }

  /** Tick a document's checkbox (the export selection). */
  async check(fileName: string): Promise<void> {
    await this.item(fileName).getByTestId('queue-item-check').check()
  }

  async search(text: string): Promise<void> {
    await this.page.getByTestId('search').fill(text)
  }

  async filter(status: DocumentStatus | 'all'): Promise<void> {
    await this.page.getByTestId(`filter-${status}`).click()
  }

  /** The notices in the status bar, newest last. */
  notices(): Promise<string[]> {
    return this.page.locator('.notice').allTextContents()
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

  async openQueue(): Promise<void> {
    await this.page.getByTestId('nav-queue').click()
  }

  /** Click an export button and return the downloaded file's text. */
  async export(format: 'csv' | 'json'): Promise<{ name: string; text: string }> {
    const [download] = await Promise.all([this.page.waitForEvent('download'), this.page.getByTestId(`export-${format}`).click()])
    const path = await download.path()
    return { name: download.suggestedFilename(), text: await readFile(path, 'utf8') }
  }
}
