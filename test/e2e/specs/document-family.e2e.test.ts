import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { generateSample } from '../../fixtures/generator'
import { saveScreenshot } from '../fixtures/screenshots'
import { TARGETS } from '../fixtures/targets'
import { QueuePage } from '../pages/queue-page'
import { ReviewPage } from '../pages/review-page'

// A synthetic foreign page (no Chinese text) whose MRZ the engine reads as not Chinese.
const FOREIGN_SEED = 3

for (const target of TARGETS) {
  if (target.missing) console.warn(`[e2e] SKIPPED the ${target.name} run of the document family suite: ${target.missing}.`)

  // A passport of another state in a Chinese passport workstation: the operator must see it at once.
  describe.skipIf(target.missing !== null)(`the review of a foreign passport (${target.name})`, () => {
    let queue: QueuePage
    let review: ReviewPage
    let dir: string
    let file: string

    beforeAll(async () => {
      dir = mkdtempSync(join(tmpdir(), 'prw-e2e-foreign-'))
      const sample = await generateSample(FOREIGN_SEED, 'rotated', 'foreign')
      file = join(dir, `foreign-1.${sample.truth.format === 'jpeg' ? 'jpg' : sample.truth.format}`)
      writeFileSync(file, sample.image)
      const page = await target.start()
      queue = new QueuePage(page)
      review = new ReviewPage(page)
      await queue.ready()
      await queue.setLanguage('en')
    })

    afterAll(async () => {
      await target.stop()
      if (dir) rmSync(dir, { recursive: true, force: true })
    })

    it('shows a banner that it is not a Chinese passport and only its MRZ was read, in both languages', async () => {
      await queue.importFiles([file])
      await queue.waitForRecognized(1)
      await queue.item('foreign-1').click()
      const family = review.documentFamily()
      await expect.poll(() => family.getAttribute('data-family')).toBe('foreign')
      expect(await family.getAttribute('role')).toBe('alert')
      expect(await family.textContent()).toMatch(/Foreign passport \([A-Z]{1,3}\) — only the MRZ was read/)
      expect(await review.flags('countryCode').allTextContents()).toContain('Not a Chinese passport')
      // A foreign page prints no Chinese name: its empty name is right, not a problem.
      expect(await review.flags('name').allTextContents()).toEqual([])
      await saveScreenshot(review.page, 'review-foreign')
      await queue.setLanguage('zh-CN')
      await expect.poll(() => family.textContent()).toMatch(/外国护照（[A-Z]{1,3}）——仅读取机读区/)
      // Each correction the engine made, if any, is listed under its line in the interface's language.
      for (const note of await review.corrections('mrzLine2').allTextContents()) expect(note).toMatch(/^第 2 行第 \d+ 位/)
      await queue.setLanguage('en')
      // The switch re-renders asynchronously: wait for it before reading the notes.
      await expect.poll(() => family.textContent()).toMatch(/Foreign passport/)
      for (const note of await review.corrections('mrzLine2').allTextContents()) expect(note).toMatch(/^Line 2, position \d+: /)
    })
  })
}
