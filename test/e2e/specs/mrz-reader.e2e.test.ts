import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { Browser } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateSample } from '../../fixtures/generator'
import { launchBrowser, newContext } from '../fixtures/browser'
import { startTestServer } from '../fixtures/server'
import type { TestServer } from '../fixtures/server'
import { MrzReaderPanel } from '../pages/mrz-reader-panel'
import { QueuePage } from '../pages/queue-page'
import { ReviewPage } from '../pages/review-page'

// ICAO Doc 9303's specimen passport (the fictitious state Utopia) and a second specimen holder of the same state.
const ERIKSSON = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10']
// ICAO Doc 9303's specimen identity card (TD1, part 5).
const TD1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<']

/**
 * Keyboard-wedge MRZ readers in the browser mode, against the real server and store: Playwright types as a reader
 * does (a key every 2 ms, Enter after each line) and as a person does (120 ms a key).
 */
describe('MRZ readers (browser)', () => {
  let server: TestServer
  let browser: Browser
  let queue: QueuePage
  let reader: MrzReaderPanel
  let review: ReviewPage
  let dir: string | undefined

  beforeAll(async () => {
    server = await startTestServer()
    browser = await launchBrowser()
    const page = await (await newContext(browser)).newPage()
    await page.goto(server.url)
    queue = new QueuePage(page)
    reader = new MrzReaderPanel(page)
    review = new ReviewPage(page)
    await queue.ready()
    await queue.setLanguage('en')
  })

  afterAll(async () => {
    await browser?.close()
    await server?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it("a reader's burst into a focused field makes an MRZ-only document, and the field gets none of it", async () => {
    const search = queue.page.getByTestId('search')
    await search.focus()
    await reader.swipe(ERIKSSON)
    await expect.poll(() => reader.status().getAttribute('data-code'), { timeout: 15_000 }).toBe('created')
    expect(await search.inputValue()).toBe('')
    const item = queue.item('MRZ reader')
    await expect.poll(() => item.getAttribute('data-status'), { timeout: 15_000 }).toBe('needs_review')
    expect(await item.textContent()).toContain('L898902C3')
    // Opened for review (the read opens it): no page image, every field the MRZ gave flagged as MRZ-only.
    await queue.page.getByTestId('review-no-image').waitFor()
    expect(await review.field('passportNumber').inputValue()).toBe('L898902C3')
    expect(await review.field('birthDate').inputValue()).toBe('1974.08.12')
    expect(await review.flags('nameEn').allTextContents()).toContain('From the MRZ reader only: compare with the document')
    const flagged = await review.flaggedKeys()
    for (const key of ['passportNumber', 'nameEn', 'birthDate', 'validToDate', 'mrzLine1', 'mrzLine2']) expect(flagged).toContain(key)
  })

  it('leaves slow human typing in a field exactly as typed', async () => {
    const search = queue.page.getByTestId('search')
    await search.fill('')
    await search.focus()
    await queue.page.keyboard.type('L898902C3<x', { delay: 120 })
    await expect.poll(() => search.inputValue()).toBe('L898902C3<x')
    // Typing at a reader-like pace but short of a line, and a person's Enter, are handed back too.
    await search.fill('')
    await queue.page.keyboard.type('ERIKSSON', { delay: 5 })
    await queue.page.keyboard.press('Enter')
    await expect.poll(() => search.inputValue()).toBe('ERIKSSON')
    await search.fill('')
  })

  it('asks for a new swipe when a burst is mangled by the keyboard layout or cut short, in both languages', async () => {
    await queue.page.getByTestId('nav-queue').focus()
    await reader.swipe(ERIKSSON.map((l) => l.replace(/</g, ';')))
    await expect.poll(() => reader.status().getAttribute('data-code'), { timeout: 15_000 }).toBe('MRZ_READ_GARBLED')
    expect(await reader.status().textContent()).toContain('switch the keyboard layout to US English, then swipe again')
    await reader.swipe([ERIKSSON[0]])
    await expect.poll(() => reader.status().getAttribute('data-code'), { timeout: 15_000 }).toBe('MRZ_READ_INCOMPLETE')
    expect(await reader.status().textContent()).toContain('Swipe the passport or card again')
    await queue.setLanguage('zh-CN')
    await reader.swipe([ERIKSSON[0], ERIKSSON[1].replace('7408122', '7408132')])
    await expect.poll(() => reader.status().getAttribute('data-code'), { timeout: 15_000 }).toBe('MRZ_CHECK_FAILED')
    expect(await reader.status().textContent()).toContain('机读码校验位不符')
    await queue.setLanguage('en')
    // Nothing was stored by the failed reads.
    expect(await queue.items().count()).toBe(1)
  })

  it('takes the MRZ box: the same MRZ pasted is the document already read', async () => {
    await reader.submitBox(ERIKSSON.join('\n'))
    await expect.poll(() => reader.status().getAttribute('data-code'), { timeout: 15_000 }).toBe('duplicate')
    expect(await queue.items().count()).toBe(1)
  })

  it("a swipe and then the page of the same passport dropped: one document, the page, carrying the reader's check", async () => {
    const sample = await generateSample(4, 'rotated')
    const { passportNumber, mrzLine1, mrzLine2 } = sample.truth.data
    dir = mkdtempSync(join(tmpdir(), 'prw-e2e-reader-'))
    const file = join(dir, `passport-4.${sample.truth.format === 'jpeg' ? 'jpg' : sample.truth.format}`)
    writeFileSync(file, sample.image)
    await queue.page.getByTestId('nav-queue').focus()
    await reader.swipe([mrzLine1, mrzLine2])
    await expect.poll(() => reader.status().getAttribute('data-code'), { timeout: 15_000 }).toBe('created')
    const ofPassport = queue.items().filter({ hasText: passportNumber })
    await expect.poll(() => ofPassport.count(), { timeout: 15_000 }).toBe(1)
    await queue.openQueue()
    await queue.dropPaths([file])
    // The page is recognised, takes the reader's read, and the reader's document leaves the queue.
    const pageItem = queue.item('passport-4')
    await expect.poll(() => pageItem.getAttribute('data-status'), { timeout: 60_000 }).toBe('needs_review')
    await expect.poll(() => ofPassport.count(), { timeout: 15_000 }).toBe(1)
    expect(await pageItem.getByTestId('queue-item-reader').getAttribute('data-reader')).toBe('agrees')
    expect(await queue.item('MRZ reader').count()).toBe(1)
  })

  it("an identity card's burst (TD1, 3 × 30) makes a document of its own in the queue, its lines shown as read", async () => {
    await queue.setLanguage('en')
    await queue.page.getByTestId('nav-queue').focus()
    await reader.swipe(TD1)
    await expect.poll(() => reader.status().getAttribute('data-code'), { timeout: 15_000 }).toBe('created')
    const item = queue.item('MRZ reader (TD1)')
    await expect.poll(() => item.getAttribute('data-status'), { timeout: 15_000 }).toBe('needs_review')
    expect(await item.textContent()).toContain('D23145890')
    // Opened for review: no image, the card said to be no passport, its fields flagged MRZ-only, its lines read-only.
    const zone = queue.page.getByTestId('mrz-zone')
    await zone.waitFor()
    expect(await zone.getAttribute('data-format')).toBe('TD1')
    expect(await zone.getByTestId('mrz-zone-line').allTextContents()).toEqual(TD1)
    await queue.page.getByTestId('review-no-image').waitFor()
    expect(await queue.page.getByTestId('document-family').textContent()).toContain(
      'Identity card or travel document (TD1, UTO), not a passport'
    )
    expect(await review.field('passportNumber').inputValue()).toBe('D23145890')
    expect(await review.field('passportType').inputValue()).toBe('I')
    expect(await review.field('mrzLine1').inputValue()).toBe(TD1[0])
    expect(await review.field('mrzLine2').inputValue()).toBe(TD1[1] + TD1[2])
    for (const key of ['mrzLine1', 'mrzLine2'] as const) expect(await review.field(key).getAttribute('readonly'), key).not.toBeNull()
    expect(await review.field('nameEn').getAttribute('readonly')).toBeNull()
    expect(await review.flags('passportNumber').allTextContents()).toEqual(['From the MRZ reader only: compare with the document'])
    const flagged = await review.flaggedKeys()
    for (const key of ['passportType', 'passportNumber', 'nameEn', 'birthDate', 'validToDate', 'mrzLine1', 'mrzLine2'])
      expect(flagged).toContain(key)
    // A number changed away from the zone differs from it; F4 takes the zone's back.
    await review.edit('passportNumber', 'D23145891')
    await expect
      .poll(() => review.flags('passportNumber').allTextContents(), { timeout: 15_000 })
      .toContain('Differs from the MRZ (D23145890)')
    await review.field('passportNumber').focus()
    await queue.page.keyboard.press('F4')
    await expect.poll(() => review.field('passportNumber').inputValue(), { timeout: 15_000 }).toBe('D23145890')
    await expect
      .poll(() => review.flags('passportNumber').allTextContents(), { timeout: 15_000 })
      .toEqual(['From the MRZ reader only: compare with the document'])
  })
})
