/**
 * The Scan button in browser mode (npm run serve, Debian's Chromium, the real engine): pages scanned from the
 * loopback eSCL fixture and from SANE's pnm device enter the queue through the import path and are recognised; the
 * device and settings are remembered; a scan can be cancelled; a jam is told in the interface's language.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser, Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEsclFixture } from '../../fixtures/escl/escl-fixture'
import type { EsclFixture } from '../../fixtures/escl/escl-fixture'
import { generateSample } from '../../fixtures/generator'
import { saneConfig, scanimageMissing, toPpm } from '../../fixtures/sane/sane-config'
import type { SaneConfig } from '../../fixtures/sane/sane-config'
import { launchBrowser, newContext } from '../fixtures/browser'
import { saveScreenshot } from '../fixtures/screenshots'
import { startTestServer } from '../fixtures/server'
import type { TestServer } from '../fixtures/server'
import { QueuePage } from '../pages/queue-page'
import { ScanPage } from '../pages/scan-page'

const missing = scanimageMissing()
// Listing devices waits for DNS-SD answers and asks SANE: a few seconds.
const LIST = { timeout: 20_000 }
const NOTICE = { timeout: 10_000 }
if (missing) console.warn(`[e2e] SKIPPED the SANE scan of the scan suite: ${missing}.`)

describe('scanning from the top bar (browser)', () => {
  let fixture: EsclFixture
  let sane: SaneConfig
  let server: TestServer
  let browser: Browser
  let page: Page
  let queue: QueuePage
  let scan: ScanPage
  let dir: string
  let ppm: string
  let numbers: string[]
  let device: string

  beforeAll(async () => {
    const samples = await Promise.all([31, 32, 33].map((seed) => generateSample(seed, 'scan')))
    numbers = samples.map((s) => s.truth.data.passportNumber)
    fixture = await startEsclFixture({ pages: samples.slice(0, 2).map((s) => s.image), quirks: { nextDocumentDelayMs: 500 } })
    device = `escl:${fixture.url}`
    dir = mkdtempSync(join(tmpdir(), 'prw-e2e-scan-'))
    ppm = join(dir, 'page.ppm')
    writeFileSync(ppm, await toPpm(samples[2].image))
    sane = saneConfig('pnm')
    server = await startTestServer({ SANE_CONFIG_DIR: sane.dir })
    browser = await launchBrowser()
    page = await (await newContext(browser)).newPage()
    await page.goto(server.url)
    queue = new QueuePage(page)
    scan = new ScanPage(page)
    await queue.ready()
    await queue.setLanguage('en')
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    await fixture?.close()
    sane?.remove()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('scans every page of the eSCL device feeder, showing progress, and each page is recognised', async () => {
    await scan.open()
    await scan.addAddress(fixture.url)
    await expect.poll(() => scan.selectedDevice(), LIST).toBe(device)
    await scan.choose({ resolution: 300, mode: 'color', source: 'feeder' })
    await scan.start()
    await expect.poll(() => scan.progress(), NOTICE).toMatch(/Scanning… [12] pages received/)
    await scan.finished()
    await queue.waitForRecognized(2)
    const rows = await queue.items().allTextContents()
    for (const n of numbers.slice(0, 2)) expect(rows.some((r) => r.includes(n))).toBe(true)
    expect(await queue.notices()).toContain('2 pages scanned and queued (0 already stored)')
    expect(fixture.openJobs()).toEqual([])
    await saveScreenshot(page, 'scan')
  })

  it('remembers the device and its settings after a reload', async () => {
    await page.reload()
    await queue.ready()
    await scan.open()
    await expect.poll(() => scan.selectedDevice(), LIST).toBe(device)
    expect(await page.getByTestId('scan-source').inputValue()).toBe('feeder')
    expect(await page.getByTestId('scan-resolution').inputValue()).toBe('300')
  })

  it.skipIf(missing !== null)("scans a passport page through SANE's pnm device and it is recognised", async () => {
    await expect.poll(() => scan.devices(), LIST).toContain('sane:pnm:0')
    await scan.choose({ device: 'sane:pnm:0', source: 'flatbed', options: `filename=${ppm}` })
    await scan.start()
    await scan.finished()
    await queue.waitForRecognized(3)
    const rows = await queue.items().allTextContents()
    expect(rows.some((r) => r.includes(numbers[2]))).toBe(true)
  })

  it('cancels a scan under way: nothing is added and the device keeps no job', async () => {
    const before = await queue.items().count()
    fixture.quirks.nextDocumentDelayMs = 8_000
    await scan.choose({ device, source: 'flatbed', options: '' })
    await scan.start()
    await page.getByTestId('scan-cancel').waitFor()
    await scan.cancel()
    await scan.finished()
    await expect.poll(() => queue.notices(), NOTICE).toContainEqual(expect.stringMatching(/^The scan was cancelled\. \(CANCELLED: /))
    expect(await queue.items().count()).toBe(before)
    await expect.poll(() => fixture.openJobs(), NOTICE).toEqual([])
    fixture.quirks.nextDocumentDelayMs = 0
  })

  it('tells a paper jam in the interface language, with its code', async () => {
    fixture.quirks.adfState = 'jam'
    await queue.setLanguage('zh-CN')
    await scan.choose({ device, source: 'feeder' })
    await scan.start()
    await scan.finished()
    await expect.poll(() => queue.notices(), NOTICE).toContainEqual(expect.stringMatching(/^扫描仪卡纸，请清除后重新扫描。 \(SCANNER_JAMMED: /))
    fixture.quirks.adfState = 'loaded'
    await queue.setLanguage('en')
  })
})
