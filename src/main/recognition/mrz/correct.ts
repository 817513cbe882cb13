/**
 * The OCR-side MRZ reader: recognised lines in, two TD3 lines out, with every change and its proof. It knows
 * ICAO 9303 only; a family's rules come in as a narrower template (recognition/families).
 */

import { checkDigitHolds, line2Checks, TD3_LINE2 } from '../../../shared/domain/mrz'
import type { MrzChecks } from '../../../shared/domain/response'
import type { Cell, MrzFix } from './correct-cells'
import { collectFixes } from './correct-cells'
import type { OcrChar } from './correct-chars'
import { tokenize } from './correct-chars'
import type { Line1Prior, Line1Repair } from './correct-line1'
import { repairLine1 } from './correct-line1'
import type { Line2Problem } from './correct-line2'
import { repairLine2 } from './correct-line2'
import type { Td3Template, TemplateSlot } from './template'
import { GENERAL_TD3, slotFits } from './template'

export type { CheckName, FixReason, MrzFix } from './correct-cells'
export type { CharCandidate, OcrChar } from './correct-chars'

/** One recognised line; `chars[i]` describes `text[i]` (used only when the lengths agree). */
export interface MrzOcrLine {
  text: string
  chars?: readonly OcrChar[]
  /**
   * A second reading of the same 44 cells, independent of this one (the glyph matcher's, for a recogniser's
   * line): the probability it gives `char` in cell `position`.
   */
  second?: (char: string, position: number) => number
}

/** The MRZ's fields, for per-field confidence. */
export type MrzFieldName =
  | 'documentCode'
  /** The code's first letter alone: P on every passport. */
  | 'documentKind'
  | 'issuingState'
  | 'name'
  | 'passportNumber'
  | 'nationality'
  | 'birthDate'
  | 'sex'
  | 'expiryDate'
  | 'personalNumber'

/**
 * What could not be repaired; any of them means a person should look. CHECK_DIGIT_GUESSED: a check digit nothing
 * legible was read for was filled in from its field, so it holds by construction and vouches for nothing (a line
 * read one cell out of step had both its checks made up this way and came out valid).
 */
export type MrzProblem = Line1Repair['problems'][number] | Line2Problem | 'CHECK_DIGIT_GUESSED'

/** Corrected lines (always 44 characters), their checks, confidences (0–1), fixes and problems. */
export interface MrzCorrection {
  line1: string
  line2: string
  checks: MrzChecks
  /** Every check digit holds and nothing was left unrepaired. */
  valid: boolean
  /** Mean probability of each output line's characters (0 for characters nothing legible was read for). */
  prob1: number
  prob2: number
  confidence: Record<MrzFieldName, number>
  /**
   * Per character of each output line, how sure it is (0–1): as read on line 1 and in line 2's unguarded fields,
   * vouched for by a holding check digit (against all but its twins) or halved by a failing one.
   */
  chars: [number[], number[]]
  fixes: MrzFix[]
  problems: MrzProblem[]
}

// A holding check digit lets about one error in ten through; a failing one halves our trust.
const CHECK_RESIDUAL = 0.1
const FAILED_CHECK_FACTOR = 0.5
// A field the check digits had to repair, or read against its family's rule, is a proposal for a person to
// confirm, however well it holds now.
const REPAIRED_CAP = 0.85
/** Line 2's check digits: the number's, the birth date's, the expiry's, the personal number's, the composite. */
const CHECK_DIGITS = [9, 19, 27, 42, 43]
/** A check digit surer than this was read, not guessed: the repair search offers an unread cell's digits at 0.02. */
const READ_DIGIT = 0.05

/** Letters drawn like the digit the check digits cannot tell them from (S = 28 and 8, G = 16 and 6). */
const DRAWN_TWINS = new Set(['S', 'G'])
/** How much of such a letter among digits may be its digit: enough to leave the field a proposal. */
const DRAWN_TWIN_BLIND = 0.15

/** Is line 2's character `i` a drawn twin letter with a digit on each side? */
const amidDigits = (line: string, i: number): boolean =>
  DRAWN_TWINS.has(line[i]) && /\d/.test(line[i - 1] ?? '') && /\d/.test(line[i + 1] ?? '')

/** Per output character, the probability of what it says. */
const positionProbs = (cells: readonly Cell[]): number[] => cells.flatMap((c) => [...c.out].map(() => c.prob))

const mean = (xs: readonly number[]): number => (xs.length === 0 ? 0 : xs.reduce((s, x) => s + x, 0) / xs.length)

const round = (x: number): number => Math.round(x * 1000) / 1000

// A field whose check digit holds as well with two or more look-alikes swapped cannot be told from that reading.
const SWAPS_CAP = 0.8
/** Look-alikes in OCR-B that a slot allowing both tells apart by shape alone (O 24 and 0: three swaps cancel). */
const SHAPE_PAIRS = ['O0', 'D0', 'Q0', 'I1', 'B8', 'S5', 'Z2', 'G6']
/** A cell read at least this surely is not swapped. */
const SWAP_SURE = 0.97
/** More swappable cells than this is no reading worth trusting anyway; it is not searched. */
const MAX_SWAP_COMBINATIONS = 4096

/**
 * Does the field [from, to) (its check digit last) hold its check digit just as well with two or more of its
 * unsure cells swapped for their look-alikes? One swap changes the check (or the twins rule catches it); several can cancel:
 * O for 0 at weights 7, 1 and 7 adds 360.
 */
function shapeSwapsHold(
  line: string,
  probs: readonly number[],
  from: number,
  to: number,
  slots: readonly TemplateSlot[],
  also: (field: string) => boolean = () => true
): boolean {
  const options = Array.from({ length: to - 1 - from }, (_, k) => {
    const ch = line[from + k]
    // A cell read surely is no candidate for a swap.
    if (probs[from + k] >= SWAP_SURE) return [ch]
    const alts = SHAPE_PAIRS.filter((p) => p.includes(ch)).map((p) => p.replace(ch, ''))
    return [ch, ...alts.filter((a) => slotFits(a, slots[from + k]))]
  })
  const combos = options.reduce((n, o) => n * o.length, 1)
  if (combos > MAX_SWAP_COMBINATIONS) return true
  const field = [...line.slice(from, to - 1)]
  const digit = line[to - 1]
  const optional = from === TD3_LINE2.personalNumber[0]
  const search = (k: number, swaps: number): boolean => {
    if (k === options.length) return swaps >= 2 && checkDigitHolds(field.join(''), digit, optional) && also(field.join(''))
    for (const [i, c] of options[k].entries()) {
      field[k] = c
      if (search(k + 1, swaps + (i > 0 ? 1 : 0))) return true
    }
    field[k] = options[k][0]
    return false
  }
  return search(0, 0)
}

/**
 * Per character, its probability once the second reading is heard: where that reading gives the same character
 * its best, both would have to be wrong the same way; elsewhere the first reading stands alone.
 */
function seconded(probs: number[], text: string, second: MrzOcrLine['second']): number[] {
  if (!second) return probs
  return probs.map((p, i) => {
    const q = second(text[i], i)
    return q >= SECOND_AGREES ? Math.min(SECONDED_MAX, 1 - (1 - p) * (1 - q)) : p
  })
}

/** The second reading names the character as its best (its alphabet's most probable). */
const SECOND_AGREES = 0.5
/** Small letters in a line's reading that make it print, not an MRZ; and how sure anything read from it can then be. */
const PROSE_LETTERS = 3
const PROSE_CAP = 0.5
/** The glyph matcher's probability for a cell's character that puts it in its place beside a dropped one. */
const PLACED_BY_GLYPHS = 0.9
/** Two readings agreeing are still two readings. */
const SECONDED_MAX = 0.995

/** Lexicographic order on the keys (smaller first): fewest problems, then fewest repairs, then most probable. */
function best<T extends { cells: Cell[]; problems: readonly string[] }>(repairs: readonly T[]): T {
  const key = (r: T): number[] => [
    r.problems.length,
    r.cells.filter((c) => c.reason === 'checkDigit').length,
    r.cells.filter((c) => c.reason !== null && c.reason !== 'lookalike').length,
    -mean(positionProbs(r.cells))
  ]
  const compare = (a: number[], b: number[]): number => a.map((x, i) => x - b[i]).find((d) => d !== 0) ?? 0
  return [...repairs].sort((a, b) => compare(key(a), key(b)))[0]
}

/**
 * An identity-card number that a family's passports carry at the start of the optional data, with a check
 * character of its own: a second check over those cells, independent of ICAO's.
 */
export interface IdentityNumberRule {
  /** Does the optional data (14 characters) hold such a number, its check character holding, then fillers? */
  holds: (optional: string) => boolean
}

/** What a family adds to ICAO's format: narrower slots, what it knows of line 1's name and of the optional data. */
export interface MrzPrior {
  template: Td3Template
  line1?: Line1Prior
  identity?: IdentityNumberRule
}

/**
 * Read and repair both MRZ lines. Each line may come as several readings (say the whole line and two halves
 * merged): each is repaired and the one needing the fewest repairs wins.
 */
export function correctMrz(
  line1: MrzOcrLine | readonly MrzOcrLine[],
  line2: MrzOcrLine | readonly MrzOcrLine[],
  prior: MrzPrior = { template: GENERAL_TD3 }
): MrzCorrection {
  const readings = (x: MrzOcrLine | readonly MrzOcrLine[]): readonly MrzOcrLine[] => ('text' in x ? [x] : x)
  const one = best(readings(line1).map((r) => ({ ...repairLine1(tokenize(r.text, r.chars), prior.template.line1, prior.line1), r })))
  const two = best(readings(line2).map((r) => ({ ...repairLine2(tokenize(r.text, r.chars), prior.template.line2), r })))
  const text1 = one.cells.map((c) => c.out).join('')
  const text2 = two.cells.map((c) => c.out).join('')
  const checks = line2Checks(text2)
  const p1 = seconded(positionProbs(one.cells), text1, one.r.second)
  const p2 = seconded(positionProbs(two.cells), text2, two.r.second)
  const least = (p: number[], from: number, to: number): number => (to > from ? Math.min(...p.slice(from, to)) : 0)
  // A twin the check digit cannot tell must fool the second reading too, except a letter drawn like its digit twin
  // standing among digits (S for 8 under glare): both readings may take it, and the number's shape says otherwise.
  const blind = two.cells
    .flatMap((c) => [...c.out].map(() => c.blind ?? 0))
    .map((b, i) => Math.max(b * (1 - (two.r.second?.(text2[i], i) ?? 0)), amidDigits(text2, i) ? DRAWN_TWIN_BLIND : 0))
  // Repaired by a check digit, or read against the family's rule: either way a proposal for a person to confirm.
  const repaired = two.cells.flatMap((c) => [...c.out].map(() => c.reason === 'checkDigit' || c.against !== undefined))
  // Beside a character the reading dropped or doubled, the cells were put in place by the line's structure, not read
  // there: a '<' and a 0 (twins) may have traded places across the gap ('<06' read '<<6', its 6 then unread), and
  // so may any twin along the filler run the gap is in ('<<00' read '<0', the fillers put back before the 0). The
  // glyph matcher reads each cell where the grid puts it, not along the recogniser's sequence: its surely naming a
  // cell's character settles that cell's place.
  const placed = (k: number): boolean => (two.r.second?.(text2[k], k) ?? 0) >= PLACED_BY_GLYPHS
  const shaky = new Set<number>()
  let at = 0
  // Where the cells put back in a row began.
  let gap = -1
  for (const c of two.cells) {
    const putBack = c.reason === 'length' || (c.raw === '' && c.out !== '')
    if (putBack) {
      let [from, to] = [at, at + c.out.length]
      for (let k = from - 1; k <= to; k++) if (!placed(k)) shaky.add(k)
      while (text2[from - 1] === '<') from--
      while (text2[to] === '<') to++
      for (let k = from - 1; k <= to; k++) if ((text2[k] === '<' || text2[k] === '0') && !placed(k)) shaky.add(k)
      if (gap < 0 && c.out !== '') gap = at
      // Several cells put back among the fixed fields: a field was lost whole (under a thumb), and what was read
      // after it took the places the line's form gave it; a birth date and an expiry are alike in form, and either
      // may be the one read.
      if (gap >= 0 && gap < TD3_LINE2.personalNumber[0] && at + c.out.length - gap > 1)
        for (let k = gap; k < text2.length; k++) if (!placed(k)) shaky.add(k)
    } else if (c.out !== '') gap = -1
    at += c.out.length
  }
  // A holding check digit vouches for a character except against look-alikes it cannot tell apart.
  const groups: [number, number, boolean | null][] = [
    [0, 10, checks.passportNumber],
    [13, 20, checks.birthDate],
    [21, 28, checks.expiryDate],
    [28, 43, checks.personalNumber]
  ]
  // The optional data holding a family's identity number, its own check and then fillers: a misread there must fool
  // both checks, and a twin ICAO's digit cannot tell ('<' for 0, A for 0) breaks the number's shape or its check.
  const [optionalFrom, optionalTo] = TD3_LINE2.personalNumber
  const identity = prior.identity
  // Two checks vouch for two changes at most.
  const identityHolds =
    identity !== undefined &&
    checks.personalNumber === true &&
    two.problems.length === 0 &&
    repaired.slice(optionalFrom, optionalTo).filter(Boolean).length <= 2 &&
    identity.holds(text2.slice(optionalFrom, optionalTo))
  const twice = (i: number): boolean => identityHolds && i >= optionalFrom && i < optionalTo
  const chars2 = p2.map((p, i) => {
    const group = groups.find(([from, to]) => i >= from && i < to)
    if (!group) return p
    if (group[2] !== true) return p * FAILED_CHECK_FACTOR
    if (twice(i)) return 1 - (1 - p) * CHECK_RESIDUAL * CHECK_RESIDUAL
    const vouched = 1 - Math.max(0, 1 - p - blind[i]) * CHECK_RESIDUAL - blind[i]
    return repaired[i] || shaky.has(i) ? Math.min(vouched, REPAIRED_CAP) : vouched
  })
  const checked = (from: number, to: number, holds: boolean | null): number => {
    if (holds !== true) return least(p2, from, to) * FAILED_CHECK_FACTOR
    const sure = Math.min(...chars2.slice(from, to))
    if (repaired.slice(from, to).some((r, k) => r && !twice(from + k))) return Math.min(sure, REPAIRED_CAP)
    const also = from === optionalFrom && identityHolds ? identity.holds : undefined
    return shapeSwapsHold(text2, p2, from, to, prior.template.line2, also) ? Math.min(sure, SWAPS_CAP) : sure
  }
  const nameTrust = one.problems.includes('NAME_SEPARATOR') ? FAILED_CHECK_FACTOR : 1
  const confidence: Record<MrzFieldName, number> = {
    documentCode: least(p1, 0, 2),
    documentKind: least(p1, 0, 1),
    issuingState: least(p1, 2, 5),
    name: least(p1, 5, 5 + one.nameLength) * nameTrust,
    passportNumber: checked(0, 10, checks.passportNumber),
    nationality: least(p2, 10, 13),
    birthDate: checked(13, 20, checks.birthDate),
    sex: least(p2, 20, 21),
    expiryDate: checked(21, 28, checks.expiryDate),
    personalNumber: checked(28, 43, checks.personalNumber)
  }
  // Small letters are no MRZ's (OCR-B has capitals, digits and '<' only): lines read with several are print taken
  // for the zone (a caption's words, where a thumb hid it), whatever check digit holds by chance.
  const prose = [one.cells, two.cells].some((cells) => cells.reduce((n, c) => n + (c.raw.match(/[a-z]/g)?.length ?? 0), 0) >= PROSE_LETTERS)
  for (const k of Object.keys(confidence) as MrzFieldName[])
    confidence[k] = round(prose ? Math.min(confidence[k], PROSE_CAP) : confidence[k])
  const problems: MrzProblem[] = [...one.problems, ...two.problems]
  if (two.problems.length === 0 && CHECK_DIGITS.some((i) => p2[i] < READ_DIGIT)) problems.push('CHECK_DIGIT_GUESSED')
  return {
    line1: one.cells.map((c) => c.out).join(''),
    line2: text2,
    checks,
    valid: problems.length === 0 && Object.values(checks).every((c) => c === true),
    prob1: round(mean(p1)),
    prob2: round(mean(p2)),
    confidence,
    chars: [p1.map(round), chars2.map(round)],
    fixes: [...collectFixes(1, one.cells), ...collectFixes(2, two.cells)],
    problems
  }
}
