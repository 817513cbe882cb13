/**
 * The OCR-side MRZ corrector against published specimen MRZs of many states: a general ICAO 9303 reader must give
 * back what was printed, repair only what the recogniser and the check digits both point to, and never make a line
 * valid by inventing characters.
 */

import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { line2Checks } from '../../../../src/shared/domain/mrz'
import { parseMrz } from '../../../../src/shared/domain/mrz-parse'
import type { MrzFieldName, MrzOcrLine, OcrChar } from '../../../../src/main/recognition/mrz/correct'
import { correctMrz } from '../../../../src/main/recognition/mrz/correct'
import type { MrzSpecimen } from '../../../fixtures/mrz-specimens'
import { MRZ_SPECIMENS } from '../../../fixtures/mrz-specimens'

const SURE = 0.99
const MISREAD = 0.6
const RUNNER_UP = 0.3
/** Below this a field is flagged for a person to look at. */
const TRUSTED = 0.9

/** A reading whose every character is sure and has no alternative. */
function clean(text: string): MrzOcrLine {
  return { text, chars: [...text].map((char): OcrChar => ({ char, prob: SURE, alts: [] })) }
}

/** `text` with some positions read as other characters; each entry says how sure and what else was offered. */
function reading(text: string, at: ReadonlyMap<number, OcrChar>): MrzOcrLine {
  const chars = [...text].map((char, i): OcrChar => at.get(i) ?? { char, prob: SURE, alts: [] })
  return { text: chars.map((c) => c.char).join(''), chars }
}

const replaceAt = (s: string, i: number, c: string): string => s.slice(0, i) + c + s.slice(i + 1)

const allHold = (line2: string): boolean => Object.values(line2Checks(line2)).every((c) => c === true)

/** Line 2 positions some check digit covers: number + check, birth + check, expiry + check, optional data + check. */
const CHECKED: readonly number[] = [...range(0, 10), ...range(13, 20), ...range(21, 43)]

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, i) => from + i)
}

/** The field whose confidence answers for a checked position of line 2. */
function fieldAt(i: number): MrzFieldName {
  if (i < 10) return 'passportNumber'
  if (i < 20) return 'birthDate'
  if (i < 28) return 'expiryDate'
  return 'personalNumber'
}

/** ICAO 9303 slots: the dates and the check digits are numeric; the number and the optional data are not. */
const NUMERIC = new Set([9, ...range(13, 20), ...range(21, 28), 43])
const fitsSlot = (i: number, c: string): boolean => (NUMERIC.has(i) ? /^\d$/.test(c) : /^[A-Z0-9<]$/.test(c))

// Look-alikes in OCR-B that the corrector claims to repair; '<' and 'K' are read for each other in filler runs.
const CONFUSIONS: readonly (readonly [string, string])[] = [
  ['O', '0'],
  ['D', '0'],
  ['I', '1'],
  ['B', '8'],
  ['S', '5'],
  ['Z', '2'],
  ['G', '6'],
  ['<', 'K']
]

/** What `truth` is misread as, in either direction of each confusion. */
function misreadsOf(truth: string): string[] {
  return CONFUSIONS.flatMap(([a, b]) => (truth === a ? [b] : truth === b ? [a] : []))
}

/**
 * True when the check digits cannot tell `bad` from the specimen's line 2: every digit still holds and the line is no
 * less well formed (values 10 apart, like '<'/'K', 'G'/'6' or 'A'/'0', leave every weighted sum unchanged mod 10).
 */
function checksCannotTell(s: MrzSpecimen, bad: string): boolean {
  if (!allHold(bad)) return false
  const before = parseMrz(s.line1, s.line2).invalid
  return parseMrz(s.line1, bad).invalid.every((p) => before.includes(p))
}

interface Confusion {
  s: MrzSpecimen
  at: number
  truth: string
  misread: string
}

const CASES: readonly Confusion[] = MRZ_SPECIMENS.flatMap((s) =>
  CHECKED.flatMap((at) => misreadsOf(s.line2[at]).map((misread) => ({ s, at, truth: s.line2[at], misread })))
)
const name = (c: Confusion): string => `${c.s.state} ${c.s.line2}: [${c.at}] '${c.truth}' read as '${c.misread}'`
const misreadLine = (c: Confusion): MrzOcrLine =>
  reading(c.s.line2, new Map([[c.at, { char: c.misread, prob: MISREAD, alts: [{ char: c.truth, prob: RUNNER_UP }] }]]))
// Told apart: by the slot's class (a letter in a date) or by a check digit that no longer holds.
const TOLD_APART = CASES.filter((c) => !checksCannotTell(c.s, replaceAt(c.s.line2, c.at, c.misread)))
const UNTOLD = CASES.filter((c) => checksCannotTell(c.s, replaceAt(c.s.line2, c.at, c.misread)))

const bySpecimen = MRZ_SPECIMENS.map((s) => [`${s.state} ${s.line2}`, s] as const)

describe('correctMrz on published specimens', () => {
  it.each(bySpecimen)('%s: a clean reading comes back unchanged, valid, without fixes', (_, s) => {
    const r = correctMrz(clean(s.line1), clean(s.line2))
    expect(r.line1).toBe(s.line1)
    expect(r.line2).toBe(s.line2)
    expect(r.fixes).toEqual([])
    expect(r.valid).toBe(true)
  })

  it.each(bySpecimen)('%s: document code, issuing state, number and nationality are read, not assumed', (_, s) => {
    const r = correctMrz(clean(s.line1), clean(s.line2))
    expect(r.line1.slice(0, 5)).toBe(s.line1.slice(0, 5))
    expect(r.line2.slice(0, 10)).toBe(s.line2.slice(0, 10))
    expect(r.line2.slice(10, 13)).toBe(s.line2.slice(10, 13))
  })

  it('never rewrites a foreign reading to the mainland template, whatever is misread in line 2', () => {
    const foreign = MRZ_SPECIMENS.filter((s) => !s.line1.startsWith('POCHN'))
    fc.assert(
      fc.property(fc.constantFrom(...foreign), fc.constantFrom(...CHECKED), (s, at) => {
        const truth = s.line2[at]
        const wrong = truth === '7' ? '1' : '7'
        const r = correctMrz(
          clean(s.line1),
          reading(s.line2, new Map([[at, { char: wrong, prob: MISREAD, alts: [{ char: truth, prob: RUNNER_UP }] }]]))
        )
        expect(r.line1.slice(0, 2)).toBe(s.line1.slice(0, 2))
        expect(r.line1.slice(2, 5)).toBe(s.line1.slice(2, 5))
        expect(r.line2.slice(10, 13)).toBe(s.line2.slice(10, 13))
        if (s.line2[0] !== 'E') expect(r.line2[0]).not.toBe('E')
      }),
      { numRuns: 200, seed: 9303 }
    )
  })

  describe('single look-alike misreads with the truth as runner-up', () => {
    it('the vectors cover every confusion, both told apart and not', () => {
      expect(new Set(TOLD_APART.map((c) => `${c.truth}${c.misread}`)).size).toBeGreaterThanOrEqual(12)
      expect(UNTOLD.length).toBeGreaterThan(0)
    })

    it.each(TOLD_APART.map((c) => [name(c), c] as const))('%s: repaired to the specimen', (_, c) => {
      const r = correctMrz(clean(c.s.line1), misreadLine(c))
      expect(r.line1).toBe(c.s.line1)
      expect(r.line2).toBe(c.s.line2)
      expect(r.valid).toBe(true)
    })

    it.each(UNTOLD.map((c) => [name(c), c] as const))('%s: check digits cannot tell, so not silently valid', (_, c) => {
      const r = correctMrz(clean(c.s.line1), misreadLine(c))
      expect(!r.valid || r.confidence[fieldAt(c.at)] < TRUSTED).toBe(true)
    })
  })

  describe('no invented corrections', () => {
    const alphabet = [...'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<']

    it('a sure, unexplained wrong character that breaks a check digit is not made valid as anything but the truth', () => {
      fc.assert(
        fc.property(fc.constantFrom(...MRZ_SPECIMENS), fc.constantFrom(...CHECKED), fc.constantFrom(...alphabet), (s, at, c) => {
          fc.pre(c !== s.line2[at] && fitsSlot(at, c))
          const bad = replaceAt(s.line2, at, c)
          fc.pre(!allHold(bad))
          const r = correctMrz(clean(s.line1), reading(s.line2, new Map([[at, { char: c, prob: SURE, alts: [] }]])))
          expect(!r.valid || r.line2 === s.line2).toBe(true)
        }),
        { numRuns: 300, seed: 44 }
      )
    })

    const FIELDS: readonly (readonly [number, number])[] = [
      [0, 9],
      [13, 19],
      [21, 27],
      [28, 42]
    ]

    it('two sure wrong characters in one check-digit field never come out valid', () => {
      fc.assert(
        fc.property(
          fc.constantFrom(...MRZ_SPECIMENS),
          fc.constantFrom(...FIELDS),
          fc.nat(),
          fc.nat(),
          fc.constantFrom(...alphabet),
          fc.constantFrom(...alphabet),
          (s, [from, to], p, q, c1, c2) => {
            const i = from + (p % (to - from))
            const j = from + (q % (to - from))
            fc.pre(i !== j && c1 !== s.line2[i] && c2 !== s.line2[j] && fitsSlot(i, c1) && fitsSlot(j, c2))
            const bad = replaceAt(replaceAt(s.line2, i, c1), j, c2)
            // Two changes that keep every check digit are a different, consistent line: nothing can tell.
            fc.pre(!allHold(bad))
            const sure = (char: string): OcrChar => ({ char, prob: SURE, alts: [] })
            const r = correctMrz(
              clean(s.line1),
              reading(
                s.line2,
                new Map([
                  [i, sure(c1)],
                  [j, sure(c2)]
                ])
              )
            )
            expect(r.valid).toBe(false)
          }
        ),
        { numRuns: 300, seed: 7 }
      )
    })
  })
})
