/** What happened to each recognised character on its way to the output, and the fixes that report it. */

import type { Token } from './correct-chars'

/**
 * Why a character of the output differs from what was recognised: `lookalike` a glyph outside the MRZ alphabet
 * ('«' for '<<'), `class` a character ICAO does not allow there taken for its look-alike (0 in a name),
 * `prior` a family's rule (recognition/families), `filler` a misread filler, `length` a character dropped or
 * inserted to make the line 44 long, `checkDigit` a character a check digit chose among the reading's own offers,
 * `printed` line 1's name replaced by the printed zone's (the response's last word on line 1, not the corrector's).
 */
export type FixReason = 'lookalike' | 'class' | 'prior' | 'filler' | 'length' | 'checkDigit' | 'printed'

/** Line 2's check digits, by the field each guards. */
export type CheckName = 'passportNumber' | 'birthDate' | 'expiryDate' | 'personalNumber' | 'composite'

/**
 * One correction, with its proof: at `at` (0-based) in the corrected line, `from` (as recognised, '' if inserted)
 * became `to` ('' if dropped), for `reason`; `check` names the check digit that vouched for it, `prior` the
 * family's rule, `support` the probability the reading itself gave the new character (absent when it gave none).
 */
export interface MrzFix {
  line: 1 | 2
  at: number
  from: string
  to: string
  reason: FixReason
  check?: CheckName
  prior?: string
  support?: number
}

/** A recognised glyph's fate in the output: kept, changed, dropped (`out` '') or inserted (`raw` ''). */
export interface Cell {
  out: string
  raw: string
  prob: number
  reason: FixReason | null
  /** Probability that the character is really one the check digits cannot tell from it (G/6, L/1: values 10 apart). */
  blind?: number
  check?: CheckName
  prior?: string
  support?: number
  /** Kept as read, though the family's rule so named says its passports never print that here. */
  against?: string
}

/** A cell for a token taken as is, or for a look-alike it was normalised from. */
export function tokenCell(t: Token): Cell {
  const lookalike = t.ch !== t.raw.normalize('NFKC').toUpperCase()
  return { out: t.ch, raw: t.raw, prob: t.prob, reason: lookalike ? 'lookalike' : null }
}

/** The fixes the cells record, adjacent ones of the same kind merged ('««' → '<<<<' is one fix, not four). */
export function collectFixes(line: 1 | 2, cells: readonly Cell[]): MrzFix[] {
  const fixes: MrzFix[] = []
  let at = 0
  for (const c of cells) {
    if (c.reason !== null && c.out !== c.raw.normalize('NFKC').toUpperCase()) {
      const prev = fixes.at(-1)
      const same = prev && prev.reason === c.reason && prev.check === c.check && prev.prior === c.prior && c.support === undefined
      if (prev && same && prev.support === undefined && prev.at + prev.to.length === at) {
        prev.from += c.raw
        prev.to += c.out
      } else {
        const fix: MrzFix = { line, at, from: c.raw, to: c.out, reason: c.reason }
        if (c.check) fix.check = c.check
        if (c.prior) fix.prior = c.prior
        if (c.support !== undefined) fix.support = Math.round(c.support * 1000) / 1000
        fixes.push(fix)
      }
    }
    at += c.out.length
  }
  return fixes
}
