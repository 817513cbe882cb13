import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Browser, BrowserContext } from 'playwright-core'
import { launchBrowser, newContext } from '../fixtures/browser'
import { countColour } from '../fixtures/pixels'
import { saveScreenshot } from '../fixtures/screenshots'
import { startTestServer } from '../fixtures/server'
import type { TestServer } from '../fixtures/server'
import { AuditPage } from '../pages/audit-page'
import { QueuePage } from '../pages/queue-page'
import { ReviewPage } from '../pages/review-page'

// The active box's stroke colour in styles.css (#ff2d55).
const ACTIVE_BOX: [number, number, number] = [255, 45, 85]
const OPERATOR = '测试操作员'
const NEW_NAME = '测试员'

const samples = inject('samples')
let server: TestServer
let browser: Browser
let context: BrowserContext
let queue: QueuePage
let review: ReviewPage
let audit: AuditPage

beforeAll(async () => {
  server = await startTestServer()
  browser = await launchBrowser()
  context = await newContext(browser)
  const page = await context.newPage()
  queue = new QueuePage(page)
  review = new ReviewPage(page)
  audit = new AuditPage(page)
  await queue.open(server.url)
  await queue.setLanguage('en')
})

afterAll(async () => {
  await context?.close()
  await browser?.close()
  await server?.stop()
})

// One operator's path through a fresh workstation; each step builds on the previous one.
describe('the review workstation in a browser', () => {
  it('imports through the file chooser and shows progress until recognized', async () => {
    await queue.importFiles([samples[0].file])
    await queue.waitForRecognized(1)
    await expect.poll(() => queue.items('needs_review').count()).toBe(1)
    await expect.poll(() => queue.progress()).toEqual({ done: 1, total: 1 })
  })

  it('imports by drag-and-drop, and never the same image twice', async () => {
    await queue.dropFiles([samples[1].file, samples[0].file])
    await queue.waitForRecognized(2)
    // Whether the engine reads this page is the golden tests' business; here it must be finished, one way or the other.
    await expect.poll(async () => (await queue.items('needs_review').count()) + (await queue.items('failed').count())).toBe(2)
    expect(await queue.items().count()).toBe(2)
  })

  it("highlights a field's box when the field is focused, and focuses the field when its box is clicked", async () => {
    await queue.item('passport-1').click()
    await review.field('passportNumber').focus()
    await expect.poll(() => review.box('passportNumber').getAttribute('data-active')).toBe('true')
    const active = await countColour(review.page, review.box('passportNumber'), ACTIVE_BOX)
    await saveScreenshot(review.page, 'review')
    await review.box('name').click()
    await expect.poll(() => review.field('name').evaluate((el) => el === el.ownerDocument.activeElement)).toBe(true)
    const inactive = await countColour(review.page, review.box('passportNumber'), ACTIVE_BOX)
    expect(active).toBeGreaterThan(30)
    expect(inactive).toBeLessThan(active / 4)
  })

  it('saves an edit with its old and new value, undoes it with Ctrl+Z, and approves with Ctrl+Enter', async () => {
    await queue.setOperator(OPERATOR)
    const old = await review.field('name').inputValue()
    const edit = (from: string, to: string) => review.historyRows().filter({ hasText: `name: ${from || '∅'} → ${to || '∅'}` })
    await review.edit('name', NEW_NAME)
    await expect.poll(() => edit(old, NEW_NAME).count()).toBe(1)
    await review.field('name').press('Control+z')
    await expect.poll(() => review.field('name').inputValue()).toBe(old)
    await expect.poll(() => edit(NEW_NAME, old).count()).toBe(1)
    await review.edit('name', NEW_NAME)
    await review.field('name').press('Control+Enter')
    await expect.poll(() => queue.items('approved').count()).toBe(1)
    await expect(queue.item('passport-1').getAttribute('data-status')).resolves.toBe('approved')
    await saveScreenshot(queue.page, 'queue')
  })

  it('shows the edit and the approval in the audit view', async () => {
    await audit.open()
    await expect.poll(() => audit.rows('field_edited').filter({ hasText: NEW_NAME }).count()).toBe(3)
    await expect(audit.rows('approved').filter({ hasText: OPERATOR }).count()).resolves.toBe(1)
    await saveScreenshot(audit.page, 'audit')
  })

  it('exports the approved document as CSV with a BOM and as JSON with the corrected values', async () => {
    const csv = await queue.export('csv')
    expect(csv.name).toMatch(/\.csv$/)
    expect(csv.text.charCodeAt(0)).toBe(0xfeff)
    const lines = csv.text.slice(1).trim().split('\r\n')
    expect(lines).toHaveLength(2)
    expect(lines[0].split(',').slice(0, 4)).toEqual(['id', 'fileName', 'passportType', 'countryCode'])
    expect(lines[1]).toContain(NEW_NAME)
    expect(lines[1]).toContain(`approved,${OPERATOR}`)
    const json = JSON.parse((await queue.export('json')).text) as {
      data: { name: string }
      prism_keyValueInfo: { key: string; value: string }[]
    }[]
    expect(json).toHaveLength(1)
    expect(json[0].data.name).toBe(NEW_NAME)
    expect(json[0].prism_keyValueInfo.find((k) => k.key === 'name')?.value).toBe(NEW_NAME)
    await audit.open()
    await expect.poll(() => audit.rows('exported').count()).toBe(2)
  })
})
