import { mkdtempSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest'
import type { InvokeChannel, RequestOf, ResponseOf, Result } from '../../../src/shared/contract'
import { charRuns } from '../../../src/renderer/src/features/review/char-marks'
import { FIELD_KEYS } from '../../../src/shared/domain/fields'
import type { PassportData } from '../../../src/shared/domain/fields'
import { fromWire, toWire } from '../../../src/shared/wire'
import { generateSample } from '../../fixtures/generator'
import type { DocumentFamily, Variation } from '../../fixtures/generator'
import { countColour } from '../fixtures/pixels'
import { saveScreenshot } from '../fixtures/screenshots'
import { TARGETS } from '../fixtures/targets'
import { QueuePage } from '../pages/queue-page'
import { ReviewPage } from '../pages/review-page'
import { VerificationOperator } from '../pages/verification-operator'
import type { DocumentCost } from '../pages/verification-operator'

const OPERATOR = '核验员'
// Generated documents of known truth: clean scans, photos and worse captures, of the four Chinese families.
const BATCH: [number, Variation, DocumentFamily][] = [
  [31, 'scan', 'mainland'],
  [32, 'photo', 'mainland'],
  [33, 'blur', 'mainland'],
  [34, 'noise', 'mainland'],
  [35, 'glare', 'mainland'],
  [36, 'lowQuality', 'mainland'],
  [37, 'booklet', 'mainland'],
  [38, 'rotated', 'mainland'],
  [39, 'perspective', 'hongkong'],
  [40, 'photo', 'hongkong'],
  [41, 'scan', 'macao'],
  [42, 'photo', 'taiwan']
]

const samples = inject('samples')
const browser = TARGETS.find((t) => t.name === 'browser')

/** Call the workstation's contract over HTTP, as the browser does, to read what it stored. */
async function api<C extends InvokeChannel>(origin: string, channel: C, request: RequestOf<C>): Promise<ResponseOf<C>> {
  const res = await fetch(`${origin}/api/${channel}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: toWire(request)
  })
  const r = fromWire(await res.text()) as Result<ResponseOf<C>>
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`)
  return r.value
}

/** The marked runs of every value on screen, as `key@start:text`. */
function shownUnsure(review: ReviewPage): Promise<string[]> {
  return review.page
    .locator('[data-testid=unsure-chars]')
    .evaluateAll((els) =>
      els.map(
        (e) =>
          `${String(e.closest('[data-field]')?.getAttribute('data-field'))}@${String(e.getAttribute('data-start'))}:${String(e.textContent)}`
      )
    )
}

const mean = (xs: number[]): number => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0)

describe.skipIf(!browser)('a verification session, by keyboard only (browser, real engine)', () => {
  let queue: QueuePage
  let review: ReviewPage
  let origin: string
  let dir: string
  const truths = new Map<string, PassportData>()
  const costs: DocumentCost[] = []

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'prw-e2e-batch-'))
    const files: string[] = []
    for (const [i, [seed, variation, family]] of BATCH.entries()) {
      const s = await generateSample(seed, variation, family)
      const name = `doc-${String(i + 1).padStart(2, '0')}-${family}-${variation}.${s.truth.format === 'jpeg' ? 'jpg' : s.truth.format}`
      writeFileSync(join(dir, name), s.image)
      files.push(join(dir, name))
      truths.set(name, s.truth.data)
    }
    const page = await browser!.start()
    origin = new URL(page.url()).origin
    queue = new QueuePage(page)
    review = new ReviewPage(page)
    await queue.ready()
    await queue.setLanguage('en')
    await queue.setOperator(OPERATOR)
    await queue.importFiles(files)
    await queue.waitForRecognized(BATCH.length)
  })

  afterAll(async () => {
    await browser?.stop()
    if (dir) rmSync(dir, { recursive: true, force: true })
  })

  it('reviews the batch by keyboard alone, correcting exactly the wrong fields; a document with no flag takes one key', async () => {
    const operator = new VerificationOperator(review.page)
    let marked = 0
    // The first imported document opened by itself and took the keyboard; each approval opens the next.
    await expect.poll(() => review.focusedTestId()).toMatch(/^(field-|approve-button)/)
    while ((await review.title().count()) > 0) {
      const fileName = (await review.title().textContent())?.replace(/^#\d+ /, '') ?? ''
      const truth = truths.get(fileName)
      if (!truth) throw new Error(`not in the batch: ${fileName}`)
      // The photo taken a quarter turn off, shown upright.
      if (fileName.includes('rotated')) await saveScreenshot(review.page, 'review-upright')
      // Every character the engine is unsure of (under 90) is marked inside its value, and no other.
      const id = Number(/^#(\d+) /.exec((await review.title().textContent()) ?? '')?.[1])
      const stored = await api(origin, 'documents:get', { id })
      const unsure = FIELD_KEYS.flatMap((k) =>
        stored.fields[k] === stored.response?.data[k]
          ? (charRuns(stored.fields[k], stored.response.validation.charConfidence?.[k]) ?? [])
              .filter((r) => r.unsure)
              .map((r) => `${k}@${r.start}:${r.text}`)
          : []
      )
      await expect.poll(() => shownUnsure(review)).toEqual(unsure)
      marked += unsure.length
      costs.push(await operator.reviewAgainst(fileName, truth))
    }
    expect(costs.map((c) => c.fileName).sort()).toEqual([...truths.keys()].sort())
    // The engine reports its per-character confidence: some characters of the batch were marked.
    expect(marked).toBeGreaterThan(0)

    const flagged = costs.filter((c) => c.flagged.length > 0)
    const clean = costs.filter((c) => c.flagged.length === 0)
    const line = (label: string, cs: DocumentCost[]): string =>
      `${label.padEnd(10)} ${String(cs.length).padStart(3)} docs  ${mean(cs.map((c) => c.keystrokes))
        .toFixed(1)
        .padStart(5)} keys/doc  ` +
      `${mean(cs.map((c) => c.seconds))
        .toFixed(2)
        .padStart(5)} s/doc`
    console.log(
      [
        `[verification] ${costs.length} documents, operator ${OPERATOR}, keys sent as fast as the screen answers; ${marked} runs of unsure characters marked:`,
        ...costs.map(
          (c) =>
            `  ${c.fileName.padEnd(30)} flags ${String(c.flagged.length).padStart(2)}  wrong ${c.wrong.join(',') || '-'}` +
            `${c.silent.length ? `  UNFLAGGED ${c.silent.join(',')}` : ''}  keys ${c.keystrokes}  ${c.seconds.toFixed(2)} s`
        ),
        line('flagged', flagged),
        line('no flag', clean),
        line('all', costs)
      ].join('\n')
    )

    // A document with no flag and nothing wrong: one key approves it and opens the next.
    for (const c of clean.filter((c) => c.silent.length === 0)) expect(c.keystrokes, c.fileName).toBe(1)
    // Every approved document is right, as stored and exported.
    const approved = JSON.parse((await api(origin, 'export:json', {})).content) as { data: PassportData }[]
    expect(approved).toHaveLength(BATCH.length)
    const byNumber = new Map([...truths.values()].map((t) => [t.passportNumber, t]))
    for (const doc of approved) expect(doc.data).toEqual(byNumber.get(doc.data.passportNumber))
    // Exactly the wrong fields were corrected: the audit's edits name those fields and no other.
    const edits = await api(origin, 'audit:list', { type: 'field_edited', limit: 5000 })
    const list = await api(origin, 'documents:list', { limit: 1000 })
    for (const c of costs) {
      const id = list.items.find((d) => d.fileName === c.fileName)?.id
      const edited = new Set(edits.filter((e) => e.documentId === id).map((e) => e.field))
      expect([...edited].sort(), c.fileName).toEqual([...c.wrong].sort())
    }
  })

  it('counts the session in the operator figures, on the statistics view and in the audit CSV', async () => {
    await review.page.getByTestId('nav-stats').click()
    const row = review.page.locator(`[data-testid=stats-row][data-operator="${OPERATOR}"]`)
    await expect.poll(() => row.locator('[data-col=documents]').textContent()).toBe(String(BATCH.length))
    const corrected = costs.reduce((n, c) => n + c.wrong.length, 0)
    expect(await row.locator('[data-col=fieldsCorrected]').textContent()).toBe(String(corrected))
    expect(Number(await row.locator('[data-col=documentsPerHour]').textContent())).toBeGreaterThan(0)
    await saveScreenshot(review.page, 'statistics')
    const [download] = await Promise.all([review.page.waitForEvent('download'), review.page.getByTestId('export-audit-figures').click()])
    const { readFile } = await import('node:fs/promises')
    const text = await readFile(await download.path(), 'utf8')
    const [header, first] = text.slice(1).split('\r\n')
    expect(header).toBe('operator,day,documents,approved,rejected,fieldsCorrected,secondsPerDocument,documentsPerHour')
    expect(first).toMatch(
      new RegExp(`^${OPERATOR},\\d{4}-\\d{2}-\\d{2},${BATCH.length},${BATCH.length},0,${corrected},\\d+\\.\\d,\\d+\\.\\d$`)
    )
  })

  it('decides the engine’s MRZ corrections with F2 and F4, and picks the printed or the MRZ reading by key', async () => {
    // The global sample of seed 2, whose line 1 the engine corrected (a 0 in the name taken for O).
    await queue.openQueue()
    await queue.importFiles([samples[0].file])
    await queue.waitForRecognized(BATCH.length + 1)
    await queue.item('passport-1').click()
    await expect.poll(() => review.title().textContent()).toContain('passport-1')
    const proposals = review.corrections('mrzLine1')
    await expect.poll(() => proposals.count()).toBeGreaterThan(0)
    const line1 = await review.field('mrzLine1').inputValue()
    await review.field('mrzLine1').focus()
    await proposals.last().scrollIntoViewIfNeeded()
    await saveScreenshot(review.page, 'review-proposal')
    // F4 puts the first correction back to what was read; F2 then acts on the next one still open.
    await review.page.keyboard.press('F4')
    await expect.poll(() => proposals.first().getAttribute('data-decision')).toBe('undone')
    const undone = await review.field('mrzLine1').inputValue()
    expect([...undone].filter((ch, i) => ch !== line1[i])).toHaveLength(1)
    if ((await proposals.count()) > 1) {
      await review.page.keyboard.press('F2')
      await expect.poll(() => proposals.nth(1).getAttribute('data-decision')).toBe('accepted')
      expect(await review.field('mrzLine1').inputValue()).toBe(undone)
    }
    // Accepting the first again brings the engine's line back.
    await proposals.first().getByTestId('proposal-accept').click()
    await expect.poll(() => review.field('mrzLine1').inputValue()).toBe(line1)
    expect(await proposals.first().getAttribute('data-decision')).toBe('accepted')

    // The printed birth date misread against the MRZ: both readings side by side, as the operator types; F4 takes
    // the MRZ's.
    const birth = await review.field('birthDate').inputValue()
    const misread = birth.slice(0, 8) + (birth.endsWith('11') ? '12' : '11')
    const choice = review.page.getByTestId('choice-birthDate')
    await review.type('birthDate', misread)
    await expect.poll(() => choice.getByTestId('choice-mrz').textContent()).toContain(birth)
    expect(await choice.getByTestId('choice-printed').textContent()).toContain(misread)
    await saveScreenshot(review.page, 'review-disagreement')
    await review.page.keyboard.press('F4')
    await expect.poll(() => review.field('birthDate').inputValue()).toBe(birth)
    await expect.poll(() => choice.count()).toBe(0)
    // F2 keeps the print instead and writes it into the MRZ, its check digits recomputed; both are saved.
    await review.type('birthDate', misread)
    await expect.poll(() => choice.count()).toBe(1)
    await review.page.keyboard.press('F2')
    await expect.poll(() => choice.count()).toBe(0)
    expect(await review.field('birthDate').inputValue()).toBe(misread)
    expect(await review.mrzCheck('birthDate').getAttribute('data-holds')).toBe('true')
    expect(await review.mrzCheck('composite').getAttribute('data-holds')).toBe('true')
    const edited = review.historyRows().filter({ hasText: `birthDate: ${birth} → ${misread}` })
    await expect.poll(() => edited.count()).toBe(1)
  })

  it('shows the photo as taken with F8 and the page upright again, and a snippet of the print beside every field', async () => {
    // passport-1 was photographed a quarter turn off (the engine's angle 270): upright, its number box lies flat.
    const viewport = review.page.getByTestId('canvas-viewport')
    const numberBox = async (): Promise<{ width: number; height: number }> => {
      const b = await review.box('passportNumber').boundingBox()
      if (!b) throw new Error('no passport number box on screen')
      return b
    }
    expect(await viewport.getAttribute('data-view')).toBe('page')
    // (An element's box on screen bounds its own bounds as transformed: a little larger than the box itself.)
    const flat = await numberBox()
    expect(flat.width).toBeGreaterThan(1.5 * flat.height)
    await review.page.keyboard.press('F8')
    await expect.poll(() => viewport.getAttribute('data-view')).toBe('photo')
    const taken = await numberBox()
    expect(taken.height).toBeGreaterThan(1.5 * taken.width)
    await review.page.keyboard.press('F8')
    await expect.poll(() => viewport.getAttribute('data-view')).toBe('page')
    // Every field has its snippet; the number's shows its print: dark ink on the light page, wider than high.
    for (const key of FIELD_KEYS) await expect.poll(() => review.page.getByTestId(`field-snippet-${key}`).count()).toBe(1)
    const snippet = review.page.getByTestId('field-snippet-passportNumber')
    expect(await snippet.getAttribute('data-empty')).toBe('false')
    await snippet.scrollIntoViewIfNeeded()
    const size = await snippet.boundingBox()
    expect(size && size.width > 3 * size.height).toBe(true)
    expect(await countColour(review.page, snippet, [40, 40, 40], 120)).toBeGreaterThan(40)
  })

  it('sorts the queue by what needs attention: documents to review, most flagged first', async () => {
    await queue.importFiles([samples[1].file, samples[2].file])
    await queue.waitForRecognized(BATCH.length + 3)
    const order = (): Promise<{ status: string | null; flagged: number }[]> =>
      queue
        .items()
        .evaluateAll((els) => els.map((e) => ({ status: e.getAttribute('data-status'), flagged: Number(e.getAttribute('data-flagged')) })))
    // Newest first, the three waiting documents (the last imported) lead in import order, whatever their flags.
    const waiting = (await order()).filter((d) => d.status === 'needs_review')
    expect(waiting).toHaveLength(3)
    const mostFlaggedFirst = [...waiting].sort((a, b) => b.flagged - a.flagged)
    await review.page.getByTestId('queue-sort').selectOption('attention')
    await expect.poll(async () => (await order()).slice(0, 3)).toEqual(mostFlaggedFirst)
    expect((await order()).slice(3).every((d) => d.status === 'approved')).toBe(true)
  })
})
