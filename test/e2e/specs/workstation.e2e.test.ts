import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { basename, join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { Page } from 'playwright-core'
import { countColour } from '../fixtures/pixels'
import { saveScreenshot } from '../fixtures/screenshots'
import { TARGETS } from '../fixtures/targets'
import { AuditPage } from '../pages/audit-page'
import { QueuePage } from '../pages/queue-page'
import { ReviewPage } from '../pages/review-page'

// The active box's stroke colour in styles.css (#ff2d55).
const ACTIVE_BOX: [number, number, number] = [255, 45, 85]
const OPERATOR = '测试操作员'
const NEW_NAME = '测试员'
const REJECT_REASON = '出生日期与机读码不符'
const CSV_HEADER =
  'id,fileName,passportType,countryCode,passportNumber,nameEn,name,sex,birthPlace,nationality,issuePlace,issueAuthority,' +
  'mrzLine1,mrzLine2,validToDate,birthDate,issueDate,status,operator,createdAt,recognizedAt,reviewedAt'

const samples = inject('samples')

/** The centre of an element, and whether it lies inside another's box. */
async function centreInside(page: Page, inner: string, outer: string): Promise<boolean> {
  const [a, b] = await Promise.all([page.locator(inner).boundingBox(), page.locator(outer).boundingBox()])
  if (!a || !b) return false
  const x = a.x + a.width / 2
  const y = a.y + a.height / 2
  return x >= b.x && x <= b.x + b.width && y >= b.y && y <= b.y + b.height
}

for (const target of TARGETS) {
  if (target.missing) console.warn(`[e2e] SKIPPED the ${target.name} run of the workstation suite: ${target.missing}.`)

  // One operator's path through a fresh workstation; each step builds on the previous one.
  describe.skipIf(target.missing !== null)(`the review workstation (${target.name})`, () => {
    let queue: QueuePage
    let review: ReviewPage
    let audit: AuditPage
    let folders: string
    let passport2Birth = ''

    beforeAll(async () => {
      const page = await target.start()
      queue = new QueuePage(page)
      review = new ReviewPage(page)
      audit = new AuditPage(page)
      await queue.ready()
      await queue.setLanguage('en')
      await queue.setOperator(OPERATOR)
      // A folder to drop (an image in a subfolder, a note to skip) and one to pick with the folder chooser.
      folders = mkdtempSync(join(tmpdir(), 'prw-e2e-folders-'))
      mkdirSync(join(folders, 'dropped', 'page-2'), { recursive: true })
      copyFileSync(samples[1].file, join(folders, 'dropped', 'page-2', basename(samples[1].file)))
      writeFileSync(join(folders, 'dropped', 'notes.txt'), 'not a passport')
      mkdirSync(join(folders, 'picked'))
      copyFileSync(samples[2].file, join(folders, 'picked', basename(samples[2].file)))
      writeFileSync(join(folders, 'picked', 'readme.txt'), 'not a passport')
    })

    afterAll(async () => {
      await target.stop()
      if (folders) rmSync(folders, { recursive: true, force: true })
    })

    it('gives the page no Node and only the contract', async () => {
      const globals = await review.page.evaluate(() => {
        const g = globalThis as unknown as { require?: unknown; process?: unknown; api?: object }
        return { require: typeof g.require, process: typeof g.process, api: g.api ? Object.keys(g.api).sort() : null }
      })
      expect(globals).toEqual({
        require: 'undefined',
        process: 'undefined',
        api: target.name === 'electron' ? ['imageUrl', 'invoke', 'on'] : null
      })
    })

    it('imports through the file chooser and shows progress until recognized', async () => {
      await queue.importFiles([samples[0].file])
      await queue.waitForRecognized(1)
      await expect.poll(() => queue.items('needs_review').count()).toBe(1)
      await expect.poll(() => queue.progress()).toEqual({ done: 1, total: 1 })
    })

    it('imports a dropped folder and a picked folder (images only), and never the same image twice', async () => {
      await queue.dropPaths([join(folders, 'dropped'), samples[0].file])
      await expect.poll(() => queue.notices()).toContain('Imported 1, duplicates 1, failed 0')
      await queue.importFolder(join(folders, 'picked'))
      await queue.waitForRecognized(3)
      await expect.poll(() => queue.items('needs_review').count()).toBe(3)
      expect(await queue.items().count()).toBe(3)
      for (const s of samples) expect(await queue.item(basename(s.file)).count(), s.file).toBe(1)
      const { done, total } = await queue.progress()
      expect(done).toBe(total)
      expect(total).toBeGreaterThan(0)
    })

    it('draws the page outline and the field boxes; focusing a field highlights its box, clicking a box focuses its field', async () => {
      await queue.item('passport-1').click()
      await expect.poll(() => review.boxes().count()).toBeGreaterThanOrEqual(10)
      await expect(review.pageOutline().count()).resolves.toBe(1)
      await review.field('passportNumber').focus()
      await expect.poll(() => review.box('passportNumber').getAttribute('data-active')).toBe('true')
      const active = await countColour(review.page, review.box('passportNumber'), ACTIVE_BOX)
      await saveScreenshot(review.page, 'review')
      await review.box('name').click()
      await expect.poll(() => review.focusedKey()).toBe('name')
      const inactive = await countColour(review.page, review.box('passportNumber'), ACTIVE_BOX)
      expect(active).toBeGreaterThan(30)
      expect(inactive).toBeLessThan(active / 4)
      // Tab and Shift+Tab walk the form, and the highlight follows.
      await review.field('name').press('Tab')
      expect(await review.focusedKey()).toBe('sex')
      await review.field('sex').press('Shift+Tab')
      expect(await review.focusedKey()).toBe('name')
      await expect.poll(() => review.box('name').getAttribute('data-active')).toBe('true')
    })

    it('zooms, pans, rotates and fits the view, and brings the focused field into view', async () => {
      // Where the page image is on screen (the boxes are drawn on it and move with it).
      const size = async (): Promise<{ x: number; y: number; width: number; height: number }> => {
        const b = await review.page.locator('.canvas-stage').boundingBox()
        if (!b) throw new Error('no image')
        return b
      }
      const fitted = await size()
      const wide = fitted.width > fitted.height
      await review.canvasButton(0).click()
      expect((await size()).width / fitted.width).toBeCloseTo(1.25, 1)
      const before = await size()
      const vp = await review.viewport().boundingBox()
      if (!vp) throw new Error('no viewport')
      await review.page.mouse.move(vp.x + 200, vp.y + 200)
      await review.page.mouse.down()
      await review.page.mouse.move(vp.x + 120, vp.y + 150, { steps: 4 })
      await review.page.mouse.up()
      const panned = await size()
      expect(panned.x - before.x).toBeCloseTo(-80, -1)
      expect(panned.y - before.y).toBeCloseTo(-50, -1)
      // Close in, look at one corner of the page, then focus a field elsewhere: the view follows it.
      for (let i = 0; i < 6; i++) await review.canvasButton(0).click()
      await review.field('passportNumber').focus()
      await expect.poll(() => centreInside(review.page, '[data-testid=field-box-passportNumber]', '.canvas-viewport')).toBe(true)
      expect(await centreInside(review.page, '[data-testid=field-box-birthPlace]', '.canvas-viewport')).toBe(false)
      await review.field('birthPlace').focus()
      await expect.poll(() => centreInside(review.page, '[data-testid=field-box-birthPlace]', '.canvas-viewport')).toBe(true)
      await review.canvasButton(4).click()
      const turned = await size()
      expect(turned.width > turned.height).toBe(!wide)
      await review.canvasButton(3).click()
      await review.canvasButton(2).click()
      const refitted = await size()
      expect(refitted.width).toBeCloseTo(fitted.width, 0)
      expect(refitted.x).toBeCloseTo(fitted.x, 0)
    })

    it('flags problems as the operator types, with the reason, and shows the MRZ check digits recomputed', async () => {
      const birth = await review.field('birthDate').inputValue()
      await review.type('birthDate', '1990.02.30')
      await expect.poll(() => review.flags('birthDate').allTextContents()).toContain('No such date')
      await review.field('birthDate').press('Control+z')
      expect(await review.field('birthDate').inputValue()).toBe(birth)
      await expect.poll(() => review.flags('birthDate').allTextContents()).not.toContain('No such date')

      const line2 = await review.field('mrzLine2').inputValue()
      expect(await review.mrzCheck('birthDate').getAttribute('data-holds')).toBe('true')
      // One digit of the MRZ birth date changed: its check digit and the composite no longer hold, and the printed
      // date no longer agrees with the MRZ.
      const typo = line2.slice(0, 14) + String((Number(line2[14]) + 1) % 10) + line2.slice(15)
      await review.type('mrzLine2', typo)
      await expect.poll(() => review.mrzCheck('birthDate').getAttribute('data-holds')).toBe('false')
      expect(await review.mrzCheck('composite').getAttribute('data-holds')).toBe('false')
      expect(await review.mrzCheck('passportNumber').getAttribute('data-holds')).toBe('true')
      expect(await review.flags('mrzLine2').allTextContents()).toContain('MRZ check digit fails')
      expect((await review.flags('birthDate').allTextContents()).join()).toMatch(/Differs from the MRZ/)
      await review.field('mrzLine2').press('Control+z')
      await expect.poll(() => review.mrzCheck('birthDate').getAttribute('data-holds')).toBe('true')
      expect(await review.field('mrzLine2').inputValue()).toBe(line2)
    })

    it('saves an edit with its old and new value, undoes it by keyboard and by mouse, and approves with Ctrl+Enter', async () => {
      const old = await review.field('name').inputValue()
      const edit = (from: string, to: string) => review.historyRows().filter({ hasText: `name: ${from || '∅'} → ${to || '∅'}` })
      await review.edit('name', NEW_NAME)
      await expect.poll(() => edit(old, NEW_NAME).count()).toBe(1)
      await review.field('name').press('Control+z')
      await expect.poll(() => review.field('name').inputValue()).toBe(old)
      await expect.poll(() => edit(NEW_NAME, old).count()).toBe(1)
      await review.type('name', NEW_NAME)
      await review.undoByMouse()
      await expect.poll(() => edit(NEW_NAME, old).count()).toBe(2)
      expect(await review.field('name').inputValue()).toBe(old)
      await review.edit('name', NEW_NAME)
      await review.field('name').press('Control+Enter')
      await expect.poll(() => queue.item('passport-1').getAttribute('data-status')).toBe('approved')
      // The next document waiting for review opens by itself, the keyboard at its first flagged field (on Approve
      // when it has none).
      await expect.poll(() => review.title().textContent()).toContain('passport-2')
      const firstFlagged = (await review.flaggedKeys())[0]
      await expect.poll(() => review.focusedTestId()).toBe(firstFlagged ? `field-${firstFlagged}` : 'approve-button')
      await saveScreenshot(queue.page, 'queue')
    })

    it('moves to the next flagged field with Enter, and rejects with a reason', async () => {
      passport2Birth = await review.field('birthDate').inputValue()
      const changed = passport2Birth.slice(0, 8) + (passport2Birth.endsWith('01') ? '02' : '01')
      await review.edit('birthDate', changed)
      await expect.poll(() => review.flags('birthDate').allTextContents()).toContainEqual(expect.stringMatching(/Differs from the MRZ/))
      passport2Birth = changed
      await review.field('passportType').focus()
      const flagged = (await review.flaggedKeys()).filter((k) => k !== 'passportType')
      await review.field('passportType').press('Enter')
      await expect.poll(() => review.focusedKey()).toBe(flagged[0])
      await review.reject(REJECT_REASON)
      await expect.poll(() => review.status().getAttribute('class')).toContain('rejected')
      await expect.poll(() => review.historyRows().filter({ hasText: REJECT_REASON }).count()).toBe(1)
      expect(await review.historyRows().filter({ hasText: OPERATOR }).count()).toBeGreaterThanOrEqual(1)
    })

    it('shows every event in the audit view, with operator, old and new values, and filters by type', async () => {
      await audit.open()
      await expect.poll(() => audit.rows('field_edited').filter({ hasText: NEW_NAME }).count()).toBe(5)
      expect(await audit.rows('approved').filter({ hasText: OPERATOR }).count()).toBe(1)
      expect(await audit.rows('rejected').filter({ hasText: REJECT_REASON }).count()).toBe(1)
      expect(await audit.rows('imported').filter({ hasText: OPERATOR }).count()).toBe(3)
      expect(await audit.rows('recognized').count()).toBe(3)
      await saveScreenshot(audit.page, 'audit')
      await audit.filterType('rejected')
      await expect.poll(() => audit.rows().count()).toBe(1)
      await audit.filterType('')
      await expect.poll(() => audit.rows().count()).toBeGreaterThan(10)
    })

    it('counts, filters and searches the queue by passport number and name', async () => {
      await queue.openQueue()
      await expect.poll(() => queue.page.getByTestId('filter-approved').getAttribute('data-count')).toBe('1')
      expect(await queue.page.getByTestId('filter-rejected').getAttribute('data-count')).toBe('1')
      expect(await queue.page.getByTestId('filter-needs_review').getAttribute('data-count')).toBe('1')
      await queue.search(samples[1].passportNumber.toLowerCase())
      await expect.poll(() => queue.items().count()).toBe(1)
      expect(await queue.items().first().textContent()).toContain('passport-2')
      await queue.search(samples[2].name)
      await expect.poll(() => queue.items().first().textContent()).toContain('passport-3')
      expect(await queue.items().count()).toBe(1)
      const statuses = (): Promise<(string | null)[]> => queue.items().evaluateAll((els) => els.map((e) => e.getAttribute('data-status')))
      await queue.search('')
      await queue.filter('rejected')
      await expect.poll(statuses).toEqual(['rejected'])
      await queue.filter('all')
      await expect.poll(statuses).toEqual(['needs_review', 'rejected', 'approved'])
    })

    it('exports all approved documents as CSV with a BOM and JSON with the corrected values, or the selection', async () => {
      const csv = await queue.export('csv')
      expect(csv.name).toMatch(/^passports-.*\.csv$/)
      expect(csv.text.charCodeAt(0)).toBe(0xfeff)
      const lines = csv.text.slice(1).trim().split('\r\n')
      expect(lines).toHaveLength(2)
      expect(lines[0]).toBe(CSV_HEADER)
      expect(lines[1]).toContain(`,${NEW_NAME},`)
      expect(lines[1]).toContain(`,${samples[0].passportNumber},`)
      expect(lines[1]).toContain(`approved,${OPERATOR},`)
      const json = JSON.parse((await queue.export('json')).text) as {
        data: { name: string; birthDate: string; passportNumber: string }
        prism_keyValueInfo: { key: string; value: string }[]
      }[]
      expect(json).toHaveLength(1)
      expect(json[0].data.name).toBe(NEW_NAME)
      expect(json[0].prism_keyValueInfo.find((k) => k.key === 'name')?.value).toBe(NEW_NAME)
      await queue.check('passport-2')
      await queue.check('passport-3')
      const selected = JSON.parse((await queue.export('json')).text) as typeof json
      expect(selected.map((o) => o.data.passportNumber)).toEqual([samples[1].passportNumber, samples[2].passportNumber])
      expect(selected[0].data.birthDate).toBe(passport2Birth)
      await audit.open()
      await expect.poll(() => audit.rows('exported').count()).toBe(3)
    })

    it('approves by mouse, and deletes a document from the review screen, keeping the deletion in the audit log', async () => {
      await queue.openQueue()
      await queue.item('passport-3').click()
      await review.approve()
      // Approving opens the next document to review; there is none left.
      await expect.poll(() => queue.item('passport-3').getAttribute('data-status')).toBe('approved')
      await expect.poll(() => review.title().count()).toBe(0)
      await queue.item('passport-3').click()
      const id = await queue.item('passport-3').getAttribute('data-id')
      await review.delete()
      await expect.poll(() => queue.items().count()).toBe(2)
      await audit.open()
      // The deletion erases the document's values from its history (its file name too): the row names its id.
      await expect
        .poll(() =>
          audit
            .rows('deleted')
            .filter({ hasText: `#${id}` })
            .count()
        )
        .toBe(1)
      expect(await audit.rows('deleted').filter({ hasText: OPERATOR }).count()).toBe(1)
    })

    it('switches the interface between English and Simplified Chinese', async () => {
      await queue.setLanguage('zh-CN')
      await expect.poll(() => queue.page.getByTestId('nav-audit').textContent()).toContain('审计记录')
      expect(await audit.rows('deleted').first().textContent()).toContain('删除')
      await queue.setLanguage('en')
      await expect.poll(() => queue.page.getByTestId('nav-audit').textContent()).toContain('Audit')
    })
  })
}
