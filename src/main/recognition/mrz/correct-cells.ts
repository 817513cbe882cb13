/** What happened to each recognised character on its way to the output, and the fixes that report it. */

import type { Token } from './correct-chars'

/** Why a character of the output differs from what was recognised. */
export type FixReason = 'lookalike' | 'class' | 'filler' | 'template' | 'length' | 'checkDigit'

/** One correction: at `at` in the corrected line, `from` (as recognised, '' if inserted) became `to` ('' if dropped). */
export interface MrzFix {
  line: 1 | 2
  at: number
  from: string
  to: string
  reason: FixReason
}

/** A recognised glyph's fate in the output: kept, changed, dropped (`out` '') or inserted (`raw` ''). */
export interface Cell {
  out: string
  raw: string
  prob: number
  reason: FixReason | null
  /** Probability that the character is really one the check digits cannot tell from it (G/6, L/1: values 10 apart). */
  blind?: number
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
      if (prev && prev.reason === c.reason && prev.at + prev.to.length === at) {
        prev.from += c.raw
        prev.to += c.out
      } else {
        fixes.push({ line, at, from: c.raw, to: c.out, reason: c.reason })
      }
    }
    at += c.out.length
  }
  return fixes
}
