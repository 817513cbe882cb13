import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateSample } from '../../fixtures/generator'
import { imagesPdf } from '../../fixtures/page-files'
import { launchBrowser, newContext } from '../fixtures/browser'
import { startTestServer } from '../fixtures/server'
import type { TestServer } from '../fixtures/server'
import { QueuePage } from '../pages/queue-page'

/**
 * A scanner's PDF of two passports, dropped on the window as from the file manager: two documents, each recognised
 * by the real engine behind `npm run serve`, each page shown from its own image. A damaged PDF dropped with it fails
 * alone. Browser mode: the import path is the same contract call in Electron.
 */
describe('a dropped PDF (browser)', () => {
  let server: TestServer
  let browser: Browser
  let dir: string
  let queue: QueuePage
  let numbers: string[]
  let firstScan: Buffer

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'prw-e2e-pdf-'))
    // Seed 7 is a JPEG scan, seed 8 a PNG one: the two encodings a scanner's PDF embeds.
    const pages = await Promise.all([generateSample(7, 'scan'), generateSample(8, 'scan')])
    numbers = pages.map((p) => p.truth.data.passportNumber)
    firstScan = pages[0].image
    const pdf = imagesPdf(pages.map((p) => p.image))
    writeFileSync(join(dir, 'scan.pdf'), pdf)
    writeFileSync(join(dir, 'cut.pdf'), pdf.subarray(0, 400))
    server = await startTestServer()
    browser = await launchBrowser()
    const page = await (await newContext(browser)).newPage()
    await page.goto(server.url)
    queue = new QueuePage(page)
    await queue.ready()
    await queue.setLanguage('en')
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('becomes one document per page, each recognised, and a damaged PDF fails alone', async () => {
    await queue.dropPaths([join(dir, 'scan.pdf'), join(dir, 'cut.pdf')])
    await expect.poll(() => queue.notices(), { timeout: 30_000 }).toContain('Imported 2, duplicates 0, failed 1')
    expect((await queue.notices()).some((n) => n.startsWith('cut.pdf: CORRUPT_IMAGE'))).toBe(true)
    await queue.waitForRecognized(2)
    for (const [i, n] of numbers.entries()) {
      const item = queue.item(`scan.pdf#page=${i + 1}`)
      await expect.poll(() => item.getAttribute('data-status')).toBe('needs_review')
      expect(await item.textContent()).toContain(n)
    }
    // Each page is shown from its own image: page 1 is the scanner's JPEG itself, byte for byte.
    await queue.item('scan.pdf#page=1').click()
    const img = queue.page.getByTestId('canvas-viewport').locator('img')
    await expect.poll(() => img.evaluate((el) => (el as { naturalWidth: number }).naturalWidth)).toBeGreaterThan(0)
    const image = await queue.page.request.get(new URL((await img.getAttribute('src')) ?? '', server.url).toString())
    expect([image.status(), image.headers()['content-type']]).toEqual([200, 'image/jpeg'])
    expect(Buffer.compare(await image.body(), firstScan)).toBe(0)
  })
})
