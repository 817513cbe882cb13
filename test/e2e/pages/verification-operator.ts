import type { Page } from 'playwright-core'
import { FIELD_KEYS } from '../../../src/shared/domain/fields'
import type { FieldKey, PassportData } from '../../../src/shared/domain/fields'
import { printedFromMrz } from '../../../src/renderer/src/features/review/reading-choice'
import { ReviewPage } from './review-page'

/** What one document cost the operator. */
export interface DocumentCost {
  fileName: string
  /** Fields flagged when the document opened. */
  flagged: FieldKey[]
  /** Fields whose reading was wrong when it opened. */
  wrong: FieldKey[]
  /** Wrong fields the screen did not flag: the operator found them only by reading every field. */
  silent: FieldKey[]
  keystrokes: number
  seconds: number
}

// A runaway walk (a key that does not move the focus) stops here instead of looping.
const MAX_KEYS_PER_DOCUMENT = 400

/**
 * An operator who knows the truth of every page and reviews by keyboard only, the way the screen is built for:
 * Enter from flag to flag, a wrong value retyped (or, where the screen offers the right reading, taken with F4),
 * Enter on Approve. Wrong fields the screen did not flag are reached with Tab. Every key is counted.
 */
export class VerificationOperator {
  private readonly review: ReviewPage
  private keys = 0

  constructor(readonly page: Page) {
    this.review = new ReviewPage(page)
  }

  private async press(key: string): Promise<void> {
    if (++this.keys > MAX_KEYS_PER_DOCUMENT) throw new Error(`more than ${MAX_KEYS_PER_DOCUMENT} keys on one document`)
    await this.page.keyboard.press(key)
  }

  private async typeText(text: string): Promise<void> {
    // One key per character, as a Chinese input method commits one character at a time at best. Committed as text,
    // not as key events: Playwright's keys come faster than any person's, and an MRZ line retyped that fast with its
    // Enter is what a keyboard-wedge MRZ reader sends (features/mrz-reader/use-mrz-wedge.ts would take it for one).
    this.keys += [...text].length
    for (const ch of text) await this.page.keyboard.insertText(ch)
  }

  /** The field that has the focus, or 'approve' on the approve button. */
  private async focus(): Promise<FieldKey | 'approve' | null> {
    const id = await this.review.focusedTestId()
    if (id === 'approve-button') return 'approve'
    const key = id?.replace(/^field-/, '') as FieldKey | undefined
    return key && (FIELD_KEYS as readonly string[]).includes(key) ? key : null
  }

  /** Tab (or Shift+Tab) to a field, counting each press. */
  private async tabTo(key: FieldKey): Promise<void> {
    for (;;) {
      const at = await this.focus()
      if (at === key) return
      const back = at !== null && at !== 'approve' && FIELD_KEYS.indexOf(at) > FIELD_KEYS.indexOf(key)
      await this.press(back ? 'Shift+Tab' : 'Tab')
    }
  }

  /** Put the truth into the focused field: F4 where the screen offers exactly it, else retype it over the selection. */
  private async fix(key: FieldKey, truth: string): Promise<void> {
    const offered = this.page.getByTestId(`choice-${key}`).getByTestId('choice-mrz')
    const reading = (await offered.count()) > 0 ? await offered.locator('.reading').textContent() : null
    if (reading !== null && printedFromMrz(key, reading) === truth) {
      await this.press('F4')
      await this.waitFor(async () => (await this.review.field(key).inputValue()) === truth, `F4 on ${key}`)
    } else {
      // Focus selects the whole value (Enter's focus and Tab's alike): typing replaces it.
      await this.typeText(truth)
    }
  }

  /** Review the open document against its truth and approve it; resolves once the next one has opened. */
  async reviewAgainst(fileName: string, truth: PassportData): Promise<DocumentCost> {
    this.keys = 0
    const started = Date.now()
    const flagged = (await this.review.flaggedKeys()) as FieldKey[]
    // The screen's promise: a flagged document opens at its first flag, one with none on Approve. Until then the
    // focus may still be where the previous document left it.
    const start = flagged[0] ? `field-${flagged[0]}` : 'approve-button'
    await this.waitFor(async () => (await this.review.focusedTestId()) === start, `the keyboard at ${start}`)
    const values = Object.fromEntries(await Promise.all(FIELD_KEYS.map(async (k) => [k, await this.review.field(k).inputValue()])))
    const wrong = FIELD_KEYS.filter((k) => values[k] !== truth[k])
    const silent = wrong.filter((k) => !flagged.includes(k))
    const fixed = new Set<FieldKey>()
    const fixAt = async (k: FieldKey): Promise<void> => {
      await this.fix(k, truth[k])
      fixed.add(k)
    }
    for (;;) {
      const at = await this.focus()
      if (at === null) throw new Error(`${fileName}: the keyboard is nowhere (${await this.review.focusedTestId()})`)
      if (at === 'approve') {
        const left = wrong.filter((k) => !fixed.has(k))
        if (left.length === 0) break
        // A silent error before the first flag (or in a document with none): go back for it.
        await this.tabTo(left[0])
        continue
      }
      if (wrong.includes(at) && !fixed.has(at)) await fixAt(at)
      // Silent errors between this flag and the next are on the way: Tab to each, then Enter carries on.
      const nextFlag = FIELD_KEYS.slice(FIELD_KEYS.indexOf(at) + 1).find((k) => flagged.includes(k))
      const end = nextFlag ? FIELD_KEYS.indexOf(nextFlag) : FIELD_KEYS.length
      for (const k of silent.filter(
        (s) => !fixed.has(s) && FIELD_KEYS.indexOf(s) > FIELD_KEYS.indexOf(at) && FIELD_KEYS.indexOf(s) < end
      )) {
        await this.tabTo(k)
        await fixAt(k)
      }
      const before = await this.review.focusedTestId()
      await this.press('Enter')
      await this.waitForFocusToLeave(before)
    }
    const title = await this.review.title().textContent()
    await this.press('Enter')
    // Approving opens the next document (or none): wait for this one to go.
    await this.waitFor(
      // One read (allTextContents never waits): the title may go between two.
      async () => (await this.review.title().allTextContents())[0] !== title,
      'Enter on Approve'
    )
    return { fileName, flagged, wrong, silent, keystrokes: this.keys, seconds: (Date.now() - started) / 1000 }
  }

  private async waitForFocusToLeave(testId: string | null): Promise<void> {
    await this.waitFor(async () => (await this.review.focusedTestId()) !== testId, `Enter left the focus on ${testId}`)
  }

  /** Poll until `done` (the screen answers each key after a save round trip). */
  private async waitFor(done: () => Promise<boolean>, what = 'the key', timeoutMs = 30_000): Promise<void> {
    const deadline = Date.now() + timeoutMs
    // Notices last a few seconds: gather them while waiting, to say why the screen did not answer.
    const seen = new Set<string>()
    while (!(await done())) {
      for (const n of await this.page.locator('.notice').allTextContents()) seen.add(n)
      if (Date.now() > deadline) {
        const notices = [...seen]
        throw new Error(
          `the review screen did not answer in time: ${what} (${await this.review.title().textContent()}; notices: ${notices.join(' | ')})`
        )
      }
      await this.page.waitForTimeout(25)
    }
  }
}
